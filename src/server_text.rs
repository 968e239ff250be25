//! Chinese for the English messages that reach the interface from elsewhere: the server's JSON
//! errors (`AppError` messages and per-field `FieldError`s) and the shared form checks in
//! `api_types` (`validate_address`, `validate_payment`, `validate_note`) that the client also
//! runs before sending. In English, and for any message not known here, the text is returned
//! unchanged.

use api_types::FieldError;

use crate::i18n::is_zh;

/// `message` in the interface language.
pub fn localize(message: &str) -> String {
    if !is_zh() {
        return message.to_string();
    }
    zh(message).unwrap_or_else(|| message.to_string())
}

/// Every field's message in the interface language.
pub fn localize_fields(fields: Vec<FieldError>) -> Vec<FieldError> {
    fields
        .into_iter()
        .map(|f| FieldError {
            message: localize(&f.message),
            ..f
        })
        .collect()
}

fn zh(message: &str) -> Option<String> {
    if let Some(text) = exact(message) {
        return Some(text.to_string());
    }
    if let Some(text) = rate_limit(message) {
        return Some(text);
    }
    TEMPLATES.iter().find_map(|(en, zh)| {
        let parts = captures(message, en)?;
        let mut out = (*zh).to_string();
        for (i, part) in parts.iter().enumerate() {
            out = out.replace(&format!("{{{i}}}"), part);
        }
        Some(out)
    })
}

/// The fixed messages.
fn exact(message: &str) -> Option<&'static str> {
    Some(match message {
        // api_types: addresses and cards.
        "Phone number is required." => "请填写手机号。",
        "Enter an 11-digit mainland mobile number, e.g. 138 0013 8000." => {
            "请输入 11 位中国大陆手机号，例如 138 0013 8000。"
        }
        "Card number is required." => "请填写卡号。",
        "This card number is not valid." => "卡号无效。",
        "Enter the expiry as MM/YY." => "请按 MM/YY 格式填写有效期。",
        "This card has expired." => "这张卡已过期。",
        "Enter the 3 or 4 digits on the back." => "请填写卡背面的 3 位或 4 位安全码。",
        // api_types: notes.
        "Give your note a title." => "给笔记加个标题吧。",
        "Add at least one photo." => "请至少添加一张图片。",
        "Pick a channel." => "请选择频道。",
        // Server: general.
        "Please correct the highlighted fields." => "请修改标出的内容。",
        "Something went wrong on our side. Please try again." => "服务器出错了，请重试。",
        "The request body is too large." => "提交的内容太大了。",
        "No such API endpoint." => "接口不存在。",
        "Invalid cursor." => "分页参数无效。",
        "Cross-site request refused: the Origin header must match this site." => {
            "跨站请求已被拒绝。"
        }
        "q must not be empty." => "请输入搜索内容。",
        // Server: accounts.
        "Please sign in to do that." => "请先登录。",
        "Wrong username or password." => "用户名或密码错误。",
        "Your account no longer exists." => "该账号已不存在。",
        "That username or email was just taken." => "该用户名或邮箱刚刚已被占用。",
        "That does not look like an email address." => "邮箱地址格式不正确。",
        "That username is taken." => "该用户名已被占用。",
        "An account with that email exists; sign in instead." => "该邮箱已注册，请直接登录。",
        "That is not your current password." => "当前密码不正确。",
        "This list is private." => "该列表未公开。",
        // Server: uploads.
        "The upload was empty." => "上传的文件是空的。",
        "Only JPEG, PNG and WebP pictures can be uploaded." => {
            "只能上传 JPEG、PNG 或 WebP 格式的图片。"
        }
        "The picture could not be read; it may be damaged." => {
            "无法读取这张图片，文件可能已损坏。"
        }
        "No such image." => "图片不存在。",
        // Server: notes, comments, follows.
        "You cannot follow yourself." => "不能关注自己。",
        "Remove the control characters." => "请删除其中的控制字符。",
        "That comment belongs to another note." => "这条评论属于另一篇笔记。",
        "You can only delete your own comments." => "只能删除自己的评论。",
        "You can only change your own notes." => "只能修改自己的笔记。",
        "You published a note with the same title and text in the last 24 hours. \
         Change it, or edit the one you published." => {
            "你在 24 小时内发布过标题和正文相同的笔记。请修改内容，或编辑已发布的那篇。"
        }
        "Keep the title on one line, without control characters." => {
            "标题请写在一行内，不要包含控制字符。"
        }
        "Remove the control characters from the text." => "请删除正文中的控制字符。",
        "Keep the location on one line." => "地点请写在一行内。",
        "Pick one of the channels." => "请从现有频道中选择一个。",
        "Each product can be tagged once." => "每件商品只能添加一次。",
        "A tagged product is not in the shop any more." => "有一件已添加的商品已下架。",
        "Each photo can be added once." => "每张图片只能添加一次。",
        "A photo is missing: upload it again." => "有一张图片丢失了，请重新上传。",
        // Server: shop, cart, checkout, orders.
        "That address does not exist." => "该收货地址不存在。",
        "That item is not in your cart." => "购物车里没有这件商品。",
        "Choose something to buy." => "请选择要购买的商品。",
        "Your cart is empty." => "购物车是空的。",
        "Choose one of your saved addresses." => "请选择一个已保存的收货地址。",
        "This order has shipped and can no longer be cancelled." => "订单已发货，无法取消。",
        "This Idempotency-Key was used for a different order. Use a new key for a new order." => {
            "这次提交与之前的订单冲突，请重新下单。"
        }
        "Your card was declined. Nothing was charged; your cart is unchanged." => {
            "银行卡被拒绝。未扣款，购物车未改动。"
        }
        "Your card was declined: insufficient funds. Nothing was charged; your cart is unchanged." => {
            "银行卡被拒绝：余额不足。未扣款，购物车未改动。"
        }
        "Test mode: use one of the test cards (4242 4242 4242 4242 succeeds; \
         4000 0000 0000 0002 and 4000 0000 0000 9995 are declined). Nothing was charged." => {
            "测试模式：请使用测试卡（4242 4242 4242 4242 可支付成功；4000 0000 0000 0002 和 \
             4000 0000 0000 9995 会被拒绝）。未扣款。"
        }
        // Video uploads (crates/server/src/video/probe.rs, api/videos.rs).
        "This file is not a video we can read: upload an MP4, MOV or WebM file." => {
            "无法读取这个视频文件：请上传 MP4、MOV 或 WebM 文件。"
        }
        "This file has no picture, only sound: upload a video." => {
            "这个文件只有声音，没有画面：请上传视频。"
        }
        _ => return None,
    })
}

/// Messages with values: `{}` stands for any text (kept as it is), `{t}` for one of the words
/// [`term`] knows (translated; the template only matches when it is known). The Chinese names
/// the captures in order as `{0}`, `{1}`, ...
const TEMPLATES: &[(&str, &str)] = &[
    // Video uploads and video notes.
    (
        "Videos can be at most {} minutes long (this one is {}).",
        "视频最长 {0} 分钟（这个视频 {1}）。",
    ),
    ("Videos can be at most {} MB.", "视频最大 {0} MB。"),
    (
        "The video is still being processed ({}%). It can be published when it is ready.",
        "视频仍在处理中（{0}%），处理完成后即可发布。",
    ),
    // api_types: addresses (labels: Recipient, Province, City, District, Street address).
    ("{t} is required.", "请填写{0}。"),
    (
        "{t} needs at least {} characters.",
        "{0}至少需要 {1} 个字。",
    ),
    // ...and notes (Titles, The text, Locations).
    ("{t} can be at most {} characters.", "{0}最多 {1} 个字。"),
    (
        "A note can have at most {} photos.",
        "一篇笔记最多 {0} 张图片。",
    ),
    ("Tag at most {} products.", "最多添加 {0} 件商品。"),
    // Server: accounts.
    (
        "Use {} to {} letters, digits or underscores.",
        "请使用 {0}–{1} 位字母、数字或下划线。",
    ),
    (
        "Use 1 to {} characters on one line.",
        "请输入 1–{0} 个字，不要换行。",
    ),
    ("Use {} to {} characters.", "请输入 {0}–{1} 个字符。"),
    ("Keep it under {} characters.", "请控制在 {0} 个字以内。"),
    (
        "Too many failed sign-in attempts. Try again in {} minutes.",
        "登录失败次数过多，请 {0} 分钟后再试。",
    ),
    (
        "Too many failed sign-in attempts. Try again in {} minute.",
        "登录失败次数过多，请 {0} 分钟后再试。",
    ),
    (
        "Too many failed sign-in attempts. Try again in {} hours.",
        "登录失败次数过多，请 {0} 小时后再试。",
    ),
    // Server: uploads.
    ("Avatars can be at most {} MB.", "头像图片不能超过 {0} MB。"),
    ("Pictures can be at most {} MB.", "图片不能超过 {0} MB。"),
    (
        "Pictures can be at most {} pixels on each side and {} megapixels.",
        "图片每边最多 {0} 像素，总计最多 {1} 百万像素。",
    ),
    (
        "Pictures must be between 16 and {} pixels on each side (this one is {}).",
        "图片每边需在 16 到 {0} 像素之间（这张是 {1}）。",
    ),
    (
        "Pictures can have at most {} megapixels (this one has {}).",
        "图片最多 {0} 百万像素（这张有 {1} 百万像素）。",
    ),
    (
        "The file says it is {} but it is {}.",
        "文件标明的类型是 {0}，实际却是 {1}。",
    ),
    // Server: notes, drafts, comments, reports, search.
    ("Write 1 to {} characters.", "请输入 1–{0} 个字。"),
    (
        "Drafts keep at most {} characters here.",
        "草稿这里最多保存 {0} 个字。",
    ),
    (
        "You have {} drafts already: publish or delete some first.",
        "你已有 {0} 篇草稿，请先发布或删除一些。",
    ),
    ("You cannot report your own {t}.", "不能举报自己的{0}。"),
    (
        "q must be at most {} characters.",
        "搜索内容最多 {0} 个字。",
    ),
    ("topic must be 1 to {} characters.", "话题需为 1–{0} 个字。"),
    ("No channel named '{}'.", "没有名为“{0}”的频道。"),
    // Server: shop, cart, checkout, orders.
    ("No category named '{}'.", "没有名为“{0}”的分类。"),
    (
        "You can save up to {} addresses. Delete one first.",
        "最多保存 {0} 个收货地址，请先删除一个。",
    ),
    ("Choose between 1 and {}.", "数量需在 1 到 {0} 之间。"),
    (
        "Your cart holds up to {} different items. Remove one first.",
        "购物车最多放 {0} 种商品，请先删除一些。",
    ),
    (
        "An order holds up to {} different items.",
        "一个订单最多包含 {0} 种商品。",
    ),
    ("Only {} left of {}.", "{1}仅剩 {0} 件。"),
    ("{} is sold out.", "{0}已售罄。"),
    (
        "Prices or shipping changed since you reviewed this order: the total is now {} \
         (you saw {}). Nothing was charged; please review it again.",
        "你确认订单后价格或运费有变动：现在合计 {0}（之前为 {1}）。未扣款，请重新确认订单。",
    ),
    // Any "Note 12 does not exist." (Note, Comment, User, Product, Order, Draft, Variant).
    ("{t} {} does not exist.", "{0}不存在。"),
    // The client's own fallback when an error has no JSON body.
    ("Request failed with status {}.", "请求失败（状态码 {0}）。"),
];

/// The words the templates' `{t}` stands for.
fn term(word: &str) -> Option<&'static str> {
    Some(match word {
        "Recipient" => "收货人",
        "Province" => "省份",
        "City" => "城市",
        "District" => "区县",
        "Street address" => "详细地址",
        "Titles" => "标题",
        "The text" => "正文",
        "Locations" => "地点",
        "Note" | "note" => "笔记",
        "Comment" | "comment" => "评论",
        "User" => "用户",
        "Product" => "商品",
        "Order" => "订单",
        "Draft" => "草稿",
        "Variant" => "商品规格",
        _ => return None,
    })
}

/// The pieces of `message` that `template`'s placeholders stand for (translated for `{t}`), if
/// it has that shape.
fn captures(message: &str, template: &str) -> Option<Vec<String>> {
    // Literal pieces, and after each but the last, whether its placeholder is a `{t}`.
    let mut literals = Vec::new();
    let mut terms = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        let (is_term, len) = if rest[at..].starts_with("{t}") {
            (true, 3)
        } else {
            (false, 2)
        };
        literals.push(&rest[..at]);
        terms.push(is_term);
        rest = &rest[at + len..];
    }
    literals.push(rest);
    let mut text = message.strip_prefix(literals[0])?;
    let mut out = Vec::new();
    for (i, literal) in literals[1..].iter().enumerate() {
        let piece = if i + 2 == literals.len() {
            let piece = text.strip_suffix(literal)?;
            text = "";
            piece
        } else {
            let at = text.find(literal)?;
            let piece = &text[..at];
            text = &text[at + literal.len()..];
            piece
        };
        if piece.is_empty() {
            return None;
        }
        out.push(if terms[i] {
            term(piece)?.to_string()
        } else {
            piece.to_string()
        });
    }
    Some(out)
}

/// "You can publish notes at most 5 times per 10 minutes. Try again in 3 minutes."
fn rate_limit(message: &str) -> Option<String> {
    let parts = captures(
        message,
        "You can {} at most {} times per {}. Try again in {}.",
    )?;
    let (verb, unit) = match parts[0].as_str() {
        "publish notes" => ("发布", "篇笔记"),
        "upload pictures" => ("上传", "张图片"),
        "create accounts" => ("注册", "个账号"),
        "search" => ("搜索", "次"),
        _ => return None,
    };
    let per = duration(&parts[2])?;
    let per = if per.starts_with(|c: char| c.is_ascii_digit()) {
        format!("每 {per}")
    } else {
        format!("每{per}")
    };
    let again = duration(&parts[3])?;
    Some(format!(
        "{per}最多{verb} {} {unit}，请 {again}后再试。",
        parts[1]
    ))
}

/// "minute" → "分钟", "10 minutes" → "10 分钟", "1 second" → "1 秒".
fn duration(text: &str) -> Option<String> {
    let unit = |u: &str| {
        Some(match u {
            "second" | "seconds" => "秒",
            "minute" | "minutes" => "分钟",
            "hour" | "hours" => "小时",
            _ => return None,
        })
    };
    match text.split_once(' ') {
        Some((n, u)) if n.bytes().all(|b| b.is_ascii_digit()) => Some(format!("{n} {}", unit(u)?)),
        Some(_) => None,
        None => unit(text).map(str::to_string),
    }
}

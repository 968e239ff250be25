//! `--live`'s flash sale: the host pins a flash sale of [`UNITS`] units in the room and
//! [`BUYERS`] people (signed up through the API) order at the same moment through the real
//! order endpoint. Exactly [`UNITS`] must sell, every other order must be refused as sold
//! out, and the stock must end at 0: anything else fails the benchmark.
//!
//! Everything goes through the public API, as a shop would: the product with the least
//! stock above [`UNITS`] among the best sellers is brought down to exactly [`UNITS`] units
//! (in one variant) by a stock-keeping account's ordinary orders before the sale.

use std::sync::Barrier;
use std::time::{Duration, Instant};

use api_types::{
    FlashInput, LiveRoomDetail, OrderDetail, PinInput, ProductDetail, MAX_LINE_QUANTITY,
};

use crate::live_sockets::Spread;
use crate::tools::{step, Result};

pub const UNITS: i64 = 10;
pub const BUYERS: usize = 200;
/// Best sellers looked at for the sale's product (four pages of the shop).
const CANDIDATES: usize = 200;
const CARD: &str = "4242 4242 4242 4242";

pub struct FlashFigures {
    pub units: i64,
    pub buyers: usize,
    pub sold: usize,
    pub refused: usize,
    /// The refusals by code, e.g. `190× sold_out`.
    pub refusal_codes: String,
    pub stock_left: i64,
    /// Each buyer's order, sent to answered.
    pub orders: Spread,
    /// From starting the buyers' threads (they then wait for each other) to the last answer.
    pub wall: Duration,
}

fn product(port: u16, id: i64) -> Result<ProductDetail> {
    let reply = crate::http::get(port, &format!("/api/v1/products/{id}"))?;
    if reply.status != 200 {
        return Err(format!("product {id}: HTTP {}", reply.status));
    }
    serde_json::from_slice(&reply.body).map_err(|e| format!("product {id}: {e}"))
}

/// The best seller that needs the fewest units sold off to have exactly [`UNITS`] left in
/// one variant (its other variants emptied).
pub fn flash_product(port: u16) -> Result<ProductDetail> {
    let ids = crate::bench_writes::popular_product_ids(port, CANDIDATES)?;
    let mut best: Option<(i64, ProductDetail)> = None;
    for id in ids {
        let detail = product(port, id)?;
        let total: i64 = detail.variants.iter().map(|v| v.stock).sum();
        let fits = detail.variants.iter().any(|v| v.stock >= UNITS);
        if fits
            && best
                .as_ref()
                .is_none_or(|(surplus, _)| total - UNITS < *surplus)
        {
            best = Some((total - UNITS, detail));
        }
    }
    best.map(|(_, p)| p)
        .ok_or_else(|| format!("no product with {UNITS}+ units in one variant"))
}

/// The JSON of a one-line order (in `room`, when given) to `address`.
fn order_body(variant: i64, quantity: i64, address: i64, room: Option<i64>) -> String {
    serde_json::json!({
        "items": [{"variant_id": variant, "quantity": quantity, "live_room_id": room}],
        "address_id": address,
        "shipping": "standard",
        "payment": {"card_number": CARD, "expiry": "12/99", "cvc": "123"},
    })
    .to_string()
}

fn place(port: u16, cookie: &str, key: &str, body: &str) -> Result<crate::http::Reply> {
    crate::http::request(
        port,
        "POST",
        "/api/v1/orders",
        &[
            ("Content-Type", "application/json"),
            ("Cookie", cookie),
            ("Idempotency-Key", key),
        ],
        body.as_bytes(),
    )
}

/// Orders away everything above [`UNITS`] units in the product's fullest variant and all
/// of its other variants; returns that variant's id.
fn bring_stock_to_units(port: u16, product: &ProductDetail) -> Result<i64> {
    let keeper = crate::fixtures::bench_users(port, "stock", 1)?;
    let address = *crate::bench_writes::bench_addresses(port, &keeper)?
        .first()
        .ok_or("no address")?;
    let target = product
        .variants
        .iter()
        .max_by_key(|v| v.stock)
        .ok_or("a product without variants")?
        .id;
    let mut orders = 0;
    for v in &product.variants {
        let mut surplus = v.stock - if v.id == target { UNITS } else { 0 };
        while surplus > 0 {
            let quantity = surplus.min(MAX_LINE_QUANTITY);
            let body = order_body(v.id, quantity, address, None);
            let key = format!("stock-keeping-{}-{orders}", v.id);
            let reply = place(port, &keeper[0], &key, &body)?;
            if reply.status != 201 {
                return Err(format!(
                    "stock keeping order: HTTP {}: {}",
                    reply.status,
                    reply.text()
                ));
            }
            surplus -= quantity;
            orders += 1;
        }
    }
    let left = product_stock(port, product.id)?;
    if left != (UNITS, UNITS) {
        return Err(format!("after stock keeping: {left:?} units, not {UNITS}"));
    }
    println!(
        "    product {} ({}): {orders} stock-keeping orders left {UNITS} units in variant {target}",
        product.id, product.title_en
    );
    Ok(target)
}

/// (units in all variants, units in the fullest one) of a product now.
fn product_stock(port: u16, id: i64) -> Result<(i64, i64)> {
    let detail = product(port, id)?;
    let total = detail.variants.iter().map(|v| v.stock).sum();
    let most = detail.variants.iter().map(|v| v.stock).max().unwrap_or(0);
    Ok((total, most))
}

/// [`BUYERS`] accounts with an address each, signed up four at a time (each sign-up is an
/// argon2 hash: the server's cores do it in parallel).
fn buyers(port: u16) -> Result<Vec<(String, i64)>> {
    let per_thread = BUYERS.div_ceil(4);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|t| {
                scope.spawn(move || -> Result<Vec<(String, i64)>> {
                    let cookies =
                        crate::fixtures::bench_users(port, &format!("flash{t}"), per_thread)?;
                    let addresses = crate::bench_writes::bench_addresses(port, &cookies)?;
                    Ok(cookies.into_iter().zip(addresses).collect())
                })
            })
            .collect();
        let mut all = Vec::with_capacity(BUYERS);
        for h in handles {
            all.extend(h.join().map_err(|_| "a sign-up thread panicked")??);
        }
        all.truncate(BUYERS);
        Ok(all)
    })
}

/// One buyer's answer: status, the refusal (code, message) if any, the latency, and the
/// unit price paid.
struct Answer {
    status: u16,
    refusal: Option<(String, String)>,
    took: Duration,
    unit_price: Option<i64>,
}

/// One buyer's order, timed from sending to the whole answer.
fn buy(port: u16, cookie: &str, key: &str, body: &str) -> Result<Answer> {
    let sent = Instant::now();
    let reply = place(port, cookie, key, body)?;
    let took = sent.elapsed();
    let (refusal, unit_price) = if reply.status == 201 {
        let order: OrderDetail = serde_json::from_slice(&reply.body).map_err(|e| e.to_string())?;
        (None, order.lines.first().map(|l| l.unit_price_fen))
    } else {
        // The error shape's stable code (`sold_out`, ...) and message, or what came instead.
        let body = reply.json().unwrap_or_default();
        let text = |v: &serde_json::Value| v.as_str().unwrap_or("(no error body)").to_string();
        let refusal = (
            text(&body["error"]["code"]),
            text(&body["error"]["message"]),
        );
        (Some(refusal), None)
    };
    Ok(Answer {
        status: reply.status,
        refusal,
        took,
        unit_price,
    })
}

/// Brings `product` to [`UNITS`] units, pins it in `room` with a flash sale at half price,
/// signs up [`BUYERS`] buyers and lets them all order one unit at once; fails unless the sale
/// sold exactly [`UNITS`] at the flash price and refused everyone else as sold out.
pub fn flash_sale(
    port: u16,
    host: &str,
    room: &LiveRoomDetail,
    product: &ProductDetail,
) -> Result<FlashFigures> {
    step(&format!(
        "Flash sale in the room: {UNITS} units, {BUYERS} buyers ordering at once"
    ));
    let prepared = Instant::now();
    let variant = bring_stock_to_units(port, product)?;
    let flash_price = (product.price_fen / 2).max(1);
    let pin = serde_json::to_value(PinInput {
        product_id: product.id,
        flash: Some(FlashInput {
            price_fen: flash_price,
            duration_secs: 600,
        }),
    })
    .map_err(|e| e.to_string())?;
    let path = format!("/api/v1/live/{}/pin", room.id);
    let reply = crate::http::send_json(port, "PUT", &path, Some(host), &pin)?;
    if reply.status != 200 {
        return Err(format!("pin: HTTP {}: {}", reply.status, reply.text()));
    }
    let signing_up = Instant::now();
    let people = buyers(port)?;
    println!(
        "    pinned at ¥{:.2} (from ¥{:.2}); {BUYERS} buyers signed up with addresses in {:.1} s (argon2 per sign-up); set-up {:.1} s",
        flash_price as f64 / 100.0,
        product.price_fen as f64 / 100.0,
        signing_up.elapsed().as_secs_f64(),
        prepared.elapsed().as_secs_f64()
    );

    let start = Barrier::new(people.len());
    let sale_started = Instant::now();
    let answers: Vec<Result<Answer>> = std::thread::scope(|scope| {
        let handles: Vec<_> = people
            .iter()
            .enumerate()
            .map(|(i, (cookie, address))| {
                let body = order_body(variant, 1, *address, Some(room.id));
                let start = &start;
                scope.spawn(move || {
                    start.wait();
                    buy(port, cookie, &format!("flash-sale-{i:04}"), &body)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .map_err(|_| "a buyer thread panicked".to_string())?
            })
            .collect()
    });
    let wall = sale_started.elapsed();
    let answers = answers.into_iter().collect::<Result<Vec<_>>>()?;

    let sold = answers.iter().filter(|a| a.status == 201).count();
    let mut codes = std::collections::BTreeMap::<String, usize>::new();
    for a in &answers {
        if let Some((code, _)) = &a.refusal {
            *codes.entry(format!("{} {code}", a.status)).or_default() += 1;
        }
    }
    let refusal_codes = codes
        .iter()
        .map(|(code, n)| format!("{n}× {code}"))
        .collect::<Vec<_>>()
        .join(", ");
    let refused = answers.len() - sold;
    let (stock_left, _) = product_stock(port, product.id)?;
    let figures = FlashFigures {
        units: UNITS,
        buyers: answers.len(),
        sold,
        refused,
        refusal_codes,
        stock_left,
        orders: Spread::of(answers.iter().map(|a| a.took).collect()),
        wall,
    };
    println!(
        "    {sold} sold, {refused} refused ({}), stock left {stock_left}; order p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; all answered in {:.2} s",
        figures.refusal_codes, figures.orders.p50, figures.orders.p99, figures.orders.max, wall.as_secs_f64()
    );

    // The point of the exercise: no oversell, no undersell, no other kind of failure.
    let only_sold_out = codes
        .keys()
        .all(|c| c == "409 sold_out" || c == "409 out_of_stock");
    let wrong_price = answers
        .iter()
        .filter(|a| a.status == 201 && a.unit_price != Some(flash_price))
        .count();
    if sold != UNITS as usize || stock_left != 0 || !only_sold_out || wrong_price > 0 {
        let unexpected = answers
            .iter()
            .filter_map(|a| a.refusal.as_ref())
            .find(|(code, _)| code != "sold_out" && code != "out_of_stock")
            .map_or_else(String::new, |(code, message)| {
                format!("; e.g. {code}: {message}")
            });
        return Err(format!(
            "FLASH SALE BROKEN: {sold} sold (want {UNITS}), stock left {stock_left} (want 0), refusals: {}, {wrong_price} orders not at the flash price{unexpected}",
            figures.refusal_codes
        ));
    }
    let pinned_stock = crate::http::get_json(port, &format!("/api/v1/live/{}", room.id))?["pinned"]
        ["product"]["stock"]
        .as_i64();
    if pinned_stock != Some(0) {
        return Err(format!(
            "FLASH SALE BROKEN: the room's pinned card says {pinned_stock:?} units left"
        ));
    }
    Ok(figures)
}

//! The parts of the OpenAPI document that no single handler states: the session cookie as a
//! security scheme, and the answers the shared layers give (malformed parameters and bodies,
//! the CSRF guard, body limits), so the document lists every status a client can get, each
//! with the one error shape (`ErrorBody`). Also points the generic pages' items at their
//! components (see [`refer_to_page_items`]).

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{ArrayItems, KnownFormat, Object, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{Components, Content, HeaderBuilder, OpenApi, Ref, RefOr, Response, Schema};

use crate::auth::SESSION_COOKIE;

/// The security scheme's name in the document.
pub const SESSION_SCHEME: &str = "session";
/// The scheme of a guest's anonymous id (`crate::guest`): operations that read a reader's
/// taste accept it instead of a session.
pub const GUEST_SCHEME: &str = "guest";

/// A string parameter that takes one of `values`.
fn one_of(values: &[&str], description: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values.iter().copied()))
        .description(Some(description))
        .build()
}

/// `cursor`: the opaque `next_cursor` of the previous page (base64url, see `crate::cursor`).
/// Its own format, so a contract tester can be taught to make valid ones; "" means the first
/// page.
pub fn cursor() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::Custom("cursor".to_string())))
        .max_length(Some(64))
        .description(Some(
            "Opaque cursor from the previous page's `next_cursor` (absent or empty: the first page).",
        ))
        .build()
}

/// The feed's orders.
pub fn feed_sort() -> Object {
    one_of(
        &["hot", "newest"],
        "`hot` (the default: engagement and recency) or `newest`.",
    )
}

/// The creator center's periods, in days.
pub fn stats_days() -> Object {
    one_of(
        &["7", "30", "90"],
        "The period in days (default 7), today included.",
    )
}

/// Adds what the shared layers answer to every operation, the session cookie scheme, and the
/// error body to every error answer.
pub fn complete(doc: &mut OpenApi) {
    let components = doc.components.get_or_insert_with(Components::new);
    refer_to_page_items(components);
    components.security_schemes.insert(
        SESSION_SCHEME.to_string(),
        RefOr::T(SecurityScheme::ApiKey(ApiKey::Cookie(
            ApiKeyValue::with_description(
                SESSION_COOKIE,
                "The session cookie set by sign-up and sign-in.",
            ),
        ))),
    );
    components.security_schemes.insert(
        GUEST_SCHEME.to_string(),
        RefOr::T(SecurityScheme::ApiKey(ApiKey::Header(
            ApiKeyValue::with_description(
                "X-Guest-Id",
                "A browser's anonymous id when not signed in: 32 lowercase hexadecimal digits it \
                 makes and keeps itself (any other value identifies no one).",
            ),
        ))),
    );
    for item in doc.paths.paths.values_mut() {
        let methods = [
            (&mut item.get, true),
            (&mut item.head, true),
            (&mut item.options, true),
            (&mut item.put, false),
            (&mut item.post, false),
            (&mut item.patch, false),
            (&mut item.delete, false),
        ];
        for (op, safe) in methods {
            if let Some(op) = op.as_mut() {
                complete_operation(op, safe);
            }
        }
    }
}

/// utoipa writes the item type of a generic page (`Page_NoteCard`, `CountedPage_Comment`: the
/// type's name, `_`, the item's) inline rather than as a reference to the item's component
/// (utoipa issue #1586). Where that component holds the very same schema, `items` refers to it
/// instead, so each item type is described once and clients see it by name.
fn refer_to_page_items(components: &mut Components) {
    let pages: Vec<(String, String)> = components
        .schemas
        .keys()
        .filter_map(|name| {
            let item = name
                .strip_prefix("Page_")
                .or_else(|| name.strip_prefix("CountedPage_"))?;
            Some((name.clone(), item.to_string()))
        })
        .collect();
    for (page, item) in pages {
        let Some(RefOr::T(component)) = components.schemas.get(&item).cloned() else {
            continue;
        };
        let Some(RefOr::T(Schema::Object(page))) = components.schemas.get_mut(&page) else {
            continue;
        };
        let Some(RefOr::T(Schema::Array(list))) = page.properties.get_mut("items") else {
            continue;
        };
        if let ArrayItems::RefOrSchema(inline) = &mut list.items {
            if **inline == RefOr::T(component) {
                **inline = RefOr::Ref(Ref::from_schema_name(item));
            }
        }
    }
}

fn complete_operation(op: &mut Operation, safe: bool) {
    let params_in = |place: ParameterIn| {
        op.parameters.iter().flatten().any(|p| match p {
            RefOr::T(p) => p.parameter_in == place,
            RefOr::Ref(_) => false,
        })
    };
    let has_params = params_in(ParameterIn::Path) || params_in(ParameterIn::Query);
    let body_types: Vec<String> = match &mut op.request_body {
        Some(RefOr::T(body)) => {
            for (media, content) in body.content.iter_mut() {
                // Raw uploads: utoipa describes a byte body as an array of numbers.
                if let (false, RefOr::T(content)) = (media.ends_with("json"), content) {
                    content.schema = Some(RefOr::T(Schema::Object(
                        ObjectBuilder::new()
                            .schema_type(Type::String)
                            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
                            .build(),
                    )));
                }
            }
            body.content.keys().cloned().collect()
        }
        _ => Vec::new(),
    };
    let json_body = body_types.iter().any(|t| t == "application/json");

    let mut add = |status: &str, description: &str| {
        op.responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| RefOr::T(Response::new(description)));
    };
    if has_params {
        add(
            "400",
            "A malformed path or query parameter (not a number, a bad cursor).",
        );
    }
    if params_in(ParameterIn::Query) {
        add("422", "A query parameter outside its range.");
    }
    if json_body {
        add("400", "The body is not well-formed JSON.");
        add("413", "The body is too large.");
        add("415", "The body is not sent as `application/json`.");
        add(
            "422",
            "The body is JSON but not of the documented shape (a JSON object with these fields).",
        );
    } else if !body_types.is_empty() {
        add("400", "The body could not be read.");
        add("413", "The body is too large.");
        add("415", "The body is not of an accepted type.");
    }
    if !safe {
        add(
            "403",
            "Cross-site request refused: `Origin` (or `Sec-Fetch-Site`) must show this site.",
        );
    }
    // Handlers that need a signed-in user (the `SignedIn` extractor) document their 401.
    if op.responses.responses.contains_key("401") && op.security.is_none() {
        op.security = Some(vec![SecurityRequirement::new(
            SESSION_SCHEME,
            Vec::<String>::new(),
        )]);
    }
    for (status, response) in op.responses.responses.iter_mut() {
        let RefOr::T(response) = response else {
            continue;
        };
        // A response must have a description (OpenAPI 3.1); the status's name will do.
        if response.description.is_empty() {
            response.description = status
                .parse::<u16>()
                .ok()
                .and_then(|code| axum::http::StatusCode::from_u16(code).ok())
                .and_then(|code| code.canonical_reason())
                .unwrap_or("Answer")
                .to_string();
        }
        if !status.starts_with('4') && !status.starts_with('5') {
            continue;
        }
        if response.content.is_empty() {
            response.content.insert(
                "application/json".to_string(),
                RefOr::T(Content::new(Some(RefOr::Ref(Ref::from_schema_name(
                    "ErrorBody",
                ))))),
            );
        }
        if status == "429" && !response.headers.contains_key("Retry-After") {
            response.headers.insert(
                "Retry-After".to_string(),
                RefOr::T(
                    HeaderBuilder::new()
                        .schema(Some(
                            ObjectBuilder::new()
                                .schema_type(Type::Integer)
                                .minimum(Some(1))
                                .build(),
                        ))
                        .description(Some("Seconds until a retry can succeed."))
                        .build(),
                ),
            );
        }
    }
}

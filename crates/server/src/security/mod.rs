//! Where the site lives and the headers every response carries.
//!
//! [`Site`] is the configured public origin (`--public-origin`): it alone decides whether the
//! site is https (`Secure` cookies, HSTS) and which `Origin` the CSRF guard accepts; nothing
//! a client sends (`X-Forwarded-Proto`, an https `Origin`) can change that.
//!
//! [`apply`] puts the security headers on every response of the app (API, documents, static
//! files, images, errors): a Content-Security-Policy whose script hashes are computed at
//! start from the served `index.html` ([`Csp::for_document`], over the scanner in `inline_html.rs`), so an edited inline script
//! can never run under a stale hash, plus nosniff, referrer, framing, permissions and
//! opener policies.

mod csp;
mod inline_html;
mod origin;

use axum::http::{header, HeaderName, HeaderValue};
use axum::Router;
use tower::ServiceBuilder;
use tower_http::set_header::SetResponseHeaderLayer;

pub use csp::Csp;
pub use inline_html::inline_elements;
pub use origin::{Origin, Site};

/// HSTS for a year: sent only when the configured origin is https (over plain http the
/// header is meaningless, and a wrong guess would lock browsers out of an http-only site).
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Powerful features the app does not use are switched off for it and anything it embeds.
/// Camera and microphone stay allowed for the site itself (live streaming will ask for
/// them); sharing a note copies its link (clipboard-write). Only features Chromium knows are
/// named: it logs an error for any other (Bluetooth and Web Share are unknown on Linux, and
/// both default to this site only anyway).
const PERMISSIONS_POLICY: &str = "accelerometer=(), autoplay=(), browsing-topics=(), \
    camera=(self), clipboard-read=(), clipboard-write=(self), display-capture=(), \
    encrypted-media=(), fullscreen=(self), gamepad=(), geolocation=(), gyroscope=(), hid=(), \
    idle-detection=(), local-fonts=(), magnetometer=(), microphone=(self), midi=(), \
    payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), \
    serial=(), usb=(), xr-spatial-tracking=()";

/// `router` with the security headers on every response it gives (replacing any a handler
/// set, so there is one policy): CSP, nosniff, referrer and permissions policies, framing
/// refused twice (`frame-ancestors` and the older `X-Frame-Options`), a browsing context and
/// resources of our own (`Cross-Origin-Opener-Policy`, `-Resource-Policy`), and HSTS when
/// the site is https. Add it last, so it wraps the fallback and every rejection too.
pub fn apply(router: Router, csp: &Csp, site: &Site) -> Router {
    // Every value is ASCII we wrote (hashes are base64), so the conversions cannot fail; an
    // empty header would still be better than a panic.
    let value = |text: &str| HeaderValue::from_str(text).unwrap_or(HeaderValue::from_static(""));
    let set = |name: HeaderName, v: HeaderValue| SetResponseHeaderLayer::overriding(name, v);
    let layers = ServiceBuilder::new()
        .layer(set(header::CONTENT_SECURITY_POLICY, value(csp.as_str())))
        .layer(set(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(set(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(set(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(set(
            HeaderName::from_static("permissions-policy"),
            value(PERMISSIONS_POLICY),
        ))
        .layer(set(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(set(
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .option_layer(
            site.https()
                .then(|| set(header::STRICT_TRANSPORT_SECURITY, value(HSTS))),
        );
    router.layer(layers)
}

//! The configured public origin ([`Site`]) and origins compared exactly ([`Origin`]).

use std::fmt;
use std::str::FromStr;

use axum::http::uri::{Authority, Uri};

/// A web origin: scheme, host and port (the default port filled in), compared exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    https: bool,
    /// Lower-cased; IPv6 addresses keep their brackets.
    host: String,
    port: u16,
}

impl Origin {
    fn new(https: bool, host: &str, port: Option<u16>) -> Origin {
        Origin {
            https,
            host: host.to_ascii_lowercase(),
            port: port.unwrap_or(if https { 443 } else { 80 }),
        }
    }

    /// Parses `http(s)://host[:port]` (a trailing `/` allowed; no user, path or query).
    pub fn parse(text: &str) -> Option<Origin> {
        let uri = Uri::from_str(text.trim()).ok()?;
        let https = match uri.scheme_str()? {
            s if s.eq_ignore_ascii_case("https") => true,
            s if s.eq_ignore_ascii_case("http") => false,
            _ => return None,
        };
        let authority = uri.authority()?;
        let clean = !authority.as_str().contains('@')
            && matches!(uri.path(), "" | "/")
            && uri.query().is_none()
            && !authority.host().is_empty();
        clean.then(|| Origin::new(https, authority.host(), authority.port_u16()))
    }

    /// The origin of a plain-http request whose `Host` (or `:authority`) is `host`.
    pub fn http_at(host: &str) -> Option<Origin> {
        let authority = Authority::from_str(host.trim()).ok()?;
        let clean = !authority.as_str().contains('@') && !authority.host().is_empty();
        clean.then(|| Origin::new(false, authority.host(), authority.port_u16()))
    }

    pub fn is_https(&self) -> bool {
        self.https
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.https { "https" } else { "http" };
        write!(f, "{scheme}://{}", self.host)?;
        if self.port != if self.https { 443 } else { 80 } {
            write!(f, ":{}", self.port)?;
        }
        Ok(())
    }
}

impl FromStr for Origin {
    type Err = String;

    fn from_str(s: &str) -> Result<Origin, String> {
        Origin::parse(s).ok_or_else(|| {
            format!("{s:?} is not an origin like https://shop.example or http://127.0.0.1:8080")
        })
    }
}

/// Where the site is served, from configuration only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Site {
    /// The origin browsers use (e.g. `https://zhongcao.example` behind a TLS proxy). `None`:
    /// plain http at whatever host the request names (`cargo xtask run`, tests).
    public_origin: Option<Origin>,
}

impl Site {
    pub fn new(public_origin: Option<Origin>) -> Site {
        Site { public_origin }
    }

    /// The configured origin, if any.
    pub fn public_origin(&self) -> Option<&Origin> {
        self.public_origin.as_ref()
    }

    /// Whether browsers reach the site over TLS: session cookies are `Secure` and HSTS is sent.
    pub fn https(&self) -> bool {
        self.public_origin.as_ref().is_some_and(Origin::is_https)
    }

    /// Whether a request's `Origin` header names this site: exactly the configured origin, or
    /// without one `http://` + the request's host (scheme, host and port all compared).
    pub fn is_own_origin(&self, origin: &str, request_host: Option<&str>) -> bool {
        let Some(theirs) = Origin::parse(origin) else {
            return false; // `null`, garbage, or another scheme
        };
        match &self.public_origin {
            Some(ours) => theirs == *ours,
            None => request_host
                .and_then(Origin::http_at)
                .is_some_and(|ours| theirs == ours),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_origin_means_scheme_host_and_port() {
        let http = Site::default();
        assert!(http.is_own_origin("http://a.test:8080", Some("a.test:8080")));
        assert!(http.is_own_origin("http://A.test", Some("a.test:80")));
        assert!(!http.is_own_origin("https://a.test:8080", Some("a.test:8080")));
        assert!(!http.is_own_origin("http://a.test:8081", Some("a.test:8080")));
        assert!(!http.is_own_origin("http://a.test", None));
        assert!(!http.is_own_origin("null", Some("a.test")));
        assert!(!http.https());
        let https = Site::new(Origin::parse("https://shop.example"));
        assert!(https.https());
        assert!(https.is_own_origin("https://shop.example", Some("10.0.0.2:8080")));
        assert!(!https.is_own_origin("http://shop.example", Some("shop.example")));
        assert!(!https.is_own_origin("http://10.0.0.2:8080", Some("10.0.0.2:8080")));
    }
}

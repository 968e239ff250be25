//! Who is asking, coarsely, for limits and for counting people: the client's network address.
//!
//! The address is the socket peer's. `X-Forwarded-For` is anyone's to write, so it is read only
//! when the server is told it sits behind a proxy (`TRUST_PROXY`), and then only its last hop:
//! the address the proxy itself saw. IPv6 clients are keyed by their /64 (one subscriber
//! usually holds a whole /64). The key is a salted hash: raw addresses are never stored.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::db::Db;
use crate::error::AppError;
use crate::AppState;

/// How clients are told apart: whether to believe a proxy, and the salt of the keys.
#[derive(Clone, Debug)]
pub struct Clients {
    pub trust_proxy: bool,
    salt: String,
}

impl Clients {
    /// The database's salt (made on first use, shared by every process), no proxy trusted.
    pub async fn load(db: &Db) -> Result<Self, sqlx::Error> {
        let mut bytes = [0u8; 24];
        OsRng.fill_bytes(&mut bytes);
        let fresh = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        sqlx::query(
            "INSERT INTO app_meta (key, value) VALUES ('client_key_salt', $1) \
             ON CONFLICT (key) DO NOTHING",
        )
        .bind(fresh)
        .execute(db)
        .await?;
        let salt = sqlx::query_scalar("SELECT value FROM app_meta WHERE key = 'client_key_salt'")
            .fetch_one(db)
            .await?;
        Ok(Clients {
            trust_proxy: false,
            salt,
        })
    }

    /// The client behind a request's peer address and headers.
    pub fn identify(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Client {
        let forwarded = self
            .trust_proxy
            .then(|| last_forwarded_hop(headers))
            .flatten();
        let address = forwarded.or(peer).map(coarse);
        let text = address.map_or_else(|| "local".to_string(), |a| a.to_string());
        let digest = Sha256::digest(format!("{}|{text}", self.salt).as_bytes());
        Client {
            key: format!(
                "c{}",
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..15])
            ),
        }
    }
}

/// The last address in `X-Forwarded-For` (the one our proxy appended), if it parses.
fn last_forwarded_hop(headers: &HeaderMap) -> Option<IpAddr> {
    let last = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .last()?;
    last.trim().parse().ok()
}

/// IPv4 as is (also when written as IPv6), IPv6 cut to its /64.
fn coarse(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        v4 => v4,
    }
}

/// A client, as an opaque key (`c` + a salted hash of its coarse address).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    key: String,
}

impl Client {
    pub fn key(&self) -> &str {
        &self.key
    }
}

impl FromRequestParts<AppState> for Client {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ci| ci.0.ip());
        Ok(state.clients.identify(peer, &parts.headers))
    }
}

/// A short, fixed-length stand-in for `text` in keys (an account name as typed may be long).
pub fn digest(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..12])
}

/// Who is acting, for "once per person" and per-person limits: the account when signed in
/// (`u42`), else the client's key.
pub fn person_key(viewer: Option<i64>, client: &Client) -> String {
    match viewer {
        Some(id) => format!("u{id}"),
        None => client.key().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clients(trust_proxy: bool) -> Clients {
        Clients {
            trust_proxy,
            salt: "salt".to_string(),
        }
    }

    fn forwarded(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", value.parse().expect("header"));
        h
    }

    #[test]
    fn the_peer_is_the_client_unless_a_proxy_is_trusted() {
        let peer = Some("127.0.0.1".parse().expect("ip"));
        let none = HeaderMap::new();
        let spoofed = forwarded("203.0.113.1");
        let c = clients(false);
        assert_eq!(c.identify(peer, &spoofed), c.identify(peer, &none));
        let c = clients(true);
        assert_ne!(c.identify(peer, &spoofed), c.identify(peer, &none));
        // Only the last hop counts: what the client wrote before it is its own say-so.
        assert_eq!(
            c.identify(peer, &forwarded("1.2.3.4, 203.0.113.1")),
            c.identify(peer, &forwarded("9.9.9.9,203.0.113.1"))
        );
        // An unreadable header falls back to the peer.
        assert_eq!(
            c.identify(peer, &forwarded("garbage")),
            c.identify(peer, &none)
        );
    }

    #[test]
    fn ipv6_clients_are_their_64_and_keys_are_salted() {
        let c = clients(false);
        let none = HeaderMap::new();
        let a = c.identify(Some("2001:db8:1:2::1".parse().expect("ip")), &none);
        let b = c.identify(Some("2001:db8:1:2:ffff::9".parse().expect("ip")), &none);
        let other = c.identify(Some("2001:db8:1:3::1".parse().expect("ip")), &none);
        assert_eq!(a, b);
        assert_ne!(a, other);
        let v4 = c.identify(Some("192.0.2.7".parse().expect("ip")), &none);
        let mapped = c.identify(Some("::ffff:192.0.2.7".parse().expect("ip")), &none);
        assert_eq!(v4, mapped);
        assert!(!v4.key().contains("192"), "no raw address in the key");
        let resalted = Clients {
            trust_proxy: false,
            salt: "other".to_string(),
        };
        assert_ne!(
            resalted.identify(Some("192.0.2.7".parse().expect("ip")), &none),
            v4
        );
    }
}

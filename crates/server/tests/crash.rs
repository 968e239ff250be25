//! Crash consistency: the real server binary takes concurrent orders over HTTP and is killed
//! (SIGKILL) in the middle of them. Afterwards the database must hold only whole orders
//! (lines, totals and stock agreeing with each other), every order a client was told about
//! (201) must have survived, and the server must start again on the same data.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use zhongcao_server::db;

/// The server binary, killed when dropped (only the child this test started).
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

/// Starts the server on `data` and waits until `/api/v1/health` answers.
fn start(data: &Path, dist: &Path) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_zhongcao-server"))
        .env("HOST", "127.0.0.1")
        .env("PORT", port.to_string())
        .env("DATA_DIR", data)
        .env("DIST_DIR", dist)
        .env("SEED_NOTES", "300")
        .env("SEED_USERS", "40")
        // Orders stay cancellable for the whole test.
        .env("CARRIER_STEP_SECS", "3600")
        .env("RUST_LOG", "error")
        // A dozen buyers sign up from this one address.
        .env("RATE_LIMIT_FACTOR", "100")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the server binary");
    let mut server = Server { child, port };
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(120) {
        if let Ok(res) = http(port, "GET", "/api/v1/health", None, None, None) {
            if res.status == 200 {
                return server;
            }
        }
        if let Ok(Some(status)) = server.child.try_wait() {
            panic!("the server exited during start-up: {status}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the server did not become healthy within 120 s");
}

struct Res {
    status: u16,
    body: String,
    cookie: Option<String>,
}

/// One request (ureq on loopback), with the same-site Origin the CSRF guard wants on writes.
fn http(
    port: u16,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    key: Option<&str>,
    body: Option<&str>,
) -> std::io::Result<Res> {
    let mut request = ureq::http::Request::builder()
        .method(method)
        .uri(format!("http://127.0.0.1:{port}{path}"))
        .header("Content-Type", "application/json");
    if method != "GET" {
        request = request.header("Origin", format!("http://127.0.0.1:{port}"));
    }
    if let Some(cookie) = cookie {
        request = request.header("Cookie", cookie);
    }
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    let request = request
        .body(body.unwrap_or("").as_bytes().to_vec())
        .map_err(std::io::Error::other)?;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent.run(request).map_err(std::io::Error::other)?;
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::to_string);
    Ok(Res {
        status: response.status().as_u16(),
        body: response
            .body_mut()
            .read_to_string()
            .map_err(std::io::Error::other)?,
        cookie,
    })
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

/// A signed-up account: its cookie and a delivery address.
struct Buyer {
    cookie: String,
    address: i64,
}

fn sign_up(port: u16, i: usize) -> Buyer {
    let body = format!(
        r#"{{"username":"crash_{i}","display_name":"Crash {i}","password":"crash-password-{i}"}}"#
    );
    let res = http(port, "POST", "/api/v1/auth/signup", None, None, Some(&body)).expect("sign up");
    assert_eq!(res.status, 201, "sign up: {}", res.body);
    let cookie = res.cookie.expect("session cookie");
    let address = r#"{"recipient":"林小满","phone":"13800138000","province":"上海市","city":"上海市","district":"静安区","detail":"南京西路 1266 号"}"#;
    let res = http(
        port,
        "POST",
        "/api/v1/addresses",
        Some(&cookie),
        None,
        Some(address),
    )
    .expect("address");
    assert_eq!(res.status, 201, "address: {}", res.body);
    let address = json(&res.body)["id"].as_i64().expect("address id");
    Buyer { cookie, address }
}

#[test]
fn a_killed_server_leaves_only_whole_orders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).expect("dist");
    std::fs::write(dist.join("index.html"), "<!doctype html><title>t</title>").expect("index");
    let db_path = data.join("zhongcao.sqlite3");
    let rt = tokio::runtime::Runtime::new().expect("runtime");

    let mut server = start(&data, &dist);
    let port = server.port;
    let buyers: Vec<Buyer> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..12).map(|i| s.spawn(move || sign_up(port, i))).collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("sign-up thread"))
            .collect()
    });

    // Six variants with 30 units each, set from outside while the server runs.
    let variants: Vec<i64> = rt.block_on(async {
        let pool = db::connect(&db_path).await.expect("open db");
        let ids: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM product_variants ORDER BY id LIMIT 6 OFFSET 100")
                .fetch_all(&pool)
                .await
                .expect("variants");
        for id in &ids {
            sqlx::query("UPDATE product_variants SET stock = 30 WHERE id = ?")
                .bind(id)
                .execute(&pool)
                .await
                .expect("set stock");
        }
        pool.close().await;
        ids
    });
    let initial: HashMap<i64, i64> = variants.iter().map(|v| (*v, 30)).collect();

    // Twelve buyers place orders of one or two lines as fast as they can.
    let acked: Arc<Mutex<Vec<i64>>> = Arc::default();
    let created = Arc::new(AtomicUsize::new(0));
    let killed = Arc::new(AtomicBool::new(false));
    let statuses: Arc<Mutex<HashMap<u16, usize>>> = Arc::default();
    std::thread::scope(|s| {
        for (b, buyer) in buyers.iter().enumerate() {
            let (acked, created, killed, statuses) = (
                acked.clone(),
                created.clone(),
                killed.clone(),
                statuses.clone(),
            );
            let variants = &variants;
            s.spawn(move || {
                for n in 0..400usize {
                    let first = variants[(b + n) % variants.len()];
                    let second = variants[(b * 3 + n * 5 + 1) % variants.len()];
                    let mut items = format!(r#"{{"variant_id":{first},"quantity":{}}}"#, 1 + n % 3);
                    if n % 2 == 1 && second != first {
                        items.push_str(&format!(r#",{{"variant_id":{second},"quantity":1}}"#));
                    }
                    let body = format!(
                        r#"{{"items":[{items}],"address_id":{},"shipping":"express","payment":{{"card_number":"4242 4242 4242 4242","expiry":"12/99","cvc":"123"}}}}"#,
                        buyer.address
                    );
                    let key = format!("crash-{b}-{n:05}");
                    match http(port, "POST", "/api/v1/orders", Some(&buyer.cookie), Some(&key), Some(&body)) {
                        Ok(res) => {
                            if res.status == 201 {
                                let id = json(&res.body)["id"].as_i64().expect("order id");
                                acked.lock().expect("lock").push(id);
                                created.fetch_add(1, Ordering::Relaxed);
                            }
                            *statuses.lock().expect("lock").entry(res.status).or_insert(0) += 1;
                        }
                        // The server is gone: stop.
                        Err(_) if killed.load(Ordering::Relaxed) => break,
                        Err(e) => panic!("request failed before the kill: {e}"),
                    }
                }
            });
        }
        // Kill the server while orders are flowing.
        let started = Instant::now();
        while created.load(Ordering::Relaxed) < 40 && started.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(5));
        }
        killed.store(true, Ordering::Relaxed);
        server.child.kill().expect("SIGKILL the server");
        let _ = server.child.wait();
    });
    let acked = acked.lock().expect("lock").clone();
    let statuses = statuses.lock().expect("lock").clone();
    eprintln!(
        "killed the server after {} acknowledged orders; answers {statuses:?}",
        acked.len()
    );
    assert!(acked.len() >= 40, "orders before the kill: {statuses:?}");
    let unexpected: Vec<_> = statuses
        .keys()
        .filter(|s| !matches!(s, 201 | 409))
        .collect();
    assert!(unexpected.is_empty(), "statuses {statuses:?}");

    // Open what the killed process left (SQLite recovers from the WAL).
    rt.block_on(async {
        let pool = db::connect(&db_path).await.expect("reopen db");
        let q = |sql: &'static str| {
            let pool = pool.clone();
            async move {
                sqlx::query_scalar::<_, i64>(sql)
                    .fetch_one(&pool)
                    .await
                    .expect(sql)
            }
        };
        let orders = q("SELECT COUNT(*) FROM orders").await;
        eprintln!("{orders} orders in the database after the crash");
        assert!(
            orders as usize >= acked.len(),
            "{orders} orders, {} acknowledged",
            acked.len()
        );
        for id in &acked {
            let found: Option<i64> = sqlx::query_scalar("SELECT id FROM orders WHERE id = ?")
                .bind(id)
                .fetch_optional(&pool)
                .await
                .expect("order");
            assert_eq!(found, Some(*id), "acknowledged order {id} survived");
        }
        let empty = q("SELECT COUNT(*) FROM orders o WHERE NOT EXISTS \
                       (SELECT 1 FROM order_items i WHERE i.order_id = o.id)")
        .await;
        assert_eq!(empty, 0, "orders without lines");
        let bad_subtotal = q("SELECT COUNT(*) FROM orders o WHERE subtotal_fen <> \
                              (SELECT SUM(unit_price_fen * quantity) FROM order_items i \
                               WHERE i.order_id = o.id)")
        .await;
        assert_eq!(bad_subtotal, 0, "subtotal = sum of lines");
        let bad_total =
            q("SELECT COUNT(*) FROM orders WHERE total_fen <> subtotal_fen + shipping_fen").await;
        assert_eq!(bad_total, 0, "total = subtotal + shipping");
        let negative = q("SELECT COUNT(*) FROM product_variants WHERE stock < 0").await;
        assert_eq!(negative, 0, "negative stock");
        for (variant, start) in &initial {
            let (now, sold): (i64, i64) = sqlx::query_as(
                "SELECT v.stock, COALESCE((SELECT SUM(i.quantity) FROM order_items i \
                 JOIN orders o ON o.id = i.order_id \
                 WHERE i.variant_id = v.id AND o.cancelled_at IS NULL), 0) \
                 FROM product_variants v WHERE v.id = ?",
            )
            .bind(variant)
            .fetch_one(&pool)
            .await
            .expect("stock");
            assert_eq!(
                start - now,
                sold,
                "variant {variant}: stock taken = units ordered"
            );
        }
        pool.close().await;
    });

    // The same data starts again and serves the orders.
    let server = start(&data, &dist);
    let res = http(
        server.port,
        "GET",
        "/api/v1/orders?limit=50",
        Some(&buyers[0].cookie),
        None,
        None,
    )
    .expect("orders after restart");
    assert_eq!(res.status, 200, "{}", res.body);
    let listed = json(&res.body)["items"].as_array().map_or(0, Vec::len);
    let mine = rt.block_on(async {
        let pool = db::connect(&db_path).await.expect("db");
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM orders o JOIN users u ON u.id = o.user_id \
             WHERE u.username = 'crash_0'",
        )
        .fetch_one(&pool)
        .await
        .expect("count");
        pool.close().await;
        n
    });
    assert_eq!(listed as i64, mine.min(50));
}

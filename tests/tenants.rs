//! examples/tenants.rs for real: tenants' domains stored in a SQLite file, an admin API
//! that stores and removes them, and servers that each keep a `LiveOrigins` copy of the
//! table, refreshed every interval.
//!
//! Each server is its own OS process running the example's `main()`: `TENANT_ORIGINS` is
//! a `static` (a policy names it by path, `live(TENANT_ORIGINS)`), so two servers in one
//! process would share one set and could not disagree, and tests running in parallel
//! would see each other's tenants. The process is the package's `tenants_server` binary,
//! which runs the example's `main()` (cargo builds it before the integration tests): the
//! example's own code and settings, without a nested `cargo build` of the example. Settings go in through the example's environment
//! variables (`TENANTS_ADDR=127.0.0.1:0`, a database in a temporary directory); the
//! server's stdout says where it listens, its stderr (its log) goes to a file the test
//! reads, and its counters come from its admin API (`GET /admin/stats`).
//!
//! Waiting for a refresh is a poll with a deadline; nothing asserts how long it took.

mod support;

#[path = "../examples/tenants.rs"]
#[allow(dead_code)]
mod tenants;

use std::future::Future;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use rusqlite::Connection;
use serde_json::json;
use tenants::Stats;

use support::{ACAH, ACAM, ACAO, PREFLIGHT_VARY, assert_cors_vary};

/// The admin token of every test server.
const TOKEN: &str = "t3nant-admin";
/// The tenant's domain the tests register.
const TENANT: &str = "https://shop.acme.com";
/// The literal beside `live(TENANT_ORIGINS)` in the example's policy.
const APP: &str = "https://app.example.com";
/// The refresh interval of the servers that must pick up changes.
const REFRESH: Duration = Duration::from_millis(100);
/// How long a poll waits for what one refresh should bring.
const DEADLINE: Duration = Duration::from_secs(20);

/// Invoice 1 as `PUT {"paid": true}` leaves it.
const PAID_INVOICE: &str = r#"{"id":1,"customer":"Acme Corp","amount_cents":12000,"paid":true}"#;
/// Both invoices, untouched.
const INVOICES: &str = r#"[{"id":1,"customer":"Acme Corp","amount_cents":12000,"paid":false},{"id":2,"customer":"Globex","amount_cents":4550,"paid":false}]"#;

/// One server process of the example, killed when dropped.
struct Server {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    url: String,
    /// The server's stderr: its log.
    log: PathBuf,
    client: reqwest::Client,
}

impl Server {
    /// Starts a server on `db`, refreshing every `refresh`, logging to `log`.
    fn start(db: &Path, refresh: Duration, log: PathBuf) -> Server {
        let stderr = std::fs::File::create(&log).expect("the log file");
        let mut child = Command::new(env!("CARGO_BIN_EXE_tenants_server"))
            .env("TENANTS_DB", db)
            .env("TENANTS_ADDR", "127.0.0.1:0")
            .env("TENANTS_ADMIN_TOKEN", TOKEN)
            .env("TENANTS_REFRESH_MS", refresh.as_millis().to_string())
            .env("RUST_LOG", "info")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("start the server process");
        // Its stdout has the example's `listening on <url>`; read it to the end on a
        // thread, so the pipe never fills.
        let stdout = child.stdout.take().expect("piped stdout");
        let (listening, url) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some((_, url)) = line.split_once("listening on ") {
                    let _ = listening.send(url.to_owned());
                }
            }
        });
        let url = url.recv_timeout(DEADLINE).unwrap_or_else(|_| {
            panic!(
                "the server did not say where it listens within {DEADLINE:?}; its log:\n{}",
                std::fs::read_to_string(&log).unwrap_or_default()
            )
        });
        Server {
            child,
            url,
            log,
            client: reqwest::Client::new(),
        }
    }

    /// A request to the server's `path`, with `Origin: origin` when given.
    fn request(&self, method: Method, path: &str, origin: Option<&str>) -> reqwest::RequestBuilder {
        let request = self.client.request(method, format!("{}{path}", self.url));
        match origin {
            Some(origin) => request.header("origin", origin),
            None => request,
        }
    }

    /// The preflight of a JSON `PUT` to `path` from `origin`.
    async fn preflight(&self, path: &str, origin: &str) -> reqwest::Response {
        self.request(Method::OPTIONS, path, Some(origin))
            .header("access-control-request-method", "PUT")
            .header("access-control-request-headers", "content-type")
            .send()
            .await
            .expect("the preflight is answered")
    }

    /// Whether the preflight of a JSON `PUT` to invoice 1 from `origin` is granted.
    async fn grants(&self, origin: &str) -> bool {
        let response = self.preflight("/api/invoices/1", origin).await;
        match response.status() {
            StatusCode::NO_CONTENT => true,
            StatusCode::FORBIDDEN => false,
            other => panic!("a preflight answered {other}"),
        }
    }

    /// `GET /api/invoices` from `origin`.
    async fn list(&self, origin: &str) -> reqwest::Response {
        let request = self.request(Method::GET, "/api/invoices", Some(origin));
        request.send().await.expect("an answer")
    }

    /// `PUT /api/invoices/1` with `{"paid": true}` from `origin`.
    async fn pay(&self, origin: &str) -> reqwest::Response {
        self.request(Method::PUT, "/api/invoices/1", Some(origin))
            .header("content-type", "application/json")
            .body(r#"{"paid": true}"#)
            .send()
            .await
            .expect("an answer")
    }

    /// `method /admin/domains` with `{"origin": origin}` and the given token.
    async fn admin(
        &self,
        method: Method,
        origin: &str,
        token: Option<&str>,
    ) -> (StatusCode, String) {
        let mut request = self.request(method, "/admin/domains", None);
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let response = request
            .header("content-type", "application/json")
            .body(json!({ "origin": origin }).to_string())
            .send()
            .await
            .expect("an answer");
        (response.status(), response.text().await.expect("a body"))
    }

    /// Registers `origin` with the right token.
    async fn register(&self, origin: &str) -> (StatusCode, String) {
        self.admin(Method::POST, origin, Some(TOKEN)).await
    }

    /// Removes `origin` with the right token.
    async fn unregister(&self, origin: &str) -> (StatusCode, String) {
        self.admin(Method::DELETE, origin, Some(TOKEN)).await
    }

    /// The server's counters.
    async fn stats(&self) -> Stats {
        let response = self
            .request(Method::GET, "/admin/stats", None)
            .header("authorization", format!("Bearer {TOKEN}"))
            .send()
            .await
            .expect("an answer");
        assert_eq!(response.status(), StatusCode::OK);
        serde_json::from_str(&response.text().await.expect("a body")).expect("stats")
    }

    /// Waits until the first refresh loaded the table (`entries` domains).
    async fn loaded(&self, entries: usize) {
        eventually("the first load", || async {
            self.stats().await.live_origins == Some(entries)
        })
        .await;
    }

    /// The server's log so far, one line per event.
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).expect("the server's log")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `done` until it holds, failing after [`DEADLINE`].
async fn eventually<F, Fut>(what: &str, mut done: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = Instant::now() + DEADLINE;
    while !done().await {
        assert!(Instant::now() < deadline, "{what}: not within {DEADLINE:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A temporary directory with the example's database in it, created as the example does.
fn database() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = dir.path().join("tenants.db");
    tenants::Store::open(&db).expect("create the database");
    (dir, db)
}

/// What the table holds, read through a connection of the test's own.
fn stored(db: &Path) -> Vec<String> {
    let db = Connection::open(db).expect("open the database");
    let mut select = db
        .prepare("SELECT origin FROM tenant_domains ORDER BY origin")
        .unwrap();
    let rows = select.query_map([], |row| row.get(0)).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

/// The answer to a granted preflight of a JSON `PUT` from `origin`: no `max_age`, so no
/// `Access-Control-Max-Age`.
async fn assert_granted(response: reqwest::Response, origin: &str) {
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors_vary(
        response.headers(),
        &[(ACAO, origin), (ACAM, "PUT"), (ACAH, "content-type")],
        &[PREFLIGHT_VARY],
    );
    assert_eq!(response.text().await.unwrap(), "");
}

/// A refused preflight: `403`, no `Access-Control-*` header, empty body.
async fn assert_refused(response: reqwest::Response) {
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_cors_vary(response.headers(), &[], &[PREFLIGHT_VARY]);
    assert_eq!(response.text().await.unwrap(), "");
}

/// (a) A domain registered through the admin API is granted within a refresh, and its
/// requests are readable; the admin API refuses a missing or wrong token and a bad origin
/// before anything reaches the store.
#[tokio::test]
async fn a_registered_domain_is_allowed_from_the_next_refresh() {
    let (dir, db) = database();
    let server = Server::start(&db, REFRESH, dir.path().join("server.log"));
    server.loaded(0).await;

    // Before: refused like any unknown origin; a simple GET runs, unreadable.
    assert_refused(server.preflight("/api/invoices/1", TENANT).await).await;
    let before = server.list(TENANT).await;
    assert_eq!(before.status(), StatusCode::OK);
    assert_cors_vary(before.headers(), &[], &["Origin"]);

    for token in [None, Some("wrong")] {
        let (status, body) = server.admin(Method::POST, TENANT, token).await;
        assert_eq!(
            (status, body.as_str()),
            (StatusCode::UNAUTHORIZED, "admin token required")
        );
    }
    let (status, body) = server.register("https://shop.acme.com/").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        "`https://shop.acme.com/` ends with `/`: browsers send the origin without it, so this \
         never matches; write `https://shop.acme.com`"
    );
    assert!(stored(&db).is_empty(), "nothing refused reached the table");

    assert_eq!(
        server.register(TENANT).await,
        (
            StatusCode::CREATED,
            format!("{TENANT} stored; allowed from the next refresh")
        )
    );
    assert_eq!(
        server.register(TENANT).await,
        (StatusCode::OK, format!("{TENANT} already stored"))
    );
    assert_eq!(stored(&db), [TENANT]);

    eventually("the tenant's preflight is granted", || {
        server.grants(TENANT)
    })
    .await;
    assert_granted(server.preflight("/api/invoices/1", TENANT).await, TENANT).await;
    let paid = server.pay(TENANT).await;
    assert_eq!(paid.status(), StatusCode::OK);
    assert_cors_vary(paid.headers(), &[(ACAO, TENANT)], &["Origin"]);
    assert_eq!(paid.text().await.unwrap(), PAID_INVOICE);
    // The literal beside the live set answers as before.
    let listed = server.list(APP).await;
    assert_eq!(listed.status(), StatusCode::OK);
    assert_cors_vary(listed.headers(), &[(ACAO, APP)], &["Origin"]);
    assert!(
        listed
            .text()
            .await
            .unwrap()
            .starts_with(&format!("[{PAID_INVOICE},"))
    );

    let stats = server.stats().await;
    assert_eq!(stats.live_origins, Some(1));
    assert_eq!(stats.last_refresh_error, None);
    assert_eq!(stats.failed_loads, 0);
    // The unreadable GET before and the app's GET; the one PUT. Preflights run nothing.
    assert_eq!((stats.list_calls, stats.update_calls), (2, 1));
}

/// (b) Two server processes on one database file: registered through one, both grant it;
/// removed through the other, both refuse it, and `strict` refuses the removed tenant's
/// write before the handler.
#[tokio::test]
async fn two_servers_on_one_database_agree() {
    let (dir, db) = database();
    let one = Server::start(&db, REFRESH, dir.path().join("one.log"));
    let two = Server::start(&db, REFRESH, dir.path().join("two.log"));
    one.loaded(0).await;
    two.loaded(0).await;
    assert!(!one.grants(TENANT).await && !two.grants(TENANT).await);

    assert_eq!(one.register(TENANT).await.0, StatusCode::CREATED);
    eventually("both servers grant the tenant", || async {
        one.grants(TENANT).await && two.grants(TENANT).await
    })
    .await;
    for server in [&one, &two] {
        assert_granted(server.preflight("/api/invoices/1", TENANT).await, TENANT).await;
        let listed = server.list(TENANT).await;
        assert_eq!(listed.status(), StatusCode::OK);
        assert_cors_vary(listed.headers(), &[(ACAO, TENANT)], &["Origin"]);
        assert_eq!(listed.text().await.unwrap(), INVOICES);
    }

    assert_eq!(
        two.unregister(TENANT).await,
        (StatusCode::NO_CONTENT, String::new())
    );
    assert_eq!(
        two.unregister(TENANT).await,
        (StatusCode::NOT_FOUND, format!("{TENANT} not stored"))
    );
    assert!(stored(&db).is_empty());
    eventually("both servers refuse the tenant", || async {
        !one.grants(TENANT).await && !two.grants(TENANT).await
    })
    .await;
    for server in [&one, &two] {
        assert_refused(server.preflight("/api/invoices/1", TENANT).await).await;
        // A write sent anyway (a browser holding a grant cached before the removal):
        // `strict` refuses it before the handler.
        let write = server.pay(TENANT).await;
        assert_eq!(write.status(), StatusCode::FORBIDDEN);
        assert_cors_vary(write.headers(), &[], &["Origin"]);
        assert_eq!(write.text().await.unwrap(), "");
        let read = server.list(TENANT).await;
        assert_eq!(read.status(), StatusCode::OK);
        assert_cors_vary(read.headers(), &[], &["Origin"]);

        let stats = server.stats().await;
        assert_eq!(stats.live_origins, Some(0));
        assert_eq!((stats.list_calls, stats.update_calls), (2, 0));
    }
}

/// (c) While the table cannot be read, every refresh fails: the last good set stays in
/// force, and each failed refresh is exactly one `error` event of target `cors` in the
/// server's log; once the table is back, the next refresh succeeds.
#[tokio::test]
async fn a_failed_refresh_keeps_the_last_good_set_and_logs_one_error_each_time() {
    let (dir, db) = database();
    let server = Server::start(&db, REFRESH, dir.path().join("server.log"));
    server.loaded(0).await;
    assert_eq!(server.register(TENANT).await.0, StatusCode::CREATED);
    eventually("the tenant's preflight is granted", || {
        server.grants(TENANT)
    })
    .await;

    let ours = Connection::open(&db).expect("open the database");
    ours.execute(
        "ALTER TABLE tenant_domains RENAME TO tenant_domains_away",
        [],
    )
    .expect("rename the table");
    eventually("three failed refreshes", || async {
        server.stats().await.failed_loads >= 3
    })
    .await;
    assert_granted(server.preflight("/api/invoices/1", TENANT).await, TENANT).await;
    let stats = server.stats().await;
    assert_eq!(stats.live_origins, Some(1), "the last good set");
    assert_eq!(
        stats.last_refresh_error.as_deref(),
        Some("loading failed: no such table: tenant_domains")
    );
    // The admin's writes fail too, with a 500, while the store is broken.
    assert_eq!(
        server.register("https://books.example.org").await,
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the tenant store failed".to_owned()
        )
    );

    ours.execute(
        "ALTER TABLE tenant_domains_away RENAME TO tenant_domains",
        [],
    )
    .expect("rename the table back");
    eventually("a successful refresh", || async {
        server.stats().await.last_refresh_error.is_none()
    })
    .await;
    // No refresh fails from here on, and each failed one logged before the next began.
    let failed = server.stats().await.failed_loads;
    let log = server.log();
    let errors: Vec<&str> = log
        .lines()
        .filter(|line| line.contains(" ERROR cors:"))
        .collect();
    assert_eq!(errors.len(), failed, "one event per failed refresh:\n{log}");
    for line in errors {
        assert!(
            line.ends_with(
                " ERROR cors: refreshing live origins failed; the last good set stays in force \
                 live=\"TENANT_ORIGINS\" entries=1 error=loading failed: no such table: \
                 tenant_domains"
            ),
            "{line}"
        );
    }
    assert_granted(server.preflight("/api/invoices/1", TENANT).await, TENANT).await;
    assert_eq!(server.stats().await.live_origins, Some(1));
}

/// A small deterministic generator (xorshift64*), for origins no one registered.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// An origin such as `https://qz0x7b.example-42.net:8443`.
    fn origin(&mut self) -> String {
        let label: String = (0..8)
            .map(|_| {
                char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[(self.next() % 36) as usize])
            })
            .collect();
        let scheme = ["https", "http"][(self.next() % 2) as usize];
        let port = match self.next() % 3 {
            0 => String::new(),
            _ => format!(":{}", 1024 + self.next() % 60_000),
        };
        format!(
            "{scheme}://{label}.example-{}.net{port}",
            self.next() % 1000
        )
    }
}

/// (d) 10,000 requests from unknown origins (preflights, reads and writes) are answered
/// from the set in memory: not one query reaches the store. The refresh interval is an
/// hour, so the one load at start is the only query a server makes by itself here.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_from_unknown_origins_never_queries_the_store() {
    const REQUESTS: usize = 10_000;
    const TASKS: usize = 4;
    let (dir, db) = database();
    Connection::open(&db)
        .unwrap()
        .execute("INSERT INTO tenant_domains (origin) VALUES (?1)", [TENANT])
        .unwrap();
    let server = std::sync::Arc::new(Server::start(
        &db,
        Duration::from_secs(3600),
        dir.path().join("server.log"),
    ));
    server.loaded(1).await;
    let before = server.stats().await;
    assert_eq!(before.store_queries, 1, "the load at start");

    let seed = 0x9E37_79B9_7F4A_7C15_u64;
    let mut tasks = Vec::new();
    for task in 0..TASKS {
        let server = server.clone();
        tasks.push(tokio::spawn(async move {
            let mut random = Random(seed + task as u64);
            let mut reads = 0;
            for i in 0..REQUESTS / TASKS {
                let origin = random.origin();
                match i % 3 {
                    0 => assert_refused(server.preflight("/api/invoices/1", &origin).await).await,
                    1 => {
                        let read = server.list(&origin).await;
                        assert_eq!(read.status(), StatusCode::OK, "{origin}");
                        assert_cors_vary(read.headers(), &[], &["Origin"]);
                        assert_eq!(read.text().await.unwrap(), INVOICES);
                        reads += 1;
                    }
                    _ => {
                        let write = server.pay(&origin).await;
                        assert_eq!(write.status(), StatusCode::FORBIDDEN, "{origin}");
                        assert_cors_vary(write.headers(), &[], &["Origin"]);
                        assert_eq!(write.text().await.unwrap(), "");
                    }
                }
            }
            reads
        }));
    }
    let mut reads = 0;
    for task in tasks {
        reads += task.await.expect("every answer as expected");
    }

    let after = server.stats().await;
    assert_eq!(
        after.store_queries - before.store_queries,
        0,
        "no request queried the store"
    );
    assert_eq!(after.failed_loads, 0);
    assert_eq!(after.live_origins, Some(1));
    // Every unreadable GET ran its handler; no refused write did.
    assert_eq!((after.list_calls, after.update_calls), (reads, 0));
    assert_eq!(
        reads,
        TASKS * (0..REQUESTS / TASKS).filter(|i| i % 3 == 1).count()
    );
    // The registered tenant is still granted, from the same one load.
    assert_granted(server.preflight("/api/invoices/1", TENANT).await, TENANT).await;
    assert_eq!(server.stats().await.store_queries, 1);
}

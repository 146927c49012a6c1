//! A small SaaS API whose tenants put the app on their own domains: the page on
//! `https://billing.acme.com` calls this API cross-origin, so every tenant's domain must
//! be an allowed origin, added and removed while the servers run.
//!
//! The domains live in SQLite (table `tenant_domains`), the one place every server reads.
//! An admin endpoint stores and removes them; each server copies the table into a
//! [`LiveOrigins`] set now and every refresh interval, and its CORS policies read that
//! set on every request. A request never waits for the database or queries it.
//!
//! ```text
//! TENANTS_REFRESH_MS=1000 cargo run --example tenants
//! curl -i -X POST localhost:3006/admin/domains -H 'authorization: Bearer dev-admin-token' \
//!      -H 'content-type: application/json' -d '{"origin": "https://billing.acme.com"}'
//! curl -i localhost:3006/api/invoices -H 'origin: https://billing.acme.com'
//! curl -i -X DELETE localhost:3006/admin/domains -H 'authorization: Bearer dev-admin-token' \
//!      -H 'content-type: application/json' -d '{"origin": "https://billing.acme.com"}'
//! ```
//!
//! Servers sharing the file agree within one interval: a second one with
//! `TENANTS_ADDR=127.0.0.1:3007` allows what was registered through the first.
//!
//! Settings come from the environment: `TENANTS_DB` (the SQLite file, `tenants.db`),
//! `TENANTS_ADMIN_TOKEN` (`dev-admin-token`: set your own), `TENANTS_REFRESH_MS` (5000),
//! `TENANTS_ADDR` (`127.0.0.1:3006`) and `RUST_LOG` (`info`).

use std::error::Error;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Path as UrlPath, Request, State};
use axum::http::StatusCode;
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use cors_runtime::{LiveOrigins, cors, cors_policy, cors_routes};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// The tenants' domains in force on this server: a copy of the `tenant_domains` table,
/// at most one refresh interval old.
pub static TENANT_ORIGINS: LiveOrigins = LiveOrigins::new();

/// The policy of every API route: our own app, plus whatever tenants registered.
///
/// No `max_age`: a browser keeps a preflight's grant for `max_age` seconds, also after
/// the tenant is removed; without it browsers keep it 5 seconds (the Fetch default).
/// Actual requests are checked against the current set, so a removed tenant's page can
/// no longer read any answer; `strict` on the writes (below) also refuses a write that
/// a cached grant lets the browser send.
#[cors_policy(
    origins = ["https://app.example.com", live(TENANT_ORIGINS)],
    headers = ["content-type"],
)]
pub struct TenantPages;

/// Where the domains are stored. Every use opens the file on a blocking thread (SQLite
/// calls block): simple, and cheap at one query per refresh. A pool (r2d2, deadpool)
/// works the same way.
#[derive(Clone)]
pub struct Store {
    path: Arc<Path>,
    /// Every query this server sent to the store: the refreshes and the admin's writes.
    queries: Arc<AtomicUsize>,
    /// Refreshes whose query failed.
    failed_loads: Arc<AtomicUsize>,
}

/// Why the store could not answer: SQLite's error, or its blocking task failed.
pub type StoreError = Box<dyn Error + Send + Sync>;

impl Store {
    /// Opens (creating if needed) the database at `path` and its `tenant_domains` table.
    pub fn open(path: impl Into<PathBuf>) -> rusqlite::Result<Store> {
        let path: PathBuf = path.into();
        let db = Connection::open(&path)?;
        // Write-ahead logging: the servers' refreshes never block the admin's writes.
        db.pragma_update(None, "journal_mode", "wal")?;
        db.execute(
            "CREATE TABLE IF NOT EXISTS tenant_domains (origin TEXT PRIMARY KEY)",
            [],
        )?;
        Ok(Store {
            path: path.into(),
            queries: Arc::default(),
            failed_loads: Arc::default(),
        })
    }

    /// Runs `query` on a fresh connection, on a blocking thread.
    async fn run<T, Q>(&self, query: Q) -> Result<T, StoreError>
    where
        T: Send + 'static,
        Q: FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    {
        self.queries.fetch_add(1, Ordering::SeqCst);
        let path = self.path.clone();
        let result = tokio::task::spawn_blocking(move || query(&Connection::open(path)?)).await?;
        Ok(result?)
    }

    /// Every stored domain: what each refresh loads.
    async fn load(&self) -> Result<Vec<String>, StoreError> {
        let loaded = self
            .run(|db| {
                let mut select = db.prepare("SELECT origin FROM tenant_domains")?;
                let rows = select.query_map([], |row| row.get(0))?;
                rows.collect()
            })
            .await;
        if loaded.is_err() {
            self.failed_loads.fetch_add(1, Ordering::SeqCst);
        }
        loaded
    }

    /// Stores `origin`; `false` when it was already there.
    async fn add(&self, origin: String) -> Result<bool, StoreError> {
        self.run(move |db| {
            let sql = "INSERT INTO tenant_domains (origin) VALUES (?1) ON CONFLICT DO NOTHING";
            db.execute(sql, params![origin]).map(|added| added == 1)
        })
        .await
    }

    /// Removes `origin`; `false` when it was not there.
    async fn remove(&self, origin: String) -> Result<bool, StoreError> {
        self.run(move |db| {
            let sql = "DELETE FROM tenant_domains WHERE origin = ?1";
            db.execute(sql, params![origin]).map(|removed| removed == 1)
        })
        .await
    }
}

/// One invoice of the demo data (a real app keeps these per tenant, in its database).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Invoice {
    /// Its number.
    pub id: u32,
    /// Who pays it.
    pub customer: String,
    /// How much, in cents.
    pub amount_cents: u64,
    /// Whether it was paid.
    pub paid: bool,
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    store: Store,
    admin_token: Arc<str>,
    invoices: Arc<Mutex<Vec<Invoice>>>,
    list_calls: Arc<AtomicUsize>,
    update_calls: Arc<AtomicUsize>,
}

impl AppState {
    /// Two unpaid invoices; the admin API needs `Authorization: Bearer <admin_token>`.
    pub fn new(store: Store, admin_token: &str) -> AppState {
        let invoice = |id, customer: &str, amount_cents| Invoice {
            id,
            customer: customer.to_owned(),
            amount_cents,
            paid: false,
        };
        AppState {
            store,
            admin_token: admin_token.into(),
            invoices: Arc::new(Mutex::new(vec![
                invoice(1, "Acme Corp", 12_000),
                invoice(2, "Globex", 4_550),
            ])),
            list_calls: Arc::default(),
            update_calls: Arc::default(),
        }
    }

    /// Keeps [`TENANT_ORIGINS`] in step with the store: loads it now and every `interval`.
    /// A failed load keeps the last good set and logs one `error` (target `cors`).
    pub fn refresh_origins(&self, interval: Duration) -> JoinHandle<()> {
        let store = self.store.clone();
        TENANT_ORIGINS.refresh_every(interval, move || {
            let store = store.clone();
            async move { store.load().await }
        })
    }

    /// This server's counters and the state of its set, as `GET /admin/stats` shows them.
    pub fn stats(&self) -> Stats {
        let live = TENANT_ORIGINS.status();
        Stats {
            live_origins: live.entries,
            last_refresh_error: live.last_error,
            store_queries: self.store.queries.load(Ordering::SeqCst),
            failed_loads: self.store.failed_loads.load(Ordering::SeqCst),
            list_calls: self.list_calls.load(Ordering::SeqCst),
            update_calls: self.update_calls.load(Ordering::SeqCst),
        }
    }
}

/// What `GET /admin/stats` answers.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Stats {
    /// Domains in force on this server; `None` until the first load succeeded.
    pub live_origins: Option<usize>,
    /// Why the last refresh failed, until one succeeds again.
    pub last_refresh_error: Option<String>,
    /// Queries this server sent to the store (refreshes and admin writes; never requests).
    pub store_queries: usize,
    /// Refreshes whose query failed.
    pub failed_loads: usize,
    /// Runs of `GET /api/invoices`.
    pub list_calls: usize,
    /// Runs of `PUT /api/invoices/{id}`.
    pub update_calls: usize,
}

/// Lists the invoices. A simple request: no preflight.
#[cors(policy = TenantPages, methods = [GET])]
async fn list_invoices(State(state): State<AppState>) -> Json<Vec<Invoice>> {
    state.list_calls.fetch_add(1, Ordering::SeqCst);
    Json(state.invoices.lock().unwrap().clone())
}

/// What a page sends to change an invoice.
#[derive(Deserialize)]
pub struct InvoiceUpdate {
    paid: bool,
}

/// Marks an invoice paid (or not). A JSON `PUT`: the browser preflights it. `strict`
/// refuses it (`403`, before this runs) from an origin the policy does not allow now,
/// even when the browser skipped the preflight on a grant it cached before the removal.
#[cors(policy = TenantPages, methods = [PUT], strict)]
async fn update_invoice(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<u32>,
    Json(update): Json<InvoiceUpdate>,
) -> Result<Json<Invoice>, (StatusCode, &'static str)> {
    state.update_calls.fetch_add(1, Ordering::SeqCst);
    let mut invoices = state.invoices.lock().unwrap();
    let invoice = invoices.iter_mut().find(|invoice| invoice.id == id);
    let invoice = invoice.ok_or((StatusCode::NOT_FOUND, "no such invoice"))?;
    invoice.paid = update.paid;
    Ok(Json(invoice.clone()))
}

/// The body of the admin's domain requests: `{"origin": "https://billing.acme.com"}`.
#[derive(Deserialize)]
pub struct Domain {
    origin: String,
}

/// Stores a tenant's domain. It is checked first by the rules the set applies, so a
/// typo is the admin's `400` now, not a refresh refused on every server later.
async fn add_domain(State(state): State<AppState>, Json(domain): Json<Domain>) -> Response {
    if let Err(refused) = TENANT_ORIGINS.check(&domain.origin) {
        return (StatusCode::BAD_REQUEST, refused.problems.join("\n")).into_response();
    }
    match state.store.add(domain.origin.clone()).await {
        // Stored, not yet in force: every server, this one too, applies it at its next
        // refresh. The store is the one truth, so no server can disagree for longer.
        Ok(true) => (
            StatusCode::CREATED,
            format!("{} stored; allowed from the next refresh", domain.origin),
        )
            .into_response(),
        Ok(false) => (StatusCode::OK, format!("{} already stored", domain.origin)).into_response(),
        Err(error) => store_failed(&error),
    }
}

/// Removes a tenant's domain (unchecked: a bad entry stored by other means can go too).
async fn remove_domain(State(state): State<AppState>, Json(domain): Json<Domain>) -> Response {
    match state.store.remove(domain.origin.clone()).await {
        Ok(true) => StatusCode::NO_CONTENT.into_response(),
        Ok(false) => (
            StatusCode::NOT_FOUND,
            format!("{} not stored", domain.origin),
        )
            .into_response(),
        Err(error) => store_failed(&error),
    }
}

fn store_failed(error: &StoreError) -> Response {
    tracing::error!(target: "tenants", %error, "the tenant store failed");
    (StatusCode::INTERNAL_SERVER_ERROR, "the tenant store failed").into_response()
}

async fn stats(State(state): State<AppState>) -> Json<Stats> {
    Json(state.stats())
}

/// Lets only `Authorization: Bearer <admin token>` through; `401` otherwise.
async fn require_admin(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let expected = format!("Bearer {}", state.admin_token);
    let given = request.headers().get(AUTHORIZATION);
    if given.is_some_and(|given| same_secret(given.as_bytes(), expected.as_bytes())) {
        next.run(request).await
    } else {
        let challenge = [(WWW_AUTHENTICATE, "Bearer")];
        (StatusCode::UNAUTHORIZED, challenge, "admin token required").into_response()
    }
}

/// Compares in time that does not depend on where the bytes differ.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// The whole app: the API tenants' pages call, and the admin API.
pub fn app(state: AppState) -> Router {
    // No #[cors] on the admin API: it is for your back office and scripts, never for a
    // tenant's page, so browsers on other origins must not read it. The auth layer on
    // the whole admin router is fine here for the same reason: no preflight comes.
    let admin = Router::new()
        .route("/admin/domains", post(add_domain).delete(remove_domain))
        .route("/admin/stats", get(stats))
        .route_layer(middleware::from_fn_with_state(state.clone(), require_admin));
    Router::new()
        .route("/api/invoices", cors_routes![list_invoices])
        .route("/api/invoices/{id}", cors_routes![update_invoice])
        .merge(admin)
        .with_state(state)
}

/// Serves `state`'s app on `listener`, refreshing the domains every `refresh`.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    refresh: Duration,
) -> std::io::Result<()> {
    // The router first: building it tells the set which rules its policies need.
    let app = app(state.clone());
    let refresher = state.refresh_origins(refresh);
    let served = axum::serve(listener, app).await;
    refresher.abort();
    served
}

fn setting(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

/// Reads the settings, opens the store and serves until the process ends.
#[tokio::main]
pub async fn main() -> Result<(), Box<dyn Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let store = Store::open(setting("TENANTS_DB", "tenants.db"))?;
    let token = setting("TENANTS_ADMIN_TOKEN", "dev-admin-token");
    if std::env::var_os("TENANTS_ADMIN_TOKEN").is_none() {
        tracing::warn!(target: "tenants", "TENANTS_ADMIN_TOKEN is not set: using the dev token");
    }
    let refresh = setting("TENANTS_REFRESH_MS", "5000");
    let refresh = Duration::from_millis(
        refresh
            .parse()
            .map_err(|e| format!("TENANTS_REFRESH_MS: {e}"))?,
    );
    let listener = TcpListener::bind(setting("TENANTS_ADDR", "127.0.0.1:3006")).await?;
    // One line on stdout, for whoever started the server (the tests read it).
    println!("listening on http://{}", listener.local_addr()?);
    serve(listener, AppState::new(store, &token), refresh).await?;
    Ok(())
}

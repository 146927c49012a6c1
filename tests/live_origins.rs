//! Origins that change while the server runs (README, "Origins that change at run time"),
//! through a real `axum::Router`: a `LiveOrigins` set named in a policy's `origins`,
//! edited at run time, refused whole when a change has a bad entry, never failing open.
//! Each test has its own `static` set: tests run in parallel.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::Router;
use axum::extract::State;
use cors_runtime::{CorsHandler, LiveOrigins, cors, cors_routes};
use http::HeaderValue;

use support::{
    ACAC, ACAH, ACAM, ACAO, ACMA, Calls, Captured, PREFLIGHT_VARY, actual, assert_cors_vary,
    assert_refused_preflight, preflight, send,
};

const TENANT: &str = "https://shop.acme.com";
const OTHER_TENANT: &str = "https://books.example.org";

static EDITED: LiveOrigins = LiveOrigins::new();

#[cors(
    origins = ["https://app.example.com", live(EDITED)],
    methods = [GET, PUT],
    headers = ["content-type"],
    max_age = 60,
)]
async fn edited(State(calls): State<Calls>) -> &'static str {
    calls.hit("edited");
    "edited"
}

fn edited_app(calls: &Calls) -> Router {
    Router::new()
        .route("/items", cors_routes![edited])
        .with_state(calls.clone())
}

/// The preflight answer that allows `origin`.
fn allowed_preflight(origin: &str) -> [(&str, &str); 4] {
    [
        (ACAO, origin),
        (ACAM, "GET, HEAD, PUT"),
        (ACAH, "content-type"),
        (ACMA, "60"),
    ]
}

#[tokio::test]
async fn an_origin_added_at_run_time_is_allowed_and_refused_once_removed() {
    let calls = Calls::new(&["edited"]);
    let app = edited_app(&calls);

    // Before: refused, like any unknown origin.
    assert_refused_preflight(send(&app, preflight("/items", TENANT, "PUT", None)).await).await;
    let response = send(&app, actual("GET", "/items", Some(TENANT))).await;
    assert_cors_vary(response.headers(), &[], &["Origin"]);

    assert_eq!(EDITED.insert(TENANT), Ok(true));
    assert_eq!(EDITED.insert(TENANT), Ok(false), "already there");
    let response = send(
        &app,
        preflight("/items", TENANT, "PUT", Some("content-type")),
    )
    .await;
    assert_eq!(response.status(), 204);
    assert_cors_vary(
        response.headers(),
        &allowed_preflight(TENANT),
        &[PREFLIGHT_VARY],
    );
    let response = send(&app, actual("PUT", "/items", Some(TENANT))).await;
    assert_eq!(response.status(), 200);
    assert_cors_vary(response.headers(), &[(ACAO, TENANT)], &["Origin"]);

    // The literal beside the live set still answers.
    let response = send(
        &app,
        actual("GET", "/items", Some("https://app.example.com")),
    )
    .await;
    assert_cors_vary(
        response.headers(),
        &[(ACAO, "https://app.example.com")],
        &["Origin"],
    );

    assert!(EDITED.remove(TENANT));
    assert!(!EDITED.remove(TENANT), "already gone");
    assert_refused_preflight(send(&app, preflight("/items", TENANT, "PUT", None)).await).await;
    let response = send(&app, actual("GET", "/items", Some(TENANT))).await;
    assert_eq!(
        response.status(),
        200,
        "the handler runs; the page cannot read it"
    );
    assert_cors_vary(response.headers(), &[], &["Origin"]);
    // Preflights never run the handler; the four actual requests did.
    calls.assert_runs(&[("edited", 4)]);
}

static REPLACED: LiveOrigins = LiveOrigins::new();

#[cors(origins = [live(REPLACED)], methods = [GET])]
async fn replaced() -> &'static str {
    "replaced"
}

#[tokio::test]
async fn a_change_with_a_bad_entry_is_refused_whole_and_the_old_set_stays() {
    let app = Router::new().route("/r", cors_routes![replaced]);
    REPLACED
        .replace([TENANT, "https://*.preview.acme.dev"])
        .expect("valid");
    let error = REPLACED
        .replace([
            OTHER_TENANT,
            "https://books.example.org/",
            "https://*.com",
            "null",
        ])
        .expect_err("three bad entries");
    assert_eq!(
        error.problems,
        [
            "`https://*.com` is too broad: `com` is a public suffix, so anyone can register a matching site; name your own domain, e.g. `https://*.example.com`",
            "`https://books.example.org/` ends with `/`: browsers send the origin without it, so this never matches; write `https://books.example.org`",
            "`null` is the origin of sandboxed frames, `file:` pages and redirects: any site can produce it, so allowing it allows everyone; list the real origins",
        ]
    );
    assert!(error.to_string().starts_with(
        "live origins refused; the set keeps its previous entries:\n  - `https://*.com` is too broad"
    ));
    assert_eq!(
        REPLACED.entries(),
        ["https://*.preview.acme.dev", "https://shop.acme.com"]
    );
    for (origin, allowed) in [
        (TENANT, true),
        ("https://pr-7.preview.acme.dev", true),
        (OTHER_TENANT, false),
    ] {
        let response = send(&app, actual("GET", "/r", Some(origin))).await;
        let expected: &[(&str, &str)] = if allowed { &[(ACAO, origin)] } else { &[] };
        assert_cors_vary(response.headers(), expected, &["Origin"]);
    }
    let status = REPLACED.status();
    assert_eq!(status.entries, Some(2));
    assert!(
        status
            .last_error
            .is_some_and(|e| e.contains("https://*.com"))
    );
}

static WITH_CREDENTIALS: LiveOrigins = LiveOrigins::new();

#[cors(origins = [live(WITH_CREDENTIALS)], methods = [GET], credentials)]
async fn with_credentials() {}

#[tokio::test]
async fn credentials_refuse_plain_http_origins_off_loopback() {
    // Building the router registers the policy's rules with the set.
    let app = Router::new().route("/me", cors_routes![with_credentials]);
    let error = WITH_CREDENTIALS
        .replace(["http://intranet.example", "http://localhost:5173"])
        .expect_err("plain http off loopback");
    assert_eq!(
        error.problems,
        [
            "`http://intranet.example` is plain `http://` on a host other than loopback: with `credentials`, cookies would cross the network unencrypted; use `https://`, or add `dangerously_allow_insecure_origins` if you really mean it"
        ]
    );
    assert!(WITH_CREDENTIALS.check("http://intranet.example").is_err());
    assert!(WITH_CREDENTIALS.check("http://localhost:5173").is_ok());
    WITH_CREDENTIALS
        .replace(["http://localhost:5173"])
        .expect("loopback is fine");
    let response = send(&app, actual("GET", "/me", Some("http://localhost:5173"))).await;
    assert_cors_vary(
        response.headers(),
        &[(ACAO, "http://localhost:5173"), (ACAC, "true")],
        &["Origin"],
    );
}

static NEVER_LOADED: LiveOrigins = LiveOrigins::new();
static EMPTIED: LiveOrigins = LiveOrigins::new();

#[cors(origins = [live(NEVER_LOADED)], methods = [GET, POST], strict)]
async fn never_loaded(State(calls): State<Calls>) {
    calls.hit("never_loaded");
}

#[cors(origins = [live(EMPTIED)], methods = [GET])]
async fn emptied(State(calls): State<Calls>) {
    calls.hit("emptied");
}

#[tokio::test]
async fn empty_and_never_loaded_sets_grant_nothing() {
    let calls = Calls::new(&["never_loaded", "emptied"]);
    let app = Router::new()
        .route("/never", cors_routes![never_loaded])
        .route("/empty", cors_routes![emptied])
        .with_state(calls.clone());
    EMPTIED.replace([TENANT]).unwrap();
    EMPTIED.replace(Vec::<String>::new()).unwrap();
    assert_eq!(EMPTIED.status().entries, Some(0));
    assert_eq!(NEVER_LOADED.status().entries, None);
    for path in ["/never", "/empty"] {
        for origin in [TENANT, "null", "*", ""] {
            let response = send(&app, preflight(path, origin, "GET", None)).await;
            assert_refused_preflight(response).await;
            let response = send(&app, actual("GET", path, Some(origin))).await;
            assert_cors_vary(response.headers(), &[], &["Origin"]);
        }
    }
    // Strict: a cross-origin POST is refused before the handler.
    let response = send(&app, actual("POST", "/never", Some(TENANT))).await;
    assert_eq!(response.status(), 403);
    assert!(!<never_loaded as CorsHandler>::allows_origin(
        &HeaderValue::from_static(TENANT)
    ));
    calls.assert_runs(&[("never_loaded", 4), ("emptied", 4)]);
}

static CHURNED: LiveOrigins = LiveOrigins::new();

#[cors(origins = [live(CHURNED)], methods = [GET])]
async fn churned() -> &'static str {
    "churned"
}

/// A writer swaps two sets that share one origin as fast as it can while requests are in
/// flight: the shared origin is allowed every time (a request never sees a half-built or
/// empty set), each other origin is allowed or refused as one of the two sets says, and
/// every listing is exactly one of them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_see_the_old_set_or_the_new_one_never_a_mix() {
    const SHARED: &str = "https://always.example";
    const ONLY_A: &str = "https://a-only.example";
    const ONLY_B: &str = "https://b-only.example";
    const NEVER: &str = "https://never.example";
    let set_a = [SHARED, ONLY_A];
    let set_b = [SHARED, ONLY_B, "https://*.b.example"];
    CHURNED.replace(set_a).unwrap();
    let app = Router::new().route("/c", cors_routes![churned]);

    let done = Arc::new(AtomicBool::new(false));
    let writer = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut swaps = 0u32;
            while !done.load(Ordering::Relaxed) {
                CHURNED
                    .replace(if swaps.is_multiple_of(2) {
                        &set_b[..]
                    } else {
                        &set_a[..]
                    })
                    .unwrap();
                let listed = CHURNED.entries();
                assert!(
                    listed == ["https://a-only.example", SHARED]
                        || listed == ["https://*.b.example", "https://always.example", ONLY_B],
                    "{listed:?}"
                );
                swaps += 1;
            }
            swaps
        })
    };
    let mut tasks = Vec::new();
    for task in 0..8 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let mut seen_a = 0;
            for i in 0..500 {
                let origin = [SHARED, ONLY_A, ONLY_B, NEVER, "https://x.b.example"][(i + task) % 5];
                let response = send(&app, actual("GET", "/c", Some(origin))).await;
                assert_eq!(response.status(), 200);
                let echoed = response.headers().get_all(ACAO).iter().collect::<Vec<_>>();
                match origin {
                    SHARED => assert_eq!(echoed, [SHARED], "the shared origin, always"),
                    NEVER => assert!(echoed.is_empty()),
                    _ => {
                        assert!(echoed.is_empty() || echoed == [origin], "{echoed:?}");
                        seen_a += usize::from(origin == ONLY_A && !echoed.is_empty());
                    }
                }
            }
            seen_a
        }));
    }
    for task in tasks {
        task.await.expect("no request panics");
    }
    done.store(true, Ordering::Relaxed);
    let swaps = writer.join().expect("the writer never saw a mix");
    assert!(
        swaps > 10,
        "the set changed while requests were in flight ({swaps} swaps)"
    );
}

static LOGGED: LiveOrigins = LiveOrigins::new();

#[cors(origins = ["https://app.example.com", live(LOGGED)], methods = [GET])]
async fn logged() {}

/// A refusal says what the origin was compared with: the literals, and the live set as
/// of its last change (a refresh may bring the origin a moment later).
#[tokio::test]
async fn a_refusal_names_the_live_set_and_its_state() {
    let app = Router::new().route("/l", cors_routes![logged]);
    let (captured, _guard) = Captured::events(tracing::Level::DEBUG);

    send(&app, actual("GET", "/l", Some(TENANT))).await;
    LOGGED.replace([OTHER_TENANT]).unwrap();
    send(&app, actual("GET", "/l", Some(TENANT))).await;

    let events = captured.lines();
    assert_eq!(events.len(), 2, "{events:#?}");
    assert!(
        events[0].contains(
            r#"reason=origin not in allowed origins ["https://app.example.com", "live(LOGGED): never loaded, grants nothing"]"#
        ),
        "{}",
        events[0]
    );
    assert!(events[0].starts_with(" WARN cors:"), "{}", events[0]);
    assert!(
        events[1].contains(
            r#"reason=origin not in allowed origins ["https://app.example.com", "live(LOGGED): 1 entry as of its last change, 0 s ago"]"#
        ),
        "{}",
        events[1]
    );
    assert!(events[1].starts_with("DEBUG cors:"), "{}", events[1]);
}

static REFRESHED: LiveOrigins = LiveOrigins::new();

#[cors(origins = [live(REFRESHED)], methods = [GET])]
async fn refreshed() {}

/// `refresh_every`: the first load at once, then one per interval; a failed load (or a
/// list with a bad entry) keeps the last good set and emits one `error` event per failed
/// refresh, not one per request.
#[tokio::test(start_paused = true)]
async fn a_failed_refresh_keeps_the_last_good_set_and_says_so_once() {
    let app = Router::new().route("/f", cors_routes![refreshed]);
    let (captured, _guard) = Captured::events(tracing::Level::ERROR);

    let loads = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = loads.clone();
    let refresher = REFRESHED.refresh_every(std::time::Duration::from_secs(10), move || {
        let load = counted.fetch_add(1, Ordering::SeqCst);
        async move {
            match load {
                0 => Ok(vec![TENANT.to_owned()]),
                1 => Err("database is locked".to_owned()),
                2 => Ok(vec!["https://bad.example/".to_owned()]),
                _ => Ok(vec![OTHER_TENANT.to_owned()]),
            }
        }
    });
    let allowed = |origin: &'static str| {
        let app = app.clone();
        async move {
            let response = send(&app, actual("GET", "/f", Some(origin))).await;
            response.headers().get(ACAO).is_some()
        }
    };
    // Let the spawned task run its first load; time is paused, so no tick passes.
    while loads.load(Ordering::SeqCst) < 1 || REFRESHED.status().entries.is_none() {
        tokio::task::yield_now().await;
    }
    assert!(allowed(TENANT).await);

    for (load, error) in [
        (2, "loading failed: database is locked"),
        (3, "`https://bad.example/` ends with `/`"),
    ] {
        tokio::time::advance(std::time::Duration::from_secs(10)).await;
        while loads.load(Ordering::SeqCst) < load {
            tokio::task::yield_now().await;
        }
        tokio::task::yield_now().await;
        // Many requests while the store fails: the last good set answers them all.
        for _ in 0..50 {
            assert!(allowed(TENANT).await);
        }
        let status = REFRESHED.status();
        assert_eq!(status.entries, Some(1));
        assert!(
            status
                .last_error
                .as_deref()
                .is_some_and(|e| e.contains(error)),
            "{status:?}"
        );
    }
    let events = captured.lines();
    assert_eq!(events.len(), 2, "one event per failed refresh: {events:#?}");
    assert!(events[0].contains("ERROR cors: refreshing live origins failed; the last good set stays in force live=\"REFRESHED\" entries=1 error=loading failed: database is locked"), "{}", events[0]);

    tokio::time::advance(std::time::Duration::from_secs(10)).await;
    while loads.load(Ordering::SeqCst) < 4 {
        tokio::task::yield_now().await;
    }
    tokio::task::yield_now().await;
    assert!(!allowed(TENANT).await);
    assert!(allowed(OTHER_TENANT).await);
    assert_eq!(REFRESHED.status().last_error, None);
    refresher.abort();
}

static PARTNERS: LiveOrigins = LiveOrigins::new();

/// A shared policy takes a live set too; every handler using it reads the same set.
#[cors_runtime::cors_policy(origins = [live(PARTNERS)], headers = ["content-type"])]
struct PartnerPolicy;

#[cors(policy = PartnerPolicy, methods = [GET])]
async fn partner_list() {}

#[cors(policy = PartnerPolicy, methods = [POST])]
async fn partner_create() {}

#[tokio::test]
async fn a_shared_policy_reads_the_live_set() {
    let app = Router::new().route("/p", cors_routes![partner_list, partner_create]);
    PARTNERS.replace([TENANT]).unwrap();
    for method in ["GET", "POST"] {
        let response = send(&app, actual(method, "/p", Some(TENANT))).await;
        assert_cors_vary(response.headers(), &[(ACAO, TENANT)], &["Origin"]);
    }
    let response = send(&app, preflight("/p", TENANT, "POST", Some("content-type"))).await;
    assert_eq!(response.status(), 204);
    PARTNERS.replace([OTHER_TENANT]).unwrap();
    assert_refused_preflight(send(&app, preflight("/p", TENANT, "POST", None)).await).await;
}

static AUDITED: LiveOrigins = LiveOrigins::new();

#[cors(origins = ["https://app.example.com", live(AUDITED)], methods = [GET], credentials)]
async fn audited() {}

/// `audit` shows the live set by name, with its size, last change and last error.
#[tokio::test]
async fn the_audit_shows_the_live_set_and_its_state() {
    let app: Router = Router::new().route("/a", cors_routes![audited]);
    let report = cors_runtime::audit(&app, ["/a"]).await;
    assert_eq!(
        report.to_string(),
        "/a\n  GET, HEAD: audited; origins https://app.example.com; live AUDITED (never loaded: grants nothing); credentials\n"
    );
    report.assert_every_path_has_cors();

    AUDITED.replace([TENANT, OTHER_TENANT]).unwrap();
    AUDITED
        .replace(["http://intranet.example"])
        .expect_err("plain http with credentials");
    let report = cors_runtime::audit(&app, ["/a"]).await;
    let policy = &report.routes[0].policies[0];
    assert_eq!(
        policy.origins.as_deref(),
        Some(&["https://app.example.com".to_owned()][..])
    );
    let live = &policy.live[0];
    assert_eq!(live.name, "AUDITED");
    assert_eq!(live.entries, [OTHER_TENANT, TENANT]);
    assert_eq!(live.status.entries, Some(2));
    let text = report.to_string();
    assert!(
        text.starts_with("/a\n  GET, HEAD: audited; origins https://app.example.com; live AUDITED (2 entries, changed 0 s ago; last error: change refused: `http://intranet.example` is plain `http://`"),
        "{text}"
    );
}

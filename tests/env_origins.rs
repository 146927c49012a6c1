//! Origins read when the first router mounting their handler is built (README, "Origins
//! from the environment"), once per process: `env("NAME")` and `from_fn(path)`, checked
//! by the same rules as origins written in the attribute. A bad value is one
//! `StartupError` listing every bad entry, and building the router panics with it.
//!
//! Why one `#[test]`: `std::env::set_var` is `unsafe` (edition 2024) because another
//! thread reading the environment at the same time (through libc's `getenv`, which
//! Rust's own lock does not cover) is undefined behaviour. This binary therefore holds
//! exactly one test function, so libtest runs nothing beside it, and it drives the router
//! on a current-thread Tokio runtime, which starts no thread. Every step below runs in
//! sequence on that one thread; each variable is removed again after its step.

// The workspace denies `unsafe`; `std::env::set_var`/`remove_var` below are the one use,
// made sound by the single-thread discipline described above.
#![allow(unsafe_code)]

mod support;

use std::panic::{AssertUnwindSafe, catch_unwind};

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use cors_runtime::{CorsHandler, StartupError, cors, cors_routes};

use support::{ACAH, ACAM, ACAO};
use support::{
    Calls, PREFLIGHT_VARY, actual, assert_cors_vary, assert_refused_preflight, preflight, send,
};

#[cors(origins = env("CORS_TEST_LIST"), methods = [GET, PUT], headers = ["x-token"])]
async fn listed(State(calls): State<Calls>) -> &'static str {
    calls.hit("listed");
    "listed"
}

#[cors(origins = ["https://literal.example", env("CORS_TEST_EXTRA")], methods = [GET, PUT], headers = ["x-token"])]
async fn combined(State(calls): State<Calls>) -> &'static str {
    calls.hit("combined");
    "combined"
}

#[cors(origins = env("CORS_TEST_CHECKED"), methods = [GET])]
async fn checked() -> &'static str {
    "checked"
}

#[cors(origins = [env("CORS_TEST_CREDENTIALED")], methods = [GET], credentials)]
async fn credentialed() -> &'static str {
    "credentialed"
}

#[cors(
    origins = [env("CORS_TEST_CREDENTIALED")],
    methods = [GET],
    credentials,
    dangerously_allow_insecure_origins
)]
async fn credentialed_insecure() -> &'static str {
    "credentialed insecure"
}

#[cors(origins = ["https://literal.example", env("CORS_TEST_OPTIONAL", optional)], methods = [GET])]
async fn optional_source() -> &'static str {
    "optional"
}

#[cors(origins = [env("CORS_TEST_ONLY_OPTIONAL", optional)], methods = [GET])]
async fn only_optional() -> &'static str {
    "only optional"
}

#[cors(
    origins = [env("CORS_TEST_DEFAULTED", default = "https://default.example, http://localhost:*")],
    methods = [GET],
    credentials
)]
async fn defaulted() -> &'static str {
    "defaulted"
}

/// The same policy as [`defaulted`] on another variable: the first router (or origin
/// check) of a handler fixes its origins for the process, so each state gets its own.
#[cors(
    origins = [env("CORS_TEST_DEFAULTED_SET", default = "https://default.example, http://localhost:*")],
    methods = [GET],
    credentials
)]
async fn defaulted_but_set() -> &'static str {
    "defaulted but set"
}

fn borrowed_origins() -> Vec<&'static str> {
    vec!["https://borrowed.example", "https://*.borrowed.example"]
}

fn owned_origins() -> Vec<String> {
    ["acme", "globex"]
        .iter()
        .map(|tenant| format!("https://{tenant}.owned.example"))
        .collect()
}

fn origins_with_a_bad_one() -> Vec<&'static str> {
    vec![
        "https://good.example",
        "https://bad.example/",
        "https://fine.example",
    ]
}

fn no_origins() -> Vec<String> {
    Vec::new()
}

#[cors(origins = [from_fn(borrowed_origins), from_fn(owned_origins)], methods = [GET, PUT], headers = ["x-token"])]
async fn from_functions(State(calls): State<Calls>) -> &'static str {
    calls.hit("from_functions");
    "from functions"
}

#[cors(origins = from_fn(origins_with_a_bad_one), methods = [GET])]
async fn from_function_with_a_bad_one() -> &'static str {
    "bad"
}

#[cors(origins = ["https://literal.example", from_fn(no_origins)], methods = [GET])]
async fn from_function_with_none() -> &'static str {
    "none"
}

fn set(name: &str, value: &str) {
    // SAFETY: see the module docs: this binary's only test runs on the only thread that
    // touches or reads the environment.
    unsafe { std::env::set_var(name, value) }
}

fn unset(name: &str) {
    // SAFETY: as in `set`.
    unsafe { std::env::remove_var(name) }
}

/// The problems `check_origins` reports for handler `H`; panics if it reports none.
#[track_caller]
fn problems<H: CorsHandler>() -> Vec<String> {
    let name = std::any::type_name::<H>().rsplit("::").next().unwrap();
    match H::check_origins() {
        Ok(()) => panic!("expected `{name}` to have bad origins"),
        Err(StartupError {
            handler, problems, ..
        }) => {
            assert_eq!(handler, name);
            problems
        }
    }
}

/// Builds a router mounting `mount`'s routes and returns the message it panicked with.
#[track_caller]
fn router_panic(mount: impl FnOnce() -> Router) -> String {
    let payload = match catch_unwind(AssertUnwindSafe(mount)) {
        Ok(_) => panic!("building the router should have panicked"),
        Err(payload) => payload,
    };
    match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(payload) => match payload.downcast::<&str>() {
            Ok(message) => (*message).to_owned(),
            Err(_) => panic!("the panic carried no message"),
        },
    }
}

/// `origin` is allowed on `path` (which routes GET and PUT with `x-token`): preflight and
/// actual response echo it byte for byte. The handler runs once, for the actual request.
async fn assert_allowed(app: &Router, path: &str, origin: &str) {
    let response = send(app, preflight(path, origin, "PUT", Some("x-token"))).await;
    assert_eq!(
        response.status(),
        StatusCode::NO_CONTENT,
        "{origin} on {path}"
    );
    assert_cors_vary(
        response.headers(),
        &[(ACAO, origin), (ACAM, "GET, HEAD, PUT"), (ACAH, "x-token")],
        &[PREFLIGHT_VARY],
    );
    let response = send(app, actual("GET", path, Some(origin))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors_vary(response.headers(), &[(ACAO, origin)], &["Origin"]);
}

/// `origin` is not allowed on `path`: refused preflight, no CORS header on the response.
/// The handler runs once, for the actual request (CORS does not stop it).
async fn assert_refused(app: &Router, path: &str, origin: &str) {
    let response = send(app, preflight(path, origin, "PUT", Some("x-token"))).await;
    assert_eq!(
        response.status(),
        StatusCode::FORBIDDEN,
        "{origin:?} on {path}"
    );
    assert_refused_preflight(response).await;
    let response = send(app, actual("GET", path, Some(origin))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors_vary(response.headers(), &[], &["Origin"]);
}

#[test]
fn origins_read_when_the_router_is_built() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime");
    runtime.block_on(async {
        from_fn_lists_of_borrowed_and_owned_strings_are_allowed().await;
        env_list_allows_exactly_its_origins_spaces_around_commas_ignored().await;
        env_list_is_read_once_when_the_router_is_built().await;
        env_combined_with_literals_allows_both().await;
    });
    from_fn_bad_entry_is_listed_and_an_empty_list_is_an_error();
    env_empty_value_is_an_error();
    env_one_bad_entry_among_good_ones_is_the_only_one_listed();
    env_every_bad_entry_is_listed();
    env_missing_variable_is_named();
    env_insecure_origin_with_credentials_follows_the_compile_time_rule();
    building_the_router_with_a_bad_env_panics_with_the_startup_error();
    env_optional_unset_gives_no_origin_set_is_read_invalid_is_listed();
    env_default_is_used_only_when_the_variable_is_unset();
    hosts_no_site_can_have_are_refused_at_startup_as_at_compile_time();
}

/// `allows_origin` of handler `H` for `origin`.
fn allows<H: CorsHandler>(origin: &'static str) -> bool {
    H::allows_origin(&axum::http::HeaderValue::from_static(origin))
}

fn env_optional_unset_gives_no_origin_set_is_read_invalid_is_listed() {
    // Unset: the literal alone; alone, an unset optional source is an error.
    unset("CORS_TEST_OPTIONAL");
    assert_eq!(<optional_source as CorsHandler>::check_origins(), Ok(()));
    unset("CORS_TEST_ONLY_OPTIONAL");
    assert_eq!(
        problems::<only_optional>(),
        [
            "no origin is allowed: every `env(..., optional)` source is unset and nothing else is listed; set one, or list an origin"
        ]
    );
    // Set: read and checked like any `env`.
    set("CORS_TEST_OPTIONAL", "https://b.example/");
    assert_eq!(
        problems::<optional_source>(),
        [
            "environment variable CORS_TEST_OPTIONAL: `https://b.example/` ends with `/`: browsers send the origin without it, so this never matches; write `https://b.example`"
        ]
    );
    set("CORS_TEST_OPTIONAL", "https://b.example");
    assert_eq!(<optional_source as CorsHandler>::check_origins(), Ok(()));
    assert!(allows::<optional_source>("https://b.example"));
    assert!(allows::<optional_source>("https://literal.example"));
    assert!(!allows::<optional_source>("https://default.example"));
    unset("CORS_TEST_OPTIONAL");
}

fn env_default_is_used_only_when_the_variable_is_unset() {
    unset("CORS_TEST_DEFAULTED");
    assert_eq!(<defaulted as CorsHandler>::check_origins(), Ok(()));
    assert!(allows::<defaulted>("https://default.example"));
    assert!(allows::<defaulted>("http://localhost:5173"));
    assert!(!allows::<defaulted>("https://set.example"));

    set("CORS_TEST_DEFAULTED_SET", "https://set.example");
    assert!(allows::<defaulted_but_set>("https://set.example"));
    assert!(!allows::<defaulted_but_set>("https://default.example"));
    // A set value is checked with the policy's keys, as without a default.
    set("CORS_TEST_DEFAULTED_SET", "http://intranet.example.com");
    // The compile-time error for the same origin written in the attribute.
    let stderr = include_str!("ui/cors/fail/credentials-with-insecure-origin.stderr");
    let compile_time = stderr
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("error: "));
    assert_eq!(
        problems::<defaulted_but_set>(),
        [format!(
            "environment variable CORS_TEST_DEFAULTED_SET: {}",
            compile_time.expect("the first line of the .stderr is the error")
        )]
    );
    unset("CORS_TEST_DEFAULTED_SET");

    // Each handler mounts; their origins were fixed above by their first check.
    set("CORS_TEST_ONLY_OPTIONAL", "https://only.example");
    let _app: Router = Router::new()
        .route("/optional", cors_routes![optional_source])
        .route("/only-optional", cors_routes![only_optional])
        .route("/defaulted", cors_routes![defaulted])
        .route("/defaulted-but-set", cors_routes![defaulted_but_set]);
    assert!(allows::<only_optional>("https://only.example"));
    unset("CORS_TEST_ONLY_OPTIONAL");
}

async fn from_fn_lists_of_borrowed_and_owned_strings_are_allowed() {
    assert_eq!(<from_functions as CorsHandler>::check_origins(), Ok(()));
    let calls = Calls::new(&["from_functions"]);
    let app = Router::new()
        .route("/fns", cors_routes![from_functions])
        .with_state(calls.clone());
    for origin in [
        "https://borrowed.example",
        "https://x.borrowed.example",
        "https://acme.owned.example",
        "https://globex.owned.example",
    ] {
        assert_allowed(&app, "/fns", origin).await;
    }
    for origin in ["https://initech.owned.example", "https://owned.example"] {
        assert_refused(&app, "/fns", origin).await;
    }
    calls.assert_runs(&[("from_functions", 6)]);
}

fn from_fn_bad_entry_is_listed_and_an_empty_list_is_an_error() {
    assert_eq!(
        problems::<from_function_with_a_bad_one>(),
        [
            "from_fn(...): `https://bad.example/` ends with `/`: browsers send the origin without it, so this never matches; write `https://bad.example`"
        ]
    );
    assert_eq!(
        problems::<from_function_with_none>(),
        ["from_fn(...) returned no origins; no request could be allowed"]
    );
    // Building the router calls the functions and stops on the same errors.
    for (mount, error) in [
        (
            (|| Router::new().route("/", cors_routes![from_function_with_a_bad_one]))
                as fn() -> Router,
            <from_function_with_a_bad_one as CorsHandler>::check_origins(),
        ),
        (
            || Router::new().route("/", cors_routes![from_function_with_none]),
            <from_function_with_none as CorsHandler>::check_origins(),
        ),
    ] {
        let error = error.expect_err("bad origins");
        assert_eq!(router_panic(mount), error.to_string());
    }
}

async fn env_list_allows_exactly_its_origins_spaces_around_commas_ignored() {
    set(
        "CORS_TEST_LIST",
        "  https://a.example ,https://b.example:8443,\thttps://*.c.example ,  http://localhost:*  ",
    );
    assert_eq!(<listed as CorsHandler>::check_origins(), Ok(()));
    let calls = Calls::new(&["listed"]);
    let app = Router::new()
        .route("/listed", cors_routes![listed])
        .with_state(calls.clone());
    unset("CORS_TEST_LIST");

    for origin in [
        "https://a.example",
        "https://b.example:8443",
        "https://x.c.example",
        "https://x.y.c.example",
        "http://localhost:5173",
        "http://localhost",
    ] {
        assert_allowed(&app, "/listed", origin).await;
    }
    for origin in [
        // What the variable held around the entries is not part of them.
        " https://a.example",
        "https://a.example ",
        // Nothing else.
        "https://b.example",
        "https://c.example",
        "https://evil.example",
        "http://127.0.0.1:5173",
    ] {
        assert_refused(&app, "/listed", origin).await;
    }
    calls.assert_runs(&[("listed", 12)]);
}

/// Runs after `env_list_allows_exactly_its_origins...`, which built the first router
/// mounting `listed`: its origins were read then, once for the process.
async fn env_list_is_read_once_when_the_router_is_built() {
    set("CORS_TEST_LIST", "https://second.example");
    let calls = Calls::new(&["listed"]);
    let app = Router::new()
        .route("/listed", cors_routes![listed])
        .with_state(calls.clone());
    // A later router with the same handler keeps the list read the first time.
    assert_allowed(&app, "/listed", "https://a.example").await;
    assert_refused(&app, "/listed", "https://second.example").await;
    unset("CORS_TEST_LIST");
    assert_allowed(&app, "/listed", "https://a.example").await;
    calls.assert_runs(&[("listed", 3)]);
}

async fn env_combined_with_literals_allows_both() {
    set(
        "CORS_TEST_EXTRA",
        "https://extra.example,https://*.tenants.example",
    );
    let calls = Calls::new(&["combined"]);
    let app = Router::new()
        .route("/combined", cors_routes![combined])
        .with_state(calls.clone());
    unset("CORS_TEST_EXTRA");
    for origin in [
        "https://literal.example",
        "https://extra.example",
        "https://acme.tenants.example",
    ] {
        assert_allowed(&app, "/combined", origin).await;
    }
    for origin in ["https://tenants.example", "https://evil.example"] {
        assert_refused(&app, "/combined", origin).await;
    }
    calls.assert_runs(&[("combined", 5)]);
}

fn env_empty_value_is_an_error() {
    for empty in ["", "   ", "\t"] {
        set("CORS_TEST_CHECKED", empty);
        assert_eq!(
            problems::<checked>(),
            ["environment variable CORS_TEST_CHECKED is empty; no request could be allowed"],
            "{empty:?}"
        );
    }
    unset("CORS_TEST_CHECKED");
}

fn env_one_bad_entry_among_good_ones_is_the_only_one_listed() {
    set(
        "CORS_TEST_CHECKED",
        "https://good.example, https://App.example.com, https://fine.example",
    );
    assert_eq!(
        problems::<checked>(),
        [
            "environment variable CORS_TEST_CHECKED: `https://App.example.com` has upper-case letters: browsers send origins in lower case; write `https://app.example.com`"
        ]
    );
    unset("CORS_TEST_CHECKED");
}

fn env_every_bad_entry_is_listed() {
    set(
        "CORS_TEST_CHECKED",
        "app.example.com, https://ok.example, https://*.com, null,,http://localhost:*/, https://a.example:443,",
    );
    let problems = problems::<checked>();
    let source = "environment variable CORS_TEST_CHECKED";
    assert_eq!(
        problems,
        [
            format!("{source}: entry 5 is empty (a stray comma?)"),
            format!("{source}: entry 8 is empty (a stray comma?)"),
            format!(
                "{source}: `app.example.com` has no scheme: an origin is `scheme://host[:port]`; write `https://app.example.com`"
            ),
            format!(
                "{source}: `https://*.com` is too broad: `com` is a public suffix, so anyone can register a matching site; name your own domain, e.g. `https://*.example.com`"
            ),
            format!(
                "{source}: `null` is the origin of sandboxed frames, `file:` pages and redirects: any site can produce it, so allowing it allows everyone; list the real origins"
            ),
            format!(
                "{source}: `http://localhost:*/` ends with `/`: browsers send the origin without it, so this never matches; write `http://localhost:*`"
            ),
            format!(
                "{source}: `https://a.example:443` spells out the default port: browsers leave it out, so this never matches; write `https://a.example`"
            ),
        ]
    );
    assert!(
        problems.iter().all(|p| !p.contains("ok.example")),
        "the good entry is not listed"
    );
    unset("CORS_TEST_CHECKED");
}

fn env_missing_variable_is_named() {
    unset("CORS_TEST_CHECKED");
    assert_eq!(
        problems::<checked>(),
        [
            "environment variable CORS_TEST_CHECKED is not set; set it to a comma-separated list of origins, e.g. CORS_TEST_CHECKED=https://app.example.com"
        ]
    );
}

fn env_insecure_origin_with_credentials_follows_the_compile_time_rule() {
    // The compile-time error for the same origin written in the attribute.
    let stderr = include_str!("ui/cors/fail/credentials-with-insecure-origin.stderr");
    let compile_time = stderr
        .lines()
        .next()
        .and_then(|line| line.strip_prefix("error: "))
        .expect("the first line of the .stderr is the error");

    set(
        "CORS_TEST_CREDENTIALED",
        "https://secure.example, http://intranet.example.com, http://localhost:3000, http://127.0.0.2",
    );
    assert_eq!(
        problems::<credentialed>(),
        [format!(
            "environment variable CORS_TEST_CREDENTIALED: {compile_time}"
        )]
    );
    // The loudly named opt-in covers origins read from the environment too.
    assert_eq!(
        <credentialed_insecure as CorsHandler>::check_origins(),
        Ok(())
    );
    let _app: Router = Router::new().route("/", cors_routes![credentialed_insecure]);
    // Loopback over plain http is fine with credentials, as at compile time.
    set(
        "CORS_TEST_CREDENTIALED",
        "http://localhost:3000, http://127.0.0.2, http://[::1]:8080, http://localhost:*",
    );
    assert_eq!(<credentialed as CorsHandler>::check_origins(), Ok(()));
    let _app: Router = Router::new().route("/", cors_routes![credentialed]);
    unset("CORS_TEST_CREDENTIALED");
}

fn building_the_router_with_a_bad_env_panics_with_the_startup_error() {
    set(
        "CORS_TEST_CHECKED",
        "https://good.example, https://bad.example/, ftp://files.example",
    );
    let error = <checked as CorsHandler>::check_origins().expect_err("two bad entries");
    assert_eq!(
        error.to_string(),
        "#[cors] origins of `checked` are invalid:\n  \
         - environment variable CORS_TEST_CHECKED: `https://bad.example/` ends with `/`: browsers send the origin without it, so this never matches; write `https://bad.example`\n  \
         - environment variable CORS_TEST_CHECKED: only `http://` and `https://` origins can be listed; `ftp:` is not one of them"
    );
    let message = router_panic(|| Router::new().route("/checked", cors_routes![checked]));
    assert_eq!(message, error.to_string());
    unset("CORS_TEST_CHECKED");

    // A missing variable stops the router the same way.
    let error = <checked as CorsHandler>::check_origins().expect_err("a missing variable");
    assert_eq!(
        error.problems,
        [
            "environment variable CORS_TEST_CHECKED is not set; set it to a comma-separated list of origins, e.g. CORS_TEST_CHECKED=https://app.example.com"
        ]
    );
    let message = router_panic(|| Router::new().route("/checked", cors_routes![checked]));
    assert_eq!(message, error.to_string());
}

#[cors(origins = env("CORS_TEST_NEVER_A_SITE"), methods = [GET])]
async fn never_a_site() -> &'static str {
    "never a site"
}

/// A host name of `len` bytes (at least 196): three labels of 63 bytes, one of what is
/// left, and `.com`.
fn name_of(len: usize) -> String {
    let labels = ["a", "b", "c"].map(|c| c.repeat(63)).join(".");
    format!("{labels}.{}.com", "d".repeat(len - labels.len() - 5))
}

/// Hosts no site can have, beside addresses and names at the limits, which pass.
fn hosts_no_site_can_have() -> Vec<String> {
    vec![
        "https://example..com".to_owned(),
        "https://ok.example".to_owned(),
        "https://.example.com".to_owned(),
        "http://127.0.0.1:8080".to_owned(),
        "https://*.example.com.".to_owned(),
        "http://[::1]:*".to_owned(),
        format!("https://{}.example.com", "a".repeat(64)),
        format!("https://*.{}.example.com", "a".repeat(63)),
        format!("https://{}", name_of(253)),
        format!("https://*.{}", name_of(251)),
        format!("https://{}", name_of(254)),
        format!("https://*.{}", name_of(252)),
    ]
}

#[cors(origins = [from_fn(hosts_no_site_can_have)], methods = [GET])]
async fn never_a_site_from_fn() -> &'static str {
    "never a site"
}

/// The error lines of a compile-fail case's `.stderr`.
fn compile_time_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter_map(|line| line.strip_prefix("error: "))
        .collect()
}

/// The entry an error names first, between its first two backticks.
fn named_entry(error: &str) -> &str {
    error.split('`').nth(1).expect("the error names the entry")
}

fn hosts_no_site_can_have_are_refused_at_startup_as_at_compile_time() {
    // The entries of the compile-fail cases, read from the environment: each refused
    // with the very message the attribute gets at compile time.
    let compile_time: Vec<&str> = [
        include_str!("ui/cors/fail/origin-host-never-a-site.stderr"),
        include_str!("ui/cors/fail/pattern-host-never-a-site.stderr"),
    ]
    .into_iter()
    .flat_map(compile_time_errors)
    .collect();
    assert_eq!(compile_time.len(), 9);
    let entries: Vec<&str> = compile_time.iter().map(|e| named_entry(e)).collect();
    set("CORS_TEST_NEVER_A_SITE", &entries.join(", "));
    let source = "environment variable CORS_TEST_NEVER_A_SITE";
    assert_eq!(
        problems::<never_a_site>(),
        compile_time
            .iter()
            .map(|error| format!("{source}: {error}"))
            .collect::<Vec<_>>()
    );
    // Building the router stops on the same error.
    let error = <never_a_site as CorsHandler>::check_origins().expect_err("bad hosts");
    let message = router_panic(|| Router::new().route("/", cors_routes![never_a_site]));
    assert_eq!(message, error.to_string());
    unset("CORS_TEST_NEVER_A_SITE");

    // From a function: the same rules, one line per bad entry; the addresses, the valid
    // name and the names at the limits (63-byte label, 253-byte host, 251-byte domain
    // under `*.`) are not listed.
    let label_64 = "a".repeat(64);
    let (host_254, domain_252) = (name_of(254), name_of(252));
    assert_eq!((host_254.len(), domain_252.len()), (254, 252));
    assert_eq!(
        problems::<never_a_site_from_fn>(),
        [
            "from_fn(...): `https://example..com` has an empty label (`..`) in its host: no DNS name has one, so no site is served from such a host and this never matches; write `https://example.com`".to_owned(),
            "from_fn(...): `https://.example.com` starts its host with `.`, an empty label: no DNS name has one, so no site is served from such a host and this never matches (a leading `.` does not mean subdomains: for those, list the pattern `https://*.example.com`); write `https://example.com`".to_owned(),
            "from_fn(...): `https://*.example.com.` ends its host with `.`: browsers keep that dot in the origin they send, so this never matches the same name without it; write `https://*.example.com`".to_owned(),
            format!(
                "from_fn(...): `https://{label_64}.example.com` has a label of 64 bytes in its host (`{label_64}`): DNS labels have at most 63 bytes, so no site is served from such a host and this never matches"
            ),
            format!(
                "from_fn(...): `https://{host_254}` has a host of 254 bytes: DNS names have at most 253 bytes, so no site is served from such a host and this never matches"
            ),
            format!(
                "from_fn(...): `https://*.{domain_252}` has a domain of 252 bytes: a matching host adds at least a one-byte label and a `.` to it, past the 253 bytes a DNS name can have, so this never matches"
            ),
        ]
    );
    // Building the router stops on the same error.
    let error = <never_a_site_from_fn as CorsHandler>::check_origins().expect_err("bad hosts");
    let message = router_panic(|| Router::new().route("/", cors_routes![never_a_site_from_fn]));
    assert_eq!(message, error.to_string());
}

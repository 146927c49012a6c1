//! The runtime contract on the wire: `axum::serve` on a loopback port, spoken to with a
//! real HTTP client (reqwest) and with raw HTTP/1.1 bytes over a `TcpStream` for what a
//! client library would normalise (whitespace, repeated lines, header name case).

mod support;

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::response::IntoResponse;
use cors_runtime::{cors, cors_routes};
use reqwest::{Method, StatusCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use support::{A, Calls, EVIL, PREFLIGHT_VARY, assert_cors, serve, vary};
use support::{ACAC, ACAH, ACAM, ACAO, ACEH, ACMA};

#[cors(
    origins = ["https://a.example"],
    methods = [GET, POST],
    headers = ["content-type", "x-token"],
    expose = ["x-request-id"],
    credentials,
    max_age = 600
)]
async fn items(State(calls): State<Calls>) -> impl IntoResponse {
    calls.hit("items");
    ([("x-request-id", "7")], "items")
}

async fn start() -> (SocketAddr, Calls) {
    let calls = Calls::new(&["items"]);
    let app = Router::new()
        .route("/items", cors_routes![items])
        .with_state(calls.clone());
    (serve(app).await, calls)
}

/// The headers of a successful preflight to `/items`.
const PREFLIGHT_OK: &[(&str, &str)] = &[
    (ACAO, A),
    (ACAM, "GET, HEAD, POST"),
    (ACAH, "content-type, x-token"),
    (ACAC, "true"),
    (ACMA, "600"),
];

/// The headers of an actual response to `/items` from the allowed origin.
const ACTUAL_OK: &[(&str, &str)] = &[(ACAO, A), (ACAC, "true"), (ACEH, "x-request-id")];

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("an HTTP client")
}

fn url(addr: SocketAddr) -> String {
    format!("http://{addr}/items")
}

// Fetch, CORS protocol, HTTP responses (preflight and actual answers) through a real HTTP
// client.

#[tokio::test]
async fn client_get_from_allowed_origin_gets_exactly_one_echoed_origin() {
    let (addr, calls) = start().await;
    let response = client()
        .get(url(addr))
        .header("origin", A)
        .send()
        .await
        .expect("response");
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(response.headers(), ACTUAL_OK);
    assert_eq!(vary(response.headers()), ["Origin"]);
    assert_eq!(response.text().await.expect("body"), "items");
    assert_eq!(calls.count("items"), 1);
}

#[tokio::test]
async fn client_get_from_disallowed_or_no_origin_gets_no_cors_headers() {
    let (addr, calls) = start().await;
    for origin in [Some(EVIL), None] {
        let mut request = client().get(url(addr));
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        let response = request.send().await.expect("response");
        assert_eq!(response.status(), StatusCode::OK);
        assert_cors(response.headers(), &[]);
        assert_eq!(vary(response.headers()), ["Origin"]);
        assert_eq!(response.text().await.expect("body"), "items");
    }
    assert_eq!(calls.count("items"), 2);
}

#[tokio::test]
async fn client_preflight_succeeds_with_204_and_the_policy_headers() {
    let (addr, calls) = start().await;
    let response = client()
        .request(Method::OPTIONS, url(addr))
        .header("origin", A)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type,x-token")
        .send()
        .await
        .expect("response");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_cors(response.headers(), PREFLIGHT_OK);
    assert_eq!(vary(response.headers()), [PREFLIGHT_VARY]);
    assert!(response.bytes().await.expect("body").is_empty());
    assert_eq!(calls.count("items"), 0);
}

#[tokio::test]
async fn client_preflight_refusal_is_a_bare_403() {
    let (addr, calls) = start().await;
    for (origin, method, names) in [
        (EVIL, "GET", ""),
        (A, "PUT", ""),
        (A, "POST", "authorization"),
    ] {
        let response = client()
            .request(Method::OPTIONS, url(addr))
            .header("origin", origin)
            .header("access-control-request-method", method)
            .header("access-control-request-headers", names)
            .send()
            .await
            .expect("response");
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert_cors(response.headers(), &[]);
        assert_eq!(vary(response.headers()), [PREFLIGHT_VARY]);
        assert!(response.bytes().await.expect("body").is_empty());
    }
    assert_eq!(calls.count("items"), 0);
}

// Raw HTTP/1.1: what the server's HTTP parsing hands to the CORS layer.

/// A response read off the wire until the server closed the connection.
struct RawResponse {
    status: u16,
    /// (lower-case name, value without surrounding whitespace), in wire order.
    headers: Vec<(String, String)>,
    /// Every byte after the blank line that ends the header section.
    body: Vec<u8>,
}

impl RawResponse {
    fn parse(bytes: &[u8]) -> RawResponse {
        let end = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no end of header section in {:?}", bytes.escape_ascii()));
        let head = String::from_utf8_lossy(&bytes[..end]);
        let mut lines = head.split("\r\n");
        let status_line = lines.next().expect("a status line");
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
        let headers = lines
            .map(|line| {
                let (name, value) = line
                    .split_once(':')
                    .unwrap_or_else(|| panic!("bad header line {line:?}"));
                (name.to_ascii_lowercase(), value.trim().to_owned())
            })
            .collect();
        RawResponse {
            status,
            headers,
            body: bytes[end + 4..].to_vec(),
        }
    }

    /// Every value of `name`, one entry per field line.
    fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The `Access-Control-*` field lines, sorted by name (duplicates kept).
    fn cors(&self) -> Vec<(&str, &str)> {
        let mut cors: Vec<(&str, &str)> = self
            .headers
            .iter()
            .filter(|(n, _)| n.starts_with("access-control-"))
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        cors.sort_by(|a, b| a.0.cmp(b.0));
        cors
    }

    /// Asserts the CORS field lines are exactly `expected` (values and line counts).
    #[track_caller]
    fn assert_cors(&self, expected: &[(&str, &str)]) {
        let mut want = expected.to_vec();
        want.sort_by(|a, b| a.0.cmp(b.0));
        assert_eq!(self.cors(), want, "Access-Control-* field lines");
        for (name, _) in expected {
            let wanted = expected.iter().filter(|(n, _)| n == name).count();
            assert_eq!(self.all(name).len(), wanted, "number of `{name}` lines");
        }
    }
}

/// Sends `method /items` with the given raw header lines (each without CRLF), plus `Host`
/// and `Connection: close`, and reads the answer until the server closes.
async fn raw(addr: SocketAddr, method: &str, header_lines: &[&[u8]]) -> RawResponse {
    let mut request =
        format!("{method} /items HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n").into_bytes();
    for line in header_lines {
        request.extend_from_slice(line);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"\r\n");

    let exchange = async {
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        stream.write_all(&request).await.expect("write request");
        let mut response = Vec::new();
        stream
            .read_to_end(&mut response)
            .await
            .expect("read response");
        response
    };
    // A safety net against a hung connection, not a timing assertion.
    let bytes = tokio::time::timeout(Duration::from_secs(60), exchange)
        .await
        .expect("the server answers and closes the connection");
    RawResponse::parse(&bytes)
}

// RFC 9110 5.5: leading and trailing whitespace is not part of a field value.

#[tokio::test]
async fn whitespace_around_the_origin_is_trimmed_by_http_parsing() {
    let (addr, calls) = start().await;
    let response = raw(addr, "GET", &[b"Origin:   https://a.example  "]).await;
    assert_eq!(response.status, 200);
    response.assert_cors(ACTUAL_OK);
    assert_eq!(response.all("vary"), ["Origin"]);

    let response = raw(
        addr,
        "OPTIONS",
        &[
            b"Origin: \t https://a.example\t",
            b"Access-Control-Request-Method:  POST ",
        ],
    )
    .await;
    assert_eq!(response.status, 204);
    response.assert_cors(PREFLIGHT_OK);
    assert_eq!(calls.count("items"), 1);
}

#[tokio::test]
async fn header_names_are_case_insensitive_on_the_wire() {
    let (addr, calls) = start().await;
    let response = raw(
        addr,
        "OPTIONS",
        &[
            b"oRiGiN: https://a.example",
            b"ACCESS-CONTROL-REQUEST-METHOD: GET",
            b"access-control-request-HEADERS: X-Token",
        ],
    )
    .await;
    assert_eq!(response.status, 204);
    response.assert_cors(PREFLIGHT_OK);
    assert_eq!(calls.count("items"), 0, "no handler runs for a preflight");
}

// README, "Behaviour" (several field lines are joined, as for any list-valued header):
// several `Access-Control-Request-Headers` field lines are all read.

#[tokio::test]
async fn several_request_header_lines_on_the_wire_are_accepted() {
    let (addr, calls) = start().await;
    let response = raw(
        addr,
        "OPTIONS",
        &[
            b"Origin: https://a.example",
            b"Access-Control-Request-Method: POST",
            b"Access-Control-Request-Headers: content-type",
            b"Access-Control-Request-Headers: X-Token ,",
        ],
    )
    .await;
    assert_eq!(response.status, 204);
    response.assert_cors(PREFLIGHT_OK);
    assert_eq!(response.all("vary"), [PREFLIGHT_VARY]);

    let response = raw(
        addr,
        "OPTIONS",
        &[
            b"Origin: https://a.example",
            b"Access-Control-Request-Method: POST",
            b"Access-Control-Request-Headers: content-type",
            b"Access-Control-Request-Headers: authorization",
        ],
    )
    .await;
    assert_eq!(response.status, 403);
    response.assert_cors(&[]);
    assert!(response.body.is_empty());
    assert_eq!(calls.count("items"), 0, "no handler runs for a preflight");
}

// Fetch, CORS check (the origin must match byte for byte; two lines combine into a value
// that is no origin): two `Origin` lines never match.

#[tokio::test]
async fn two_origin_lines_on_the_wire_never_match() {
    let (addr, calls) = start().await;
    let response = raw(
        addr,
        "GET",
        &[b"Origin: https://a.example", b"Origin: https://a.example"],
    )
    .await;
    assert_eq!(response.status, 200);
    response.assert_cors(&[]);
    assert_eq!(response.all("vary"), ["Origin"]);
    assert_eq!(calls.count("items"), 1);

    let response = raw(
        addr,
        "OPTIONS",
        &[
            b"Origin: https://a.example",
            b"Origin: https://a.example",
            b"Access-Control-Request-Method: GET",
        ],
    )
    .await;
    assert_eq!(response.status, 403);
    response.assert_cors(&[]);
    assert!(response.body.is_empty());
    assert_eq!(calls.count("items"), 1);
}

// README, "Behaviour" (`204` or `403`, empty body): preflight answers carry no body on the
// wire.

#[tokio::test]
async fn preflight_204_and_403_have_no_body_on_the_wire() {
    let (addr, calls) = start().await;
    let response = raw(
        addr,
        "OPTIONS",
        &[
            b"Origin: https://a.example",
            b"Access-Control-Request-Method: GET",
        ],
    )
    .await;
    assert_eq!(response.status, 204);
    assert!(
        response.body.is_empty(),
        "{:?}",
        response.body.escape_ascii()
    );
    assert!(response.all("content-length").is_empty());
    assert!(response.all("transfer-encoding").is_empty());
    response.assert_cors(PREFLIGHT_OK);

    let response = raw(
        addr,
        "OPTIONS",
        &[
            b"Origin: https://evil.example",
            b"Access-Control-Request-Method: GET",
        ],
    )
    .await;
    assert_eq!(response.status, 403);
    assert!(
        response.body.is_empty(),
        "{:?}",
        response.body.escape_ascii()
    );
    assert_eq!(response.all("content-length"), ["0"]);
    response.assert_cors(&[]);
    assert_eq!(response.all("vary"), [PREFLIGHT_VARY]);
    assert_eq!(calls.count("items"), 0, "no handler runs for a preflight");
}

// README, "Behaviour" (`HEAD` with `GET`): HEAD on a GET route carries the GET policy.

#[tokio::test]
async fn head_on_the_wire_carries_the_get_policy_and_no_body() {
    let (addr, calls) = start().await;
    let response = raw(addr, "HEAD", &[b"Origin: https://a.example"]).await;
    assert_eq!(response.status, 200);
    assert!(response.body.is_empty());
    response.assert_cors(ACTUAL_OK);
    assert_eq!(response.all("vary"), ["Origin"]);
    assert_eq!(calls.count("items"), 1);
}

// Fetch, CORS check (byte-exact origins) and README, "Behaviour" (never a 5xx): obs-text
// bytes reach the runtime and never match or fail.

#[tokio::test]
async fn non_ascii_origin_bytes_on_the_wire_never_match() {
    let (addr, calls) = start().await;
    let response = raw(addr, "GET", &[b"Origin: https://\xe4.example"]).await;
    assert_eq!(response.status, 200);
    response.assert_cors(&[]);
    assert_eq!(response.all("vary"), ["Origin"]);

    let response = raw(
        addr,
        "OPTIONS",
        &[
            b"Origin: https://a.example\xff",
            b"Access-Control-Request-Method: GET",
        ],
    )
    .await;
    assert_eq!(response.status, 403);
    response.assert_cors(&[]);
    assert!(response.body.is_empty());
    assert_eq!(calls.count("items"), 1);
}

use super::*;

fn suggestion(origin: &str) -> Option<String> {
    check(origin).unwrap_err().suggestion
}

#[test]
fn serialized_origins_pass() {
    for ok in [
        "https://app.example.com",
        "http://localhost:3000",
        "http://127.0.0.1:8080",
        "http://[::1]:3000",
        "https://xn--bcher-kva.example",
        "https://a.example:1",
        "https://a.example:65535",
    ] {
        assert_eq!(check(ok).map(|o| o.to_string()).as_deref(), Ok(ok), "{ok}");
    }
}

#[test]
fn near_misses_suggest_the_serialized_form() {
    let cases = [
        ("https://app.example.com/", "https://app.example.com"),
        ("https://app.example.com:443", "https://app.example.com"),
        ("http://app.example.com:80", "http://app.example.com"),
        ("https://App.Example.com", "https://app.example.com"),
        ("HTTPS://app.example.com", "https://app.example.com"),
        ("https://bücher.example", "https://xn--bcher-kva.example"),
        ("http://[0:0:0:0:0:0:0:1]:3000", "http://[::1]:3000"),
        ("https://a.example/path", "https://a.example"),
        ("https://a.example?q", "https://a.example"),
        ("https://a.example#f", "https://a.example"),
        ("https://user@a.example", "https://a.example"),
        ("app.example.com", "https://app.example.com"),
    ];
    for (bad, good) in cases {
        assert_eq!(suggestion(bad).as_deref(), Some(good), "{bad}");
    }
}

#[test]
fn ports_at_the_edges() {
    for ok in [
        "https://a.example:1",
        "https://a.example:65535",
        "http://localhost:1",
        "http://localhost:65535",
    ] {
        assert!(check(ok).is_ok(), "{ok}");
    }
    for bad in [
        "https://a.example:0",
        "https://a.example:65536",
        "http://localhost:0",
        "http://localhost:65536",
        "http://localhost:99999999999",
    ] {
        let e = check(bad).unwrap_err();
        assert!(e.problem.contains("ports go from 1 to 65535"), "{bad}: {e}");
        assert_eq!(e.suggestion, None, "{bad}");
    }
}

#[test]
fn more_near_misses() {
    let cases = [
        ("localhost:3000", "http://localhost:3000"),
        ("127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("app.example.com/", "https://app.example.com"),
        ("app.example.com/path", "https://app.example.com"),
        ("https:app.example.com", "https://app.example.com"),
        (" https://a.example", "https://a.example"),
        ("http://127.1", "http://127.0.0.1"),
        ("http://127.0.0.1:80", "http://127.0.0.1"),
        ("http://[::1]:80", "http://[::1]"),
        ("http://[::ABCD]", "http://[::abcd]"),
    ];
    for (bad, good) in cases {
        assert_eq!(suggestion(bad).as_deref(), Some(good), "{bad}");
    }
    let ipv6 = check("http://[::1]:80").unwrap_err();
    assert!(ipv6.problem.contains("default port"), "{ipv6}");
    assert!(check("").is_err());
    assert!(check("chrome-extension://abcdef").is_err());
}

#[test]
fn origins_that_allow_everyone_are_refused() {
    for bad in [
        "null",
        "NULL",
        "file://",
        "file:///home/me/index.html",
        "*",
        "ftp://a.example",
    ] {
        assert!(check(bad).is_err(), "{bad}");
    }
}

#[test]
fn hosts_no_site_can_have_are_refused_with_the_fix() {
    let cases = [
        (
            "https://example..com",
            "`https://example..com` has an empty label (`..`) in its host: no DNS name has one, so no site is served from such a host and this never matches",
            Some("https://example.com"),
        ),
        (
            "https://.example.com",
            "`https://.example.com` starts its host with `.`, an empty label: no DNS name has one, so no site is served from such a host and this never matches (a leading `.` does not mean subdomains: for those, list the pattern `https://*.example.com`)",
            Some("https://example.com"),
        ),
        (
            "https://example.com.",
            "`https://example.com.` ends its host with `.`: browsers keep that dot in the origin they send, so this never matches the same name without it",
            Some("https://example.com"),
        ),
        (
            "https://example.com.:8443",
            "`https://example.com.:8443` ends its host with `.`: browsers keep that dot in the origin they send, so this never matches the same name without it",
            Some("https://example.com:8443"),
        ),
        // Checked on the host as serialized, before the other differences, which
        // the suggestion fixes too.
        (
            "https://App.example.com./",
            "`https://App.example.com./` ends its host with `.`: browsers keep that dot in the origin they send, so this never matches the same name without it",
            Some("https://app.example.com"),
        ),
        (
            "https://b\u{fc}cher..example",
            "`https://b\u{fc}cher..example` has an empty label (`..`) in its host: no DNS name has one, so no site is served from such a host and this never matches",
            Some("https://xn--bcher-kva.example"),
        ),
        (
            "http://localhost.",
            "`http://localhost.` ends its host with `.`: browsers keep that dot in the origin they send, so this never matches the same name without it",
            Some("http://localhost"),
        ),
        // No suggestion that would be refused in turn, no pattern hint on a public
        // suffix.
        (
            "https://.",
            "`https://.` starts its host with `.`, an empty label: no DNS name has one, so no site is served from such a host and this never matches",
            None,
        ),
        (
            "https://.example.com:0",
            "`https://.example.com:0` starts its host with `.`, an empty label: no DNS name has one, so no site is served from such a host and this never matches",
            None,
        ),
        (
            "https://.github.io",
            "`https://.github.io` starts its host with `.`, an empty label: no DNS name has one, so no site is served from such a host and this never matches",
            Some("https://github.io"),
        ),
    ];
    for (bad, problem, suggestion) in cases {
        let e = check(bad).unwrap_err();
        assert_eq!(e.problem, problem, "{bad}");
        assert_eq!(e.suggestion.as_deref(), suggestion, "{bad}");
    }
}

#[test]
fn labels_and_hosts_at_their_limits() {
    let label = |len: usize| "a".repeat(len);
    assert!(check(&format!("https://{}.com", label(63))).is_ok());
    assert!(check(&format!("https://{}", label(63))).is_ok());
    let long = format!("https://www.{}.com:8443", label(64));
    assert_eq!(
        check(&long),
        Err(OriginError {
            problem: format!(
                "`{long}` has a label of 64 bytes in its host (`{}`): DNS labels have at most 63 bytes, so no site is served from such a host and this never matches",
                label(64)
            ),
            suggestion: None,
        })
    );
    let host = name::name_of(253);
    assert_eq!(
        check(&format!("https://{host}")).map(|o| o.host()),
        Ok(host.as_str())
    );
    let long = format!("https://{}", name::name_of(254));
    assert_eq!(
        check(&long),
        Err(OriginError {
            problem: format!(
                "`{long}` has a host of 254 bytes: DNS names have at most 253 bytes, so no site is served from such a host and this never matches"
            ),
            suggestion: None,
        })
    );
    // Measured in the punycode form browsers send: 60 letters and a `ü` are 61
    // characters, but `xn--`, the letters, `-` and the `ü` encoded: 68 bytes.
    let unicode = format!("https://{}\u{fc}.example", label(60));
    let e = check(&unicode).unwrap_err();
    assert!(
        e.problem.contains(&format!(
            "has a label of 68 bytes in its host (`xn--{}-3hg`)",
            label(60)
        )),
        "{e}"
    );
}

#[test]
fn addresses_have_no_labels() {
    for ok in [
        "http://127.0.0.1",
        "http://[::1]:3000",
        "http://[2001:db8::1]",
        "http://10.0.0.1:8080",
    ] {
        assert!(check(ok).is_ok(), "{ok}");
    }
    // A final dot after an IPv4 address is dropped by the URL parser, browsers
    // included: the ordinary near miss, with the address as the fix.
    assert_eq!(
        suggestion("http://127.0.0.1.").as_deref(),
        Some("http://127.0.0.1")
    );
}

//! Validation on token streams: every key into the model, every error of an attribute
//! with the exact text its span covers.

use proc_macro2::{Span, TokenStream};

use cors_rules::entry::Entry;
use cors_rules::method::{CorsMethod, MethodSet};
use cors_rules::origin::{self, Scheme};
use cors_rules::pattern::OriginPattern;

use super::{Validated, validate};
use crate::ast::Args;
use crate::model::{Names, Origin, Origins, Policy, Unset};

fn run(attr: &str) -> Validated<'static> {
    let tokens: TokenStream = attr.parse().expect("the test attribute tokenizes");
    let args: Args = syn::parse2(tokens.clone()).expect("the test attribute parses");
    // The policy borrows from the arguments; a test may keep them to its end.
    let args: &'static Args = Box::leak(Box::new(args));
    validate(args, &tokens, Span::call_site(), super::Mode::Handler)
}

fn exact(scheme: Scheme, host: &str, port: Option<u16>) -> Entry<'_> {
    Entry::Exact(origin::Origin::from_parts(scheme, host, port))
}

fn policy(attr: &str) -> Policy<'static> {
    let validated = run(attr);
    if let Some(error) = validated.errors {
        panic!("`{attr}` should be valid: {error}");
    }
    validated.policy
}

/// Each error as (the text its span covers in `attr`, its message).
fn errors(attr: &str) -> Vec<(String, String)> {
    let error = run(attr).errors.expect("the attribute has errors");
    error
        .into_iter()
        .map(|e| (covered(attr, e.span()), e.to_string()))
        .collect()
}

/// The text `span` covers in the one-line `attr`.
fn covered(attr: &str, span: Span) -> String {
    let (start, end) = (span.start(), span.end());
    assert_eq!(start.line, 1, "one-line test attributes");
    attr.chars()
        .skip(start.column)
        .take(end.column - start.column)
        .collect()
}

#[test]
fn every_key_is_read_into_the_model() {
    let p = policy(
        r#"origins = ["https://app.example.com", "https://*.preview.example.com:8443", "http://localhost:*", env("APP_ORIGINS"), from_fn(config::origins)],
           methods = [PUT, GET], headers = ["X-Trace", "content-type"], expose = ["x-b", "x-a"],
           credentials, max_age = 600, private_network, strict, dangerously_allow_insecure_origins,
           crate = my::cors"#,
    );
    let Some(Origins::List(origins)) = &p.origins else {
        panic!("a list of origins")
    };
    assert_eq!(
        origins[..4],
        [
            Origin::Literal(exact(Scheme::Https, "app.example.com", None)),
            Origin::Literal(Entry::Pattern(OriginPattern::Subdomains {
                scheme: Scheme::Https,
                domain: "preview.example.com",
                port: Some(8443)
            })),
            Origin::Literal(Entry::Pattern(OriginPattern::AnyPort {
                scheme: Scheme::Http,
                host: "localhost"
            })),
            Origin::Env {
                name: "APP_ORIGINS".into(),
                unset: Unset::Required
            },
        ]
    );
    assert!(
        matches!(&origins[4], Origin::FromFn(path) if quote::quote!(#path).to_string() == "config :: origins")
    );
    assert_eq!(
        p.methods,
        MethodSet::of(&[CorsMethod::Get, CorsMethod::Put])
    );
    // Normalised: lower case, sorted.
    assert_eq!(
        p.headers,
        Names::List(vec!["content-type".into(), "x-trace".into()])
    );
    assert_eq!(p.expose, Names::List(vec!["x-a".into(), "x-b".into()]));
    assert!(p.credentials && p.private_network && p.strict && p.allow_insecure_origins);
    assert_eq!(p.max_age, Some(600));
    let krate = &p.krate;
    assert_eq!(quote::quote!(#krate).to_string(), "my :: cors");
}

#[test]
fn defaults_and_wildcards() {
    let p = policy(r#"origins = "*", methods = [GET], headers = "*", expose = "*""#);
    assert!(matches!(p.origins, Some(Origins::Any)));
    assert_eq!((p.headers, p.expose), (Names::Any, Names::Any));
    assert!(!p.credentials && !p.strict && p.max_age.is_none());
    let krate = &p.krate;
    assert_eq!(quote::quote!(#krate).to_string(), ":: cors_runtime");
    let p = policy(r#"origins = ["https://a.example"], methods = [GET]"#);
    assert_eq!((p.headers, p.expose), (Names::None, Names::None));
}

#[test]
fn every_mistake_of_one_attribute_is_reported_on_its_token() {
    let found = errors(
        r#"origins = ["https://a.example/", "null"], methods = [get, OPTIONS], hedaers = ["x"], max_age = 90000, credentials = true, crate = "my_cors""#,
    );
    let spans: Vec<&str> = found.iter().map(|(covered, _)| covered.as_str()).collect();
    assert_eq!(
        spans,
        [
            // Unknown keys first (found while reading the keys), then each key's values.
            "hedaers",
            "\"https://a.example/\"",
            "\"null\"",
            "get",
            "OPTIONS",
            "90000",
            "true",
            "\"my_cors\"",
        ]
    );
    let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
    let expected = [
        (0, "did you mean `headers`?"),
        (1, "write `https://a.example`"),
        (2, "allowing it allows everyone"),
        (3, "write `GET`"),
        (4, "answered for you"),
        (5, "write `max_age = 86400` or less"),
        (6, "without `= true`"),
        (7, "write `crate = my_cors`"),
    ];
    for (i, part) in expected {
        assert!(messages[i].contains(part), "{}", messages[i]);
    }
}

#[test]
fn missing_keys_and_cross_key_rules() {
    let found = errors(r#"origins = "*", headers = "*", credentials, strict"#);
    let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(found.len(), 4, "{messages:#?}");
    assert!(messages[0].starts_with("missing `methods`"));
    assert!(messages[1].starts_with("`origins = \"*\"` cannot be combined with `credentials`"));
    assert!(messages[2].starts_with("`headers = \"*\"` cannot be combined with `credentials`"));
    assert!(messages[3].starts_with("`strict` has no effect"));
    assert_eq!(found[3].0, "strict");
}

#[test]
fn the_checks_against_a_shared_policy_are_decided_here_on_the_handlers_keys() {
    let attr = r#"policy = crate::App, methods = [GET], credentials, headers = ["X-A"], strict"#;
    let p = policy(attr);
    let checks: Vec<(String, &str)> = p
        .shared_checks
        .iter()
        .map(|check| (covered(attr, check.span), check.message.as_str()))
        .collect();
    let spans: Vec<&str> = checks.iter().map(|(covered, _)| covered.as_str()).collect();
    assert_eq!(
        spans,
        [
            "credentials",
            "credentials",
            "credentials",
            "credentials",
            "[\"X-A\"]",
            "[\"X-A\"]",
            "strict"
        ]
    );
    assert!(
        checks[0].1.starts_with(
            "`credentials` here cannot go with `origins = \"*\"` in the shared policy `crate::App`"
        ),
        "{}",
        checks[0].1
    );
    assert_eq!(
        checks[5].1,
        "`x-a` is listed here and in `headers` in the shared policy `crate::App`; keep one"
    );
    // Opted in to plain `http://`, and without a shared policy: nothing to ask of one.
    let opted_in =
        policy(r#"policy = App, methods = [GET], credentials, dangerously_allow_insecure_origins"#);
    assert_eq!(opted_in.shared_checks.len(), 3);
    let alone = policy(r#"origins = ["https://a.example"], methods = [GET], credentials"#);
    assert!(alone.shared_checks.is_empty());
}

#[test]
fn a_key_without_its_value_and_a_flag_with_one() {
    let found = errors(r#"origins, methods = [GET], strict = false"#);
    assert_eq!(found[0].0, "origins");
    assert!(found[0].1.starts_with("`origins` needs a value, e.g."));
    assert_eq!(found[1].0, "false");
    assert!(found[1].1.contains("remove `strict = false`"));
}

#[test]
fn errors_leave_a_stub_that_keeps_the_crate_path() {
    let validated = run(r#"origins = ["nope"], methods = [GET], crate = renamed"#);
    assert!(validated.errors.is_some());
    assert!(validated.policy.methods.is_empty());
    let krate = &validated.policy.krate;
    assert_eq!(quote::quote!(#krate).to_string(), "renamed");
}

#[test]
fn any_header_and_authorization() {
    let p = policy(
        r#"origins = ["https://a.example"], methods = [GET], headers = ["*", "Authorization"]"#,
    );
    assert_eq!(p.headers, Names::AnyAndAuthorization);
    let found =
        errors(r#"origins = ["https://a.example"], methods = [GET], headers = ["*", "x-foo"]"#);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "\"*\"");
    assert!(
        found[0].1.contains("only beside `authorization`"),
        "{}",
        found[0].1
    );
    let found = errors(
        r#"origins = ["https://a.example"], methods = [GET], headers = ["*", "authorization"], credentials"#,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "\"*\"");
    assert!(
        found[0]
            .1
            .starts_with("`\"*\"` in `headers` cannot be combined with `credentials`"),
        "{}",
        found[0].1
    );
    let found = errors(
        r#"origins = ["https://a.example"], methods = [GET], expose = ["*", "authorization"]"#,
    );
    assert!(
        found[0].1.contains("cannot be mixed into a list"),
        "{}",
        found[0].1
    );
}

#[test]
fn env_sources_that_may_be_unset() {
    let p = policy(
        r#"origins = ["https://a.example", env("DEV_ORIGINS", optional), env("APP_ORIGINS", default = "https://app.example.com, http://localhost:*")], methods = [GET], credentials"#,
    );
    let Some(Origins::List(origins)) = &p.origins else {
        panic!("a list")
    };
    assert_eq!(
        origins[1],
        Origin::Env {
            name: "DEV_ORIGINS".into(),
            unset: Unset::Optional
        }
    );
    assert_eq!(
        origins[2],
        Origin::Env {
            name: "APP_ORIGINS".into(),
            unset: Unset::Default(vec![
                exact(Scheme::Https, "app.example.com", None),
                Entry::Pattern(OriginPattern::AnyPort {
                    scheme: Scheme::Http,
                    host: "localhost"
                }),
            ])
        }
    );
    // The default is checked like a literal, with the policy's keys, on its own literal.
    let found = errors(
        r#"origins = [env("A", default = "http://intranet.example, https://b.example/,")], methods = [GET], credentials"#,
    );
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(
        found
            .iter()
            .all(|(covered, _)| covered.starts_with("\"http://intranet"))
    );
    assert!(found[0].1.contains("plain `http://`"), "{}", found[0].1);
    assert!(
        found[1].1.contains("write `https://b.example`"),
        "{}",
        found[1].1
    );
    assert!(
        found[2].1.contains("entry 3 of the default is empty"),
        "{}",
        found[2].1
    );
    let found = errors(r#"origins = [env("A", sometimes)], methods = [GET]"#);
    assert_eq!(found[0].0, "sometimes");
    assert!(found[0].1.contains("takes `optional`"), "{}", found[0].1);
}

//! Checking `Access-Control-Request-Headers` against a policy's `headers` (Fetch,
//! CORS-preflight fetch, steps 7.7-7.8); the list itself is read by
//! `cors_rules::request_headers`, without allocating.

use cors_rules::header::is_token;
use cors_rules::request_headers::{ListError, check};

use crate::keys::Names;

/// A policy's `headers`, ready for the lookups of every preflight.
#[derive(Debug)]
pub(crate) enum AllowedHeaders {
    /// Listed names (none for a policy without `headers`), lower case, sorted by
    /// [`by_length_then_bytes`].
    Listed(Box<[&'static str]>),
    /// `*`; `authorization` only when listed beside it (Fetch, CORS-preflight fetch,
    /// step 7.8: `*` never covers `Authorization`).
    Any { authorization: bool },
}

impl AllowedHeaders {
    pub(crate) fn new(names: Names) -> AllowedHeaders {
        let listed: &[&'static str] = match names {
            Names::Any => {
                return AllowedHeaders::Any {
                    authorization: false,
                };
            }
            Names::AnyAndAuthorization => {
                return AllowedHeaders::Any {
                    authorization: true,
                };
            }
            Names::None => &[],
            Names::List(names) => names,
        };
        let mut listed = listed.to_vec();
        listed.sort_by(|a, b| by_length_then_bytes(a.as_bytes(), b.as_bytes()));
        AllowedHeaders::Listed(listed.into())
    }

    /// Header names are case-insensitive; the listed ones are lower case. Never allows
    /// what is not a token, as [`check`] requires: listed names are tokens.
    fn allows(&self, name: &[u8]) -> bool {
        match self {
            AllowedHeaders::Any { authorization } => {
                is_token(name) && (*authorization || !name.eq_ignore_ascii_case(b"authorization"))
            }
            // Browsers send the names byte-lowercased (Fetch, "CORS-unsafe request-header
            // names"): the search on the bytes as sent settles those, and only a name with
            // an upper-case letter is searched again, folded.
            AllowedHeaders::Listed(names) => {
                let exact = |probe: &&str| by_length_then_bytes(probe.as_bytes(), name);
                names.binary_search_by(exact).is_ok()
                    || (name.iter().any(u8::is_ascii_uppercase) && {
                        let folded = name.iter().map(u8::to_ascii_lowercase);
                        let folding = |probe: &&str| {
                            probe
                                .len()
                                .cmp(&name.len())
                                .then_with(|| probe.bytes().cmp(folded.clone()))
                        };
                        names.binary_search_by(folding).is_ok()
                    })
            }
        }
    }
}

/// `Ok` when every requested name is allowed (or none was asked).
pub(crate) fn check_request_headers<'a, I>(
    lines: impl Fn() -> I,
    allowed: &AllowedHeaders,
) -> Result<(), ListError<'a>>
where
    I: Iterator<Item = &'a [u8]>,
{
    check(lines, |name| allowed.allows(name))
}

/// The order of the listed header names: by length, then byte-wise. A binary search then
/// settles most probes by comparing two lengths, without comparing bytes.
fn by_length_then_bytes(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LIST: Names = Names::List(&["authorization", "content-type", "x-request-id"]);

    fn run(lines: &[&'static [u8]], allowed: Names) -> Result<(), ListError<'static>> {
        check_request_headers(|| lines.iter().copied(), &AllowedHeaders::new(allowed))
    }

    #[test]
    fn listed_names_in_any_case() {
        assert_eq!(run(&[b"Content-Type , X-REQUEST-ID"], LIST), Ok(()));
        assert_eq!(
            run(&[b"x-other"], LIST),
            Err(ListError::NotAllowed(b"x-other"))
        );
        assert_eq!(
            run(&[b"x-a"], Names::None),
            Err(ListError::NotAllowed(b"x-a"))
        );
        assert_eq!(run(&[b""], Names::None), Ok(()));
    }

    #[test]
    fn wildcard_and_authorization_cover_every_name() {
        let all = Names::AnyAndAuthorization;
        assert_eq!(run(&[b"x-anything, Authorization"], all), Ok(()));
        assert_eq!(run(&[b"x a"], all), Err(ListError::NotAToken(b"x a")));
    }

    #[test]
    fn wildcard_never_covers_authorization() {
        assert_eq!(run(&[b"x-anything, content-type"], Names::Any), Ok(()));
        assert_eq!(
            run(&[b"x-a, Authorization"], Names::Any),
            Err(ListError::NotAllowed(b"Authorization"))
        );
    }

    /// Names of several lengths, sorted byte-wise as a policy lists them.
    const VARIED: &[&str] = &[
        "a",
        "accept-language",
        "b",
        "content-type",
        "x-id",
        "x-trace",
    ];

    proptest! {
        #[test]
        fn a_name_is_allowed_exactly_when_listed_in_any_case(
            pick in 0..VARIED.len(),
            upper in proptest::collection::vec(any::<bool>(), 16),
            truncate in any::<bool>(),
        ) {
            let listed = VARIED[pick];
            let end = if truncate { listed.len() - 1 } else { listed.len() };
            let name: Vec<u8> = listed.as_bytes()[..end]
                .iter()
                .zip(&upper)
                .map(|(b, up)| if *up { b.to_ascii_uppercase() } else { *b })
                .collect();
            let expected = VARIED.iter().any(|l| l.as_bytes().eq_ignore_ascii_case(&name));
            prop_assert_eq!(AllowedHeaders::new(Names::List(VARIED)).allows(&name), expected);
        }

        #[test]
        fn arbitrary_bytes_never_panic_and_accept_only_listed_tokens(
            lines in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..64), 0..4)
        ) {
            let lines: Vec<&[u8]> = lines.iter().map(Vec::as_slice).collect();
            if check_request_headers(|| lines.iter().copied(), &AllowedHeaders::new(LIST)).is_ok() {
                for item in lines.iter().flat_map(|l| l.split(|&b| b == b',')) {
                    let name = item.trim_ascii().to_ascii_lowercase();
                    prop_assert!(name.is_empty() || ["authorization", "content-type", "x-request-id"].contains(&std::str::from_utf8(&name).unwrap()));
                }
            }
        }
    }
}

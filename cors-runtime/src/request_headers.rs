//! Checking `Access-Control-Request-Headers` against a policy's `headers` (Fetch,
//! CORS-preflight fetch, steps 7.7-7.8); the list itself is read by
//! `cors_rules::request_headers`, without allocating.

use cors_rules::request_headers::{ListError, check};

use crate::policy::Names;

/// `Ok` when every requested name is allowed (or none was asked).
pub(crate) fn check_request_headers<'a, I>(
    lines: impl Fn() -> I,
    allowed: Names,
) -> Result<(), ListError<'a>>
where
    I: Iterator<Item = &'a [u8]>,
{
    check(lines, |name| is_allowed(name, allowed))
}

/// Header names are case-insensitive; the policy's list is lower case and sorted.
fn is_allowed(name: &[u8], allowed: Names) -> bool {
    match allowed {
        Names::None => false,
        // Fetch, CORS-preflight fetch, step 7.8: `*` never covers `Authorization`.
        Names::Any => !name.eq_ignore_ascii_case(b"authorization"),
        Names::AnyAndAuthorization => true,
        Names::List(names) => names
            .binary_search_by(|probe| probe.bytes().cmp(name.iter().map(u8::to_ascii_lowercase)))
            .is_ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LIST: Names = Names::List(&["authorization", "content-type", "x-request-id"]);

    fn run(lines: &[&'static [u8]], allowed: Names) -> Result<(), ListError<'static>> {
        check_request_headers(|| lines.iter().copied(), allowed)
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

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic_and_accept_only_listed_tokens(
            lines in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..64), 0..4)
        ) {
            let lines: Vec<&[u8]> = lines.iter().map(Vec::as_slice).collect();
            if check_request_headers(|| lines.iter().copied(), LIST).is_ok() {
                for item in lines.iter().flat_map(|l| l.split(|&b| b == b',')) {
                    let name = item.trim_ascii().to_ascii_lowercase();
                    prop_assert!(name.is_empty() || ["authorization", "content-type", "x-request-id"].contains(&std::str::from_utf8(&name).unwrap()));
                }
            }
        }
    }
}

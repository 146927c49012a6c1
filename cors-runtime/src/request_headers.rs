//! Checking `Access-Control-Request-Headers` against a policy (Fetch, CORS-preflight
//! fetch, steps 7.7-7.8) without allocating.

use crate::policy::AllowHeaders;

/// Above this many bytes (all field lines together) the list is refused unread, so a
/// hostile 1 MiB header costs one length check.
pub const MAX_REQUEST_HEADERS_BYTES: usize = 8 * 1024;

/// Empty list items (`a,,b`, a trailing comma) tolerated before the list counts as
/// malformed.
pub const MAX_EMPTY_ITEMS: usize = 16;

/// Why a requested header list was refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum HeaderRefusal<'a> {
    /// Longer than [`MAX_REQUEST_HEADERS_BYTES`].
    TooLarge(usize),
    /// More than [`MAX_EMPTY_ITEMS`] empty items.
    TooManyEmptyItems,
    /// An item that is not an HTTP token.
    NotAToken(&'a [u8]),
    /// A valid name the policy does not allow.
    NotAllowed(&'a [u8]),
}

/// Checks every name of every field line; `Ok` when all are allowed (or none was asked).
///
/// `lines` yields the field lines; it is called twice (sizes first, then names).
pub(crate) fn check_request_headers<'a, I>(
    lines: impl Fn() -> I,
    allowed: AllowHeaders,
) -> Result<(), HeaderRefusal<'a>>
where
    I: Iterator<Item = &'a [u8]>,
{
    let total: usize = lines().map(<[u8]>::len).sum();
    if total > MAX_REQUEST_HEADERS_BYTES {
        return Err(HeaderRefusal::TooLarge(total));
    }
    let mut empty_items = 0;
    for line in lines() {
        for item in line.split(|&b| b == b',') {
            let name = item.trim_ascii();
            if name.is_empty() {
                empty_items += 1;
                if empty_items > MAX_EMPTY_ITEMS {
                    return Err(HeaderRefusal::TooManyEmptyItems);
                }
                continue;
            }
            if !name.iter().all(|&b| is_token_byte(b)) {
                return Err(HeaderRefusal::NotAToken(name));
            }
            if !is_allowed(name, allowed) {
                return Err(HeaderRefusal::NotAllowed(name));
            }
        }
    }
    Ok(())
}

/// Header names are case-insensitive; the policy's list is lower case and sorted.
fn is_allowed(name: &[u8], allowed: AllowHeaders) -> bool {
    match allowed {
        AllowHeaders::None => false,
        // Fetch, CORS-preflight fetch, step 7.8: `*` never covers `Authorization`.
        AllowHeaders::Any => !name.eq_ignore_ascii_case(b"authorization"),
        AllowHeaders::List { names, .. } => names
            .binary_search_by(|probe| probe.bytes().cmp(name.iter().map(u8::to_ascii_lowercase)))
            .is_ok(),
    }
}

/// RFC 9110 `tchar`.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LIST: AllowHeaders = AllowHeaders::List {
        names: &["authorization", "content-type", "x-request-id"],
        value: "authorization, content-type, x-request-id",
    };

    fn check(lines: &[&'static [u8]], allowed: AllowHeaders) -> Result<(), HeaderRefusal<'static>> {
        check_request_headers(|| lines.iter().copied(), allowed)
    }

    #[test]
    fn names_are_case_insensitive_and_whitespace_tolerant() {
        assert_eq!(check(&[b"Content-Type , X-REQUEST-ID"], LIST), Ok(()));
        assert_eq!(check(&[b"content-type", b"\tauthorization "], LIST), Ok(()));
        assert_eq!(check(&[b"content-type,"], LIST), Ok(()));
        assert_eq!(check(&[b""], AllowHeaders::None), Ok(()));
    }

    #[test]
    fn unlisted_or_malformed_names_are_refused() {
        assert_eq!(
            check(&[b"x-other"], LIST),
            Err(HeaderRefusal::NotAllowed(b"x-other"))
        );
        assert_eq!(
            check(&[b"content type"], LIST),
            Err(HeaderRefusal::NotAToken(b"content type"))
        );
        assert_eq!(
            check(&[b"x-a"], AllowHeaders::None),
            Err(HeaderRefusal::NotAllowed(b"x-a"))
        );
    }

    #[test]
    fn wildcard_never_covers_authorization() {
        assert_eq!(
            check(&[b"x-anything, content-type"], AllowHeaders::Any),
            Ok(())
        );
        assert_eq!(
            check(&[b"x-a, Authorization"], AllowHeaders::Any),
            Err(HeaderRefusal::NotAllowed(b"Authorization"))
        );
    }

    #[test]
    fn hostile_sizes_are_bounded() {
        let commas: &'static [u8] = Vec::leak(vec![b','; 1 << 20]);
        assert_eq!(
            check(&[commas], LIST),
            Err(HeaderRefusal::TooLarge(1 << 20))
        );
        let few_commas: &'static [u8] = Vec::leak(vec![b','; MAX_EMPTY_ITEMS + 1]);
        // n + 1 commas make n + 2 empty items.
        assert_eq!(
            check(&[few_commas], LIST),
            Err(HeaderRefusal::TooManyEmptyItems)
        );
        let at_cap: &'static [u8] = Vec::leak(vec![b','; MAX_EMPTY_ITEMS - 1]);
        assert_eq!(check(&[at_cap], LIST), Ok(()));
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

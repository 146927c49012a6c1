//! `max_age`: how many seconds a browser may cache a successful preflight
//! (Fetch, "CORS-preflight cache"; `Access-Control-Max-Age`).

use std::fmt;

use crate::MAX_AGE_LIMIT;

/// Why a `max_age` cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxAgeError {
    /// Below zero.
    Negative,
    /// Above [`MAX_AGE_LIMIT`].
    TooLarge,
}

impl fmt::Display for MaxAgeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MaxAgeError::Negative => write!(
                f,
                "`max_age` cannot be negative: write `max_age = 0` to turn preflight caching off, or leave `max_age` out for the browser default (5 seconds)"
            ),
            MaxAgeError::TooLarge => write!(
                f,
                "`max_age` is more than {MAX_AGE_LIMIT} seconds (one day), which no browser honours: Firefox caps the preflight cache at one day and Chromium at two hours; write `max_age = {MAX_AGE_LIMIT}` or less"
            ),
        }
    }
}

/// Checks a `max_age` in seconds; `0..=86400` is accepted.
///
/// Takes an `i128` so that a negative number, or one too large for any integer type, can
/// be reported as such (pass `i128::MAX` for a literal that does not even fit an `i128`).
pub fn check(seconds: i128) -> Result<u64, MaxAgeError> {
    if seconds < 0 {
        Err(MaxAgeError::Negative)
    } else if seconds > i128::from(MAX_AGE_LIMIT) {
        Err(MaxAgeError::TooLarge)
    } else {
        // 0 <= seconds <= 86400, so the conversion cannot fail.
        u64::try_from(seconds).map_err(|_| MaxAgeError::TooLarge)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        assert_eq!(check(0), Ok(0));
        assert_eq!(check(1), Ok(1));
        assert_eq!(check(600), Ok(600));
        assert_eq!(check(86_400), Ok(86_400));
        assert_eq!(check(86_401), Err(MaxAgeError::TooLarge));
        assert_eq!(check(i128::MAX), Err(MaxAgeError::TooLarge));
        assert_eq!(check(-1), Err(MaxAgeError::Negative));
        assert_eq!(check(i128::MIN), Err(MaxAgeError::Negative));
    }

    #[test]
    fn messages_give_the_fix() {
        assert!(
            MaxAgeError::TooLarge
                .to_string()
                .contains("`max_age = 86400`")
        );
        assert!(MaxAgeError::Negative.to_string().contains("`max_age = 0`"));
    }
}

//! How often a request sent a header: the shape every check of a single-valued request
//! header starts from (`Origin`, `Access-Control-Request-Method`, ...).

use http::HeaderValue;
use http::header::GetAll;

/// A request header's lines: none, exactly one, or more than one (which makes a
/// single-valued header malformed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Sent<'r> {
    #[default]
    Never,
    Once(&'r HeaderValue),
    Repeated,
}

impl<'r> Sent<'r> {
    /// From the lines a keyed lookup found.
    pub(crate) fn of(lines: GetAll<'r, HeaderValue>) -> Self {
        let mut lines = lines.iter();
        match (lines.next(), lines.next()) {
            (None, _) => Sent::Never,
            (Some(value), None) => Sent::Once(value),
            (Some(_), Some(_)) => Sent::Repeated,
        }
    }

    /// One more line of the header, met in a pass over the request's headers.
    pub(crate) fn add(&mut self, value: &'r HeaderValue) {
        *self = match self {
            Sent::Never => Sent::Once(value),
            Sent::Once(_) | Sent::Repeated => Sent::Repeated,
        };
    }

    /// The value, when sent exactly once.
    pub(crate) fn once(self) -> Option<&'r HeaderValue> {
        match self {
            Sent::Once(value) => Some(value),
            Sent::Never | Sent::Repeated => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderMap;
    use http::header::ORIGIN;

    #[test]
    fn a_lookup_and_a_pass_agree() {
        for count in 0..3 {
            let mut headers = HeaderMap::new();
            for _ in 0..count {
                headers.append(ORIGIN, HeaderValue::from_static("https://a.example"));
            }
            let mut passed = Sent::Never;
            for (_, value) in &headers {
                passed.add(value);
            }
            assert_eq!(Sent::of(headers.get_all(ORIGIN)), passed);
            assert_eq!(passed.once().is_some(), count == 1);
        }
    }
}

//! One policy of a path, as the audit reports it, with its live sets.

use std::fmt;

use crate::compiled::CompiledPolicy;
use crate::live::LiveStatus;

/// The policy in force for some methods of a path, an entry of [`RouteAudit::policies`](super::RouteAudit::policies)
/// (see [`Audit`](super::Audit)'s example).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PolicyAudit {
    /// The `#[cors]` fn.
    pub handler: &'static str,
    /// The methods it answers (`HEAD` with `GET`).
    pub methods: Vec<&'static str>,
    /// The allowed origins and patterns, resolved (`env(...)` and `from_fn(...)` read);
    /// `None` for `origins = "*"`.
    pub origins: Option<Vec<String>>,
    /// `Access-Control-Allow-Headers` as sent, if any.
    pub headers: Option<String>,
    /// `Access-Control-Expose-Headers` as sent, if any.
    pub expose: Option<String>,
    /// `credentials`.
    pub credentials: bool,
    /// `max_age`, in seconds.
    pub max_age: Option<u32>,
    /// `strict`.
    pub strict: bool,
    /// The `live(NAME)` sets among the origins, with their state now.
    pub live: Vec<LiveAudit>,
}

/// A `live(NAME)` set of a policy, as [`audit`](super::audit()) found it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LiveAudit {
    /// `NAME`, as written in `live(NAME)`.
    pub name: &'static str,
    /// Its entries, sorted; empty when it was never loaded.
    pub entries: Vec<String>,
    /// Its size, last change and last error.
    pub status: LiveStatus,
}

impl fmt::Display for LiveAudit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "live {}", self.name)?;
        match (self.status.entries, self.status.last_change) {
            (Some(entries), Some(at)) => {
                let age = at.elapsed().unwrap_or_default().as_secs();
                write!(f, " ({entries} entries, changed {age} s ago")?;
            }
            _ => write!(f, " (never loaded: grants nothing")?,
        }
        if let Some(error) = &self.status.last_error {
            write!(f, "; last error: {error}")?;
        }
        f.write_str(")")
    }
}

impl PolicyAudit {
    pub(super) fn new(policy: &CompiledPolicy, methods: Vec<&'static str>) -> PolicyAudit {
        let text = |value: Option<&http::HeaderValue>| {
            value.map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        };
        PolicyAudit {
            handler: policy.definition.handler,
            methods,
            origins: policy.origins.as_ref().map(|set| {
                let mut origins = Vec::new();
                let _ = set.for_each(|origin| {
                    origins.push(origin.to_string());
                    Ok(())
                });
                origins
            }),
            // The value a preflight answers with, read from its ready lines (its one home).
            headers: text(
                policy
                    .allowed_preflight
                    .get(http::header::ACCESS_CONTROL_ALLOW_HEADERS),
            ),
            expose: text(policy.expose_headers.as_ref()),
            credentials: policy.keys.credentials,
            max_age: policy.keys.max_age,
            strict: policy.keys.strict,
            live: policy.origins.as_ref().map_or_else(Vec::new, |set| {
                set.live_sets()
                    .iter()
                    .map(|live| LiveAudit {
                        name: live.name(),
                        entries: live.entries(),
                        status: live.status(),
                    })
                    .collect()
            }),
        }
    }
}

impl fmt::Display for PolicyAudit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.methods.join(", "), self.handler)?;
        match &self.origins {
            None => write!(f, "; any origin")?,
            Some(origins) if origins.is_empty() && self.live.is_empty() => {
                write!(f, "; no origin")?
            }
            Some(origins) if origins.is_empty() => {}
            Some(origins) => write!(f, "; origins {}", origins.join(", "))?,
        }
        for live in &self.live {
            write!(f, "; {live}")?;
        }
        if let Some(headers) = &self.headers {
            write!(f, "; headers {headers}")?;
        }
        if let Some(expose) = &self.expose {
            write!(f, "; expose {expose}")?;
        }
        if self.credentials {
            write!(f, "; credentials")?;
        }
        if let Some(seconds) = self.max_age {
            write!(f, "; max-age {seconds}")?;
        }
        if self.strict {
            write!(f, "; strict")?;
        }
        Ok(())
    }
}

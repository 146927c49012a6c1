//! Origins that change while the server runs: [`LiveOrigins`], a set the application
//! replaces or edits, and keeps in step with a store by refreshing it in the background.
//!
//! Readers (every request of a policy that includes the set) load the current snapshot
//! through `arc-swap`: no lock, never blocked by a writer, and a request sees the old set
//! or the new one, never a mix. Writers build a whole new snapshot, checked by the rules of
//! `cors-rules`, and swap it in; they take a lock among themselves only, so two edits
//! cannot lose each other.

use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use arc_swap::ArcSwapOption;
use cors_rules::entry::{self, Context};

mod set;

use set::LiveSet;

/// A set of allowed origins that the application changes while it runs: tenants' custom
/// domains, partners onboarded this afternoon, a preview deployment.
///
/// Declare it as a `static` and name it in a policy's `origins`, beside literals and
/// patterns: `origins = ["https://app.example.com", live(TENANT_ORIGINS)]`. Every check
/// of the policy reads it: preflights, actual requests, `strict`, WebSocket handshakes and
/// [`CorsHandler::allows_origin`](crate::CorsHandler::allows_origin).
///
/// ```
/// use axum::Router;
/// use axum::http::HeaderValue;
/// use cors_runtime::{CorsHandler, LiveOrigins, cors, cors_routes};
///
/// static TENANT_ORIGINS: LiveOrigins = LiveOrigins::new();
///
/// #[cors(origins = ["https://app.example.com", live(TENANT_ORIGINS)], methods = [GET])]
/// async fn invoices() -> &'static str { "[]" }
///
/// let app: Router = Router::new().route("/invoices", cors_routes![invoices]);
///
/// TENANT_ORIGINS.replace(["https://shop.acme.com", "https://*.acme-preview.dev"]).unwrap();
/// let allows = |origin| <invoices as CorsHandler>::allows_origin(&HeaderValue::from_static(origin));
/// assert!(allows("https://shop.acme.com"));
/// assert!(allows("https://pr-12.acme-preview.dev"));
///
/// TENANT_ORIGINS.remove("https://shop.acme.com");
/// assert!(!allows("https://shop.acme.com"));
/// ```
///
/// Every change is checked by the rules that check origins written in the attribute,
/// those that depend on the policies using the set included (`credentials` refuses plain
/// `http://` origins off loopback): a change with a bad entry is refused as a whole, with
/// every bad entry and its fix ([`LiveOriginsError`]), and the previous set stays.
/// A set that is empty, or was never loaded, grants nothing.
///
/// A browser may keep a preflight's grant for the policy's `max_age` after an origin is
/// removed; actual requests are always checked against the current set.
pub struct LiveOrigins {
    /// `None` until the first successful change.
    current: ArcSwapOption<Snapshot>,
    /// Taken by writers only.
    writer: Mutex<Writer>,
}

/// One version of the set, never changed once published.
#[derive(Debug)]
struct Snapshot {
    set: LiveSet,
    /// The entries as given, sorted, for listing.
    entries: Vec<String>,
}

/// What writers share: the rules every entry must pass, and the set's history.
#[derive(Debug, Default)]
struct Writer {
    /// The strictest rules of the policies that include the set.
    context: Context,
    /// The name the set is written under in `live(...)`, for audits and events.
    name: Option<&'static str>,
    last_change: Option<SystemTime>,
    last_error: Option<String>,
}

/// What the application may learn of a [`LiveOrigins`] at a glance (and what
/// [`audit`](crate::audit()) shows).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LiveStatus {
    /// How many entries the current set has; `None` when it was never loaded.
    pub entries: Option<usize>,
    /// When the set last changed successfully.
    pub last_change: Option<SystemTime>,
    /// The last failed change or refresh, if the set has not changed successfully since.
    pub last_error: Option<String>,
}

/// Why a change to a [`LiveOrigins`] was refused: every bad entry, each with why and how
/// to fix it. The set kept its previous entries.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LiveOriginsError {
    /// One line per bad entry.
    pub problems: Vec<String>,
}

impl fmt::Display for LiveOriginsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("live origins refused; the set keeps its previous entries:")?;
        for problem in &self.problems {
            write!(f, "\n  - {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LiveOriginsError {}

impl LiveOrigins {
    /// An empty set, which grants nothing until its first change.
    pub const fn new() -> LiveOrigins {
        LiveOrigins {
            current: ArcSwapOption::const_empty(),
            writer: Mutex::new(Writer {
                context: Context {
                    credentials: false,
                    allow_insecure: false,
                },
                name: None,
                last_change: None,
                last_error: None,
            }),
        }
    }

    /// Replaces every entry with `origins` (exact origins and patterns, as in the
    /// attribute), or refuses the whole change and keeps the current set.
    ///
    /// # Errors
    /// Every entry that breaks a rule, with its fix.
    pub fn replace<I>(&self, origins: I) -> Result<(), LiveOriginsError>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let origins: Vec<String> = origins.into_iter().map(|o| o.as_ref().to_owned()).collect();
        let mut writer = self.writer();
        self.publish(&mut writer, origins)
    }

    /// Adds one origin or pattern; `Ok(false)` when it was already there.
    ///
    /// # Errors
    /// When `origin` breaks a rule; the set is unchanged.
    pub fn insert(&self, origin: &str) -> Result<bool, LiveOriginsError> {
        let mut writer = self.writer();
        let mut entries = self.entries();
        if entries.iter().any(|e| e == origin) {
            return Ok(false);
        }
        entries.push(origin.to_owned());
        self.publish(&mut writer, entries).map(|()| true)
    }

    /// Removes one origin or pattern, as it was given; whether it was there.
    pub fn remove(&self, origin: &str) -> bool {
        let mut writer = self.writer();
        let mut entries = self.entries();
        let before = entries.len();
        entries.retain(|e| e != origin);
        // What was checked before passes again: only the rules could have tightened.
        before != entries.len() && self.publish(&mut writer, entries).is_ok()
    }

    /// The current entries, sorted; empty when the set was never loaded.
    pub fn entries(&self) -> Vec<String> {
        self.current
            .load()
            .as_ref()
            .map_or_else(Vec::new, |snapshot| snapshot.entries.clone())
    }

    /// Its size, last change and last error.
    pub fn status(&self) -> LiveStatus {
        let writer = self.writer();
        LiveStatus {
            entries: self.current.load().as_ref().map(|s| s.entries.len()),
            last_change: writer.last_change,
            last_error: writer.last_error.clone(),
        }
    }

    /// Checks one origin by the rules this set applies, for an endpoint that stores what a
    /// user typed before the next refresh reads it.
    ///
    /// ```
    /// use cors_runtime::LiveOrigins;
    ///
    /// static PARTNERS: LiveOrigins = LiveOrigins::new();
    ///
    /// assert!(PARTNERS.check("https://partner.example").is_ok());
    /// let error = PARTNERS.check("https://partner.example/").unwrap_err();
    /// assert!(error.to_string().contains("write `https://partner.example`"), "{error}");
    /// ```
    ///
    /// # Errors
    /// What is wrong with `origin`, and its fix.
    pub fn check(&self, origin: &str) -> Result<(), LiveOriginsError> {
        let context = self.writer().context;
        entry::check(origin, context)
            .map(|_| ())
            .map_err(|e| LiveOriginsError {
                problems: vec![e.to_string()],
            })
    }

    /// Keeps the set in step with a store that several servers share: calls `load` now
    /// and then every `interval` on the current tokio runtime, and replaces the set with
    /// what it returns. A failed load, or a list with a bad entry, keeps the last good set
    /// and emits one `error` event (target `cors`) per failed refresh; requests never wait
    /// for `load` and never query the store.
    ///
    /// ```no_run
    /// use std::time::Duration;
    ///
    /// use cors_runtime::LiveOrigins;
    ///
    /// static TENANT_ORIGINS: LiveOrigins = LiveOrigins::new();
    ///
    /// async fn tenant_origins_from_the_database() -> Result<Vec<String>, std::io::Error> {
    ///     Ok(vec!["https://shop.acme.com".to_owned()])
    /// }
    ///
    /// # async fn run() {
    /// let refresher = TENANT_ORIGINS.refresh_every(Duration::from_secs(5), tenant_origins_from_the_database);
    /// // ... serve; `refresher.abort()` stops it.
    /// # }
    /// ```
    ///
    /// # Panics
    /// Outside a tokio runtime.
    pub fn refresh_every<F, Fut, E>(
        &'static self,
        interval: Duration,
        mut load: F,
    ) -> tokio::task::JoinHandle<()>
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = Result<Vec<String>, E>> + Send,
        E: fmt::Display,
    {
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(interval);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                let failure = match load().await {
                    // One line per event: every bad entry, each with its fix.
                    Ok(origins) => self
                        .replace(origins)
                        .err()
                        .map(|e| format!("bad entries: {}", e.problems.join("; "))),
                    Err(e) => Some(format!("loading failed: {e}")),
                };
                if let Some(failure) = failure {
                    self.failed(failure);
                }
            }
        })
    }

    /// Records a failed refresh and says so, once.
    fn failed(&self, failure: String) {
        let mut writer = self.writer();
        tracing::error!(
            target: "cors",
            live = writer.name.unwrap_or("LiveOrigins"),
            entries = self.current.load().as_ref().map_or(0, |s| s.entries.len()),
            error = %failure,
            "refreshing live origins failed; the last good set stays in force"
        );
        writer.last_error = Some(failure);
    }

    /// Checks `origins` by the current rules and, when every one passes, publishes them.
    fn publish(&self, writer: &mut Writer, origins: Vec<String>) -> Result<(), LiveOriginsError> {
        let snapshot = match Snapshot::new(origins, writer.context) {
            Ok(snapshot) => snapshot,
            Err(error) => {
                writer.last_error = Some(format!("change refused: {}", error.problems.join("; ")));
                return Err(error);
            }
        };
        self.current.store(Some(Arc::new(snapshot)));
        writer.last_change = Some(SystemTime::now());
        writer.last_error = None;
        Ok(())
    }

    /// A policy that includes the set, named `name` there, with `context`: from now on
    /// every change passes its rules too. The entries already there that do not, one line
    /// each.
    pub(crate) fn register(&self, name: &'static str, context: Context) -> Vec<String> {
        let mut writer = self.writer();
        writer.name.get_or_insert(name);
        // One policy with `credentials` and without the insecure opt-in is enough to
        // refuse plain `http://` origins off loopback for the whole set.
        if context.credentials && !context.allow_insecure {
            writer.context = context;
        }
        drop(writer);
        self.problems(context)
    }

    /// The current entries that `context`'s rules refuse, one line each.
    pub(crate) fn problems(&self, context: Context) -> Vec<String> {
        self.entries()
            .iter()
            .filter_map(|e| entry::check(e, context).err().map(|why| why.to_string()))
            .collect()
    }

    /// Whether the current set allows the serialized origin `origin` (byte for byte).
    #[inline]
    pub(crate) fn allows(&self, origin: &[u8]) -> bool {
        self.current
            .load()
            .as_ref()
            .is_some_and(|snapshot| snapshot.set.allows(origin))
    }

    /// What a refusal event says of the set: its name, and its entries as of when.
    pub(crate) fn describe(&self) -> String {
        let status = self.status();
        let name = self.name();
        match (status.entries, status.last_change) {
            (Some(entries), Some(at)) => {
                let age = at.elapsed().unwrap_or_default().as_secs();
                let plural = if entries == 1 { "entry" } else { "entries" };
                format!("live({name}): {entries} {plural} as of its last change, {age} s ago")
            }
            _ => format!("live({name}): never loaded, grants nothing"),
        }
    }

    /// The name the set is written under in `live(...)`.
    pub(crate) fn name(&self) -> &'static str {
        self.writer().name.unwrap_or("LiveOrigins")
    }

    fn writer(&self) -> MutexGuard<'_, Writer> {
        // A panic while holding it cannot leave the published set half-changed: the set
        // is swapped whole. Go on with what is recorded.
        self.writer.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Default for LiveOrigins {
    fn default() -> Self {
        LiveOrigins::new()
    }
}

impl fmt::Debug for LiveOrigins {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LiveOrigins")
            .field("entries", &self.entries())
            .finish_non_exhaustive()
    }
}

impl Snapshot {
    fn new(mut entries: Vec<String>, context: Context) -> Result<Snapshot, LiveOriginsError> {
        entries.sort_unstable();
        entries.dedup();
        let mut set = LiveSet::default();
        let mut problems = Vec::new();
        for text in &entries {
            match entry::check(text, context) {
                Ok(entry) => set.add(entry),
                // Each problem names its entry.
                Err(why) => problems.push(why.to_string()),
            }
        }
        if !problems.is_empty() {
            return Err(LiveOriginsError { problems });
        }
        set.ready();
        Ok(Snapshot { set, entries })
    }
}

//! Retrying: a backoff policy driven by the catalog's retry classes.
//!
//! Every catalog code has a retry class ([`Retry`]) and `from_response`
//! reads the server's hint ([`RetryAfter`]); a [`RetryPolicy`] turns the
//! two into "wait 340 ms and try again" or "give up", and [`retry`] (or
//! `retry_async`, feature `async`) runs the loop:
//!
//! | class | retried? | delay |
//! |---|---|---|
//! | `never` | no: [`GiveUpReason::NotRetryable`] | |
//! | `quota_exhausted` | no (a window of hours or days): [`GiveUpReason::NotRetryable`] | |
//! | `throttled` | always (the server did not run the request) | the server's hint, capped at `max_delay`, plus jitter; else backoff |
//! | `transient` | only if the call is idempotent, else [`GiveUpReason::NotIdempotent`] | the hint if any, else backoff |
//! | `after_refresh` | once, after the caller's refresh hook ([`retry_with`]); `decide` says [`GiveUpReason::NeedsRefresh`] | none |
//! | `after_state_change` | yes, polling (the server refused the request because of another operation) | backoff from the longer `poll_delay` |
//!
//! An unknown code follows the class it inherited (its family's, else its
//! status's, see [`wire::UnknownError`]); a body
//! that is not the vendor's error shape ([`Undecodable`]) follows its
//! status ([`Retry::from_status`]: 429 throttled, 5xx transient, else
//! never); a transport error ([`std::io::Error`]) is transient when it is a
//! connection or timeout failure.
//!
//! Backoff is exponential with *full jitter* (AWS "standard" retry mode):
//! after attempt `n` fails, the delay is uniform in
//! `[0, min(max_delay, base * 2^n)]`. With a server hint `h`, the delay is
//! `min(h, max_delay)` plus that same jitter, so clients told the same
//! `Retry-After` do not come back in the same millisecond, and no delay
//! exceeds the hint by more than `max_delay`. Every retry also takes tokens
//! from a [`RetryBudget`] shared by the clones of a policy: in an outage the
//! bucket empties and calls fail at once instead of multiplying traffic.
//!
//! ```
//! # #[cfg(feature = "macros")] {
//! use errors_catalog::retry::{self, CallError, GiveUpReason, RetryPolicy};
//! use std::time::Duration;
//!
//! #[errors_catalog::catalog(spec = "doc/huawei.yaml")]
//! pub enum CbcError {}
//!
//! // The server: throttled once (Retry-After: 0), then success.
//! let mut answers = vec![
//!     (200, r#"{"error_code": "CBC.0000"}"#, "0"),
//!     (429, r#"{"error_code": "CBC.0250", "error_msg": "flow control"}"#, "0"),
//! ];
//! let policy = RetryPolicy::builder().base_delay(Duration::from_millis(1)).build();
//! let outcome = retry::retry(&policy, false, || {
//!     let (status, body, hint) = answers.pop().unwrap();
//!     retry::check_response::<CbcError, _>(status, &[("Retry-After", hint)], body.as_bytes())
//! });
//! assert!(outcome.result.is_ok());
//! assert_eq!(outcome.attempts, 2);
//!
//! // A client error is surfaced at once.
//! let outcome = retry::retry(&policy, true, || {
//!     let body = br#"{"error_code": "CBC.0100", "error_msg": "bad"}"#;
//!     retry::check_response::<CbcError, _>(400, &[("X-Request-Id", "r")], body)
//! });
//! assert!(matches!(outcome.result, Err(CallError::Response(_))));
//! assert_eq!(outcome.attempts, 1);
//! assert_eq!(outcome.gave_up, Some(GiveUpReason::NotRetryable(errors_catalog::Retry::Never)));
//! # }
//! ```

use crate::wire::{self, DecodeError, Decoded, ErrorResponse, Headers, Known, RetryAfter};
use crate::{Catalog, ErrorCode, HeadersRef, Retry};
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// What a retry loop needs to know about an error: its class and the
/// server's hint. Implemented for decoded error responses, undecodable
/// ones, transport errors and [`CallError`]; implement it for your own
/// error type to use [`retry`] with it.
pub trait Classify {
    /// The retry class.
    fn retry_class(&self) -> Retry;

    /// When the server said to retry, if it did.
    fn retry_hint(&self) -> Option<RetryAfter> {
        None
    }
}

impl<C: Classify + ?Sized> Classify for &C {
    fn retry_class(&self) -> Retry {
        (**self).retry_class()
    }
    fn retry_hint(&self) -> Option<RetryAfter> {
        (**self).retry_hint()
    }
}

impl<C: Classify + ?Sized> Classify for Box<C> {
    fn retry_class(&self) -> Retry {
        (**self).retry_class()
    }
    fn retry_hint(&self) -> Option<RetryAfter> {
        (**self).retry_hint()
    }
}

/// A bare class, without a hint (for tables and tests).
impl Classify for Retry {
    fn retry_class(&self) -> Retry {
        *self
    }
}

/// The catalog's class for a known code, the inherited one for an unknown
/// code; the hint from `Retry-After` or `x-ratelimit-*-timeleft`.
impl<E: ErrorCode> Classify for ErrorResponse<E> {
    fn retry_class(&self) -> Retry {
        match &self.error {
            Known::Known(e) => e.retry(),
            Known::Unknown(u) => u.retry,
        }
    }
    fn retry_hint(&self) -> Option<RetryAfter> {
        self.retry_after
    }
}

/// Connection failures and timeouts are transient; everything else (a
/// refused TLS certificate, an invalid address) is not retried.
impl Classify for std::io::Error {
    fn retry_class(&self) -> Retry {
        use std::io::ErrorKind::*;
        match self.kind() {
            ConnectionRefused | ConnectionReset | ConnectionAborted | NotConnected | BrokenPipe
            | TimedOut | Interrupted | UnexpectedEof | WouldBlock => Retry::Transient,
            _ => Retry::Never,
        }
    }
}

/// A response whose body is not the vendor's error shape (a proxy's 502
/// page, a truncated body): classified by its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undecodable {
    /// The HTTP status of the response.
    pub status: u16,
    /// Why the body did not decode.
    pub error: DecodeError,
    /// The server's hint, read from the headers.
    pub retry_after: Option<RetryAfter>,
}

impl Classify for Undecodable {
    fn retry_class(&self) -> Retry {
        Retry::from_status(self.status)
    }
    fn retry_hint(&self) -> Option<RetryAfter> {
        self.retry_after
    }
}

impl fmt::Display for Undecodable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}: {}", self.status, self.error)
    }
}

impl std::error::Error for Undecodable {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// Why a call to a vendor's API failed: what a retried call returns.
#[derive(Debug)]
pub enum CallError<E> {
    /// The vendor's error response (boxed: it is large, and results that
    /// carry it stay small on the success path).
    Response(Box<ErrorResponse<E>>),
    /// A response that is not the vendor's error shape.
    Undecodable(Undecodable),
    /// No response: the connection failed or timed out.
    Transport(std::io::Error),
}

impl<E: ErrorCode> Classify for CallError<E> {
    fn retry_class(&self) -> Retry {
        match self {
            CallError::Response(r) => r.retry_class(),
            CallError::Undecodable(u) => u.retry_class(),
            CallError::Transport(e) => e.retry_class(),
        }
    }
    fn retry_hint(&self) -> Option<RetryAfter> {
        match self {
            CallError::Response(r) => r.retry_hint(),
            CallError::Undecodable(u) => u.retry_hint(),
            CallError::Transport(e) => e.retry_hint(),
        }
    }
}

impl<E: ErrorCode> fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Response(r) => {
                match &r.error {
                    Known::Known(e) => write!(f, "HTTP {} {}: {e}", r.status, e.code())?,
                    Known::Unknown(u) => write!(f, "HTTP {} {}: {}", r.status, u.code, u.message)?,
                }
                if let Some(id) = &r.request_id {
                    write!(f, " (request {id})")?;
                }
                Ok(())
            }
            CallError::Undecodable(u) => u.fmt(f),
            CallError::Transport(e) => write!(f, "transport error: {e}"),
        }
    }
}

impl<E: ErrorCode> std::error::Error for CallError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CallError::Response(_) => None,
            CallError::Undecodable(u) => Some(&u.error),
            CallError::Transport(e) => Some(e),
        }
    }
}

impl<E> From<ErrorResponse<E>> for CallError<E> {
    fn from(r: ErrorResponse<E>) -> Self {
        CallError::Response(Box::new(r))
    }
}

impl<E> From<Undecodable> for CallError<E> {
    fn from(u: Undecodable) -> Self {
        CallError::Undecodable(u)
    }
}

impl<E> From<std::io::Error> for CallError<E> {
    fn from(e: std::io::Error) -> Self {
        CallError::Transport(e)
    }
}

/// Decodes a response of `E`'s vendor into what a retried call returns:
/// `Ok(request id)` on success, else the error response or, when the body
/// is not the vendor's error shape, [`Undecodable`] (with the hint of the
/// headers).
pub fn check_response<E: Catalog, H: Headers + ?Sized>(
    status: u16,
    headers: &H,
    body: &[u8],
) -> Result<Option<String>, CallError<E>> {
    let headers = HeadersRef(headers);
    match wire::decode::<E>(status, &headers, body) {
        Ok(Decoded::Success { request_id }) => Ok(request_id),
        Ok(Decoded::Error(r)) => Err(r.into()),
        Err(error) => Err(CallError::Undecodable(Undecodable {
            status,
            error,
            retry_after: wire::retry_after(&headers, SystemTime::now()),
        })),
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait this long, then try again.
    RetryAfter(Duration),
    /// Do not retry: surface the error.
    GiveUp(GiveUpReason),
}

/// Why a retry loop stopped retrying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum GiveUpReason {
    /// The class says retrying cannot help (`never`, `quota_exhausted`).
    NotRetryable(Retry),
    /// A `transient` error of a call that is not idempotent: it may have
    /// been executed, so running it again could do it twice.
    NotIdempotent,
    /// An `after_refresh` error: retry once after refreshing credentials
    /// (or the clock); [`retry_with`] does it when its refresh hook
    /// succeeds, and stops with this reason otherwise, or on a second one.
    NeedsRefresh,
    /// The policy's maximum number of attempts was made.
    AttemptsExhausted {
        /// The attempts made.
        attempts: u32,
    },
    /// The shared retry budget is empty: too many calls are failing.
    BudgetExhausted,
}

impl fmt::Display for GiveUpReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GiveUpReason::NotRetryable(class) => write!(f, "not retryable ({class})"),
            GiveUpReason::NotIdempotent => f.write_str("transient, but the call is not idempotent"),
            GiveUpReason::NeedsRefresh => f.write_str("needs a refresh (credentials, clock) first"),
            GiveUpReason::AttemptsExhausted { attempts } => {
                write!(f, "gave up after {attempts} attempts")
            }
            GiveUpReason::BudgetExhausted => f.write_str("the retry budget is empty"),
        }
    }
}

/// A source of random 64-bit values for jitter. `Send + Sync`: one source
/// serves every thread using a policy.
pub trait JitterSource: Send + Sync {
    /// The next value, uniformly distributed over `u64`.
    fn next_u64(&self) -> u64;
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny, fast generator with
/// a 64-bit state, good enough for jitter (not for secrets). Lock-free:
/// the state advances by an atomic add, so threads sharing it draw
/// distinct values. A fixed seed gives a reproducible sequence, for tests.
#[derive(Debug)]
pub struct SplitMix64 {
    state: AtomicU64,
}

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

impl SplitMix64 {
    /// A generator whose sequence is fixed by `seed`.
    pub const fn new(seed: u64) -> Self {
        SplitMix64 {
            state: AtomicU64::new(seed),
        }
    }

    /// A generator seeded from the process's hash randomness (std's
    /// `RandomState`, seeded by the operating system), the clock and a
    /// counter: different in every process and every call.
    pub fn from_entropy() -> Self {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        h.write_u128(nanos);
        SplitMix64::new(h.finish())
    }

    /// The output function of SplitMix64 for a state.
    const fn mix(mut z: u64) -> u64 {
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl JitterSource for SplitMix64 {
    fn next_u64(&self) -> u64 {
        let state = self
            .state
            .fetch_add(GOLDEN_GAMMA, Ordering::Relaxed)
            .wrapping_add(GOLDEN_GAMMA);
        SplitMix64::mix(state)
    }
}

/// A value uniform in `[0, max]` (inclusive) from a random `u64`.
pub fn uniform_delay(random: u64, max: Duration) -> Duration {
    let nanos = u64::try_from(max.as_nanos()).unwrap_or(u64::MAX);
    let scaled = (u128::from(random) * (u128::from(nanos) + 1)) >> 64;
    // `scaled <= nanos`, which fits in u64.
    Duration::from_nanos(u64::try_from(scaled).unwrap_or(nanos))
}

/// A client-side retry token bucket shared between calls, as in the AWS
/// SDKs' standard retry mode: each retry takes [`retry_cost`] tokens; a
/// call that succeeds gives back what its retries took, or
/// [`success_refill`] tokens when it needed no retry; an empty bucket
/// means no more retries (first attempts are never refused). In an outage
/// every call fails, the bucket empties after `capacity / cost` retries
/// and traffic falls back to one attempt per call, instead of
/// `max_attempts` times the usual; successes refill it.
///
/// Lock-free (one atomic counter, compare-and-swap), `Send + Sync`; share
/// it with an `Arc`, or through clones of a [`RetryPolicy`].
///
/// [`retry_cost`]: RetryBudget::retry_cost
/// [`success_refill`]: RetryBudget::success_refill
#[derive(Debug)]
pub struct RetryBudget {
    tokens: AtomicU32,
    capacity: u32,
    retry_cost: u32,
    success_refill: u32,
}

impl RetryBudget {
    /// The AWS standard mode's bucket size.
    pub const DEFAULT_CAPACITY: u32 = 500;
    /// The AWS standard mode's cost of a retry.
    pub const DEFAULT_RETRY_COST: u32 = 5;
    /// The AWS standard mode's refill for a success without retries.
    pub const DEFAULT_SUCCESS_REFILL: u32 = 1;

    /// A full bucket of `capacity` tokens, `retry_cost` per retry (at least
    /// 1), refilled by [`DEFAULT_SUCCESS_REFILL`](Self::DEFAULT_SUCCESS_REFILL)
    /// per success without retries.
    pub fn new(capacity: u32, retry_cost: u32) -> Self {
        RetryBudget {
            tokens: AtomicU32::new(capacity),
            capacity,
            retry_cost: retry_cost.max(1),
            success_refill: Self::DEFAULT_SUCCESS_REFILL,
        }
    }

    /// The tokens a success without retries gives back.
    pub fn with_success_refill(mut self, tokens: u32) -> Self {
        self.success_refill = tokens;
        self
    }

    /// The tokens in the bucket now.
    pub fn available(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }

    /// The bucket's size.
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// The tokens a retry takes.
    pub fn retry_cost(&self) -> u32 {
        self.retry_cost
    }

    /// The tokens a success without retries gives back.
    pub fn success_refill(&self) -> u32 {
        self.success_refill
    }

    /// Takes the cost of one retry; `None` (and nothing taken) when the
    /// bucket holds less.
    pub fn try_acquire(&self) -> Option<u32> {
        let cost = self.retry_cost;
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
            .ok()
            .map(|_| cost)
    }

    /// Gives `tokens` back, up to the capacity.
    pub fn refund(&self, tokens: u32) {
        let capacity = self.capacity;
        // The closure always returns `Some`: the update cannot fail.
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                Some(t.saturating_add(tokens).min(capacity))
            });
    }

    /// A call succeeded after its retries took `acquired` tokens: gives
    /// them back, or [`success_refill`](Self::success_refill) if it took none.
    pub fn record_success(&self, acquired: u32) {
        self.refund(if acquired == 0 {
            self.success_refill
        } else {
            acquired
        });
    }
}

impl Default for RetryBudget {
    fn default() -> Self {
        RetryBudget::new(Self::DEFAULT_CAPACITY, Self::DEFAULT_RETRY_COST)
    }
}

/// When and whether to retry, from an error's class and the server's hint.
/// Build one per API client with [`RetryPolicy::builder`] and clone it:
/// clones share the retry budget and the jitter source. The defaults are
/// those of the AWS SDKs' standard retry mode (see [`RetryPolicyBuilder`]).
#[derive(Clone)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    poll_delay: Duration,
    max_delay: Duration,
    jitter: bool,
    budget: Option<Arc<RetryBudget>>,
    source: Arc<dyn JitterSource>,
}

impl fmt::Debug for RetryPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryPolicy")
            .field("max_attempts", &self.max_attempts)
            .field("base_delay", &self.base_delay)
            .field("poll_delay", &self.poll_delay)
            .field("max_delay", &self.max_delay)
            .field("jitter", &self.jitter)
            .field("budget", &self.budget)
            .finish_non_exhaustive()
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::builder().build()
    }
}

/// Builds a [`RetryPolicy`]. Every setting has a default:
///
/// | setting | default | why |
/// |---|---|---|
/// | `max_attempts` | 3 (the first call and 2 retries) | AWS standard mode; more mostly adds load during an outage |
/// | `base_delay` | 100 ms | AWS standard mode (Java SDK); the first retry waits at most 200 ms |
/// | `poll_delay` | 1 s | `after_state_change`: another operation is running, it takes seconds, not milliseconds |
/// | `max_delay` | 20 s | AWS standard mode's cap; also the cap on a server's hint |
/// | `jitter` | on (full jitter) | spreads the retries of clients that failed together |
/// | `budget` | a new [`RetryBudget`] of 500 tokens, 5 a retry | AWS standard mode: an outage costs at most 100 retries before calls fail fast |
/// | `jitter_source` | [`SplitMix64::from_entropy`] | no RNG dependency |
#[derive(Clone)]
pub struct RetryPolicyBuilder {
    policy: RetryPolicy,
}

impl fmt::Debug for RetryPolicyBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.policy.fmt(f)
    }
}

impl RetryPolicyBuilder {
    /// Attempts in all, the first call included (at least 1; 1 never retries).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.policy.max_attempts = attempts.max(1);
        self
    }

    /// The backoff base of `throttled` and `transient` errors.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.policy.base_delay = delay;
        self
    }

    /// The backoff base of `after_state_change` errors (polling).
    pub fn poll_delay(mut self, delay: Duration) -> Self {
        self.policy.poll_delay = delay;
        self
    }

    /// The longest backoff, and the cap on a server's hint.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.policy.max_delay = delay;
        self
    }

    /// Full jitter (on) or the exact exponential delays and hints (off).
    pub fn jitter(mut self, on: bool) -> Self {
        self.policy.jitter = on;
        self
    }

    /// The retry budget to share (`None`: retries are not budgeted).
    pub fn budget(mut self, budget: Option<Arc<RetryBudget>>) -> Self {
        self.policy.budget = budget;
        self
    }

    /// The random source of the jitter (a seeded [`SplitMix64`] in tests).
    pub fn jitter_source(mut self, source: Arc<dyn JitterSource>) -> Self {
        self.policy.source = source;
        self
    }

    /// The policy.
    pub fn build(self) -> RetryPolicy {
        self.policy
    }
}

impl RetryPolicy {
    /// The default maximum number of attempts.
    pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
    /// The default backoff base.
    pub const DEFAULT_BASE_DELAY: Duration = Duration::from_millis(100);
    /// The default backoff base of `after_state_change` errors.
    pub const DEFAULT_POLL_DELAY: Duration = Duration::from_secs(1);
    /// The default cap of delays and server hints.
    pub const DEFAULT_MAX_DELAY: Duration = Duration::from_secs(20);

    /// A builder starting from the defaults.
    pub fn builder() -> RetryPolicyBuilder {
        RetryPolicyBuilder {
            policy: RetryPolicy {
                max_attempts: Self::DEFAULT_MAX_ATTEMPTS,
                base_delay: Self::DEFAULT_BASE_DELAY,
                poll_delay: Self::DEFAULT_POLL_DELAY,
                max_delay: Self::DEFAULT_MAX_DELAY,
                jitter: true,
                budget: Some(Arc::new(RetryBudget::default())),
                source: Arc::new(SplitMix64::from_entropy()),
            },
        }
    }

    /// A policy that never retries.
    pub fn no_retry() -> Self {
        RetryPolicy::builder().max_attempts(1).budget(None).build()
    }

    /// Attempts in all, the first call included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff base of `throttled` and `transient` errors.
    pub fn base_delay(&self) -> Duration {
        self.base_delay
    }

    /// The backoff base of `after_state_change` errors.
    pub fn poll_delay(&self) -> Duration {
        self.poll_delay
    }

    /// The longest backoff, and the cap on a server's hint.
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// Whether delays are jittered.
    pub fn jitter(&self) -> bool {
        self.jitter
    }

    /// The shared retry budget, if any.
    pub fn budget(&self) -> Option<&Arc<RetryBudget>> {
        self.budget.as_ref()
    }

    /// The largest backoff after attempt `attempt` failed, for a base:
    /// `min(max_delay, base * 2^attempt)`.
    pub fn backoff_ceiling(&self, base: Duration, attempt: u32) -> Duration {
        1u32.checked_shl(attempt)
            .and_then(|factor| base.checked_mul(factor))
            .map_or(self.max_delay, |d| d.min(self.max_delay))
    }

    /// What to do after attempt `attempt` (1 for the first call) failed
    /// with `error`. Reads the jitter source but not the budget: a loop of
    /// your own also calls [`RetryBudget::try_acquire`] before each retry
    /// and [`RetryBudget::record_success`] at the end ([`retry`] does).
    pub fn decide<C: Classify + ?Sized>(
        &self,
        attempt: u32,
        error: &C,
        idempotent: bool,
    ) -> RetryDecision {
        self.decide_at(attempt, error, idempotent, SystemTime::now())
    }

    /// [`decide`](Self::decide) with the current time given (a hint that is
    /// a date is a delay from `now`).
    pub fn decide_at<C: Classify + ?Sized>(
        &self,
        attempt: u32,
        error: &C,
        idempotent: bool,
        now: SystemTime,
    ) -> RetryDecision {
        let class = error.retry_class();
        let base = match class {
            Retry::Transient if !idempotent => {
                return RetryDecision::GiveUp(GiveUpReason::NotIdempotent);
            }
            Retry::Throttled | Retry::Transient => Some(self.base_delay),
            Retry::AfterStateChange => Some(self.poll_delay),
            Retry::AfterRefresh => None,
            // `never`, `quota_exhausted`, and any class a later release adds.
            _ => return RetryDecision::GiveUp(GiveUpReason::NotRetryable(class)),
        };
        if attempt >= self.max_attempts {
            return RetryDecision::GiveUp(GiveUpReason::AttemptsExhausted { attempts: attempt });
        }
        let Some(base) = base else {
            return RetryDecision::GiveUp(GiveUpReason::NeedsRefresh);
        };
        let ceiling = self.backoff_ceiling(base, attempt);
        let hint = error.retry_hint().map(|h| match h {
            RetryAfter::Delay(d) => d,
            RetryAfter::At(t) => t.duration_since(now).unwrap_or(Duration::ZERO),
        });
        let delay = match (hint, self.jitter) {
            (None, false) => ceiling,
            (None, true) => uniform_delay(self.source.next_u64(), ceiling),
            (Some(h), false) => h.min(self.max_delay),
            (Some(h), true) => {
                h.min(self.max_delay) + uniform_delay(self.source.next_u64(), ceiling)
            }
        };
        RetryDecision::RetryAfter(delay)
    }
}

/// What a retried call ended with.
#[derive(Debug)]
pub struct RetryOutcome<T, E> {
    /// The success value, or the last error.
    pub result: Result<T, E>,
    /// The attempts made (at least 1).
    pub attempts: u32,
    /// Why the loop stopped retrying, when it ended with an error.
    pub gave_up: Option<GiveUpReason>,
    /// The sum of the delays waited between attempts.
    pub waited: Duration,
}

impl<T, E> RetryOutcome<T, E> {
    /// The success value or the last error.
    pub fn into_result(self) -> Result<T, E> {
        self.result
    }
}

/// One retry loop's state, shared by the blocking and async loops.
struct Run<'p> {
    policy: &'p RetryPolicy,
    idempotent: bool,
    attempts: u32,
    refreshed: bool,
    acquired: u32,
    waited: Duration,
}

enum Step {
    Wait(Duration),
    Refresh,
    Stop(GiveUpReason),
}

impl<'p> Run<'p> {
    fn new(policy: &'p RetryPolicy, idempotent: bool) -> Self {
        Run {
            policy,
            idempotent,
            attempts: 0,
            refreshed: false,
            acquired: 0,
            waited: Duration::ZERO,
        }
    }

    fn on_error<C: Classify + ?Sized>(&mut self, error: &C) -> Step {
        match self.policy.decide(self.attempts, error, self.idempotent) {
            RetryDecision::RetryAfter(delay) => {
                if let Some(budget) = &self.policy.budget {
                    match budget.try_acquire() {
                        Some(cost) => self.acquired = self.acquired.saturating_add(cost),
                        None => return Step::Stop(GiveUpReason::BudgetExhausted),
                    }
                }
                self.waited = self.waited.saturating_add(delay);
                Step::Wait(delay)
            }
            RetryDecision::GiveUp(GiveUpReason::NeedsRefresh) if !self.refreshed => {
                self.refreshed = true;
                Step::Refresh
            }
            RetryDecision::GiveUp(reason) => Step::Stop(reason),
        }
    }

    fn finish<T, E>(
        self,
        result: Result<T, E>,
        gave_up: Option<GiveUpReason>,
    ) -> RetryOutcome<T, E> {
        if result.is_ok()
            && let Some(budget) = &self.policy.budget
        {
            budget.record_success(self.acquired);
        }
        RetryOutcome {
            result,
            attempts: self.attempts,
            gave_up,
            waited: self.waited,
        }
    }
}

/// Calls `call` until it succeeds or `policy` gives up, sleeping the
/// thread between attempts. `idempotent`: whether running the call twice
/// is safe (GET, a PUT of a whole resource, a request with a client token);
/// `transient` errors are retried only then. `after_refresh` errors are not
/// retried: use [`retry_with`] to refresh first.
pub fn retry<T, E, F>(policy: &RetryPolicy, idempotent: bool, call: F) -> RetryOutcome<T, E>
where
    E: Classify,
    F: FnMut() -> Result<T, E>,
{
    retry_with(policy, idempotent, |_: &E| false, std::thread::sleep, call)
}

/// [`retry`] with a refresh hook and a sleep function of your own. On an
/// `after_refresh` error, `refresh` is called once with it (refresh the
/// credentials, re-sync the clock); if it returns `true` the call is
/// retried at once (without taking from the budget), else the loop stops
/// with [`GiveUpReason::NeedsRefresh`]. `sleep` waits between attempts
/// (`std::thread::sleep`, or a recorder in tests).
pub fn retry_with<T, E, F, R, S>(
    policy: &RetryPolicy,
    idempotent: bool,
    mut refresh: R,
    mut sleep: S,
    mut call: F,
) -> RetryOutcome<T, E>
where
    E: Classify,
    F: FnMut() -> Result<T, E>,
    R: FnMut(&E) -> bool,
    S: FnMut(Duration),
{
    let mut run = Run::new(policy, idempotent);
    loop {
        run.attempts += 1;
        let error = match call() {
            Ok(value) => return run.finish(Ok(value), None),
            Err(e) => e,
        };
        match run.on_error(&error) {
            Step::Wait(delay) => sleep(delay),
            Step::Refresh => {
                if !refresh(&error) {
                    return run.finish(Err(error), Some(GiveUpReason::NeedsRefresh));
                }
            }
            Step::Stop(reason) => return run.finish(Err(error), Some(reason)),
        }
    }
}

/// [`retry`] for async code, with no particular runtime: `sleep` returns
/// the future that waits (`tokio::time::sleep`, `async_io::Timer::after`,
/// ...). Feature `async`.
#[cfg(feature = "async")]
pub async fn retry_async<T, E, F, Fut, S, SFut>(
    policy: &RetryPolicy,
    idempotent: bool,
    sleep: S,
    call: F,
) -> RetryOutcome<T, E>
where
    E: Classify,
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, E>>,
    S: FnMut(Duration) -> SFut,
    SFut: std::future::Future<Output = ()>,
{
    retry_async_with(
        policy,
        idempotent,
        |_: &E| std::future::ready(false),
        sleep,
        call,
    )
    .await
}

/// [`retry_with`] for async code: `refresh` returns a future of whether
/// the refresh succeeded (it cannot borrow the error: copy what it needs).
/// Feature `async`.
#[cfg(feature = "async")]
pub async fn retry_async_with<T, E, F, Fut, R, RFut, S, SFut>(
    policy: &RetryPolicy,
    idempotent: bool,
    mut refresh: R,
    mut sleep: S,
    mut call: F,
) -> RetryOutcome<T, E>
where
    E: Classify,
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, E>>,
    R: FnMut(&E) -> RFut,
    RFut: std::future::Future<Output = bool>,
    S: FnMut(Duration) -> SFut,
    SFut: std::future::Future<Output = ()>,
{
    let mut run = Run::new(policy, idempotent);
    loop {
        run.attempts += 1;
        let error = match call().await {
            Ok(value) => return run.finish(Ok(value), None),
            Err(e) => e,
        };
        match run.on_error(&error) {
            Step::Wait(delay) => sleep(delay).await,
            Step::Refresh => {
                if !refresh(&error).await {
                    return run.finish(Err(error), Some(GiveUpReason::NeedsRefresh));
                }
            }
            Step::Stop(reason) => return run.finish(Err(error), Some(reason)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first outputs of the reference implementation
    /// (prng.di.unimi.it/splitmix64.c) seeded with 0.
    #[test]
    fn splitmix64_matches_the_reference() {
        let s = SplitMix64::new(0);
        assert_eq!(s.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(s.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(s.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn uniform_delay_covers_the_closed_range() {
        let max = Duration::from_millis(200);
        assert_eq!(uniform_delay(0, max), Duration::ZERO);
        assert_eq!(uniform_delay(u64::MAX, max), max);
        assert_eq!(uniform_delay(u64::MAX, Duration::ZERO), Duration::ZERO);
        assert_eq!(uniform_delay(1 << 63, max), max / 2);
        let huge = Duration::from_secs(u64::MAX);
        assert!(uniform_delay(u64::MAX, huge) <= huge);
    }

    #[test]
    fn backoff_ceiling_saturates() {
        let p = RetryPolicy::builder().build();
        assert_eq!(
            p.backoff_ceiling(Duration::from_millis(100), 1),
            Duration::from_millis(200)
        );
        assert_eq!(
            p.backoff_ceiling(Duration::from_millis(100), 40),
            p.max_delay()
        );
        assert_eq!(p.backoff_ceiling(Duration::MAX, 1), p.max_delay());
    }
}

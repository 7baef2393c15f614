//! Retry classification.

use core::fmt;

/// How a client should react to an error, from the vendors' texts, AWS
/// smithy-rs retry classifiers and Google AIP-194.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Retry {
    /// A client error: surface it, retrying cannot help.
    Never,
    /// Rate limited: back off with jitter and honour a server hint.
    Throttled,
    /// A server or network hiccup: retry if the request is idempotent.
    Transient,
    /// A quota over a window of hours or days: do not retry automatically.
    QuotaExhausted,
    /// Retry once after refreshing credentials, fixing the clock or an action
    /// of the user (recharge, re-sign).
    AfterRefresh,
    /// Another operation is in progress: poll its state, then retry.
    AfterStateChange,
}

impl Retry {
    /// Every class, in declaration order.
    pub const ALL: &'static [Retry] = &[
        Retry::Never,
        Retry::Throttled,
        Retry::Transient,
        Retry::QuotaExhausted,
        Retry::AfterRefresh,
        Retry::AfterStateChange,
    ];

    /// The name used in specs (`never`, `throttled`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            Retry::Never => "never",
            Retry::Throttled => "throttled",
            Retry::Transient => "transient",
            Retry::QuotaExhausted => "quota_exhausted",
            Retry::AfterRefresh => "after_refresh",
            Retry::AfterStateChange => "after_state_change",
        }
    }

    /// Parses a spec name (`throttled`, ...).
    pub fn from_name(name: &str) -> Option<Retry> {
        Retry::ALL.iter().copied().find(|r| r.as_str() == name)
    }

    /// The default class for an HTTP status: 429 is throttling, 5xx a
    /// transient server error, everything else a client error.
    pub const fn from_status(status: u16) -> Retry {
        match status {
            429 => Retry::Throttled,
            500..=599 => Retry::Transient,
            _ => Retry::Never,
        }
    }

    /// Whether an automatic retry (after the usual backoff) is allowed.
    ///
    /// Throttling is always retryable (the request was not executed);
    /// transient failures only when the request is idempotent (it may have
    /// been executed). The other classes need something to change first.
    pub const fn is_retryable(self, idempotent: bool) -> bool {
        match self {
            Retry::Throttled => true,
            Retry::Transient => idempotent,
            _ => false,
        }
    }

    /// The name of the matching AWS smithy-rs `ErrorKind`, if any
    /// (`ThrottlingError`, `TransientError`, `ClientError`). Smithy's
    /// `ServerError` is chosen by status, see [`Retry::smithy_error_kind_for`].
    pub const fn smithy_error_kind(self) -> &'static str {
        match self {
            Retry::Throttled => "ThrottlingError",
            Retry::Transient => "TransientError",
            _ => "ClientError",
        }
    }

    /// Like [`Retry::smithy_error_kind`], but a transient error answered with
    /// a 5xx status is smithy's `ServerError`.
    pub const fn smithy_error_kind_for(self, status: u16) -> &'static str {
        match (self, status) {
            (Retry::Transient, 500..=599) => "ServerError",
            _ => self.smithy_error_kind(),
        }
    }
}

impl fmt::Display for Retry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &r in Retry::ALL {
            assert_eq!(Retry::from_name(r.as_str()), Some(r));
        }
        assert_eq!(Retry::from_name("Throttled"), None);
    }

    #[test]
    fn status_defaults() {
        assert_eq!(Retry::from_status(429), Retry::Throttled);
        assert_eq!(Retry::from_status(503), Retry::Transient);
        assert_eq!(Retry::from_status(400), Retry::Never);
        assert_eq!(Retry::from_status(200), Retry::Never);
    }

    #[test]
    fn retryability_depends_on_idempotency() {
        assert!(Retry::Throttled.is_retryable(false));
        assert!(Retry::Transient.is_retryable(true));
        assert!(!Retry::Transient.is_retryable(false));
        assert!(!Retry::QuotaExhausted.is_retryable(true));
        assert_eq!(Retry::Transient.smithy_error_kind_for(503), "ServerError");
        assert_eq!(
            Retry::Transient.smithy_error_kind_for(400),
            "TransientError"
        );
    }
}

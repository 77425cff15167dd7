//! What a request that did not give what was asked became: one value the UI turns into one
//! message (by the rules crate's `ErrorCode` where the server refused).

use complaint_api::{ApiError, ErrorDetail};
use complaint_rules::ErrorCode;
use serde::{Deserialize, Serialize};

/// Why a request did not give what was asked. Serializable: a page rendered on the server
/// carries what its reads answered, failures included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApiFailure {
    /// The server refused, with a code.
    Refused { status: u16, error: ApiError },
    /// No answer: offline, DNS, CORS, connection reset…
    Network,
    /// Called off by the app: the page that asked is gone (navigated away, or signed out
    /// when a 401 came back). Nobody waits for it, so it is never retried.
    Cancelled,
    /// An answer that is not what the API promises.
    Unreadable { status: u16 },
    /// Not sent: the server enforces other rules than this build (reload first).
    RulesOutdated,
}

impl ApiFailure {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiFailure::Refused { error, .. } => Some(error.code),
            ApiFailure::Network
            | ApiFailure::Cancelled
            | ApiFailure::Unreadable { .. }
            | ApiFailure::RulesOutdated => None,
        }
    }

    pub fn detail(&self) -> Option<&ErrorDetail> {
        match self {
            ApiFailure::Refused { error, .. } => error.detail.as_ref(),
            _ => None,
        }
    }

    /// Worth retrying with the same idempotency key: the request may never have arrived.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiFailure::Network => true,
            ApiFailure::Refused { status, .. } | ApiFailure::Unreadable { status } => {
                matches!(status, 502..=504)
            }
            ApiFailure::RulesOutdated | ApiFailure::Cancelled => false,
        }
    }
}

impl std::fmt::Display for ApiFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiFailure::Refused { status, error } => write!(f, "{status} {}", error.code),
            ApiFailure::Network => f.write_str("network failure"),
            ApiFailure::Cancelled => f.write_str("cancelled"),
            ApiFailure::Unreadable { status } => write!(f, "unreadable response ({status})"),
            ApiFailure::RulesOutdated => f.write_str("not sent: the rules are outdated"),
        }
    }
}

impl std::error::Error for ApiFailure {}

//! Every error response: a code of the rules crate's list, a message, and what the app needs
//! to explain it.

use complaint_rules::{Blocked, ComplaintStatus, ErrorCode, TextError};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::ComplaintDetail;

/// Every error response: `{"error":{"code":"window_expired","message":"…", …}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ErrorBody {
    pub error: ApiError,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ApiError {
    pub code: ErrorCode,
    /// English, for logs and API users; the app shows its own text for `code`.
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<ErrorDetail>,
}

/// What the app needs to explain an error beyond its code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ErrorDetail {
    /// The rules refused a withdrawal.
    Blocked { blocked: Blocked },
    /// A text did not validate.
    Text { text: TextError },
    /// `conflict`: the complaint as it is now.
    Conflict { current: Box<ComplaintDetail> },
    /// `invalid_transition`
    Transition {
        from: ComplaintStatus,
        to: ComplaintStatus,
    },
    /// `rate_limited`
    RetryAfter { seconds: u32 },
}

#[cfg(test)]
mod tests {
    use super::*;
    use complaint_rules::UtcMillis;
    #[test]
    fn error_body_has_the_documented_shape() {
        let body = ErrorBody {
            error: ApiError {
                code: ErrorCode::WindowExpired,
                message: "the self-service window has ended".into(),
                detail: Some(ErrorDetail::Blocked {
                    blocked: Blocked::WindowExpired {
                        deadline: UtcMillis(10),
                    },
                }),
            },
        };
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(
            json,
            r#"{"error":{"code":"window_expired","message":"the self-service window has ended","detail":{"kind":"blocked","blocked":{"code":"window_expired","deadline":10}}}}"#
        );
        assert_eq!(serde_json::from_str::<ErrorBody>(&json).unwrap(), body);
    }
}

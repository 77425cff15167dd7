//! Every way a request can fail, and how each is answered: an HTTP status and an
//! [`ErrorBody`] whose `code` is the rules crate's [`ErrorCode`].

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use complaint_api::{ApiError, ComplaintDetail, ErrorBody, ErrorDetail};
use complaint_rules::time::HOUR_MS;
use complaint_rules::{
    ArbitrationNoteBlocked, AssistanceBlocked, Blocked, ErrorCode, FilingBlocked, ImageRefused,
    InvalidTransition, SafeguardMissing, TextError, TextField, TextProblem, POLICY,
};

/// The one answer for a complaint that does not exist or is not the actor's.
pub const NO_SUCH_COMPLAINT: &str = "no such complaint";

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Unauthenticated(&'static str),
    #[error("{0}")]
    Forbidden(&'static str),
    /// Absent, or not the actor's: the same answer, so ids cannot be probed.
    #[error("{0}")]
    NotFound(&'static str),
    #[error("{0}")]
    InvalidRequest(String),
    #[error("the request body is larger than 16 KiB")]
    PayloadTooLarge,
    #[error("the complaint changed since you saw it")]
    Conflict(Box<ComplaintDetail>),
    #[error("the complaint cannot be withdrawn: {}", .0.code())]
    Blocked(Blocked),
    #[error("assistance cannot be requested: {}", .0.code())]
    Assistance(AssistanceBlocked),
    #[error("a complaint cannot be filed: {}", .0.code())]
    Filing(FilingBlocked),
    #[error("the withdrawal's safeguards are not answered: {}", .0.code())]
    Safeguard(SafeguardMissing),
    #[error("an arbitration note cannot be sent: {}", .0.code())]
    ArbitrationNote(ArbitrationNoteBlocked),
    #[error("the picture is refused: {}", .0.code())]
    Image(ImageRefused),
    #[error("a picture of the message is not an upload of yours that is still unsent")]
    ImageNotFound,
    #[error("this arbitration note has already been handled")]
    ArbitrationNoteAlreadyHandled,
    #[error("the text is not acceptable: {}", .0.code())]
    Text(TextError),
    #[error("a complaint cannot move from {:?} to {:?}", .0.from, .0.to)]
    Transition(InvalidTransition),
    #[error("this assistance request has already been decided")]
    AssistanceAlreadyDecided,
    #[error("this pressure report has already been handled")]
    PressureReportAlreadyHandled,
    #[error("this Idempotency-Key was already used for a different request")]
    IdempotencyKeyReused,
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        AppError::Internal(error.into())
    }
}

/// A compare-and-set that found its row changed although the write lock is held: a bug.
impl From<crate::db::Stale> for AppError {
    fn from(stale: crate::db::Stale) -> Self {
        AppError::Internal(stale.into())
    }
}

impl From<serde_json::Error> for AppError {
    fn from(error: serde_json::Error) -> Self {
        AppError::Internal(error.into())
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::InvalidRequest(_) => StatusCode::BAD_REQUEST,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Conflict(_)
            | AppError::AssistanceAlreadyDecided
            | AppError::PressureReportAlreadyHandled
            | AppError::ArbitrationNoteAlreadyHandled => StatusCode::CONFLICT,
            AppError::Blocked(Blocked::NotOwner)
            | AppError::Assistance(AssistanceBlocked::Withdrawal(Blocked::NotOwner))
            | AppError::ArbitrationNote(ArbitrationNoteBlocked::NotOwner) => StatusCode::NOT_FOUND,
            AppError::Image(ImageRefused::TooLarge) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Filing(FilingBlocked::OrderNotFound) => StatusCode::NOT_FOUND,
            AppError::Blocked(_)
            | AppError::Assistance(_)
            | AppError::Filing(_)
            | AppError::Text(_)
            | AppError::Transition(_)
            | AppError::Safeguard(_)
            | AppError::ArbitrationNote(_)
            | AppError::Image(_)
            | AppError::ImageNotFound
            | AppError::IdempotencyKeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn body(&self) -> ErrorBody {
        let (code, detail) = match self {
            AppError::Unauthenticated(_) => (ErrorCode::Unauthenticated, None),
            AppError::Forbidden(_) => (ErrorCode::Forbidden, None),
            AppError::NotFound(_) => (ErrorCode::NotFound, None),
            AppError::InvalidRequest(_) => (ErrorCode::InvalidRequest, None),
            AppError::PayloadTooLarge => (ErrorCode::PayloadTooLarge, None),
            AppError::Conflict(current) => (
                ErrorCode::Conflict,
                Some(ErrorDetail::Conflict {
                    current: current.clone(),
                }),
            ),
            // Not the owner is answered exactly like an absent complaint.
            AppError::Blocked(Blocked::NotOwner)
            | AppError::Assistance(AssistanceBlocked::Withdrawal(Blocked::NotOwner))
            | AppError::ArbitrationNote(ArbitrationNoteBlocked::NotOwner) => {
                return AppError::NotFound(NO_SUCH_COMPLAINT).body()
            }
            AppError::Blocked(blocked)
            | AppError::Assistance(AssistanceBlocked::Withdrawal(blocked)) => (
                blocked.code(),
                Some(ErrorDetail::Blocked { blocked: *blocked }),
            ),
            AppError::Assistance(other) => (other.code(), None),
            AppError::Filing(filing) => (filing.code(), None),
            AppError::Safeguard(missing) => (missing.code(), None),
            AppError::ArbitrationNote(blocked) => (blocked.code(), None),
            AppError::Image(refused) => (refused.code(), None),
            AppError::ImageNotFound => (ErrorCode::ImageNotFound, None),
            AppError::ArbitrationNoteAlreadyHandled => {
                (ErrorCode::ArbitrationNoteAlreadyHandled, None)
            }
            AppError::Text(text) => (text.code(), Some(ErrorDetail::Text { text: *text })),
            AppError::Transition(transition) => (
                transition.code(),
                Some(ErrorDetail::Transition {
                    from: transition.from,
                    to: transition.to,
                }),
            ),
            AppError::AssistanceAlreadyDecided => (ErrorCode::AssistanceAlreadyDecided, None),
            AppError::PressureReportAlreadyHandled => {
                (ErrorCode::PressureReportAlreadyHandled, None)
            }
            AppError::IdempotencyKeyReused => (ErrorCode::IdempotencyKeyReused, None),
            AppError::Internal(_) => (ErrorCode::Internal, None),
        };
        let message = match self {
            AppError::Blocked(blocked)
            | AppError::Assistance(AssistanceBlocked::Withdrawal(blocked)) => {
                blocked_message(blocked)
            }
            AppError::Assistance(AssistanceBlocked::WindowStillOpen { deadline }) => format!(
                "the self-service window is still open until {} (UTC ms): withdraw it yourself",
                deadline.0
            ),
            AppError::Assistance(AssistanceBlocked::AssistanceAlreadyRequested) => {
                "an assistance request for this complaint is already waiting for an agent".into()
            }
            AppError::Filing(FilingBlocked::ComplaintAlreadyOpen) => {
                "this order already has an open complaint".into()
            }
            AppError::Filing(FilingBlocked::OrderNotFound) => "no such order".into(),
            AppError::Text(text) => text_message(text),
            AppError::Safeguard(SafeguardMissing::RemedyRequired) => {
                "a withdrawal settled with the seller says whether the refund or replacement \
                 has arrived (remedy)"
                    .into()
            }
            AppError::Safeguard(SafeguardMissing::RiskNotAccepted) => {
                "the refund or replacement has not arrived: withdrawing anyway needs \
                 accepted_risk"
                    .into()
            }
            AppError::ArbitrationNote(ArbitrationNoteBlocked::NotInArbitration) => {
                "the complaint is not in arbitration".into()
            }
            AppError::Image(refused) => image_message(*refused),
            other => other.to_string(),
        };
        ErrorBody {
            error: ApiError {
                code,
                message,
                detail,
            },
        }
    }
}

/// English explanations for API users and logs; the app shows its own text per code.
fn blocked_message(blocked: &Blocked) -> String {
    match blocked {
        Blocked::NotOwner => NO_SUCH_COMPLAINT.into(),
        Blocked::NotVerified => {
            "verify your real name (实名认证) first, or ask customer service to withdraw it".into()
        }
        Blocked::AlreadyWithdrawn => "the complaint has already been withdrawn".into(),
        Blocked::InArbitration => {
            "the platform is arbitrating this complaint: appeal through customer service".into()
        }
        Blocked::Finished { status } => {
            format!("the complaint is finished ({})", status.code())
        }
        Blocked::WindowExpired { deadline } => format!(
            "the {}-hour self-service window ended at {} (UTC ms): ask customer service to \
             withdraw it",
            POLICY.self_service_window_ms / HOUR_MS,
            deadline.0
        ),
    }
}

fn text_message(text: &TextError) -> String {
    let field = match text.field {
        TextField::Note => "the note",
        TextField::Description => "the description",
        TextField::RejectionReason => "the rejection reason",
        TextField::PressureNote => "the note of the pressure report",
        TextField::Message => "the message",
        TextField::ArbitrationNote => "the note on the arbitration",
    };
    match text.problem {
        TextProblem::TooShort { min, actual } => {
            format!("{field} is too short: at least {min} characters, got {actual}")
        }
        TextProblem::TooLong { max, actual } => {
            format!("{field} is too long: at most {max} characters, got {actual}")
        }
        TextProblem::InvalidCharacter { position } => {
            format!("{field} contains a control character at position {position}")
        }
    }
}

fn image_message(refused: ImageRefused) -> String {
    let limits = POLICY.evidence;
    match refused {
        ImageRefused::TypeUnsupported => "send a JPEG, PNG or WebP picture".into(),
        ImageRefused::Unreadable => {
            "the picture is truncated or corrupt, or carries data after its end".into()
        }
        ImageRefused::TooLarge => {
            format!("a picture may be at most {} bytes", limits.max_image_bytes)
        }
        ImageRefused::TooManyPixels => format!(
            "a picture may have at most {} pixels",
            limits.max_image_pixels
        ),
        ImageRefused::TooManyImages => format!(
            "a message may carry at most {} pictures",
            limits.max_images_per_message
        ),
    }
}

/// A JSON response with `status` and `body`.
pub fn json_response(status: StatusCode, body: &impl serde::Serialize) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            bytes,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "could not serialise a response");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(error) = &self {
            tracing::error!(error = format!("{error:#}"), "internal error");
        }
        json_response(self.status(), &self.body())
    }
}

pub type AppResult<T> = Result<T, AppError>;

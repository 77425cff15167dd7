//! Every error code the server sends and the app localizes, in one list.

use serde::{Deserialize, Serialize};

/// A stable snake_case code. The rules' refusals map to these (`Blocked::code`, …); the
/// rest are the API's own (authentication, conflicts, malformed requests). The app shows
/// one message per code, whoever caught the error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // Self-service withdrawal (check_revoke).
    NotOwner,
    NotVerified,
    AlreadyRevoked,
    InArbitration,
    Finished,
    WindowExpired,
    // Texts.
    NoteTooShort,
    NoteTooLong,
    NoteInvalidCharacter,
    DescriptionTooShort,
    DescriptionTooLong,
    DescriptionInvalidCharacter,
    RejectionReasonTooShort,
    RejectionReasonTooLong,
    RejectionReasonInvalidCharacter,
    PressureNoteTooShort,
    PressureNoteTooLong,
    PressureNoteInvalidCharacter,
    // Filing, assistance, platform moves, pressure reports.
    OrderNotFound,
    ComplaintAlreadyOpen,
    WindowStillOpen,
    AssistanceAlreadyRequested,
    AssistanceAlreadyDecided,
    InvalidTransition,
    /// An agent handles a pressure report that was already handled.
    PressureReportAlreadyHandled,
    // The API's own.
    /// The complaint changed since the version the user saw.
    Conflict,
    /// No session, or it expired.
    Unauthenticated,
    /// Signed in, but the role may not do this.
    Forbidden,
    NotFound,
    /// Malformed JSON, wrong types, unknown enum values, missing headers.
    InvalidRequest,
    PayloadTooLarge,
    RateLimited,
    /// The same idempotency key was used for a different request.
    IdempotencyKeyReused,
    Internal,
    /// A code this build does not know (sent by a newer server).
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 34] = [
        ErrorCode::NotOwner,
        ErrorCode::NotVerified,
        ErrorCode::AlreadyRevoked,
        ErrorCode::InArbitration,
        ErrorCode::Finished,
        ErrorCode::WindowExpired,
        ErrorCode::NoteTooShort,
        ErrorCode::NoteTooLong,
        ErrorCode::NoteInvalidCharacter,
        ErrorCode::DescriptionTooShort,
        ErrorCode::DescriptionTooLong,
        ErrorCode::DescriptionInvalidCharacter,
        ErrorCode::RejectionReasonTooShort,
        ErrorCode::RejectionReasonTooLong,
        ErrorCode::RejectionReasonInvalidCharacter,
        ErrorCode::PressureNoteTooShort,
        ErrorCode::PressureNoteTooLong,
        ErrorCode::PressureNoteInvalidCharacter,
        ErrorCode::OrderNotFound,
        ErrorCode::ComplaintAlreadyOpen,
        ErrorCode::WindowStillOpen,
        ErrorCode::AssistanceAlreadyRequested,
        ErrorCode::AssistanceAlreadyDecided,
        ErrorCode::InvalidTransition,
        ErrorCode::PressureReportAlreadyHandled,
        ErrorCode::Conflict,
        ErrorCode::Unauthenticated,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::InvalidRequest,
        ErrorCode::PayloadTooLarge,
        ErrorCode::RateLimited,
        ErrorCode::IdempotencyKeyReused,
        ErrorCode::Internal,
    ];

    /// The code as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotOwner => "not_owner",
            ErrorCode::NotVerified => "not_verified",
            ErrorCode::AlreadyRevoked => "already_revoked",
            ErrorCode::InArbitration => "in_arbitration",
            ErrorCode::Finished => "finished",
            ErrorCode::WindowExpired => "window_expired",
            ErrorCode::NoteTooShort => "note_too_short",
            ErrorCode::NoteTooLong => "note_too_long",
            ErrorCode::NoteInvalidCharacter => "note_invalid_character",
            ErrorCode::DescriptionTooShort => "description_too_short",
            ErrorCode::DescriptionTooLong => "description_too_long",
            ErrorCode::DescriptionInvalidCharacter => "description_invalid_character",
            ErrorCode::RejectionReasonTooShort => "rejection_reason_too_short",
            ErrorCode::RejectionReasonTooLong => "rejection_reason_too_long",
            ErrorCode::RejectionReasonInvalidCharacter => "rejection_reason_invalid_character",
            ErrorCode::PressureNoteTooShort => "pressure_note_too_short",
            ErrorCode::PressureNoteTooLong => "pressure_note_too_long",
            ErrorCode::PressureNoteInvalidCharacter => "pressure_note_invalid_character",
            ErrorCode::OrderNotFound => "order_not_found",
            ErrorCode::ComplaintAlreadyOpen => "complaint_already_open",
            ErrorCode::WindowStillOpen => "window_still_open",
            ErrorCode::AssistanceAlreadyRequested => "assistance_already_requested",
            ErrorCode::AssistanceAlreadyDecided => "assistance_already_decided",
            ErrorCode::InvalidTransition => "invalid_transition",
            ErrorCode::PressureReportAlreadyHandled => "pressure_report_already_handled",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::InvalidRequest => "invalid_request",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::IdempotencyKeyReused => "idempotency_key_reused",
            ErrorCode::Internal => "internal",
            ErrorCode::Unknown => "unknown",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

//! Every error code the server sends and the app localizes, in one list.

use serde::{Deserialize, Serialize};

/// A stable snake_case code. The rules' refusals map to these (`Blocked::code`, …); the
/// rest are the API's own (authentication, conflicts, malformed requests). The app shows
/// one message per code, whoever caught the error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // Self-service withdrawal (check_withdrawal).
    NotOwner,
    NotVerified,
    AlreadyWithdrawn,
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
    /// A message with no text, no picture and no request.
    MessageEmpty,
    MessageTooLong,
    MessageInvalidCharacter,
    ArbitrationNoteTooShort,
    ArbitrationNoteTooLong,
    ArbitrationNoteInvalidCharacter,
    // The safeguards of every withdrawal (check_safeguards).
    RemedyRequired,
    RiskNotAccepted,
    // The conversation: arbitration notes and evidence pictures.
    NotInArbitration,
    ImageTypeUnsupported,
    ImageUnreadable,
    ImageTooLarge,
    ImageTooManyPixels,
    TooManyImages,
    /// A message names a picture that is not the sender's upload (or none at all).
    ImageNotFound,
    /// An agent handles an arbitration note that was already handled.
    ArbitrationNoteAlreadyHandled,
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

crate::vocabulary!(ErrorCode {
    NotOwner => "not_owner",
    NotVerified => "not_verified",
    AlreadyWithdrawn => "already_withdrawn",
    InArbitration => "in_arbitration",
    Finished => "finished",
    WindowExpired => "window_expired",
    NoteTooShort => "note_too_short",
    NoteTooLong => "note_too_long",
    NoteInvalidCharacter => "note_invalid_character",
    DescriptionTooShort => "description_too_short",
    DescriptionTooLong => "description_too_long",
    DescriptionInvalidCharacter => "description_invalid_character",
    RejectionReasonTooShort => "rejection_reason_too_short",
    RejectionReasonTooLong => "rejection_reason_too_long",
    RejectionReasonInvalidCharacter => "rejection_reason_invalid_character",
    PressureNoteTooShort => "pressure_note_too_short",
    PressureNoteTooLong => "pressure_note_too_long",
    PressureNoteInvalidCharacter => "pressure_note_invalid_character",
    MessageEmpty => "message_empty",
    MessageTooLong => "message_too_long",
    MessageInvalidCharacter => "message_invalid_character",
    ArbitrationNoteTooShort => "arbitration_note_too_short",
    ArbitrationNoteTooLong => "arbitration_note_too_long",
    ArbitrationNoteInvalidCharacter => "arbitration_note_invalid_character",
    RemedyRequired => "remedy_required",
    RiskNotAccepted => "risk_not_accepted",
    NotInArbitration => "not_in_arbitration",
    ImageTypeUnsupported => "image_type_unsupported",
    ImageUnreadable => "image_unreadable",
    ImageTooLarge => "image_too_large",
    ImageTooManyPixels => "image_too_many_pixels",
    TooManyImages => "too_many_images",
    ImageNotFound => "image_not_found",
    ArbitrationNoteAlreadyHandled => "arbitration_note_already_handled",
    OrderNotFound => "order_not_found",
    ComplaintAlreadyOpen => "complaint_already_open",
    WindowStillOpen => "window_still_open",
    AssistanceAlreadyRequested => "assistance_already_requested",
    AssistanceAlreadyDecided => "assistance_already_decided",
    InvalidTransition => "invalid_transition",
    PressureReportAlreadyHandled => "pressure_report_already_handled",
    Conflict => "conflict",
    Unauthenticated => "unauthenticated",
    Forbidden => "forbidden",
    NotFound => "not_found",
    InvalidRequest => "invalid_request",
    PayloadTooLarge => "payload_too_large",
    RateLimited => "rate_limited",
    IdempotencyKeyReused => "idempotency_key_reused",
    Internal => "internal",
} other Unknown => "unknown");

impl ErrorCode {
    /// [`ErrorCode::code`], by its older name.
    pub fn as_str(self) -> &'static str {
        self.code()
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

//! Validation of the free texts users type: withdrawal notes, complaint descriptions and
//! agents' rejection reasons.

use serde::{Deserialize, Serialize};

use crate::code::ErrorCode;
use crate::kind::{ComplaintKind, RevokeReason};
use crate::policy::{TextLimits, POLICY};

/// Which text a problem is about; part of the error code (`note_too_long`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    Note,
    Description,
    RejectionReason,
}

/// What is wrong with a text. Lengths are Unicode scalar values after trimming, so a
/// Chinese character, an emoji and a combining mark each count as one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum TextProblem {
    TooShort {
        min: usize,
        actual: usize,
    },
    TooLong {
        max: usize,
        actual: usize,
    },
    /// A control character other than a line break, or a bidirectional override, at
    /// this scalar-value position of the trimmed text.
    InvalidCharacter {
        position: usize,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TextError {
    pub field: TextField,
    #[serde(flatten)]
    pub problem: TextProblem,
}

impl TextError {
    pub fn code(&self) -> ErrorCode {
        use TextField::*;
        use TextProblem::*;
        match (self.field, self.problem) {
            (Note, TooShort { .. }) => ErrorCode::NoteTooShort,
            (Note, TooLong { .. }) => ErrorCode::NoteTooLong,
            (Note, InvalidCharacter { .. }) => ErrorCode::NoteInvalidCharacter,
            (Description, TooShort { .. }) => ErrorCode::DescriptionTooShort,
            (Description, TooLong { .. }) => ErrorCode::DescriptionTooLong,
            (Description, InvalidCharacter { .. }) => ErrorCode::DescriptionInvalidCharacter,
            (RejectionReason, TooShort { .. }) => ErrorCode::RejectionReasonTooShort,
            (RejectionReason, TooLong { .. }) => ErrorCode::RejectionReasonTooLong,
            (RejectionReason, InvalidCharacter { .. }) => {
                ErrorCode::RejectionReasonInvalidCharacter
            }
        }
    }
}

/// The length the rules count: Unicode scalar values.
pub fn char_count(text: &str) -> usize {
    text.chars().count()
}

/// Line breaks are allowed; every other control character (Unicode Cc) is refused, and so
/// are the bidirectional overrides and isolates that can make a text read other than it is.
fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Normalises line breaks to `\n`, trims, and checks the text against `limits`.
/// Returns the text as it will be stored.
pub fn validate_text(field: TextField, raw: &str, limits: TextLimits) -> Result<String, TextError> {
    let error = |problem| TextError { field, problem };
    let text = raw.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    if let Some(position) = text.chars().position(is_forbidden_char) {
        return Err(error(TextProblem::InvalidCharacter { position }));
    }
    let actual = char_count(text);
    if actual > limits.max_chars {
        return Err(error(TextProblem::TooLong {
            max: limits.max_chars,
            actual,
        }));
    }
    if actual < limits.min_chars {
        return Err(error(TextProblem::TooShort {
            min: limits.min_chars,
            actual,
        }));
    }
    Ok(text.to_owned())
}

/// A withdrawal request that passed validation, note trimmed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValidRevocation {
    pub reason: RevokeReason,
    pub note: String,
}

/// Validates the reason and note of a withdrawal (the note is required when the reason is
/// `other`).
pub fn validate_revocation(reason: RevokeReason, note: &str) -> Result<ValidRevocation, TextError> {
    let note = validate_text(TextField::Note, note, POLICY.note_limits(reason))?;
    Ok(ValidRevocation { reason, note })
}

/// A new complaint that passed validation, description trimmed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValidComplaint {
    pub kind: ComplaintKind,
    pub description: String,
}

pub fn validate_complaint(
    kind: ComplaintKind,
    description: &str,
) -> Result<ValidComplaint, TextError> {
    let description = validate_text(TextField::Description, description, POLICY.description)?;
    Ok(ValidComplaint { kind, description })
}

pub fn validate_rejection_reason(reason: &str) -> Result<String, TextError> {
    validate_text(TextField::RejectionReason, reason, POLICY.rejection_reason)
}

//! Validation of the free texts users type: withdrawal notes, complaint descriptions,
//! agents' rejection reasons and the notes of pressure reports.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::code::ErrorCode;
use crate::conversation::ArbitrationNoteKind;
use crate::kind::{ComplaintKind, WithdrawalReason};
use crate::policy::{TextLimits, POLICY};

mod scan;

use scan::{normalise_line_breaks, scan, Scan};

/// Which text a problem is about; part of the error code (`note_too_long`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    Note,
    Description,
    RejectionReason,
    /// The note of a pressure report.
    PressureNote,
    /// A message to or from customer service.
    Message,
    /// The note of an arbitration note (settled, or an appeal).
    ArbitrationNote,
}

crate::vocabulary!(TextField {
    Note => "note",
    Description => "description",
    RejectionReason => "rejection_reason",
    PressureNote => "pressure_note",
    Message => "message",
    ArbitrationNote => "arbitration_note",
});

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
            (PressureNote, TooShort { .. }) => ErrorCode::PressureNoteTooShort,
            (PressureNote, TooLong { .. }) => ErrorCode::PressureNoteTooLong,
            (PressureNote, InvalidCharacter { .. }) => ErrorCode::PressureNoteInvalidCharacter,
            (Message, TooShort { .. }) => ErrorCode::MessageEmpty,
            (Message, TooLong { .. }) => ErrorCode::MessageTooLong,
            (Message, InvalidCharacter { .. }) => ErrorCode::MessageInvalidCharacter,
            (ArbitrationNote, TooShort { .. }) => ErrorCode::ArbitrationNoteTooShort,
            (ArbitrationNote, TooLong { .. }) => ErrorCode::ArbitrationNoteTooLong,
            (ArbitrationNote, InvalidCharacter { .. }) => {
                ErrorCode::ArbitrationNoteInvalidCharacter
            }
        }
    }
}

/// The length the rules count: Unicode scalar values.
pub fn char_count(text: &str) -> usize {
    text.chars().count()
}

/// Normalises line breaks to `\n`, trims, and checks the text against `limits`.
/// Returns the text as it will be stored.
pub fn validate_text(field: TextField, raw: &str, limits: TextLimits) -> Result<String, TextError> {
    validate_text_cow(field, raw, limits).map(Cow::into_owned)
}

/// [`validate_text`] without the copy: the text as it will be stored, borrowed from `raw`
/// (trimmed) unless its line breaks had to be normalised.
///
/// One pass over the trimmed text finds the first forbidden character and counts the
/// characters at the same time (see [`scan`]); a `\r` (rare) costs a normalised copy and a
/// second pass over it.
pub fn validate_text_cow(
    field: TextField,
    raw: &str,
    limits: TextLimits,
) -> Result<Cow<'_, str>, TextError> {
    let error = |problem| TextError { field, problem };
    // `\r\n` and `\r` become `\n`, and all three are whitespace: trimming before normalising
    // gives the same text as trimming after, and what is trimmed away needs no normalising.
    let trimmed = raw.trim();
    let (text, scanned) = match scan(trimmed.as_bytes()) {
        Scan::CarriageReturn => {
            let normalised = normalise_line_breaks(trimmed);
            let scanned = scan(normalised.as_bytes());
            (Cow::Owned(normalised), scanned)
        }
        scanned => (Cow::Borrowed(trimmed), scanned),
    };
    let actual = match scanned {
        Scan::Chars(count) => count,
        Scan::Forbidden { position } => {
            return Err(error(TextProblem::InvalidCharacter { position }))
        }
        Scan::CarriageReturn => unreachable!("a normalised text has no \\r"),
    };
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
    Ok(text)
}

/// The characters a text may not contain once trimmed, as ranges: every control character
/// (Unicode Cc: U+0000–U+001F, U+007F–U+009F) but the line breaks `\n` and `\r`, and the
/// bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069). What
/// [`validate_text`] refuses (`*_invalid_character`), for documents that state the rule —
/// the API's schema; the validation itself scans bytes ([`stops`]), tested to agree.
pub const REFUSED_CHARACTERS: [(char, char); 6] = [
    ('\u{0}', '\u{9}'),
    ('\u{b}', '\u{c}'),
    ('\u{e}', '\u{1f}'),
    ('\u{7f}', '\u{9f}'),
    ('\u{202a}', '\u{202e}'),
    ('\u{2066}', '\u{2069}'),
];

/// The characters trimming removes from both ends of a text, as ranges: Unicode
/// White_Space, what `str::trim` removes (tested to agree).
pub const TRIMMED_CHARACTERS: [(char, char); 10] = [
    ('\u{9}', '\u{d}'),
    (' ', ' '),
    ('\u{85}', '\u{85}'),
    ('\u{a0}', '\u{a0}'),
    ('\u{1680}', '\u{1680}'),
    ('\u{2000}', '\u{200a}'),
    ('\u{2028}', '\u{2029}'),
    ('\u{202f}', '\u{202f}'),
    ('\u{205f}', '\u{205f}'),
    ('\u{3000}', '\u{3000}'),
];

/// A withdrawal request that passed validation, note trimmed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValidWithdrawal {
    pub reason: WithdrawalReason,
    pub note: String,
}

/// Validates the reason and note of a withdrawal (the note is required when the reason is
/// `other`).
pub fn validate_withdrawal(
    reason: WithdrawalReason,
    note: &str,
) -> Result<ValidWithdrawal, TextError> {
    let note = validate_text(TextField::Note, note, POLICY.note_limits(reason))?;
    Ok(ValidWithdrawal { reason, note })
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

/// The note of a pressure report, as it will be stored (may be empty).
pub fn validate_pressure_note(note: &str) -> Result<String, TextError> {
    validate_text(TextField::PressureNote, note, POLICY.pressure_note)
}

/// A message's text, as it will be stored. It may be empty only when the message carries
/// something else (pictures, a request): an empty message is `message_empty`.
pub fn validate_message(text: &str, carries_something: bool) -> Result<String, TextError> {
    let limits = TextLimits {
        min_chars: if carries_something { 0 } else { 1 },
        ..POLICY.message
    };
    validate_text(TextField::Message, text, limits)
}

/// The note of an arbitration note, as it will be stored: optional when it says the matter
/// is settled, required for an appeal.
pub fn validate_arbitration_note(
    kind: ArbitrationNoteKind,
    note: &str,
) -> Result<String, TextError> {
    validate_text(
        TextField::ArbitrationNote,
        note,
        POLICY.arbitration_note_limits(kind),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_ranges(ranges: &[(char, char)], c: char) -> bool {
        ranges
            .iter()
            .any(|&(first, last)| (first..=last).contains(&c))
    }

    #[test]
    fn the_refused_and_trimmed_characters_are_what_validation_refuses_and_trims() {
        let wide = TextLimits {
            min_chars: 0,
            max_chars: 10,
        };
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            assert_eq!(
                in_ranges(&TRIMMED_CHARACTERS, c),
                c.is_whitespace(),
                "{c:?} trimmed"
            );
            let inside = format!("a{c}b");
            let refused = matches!(
                validate_text(TextField::Note, &inside, wide),
                Err(TextError {
                    problem: TextProblem::InvalidCharacter { position: 1 },
                    ..
                })
            );
            assert_eq!(in_ranges(&REFUSED_CHARACTERS, c), refused, "{c:?} refused");
        }
    }
}

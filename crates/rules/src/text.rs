//! Validation of the free texts users type: withdrawal notes, complaint descriptions and
//! agents' rejection reasons.

use std::borrow::Cow;

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

/// `\r\n` and then every remaining `\r` become `\n` (what
/// `replace("\r\n", "\n").replace('\r', "\n")` does), in one allocation.
fn normalise_line_breaks(text: &str) -> String {
    let mut normalised = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\r') {
        normalised.push_str(&rest[..at]);
        normalised.push('\n');
        rest = &rest[at + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    normalised.push_str(rest);
    normalised
}

/// What one pass over a trimmed text found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scan {
    /// No forbidden character and no `\r`; this many Unicode scalar values.
    Chars(usize),
    /// The first forbidden character, at this scalar-value position, comes before any `\r`
    /// (so the position is the same in the normalised text).
    Forbidden { position: usize },
    /// A `\r` comes first: the text must be normalised, then scanned again.
    CarriageReturn,
}

/// What the character that starts at `bytes[at]` (a character boundary of valid UTF-8) is.
///
/// Line breaks are allowed; every other control character (Unicode Cc, a stable property:
/// exactly U+0000–U+001F and U+007F–U+009F) is refused, and so are the bidirectional
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069) that can make a text read other
/// than it is. In UTF-8 those are the bytes 00–1F and 7F, C2 80–C2 9F, E2 80 AA–E2 80 AE
/// and E2 81 A6–E2 81 A9.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Char {
    Allowed,
    Forbidden,
    CarriageReturn,
}

fn classify(bytes: &[u8], at: usize) -> Char {
    // A lead byte C2 or E2 is followed by one or two continuation bytes (valid UTF-8), so
    // the indexing below cannot fail.
    let forbidden = match bytes[at] {
        b'\r' => return Char::CarriageReturn,
        b'\n' => false,
        0x00..=0x1F | 0x7F => true,
        0xC2 => bytes[at + 1] <= 0x9F,
        0xE2 => matches!(
            (bytes[at + 1], bytes[at + 2]),
            (0x80, 0xAA..=0xAE) | (0x81, 0xA6..=0xA9)
        ),
        _ => false,
    };
    if forbidden {
        Char::Forbidden
    } else {
        Char::Allowed
    }
}

/// A byte that can begin a refused character or a `\r`: a C0 control but `\n`, DEL, or the
/// lead byte of U+0080–U+00BF (C2) or of U+2000–U+2FFF (E2). Over-inclusive (C2 and E2
/// also begin allowed characters such as `©` or `“`); [`classify`] decides.
fn suspicious(byte: u8) -> bool {
    ((byte < 0x20) & (byte != b'\n')) | (byte == 0x7F) | (byte == 0xC2) | (byte == 0xE2)
}

/// Whether a byte begins a character (is not a continuation byte 80–BF).
fn starts_char(byte: u8) -> bool {
    (byte as i8) >= -0x40
}

/// The bytes the scan looks at together; written so that the compiler turns the per-byte
/// tests into vector instructions (SSE2 on x86-64: 16 bytes per instruction).
const BLOCK: usize = 32;

/// Whether a block holds a suspicious byte, and how many characters begin in it. Branch-free.
fn scan_block(block: &[u8; BLOCK]) -> (bool, usize) {
    let mut any_suspicious = 0u8;
    let mut starts = 0u8;
    for &byte in block {
        any_suspicious |= suspicious(byte) as u8;
        starts += starts_char(byte) as u8;
    }
    (any_suspicious != 0, starts as usize)
}

/// One pass over `bytes` (valid UTF-8): counts the characters and stops at the first
/// forbidden character or `\r`. Whole blocks are tested branch-free; only a block with a
/// suspicious byte is looked at byte by byte. The last, partial block is padded with a
/// byte that is neither suspicious nor a continuation (its characters are subtracted).
fn scan(bytes: &[u8]) -> Scan {
    let mut chars = 0;
    let mut blocks = bytes.chunks_exact(BLOCK);
    let mut start = 0;
    for block in &mut blocks {
        let (suspicious, starts) = scan_block(block.try_into().expect("a whole block"));
        if suspicious {
            if let Some(found) = scan_bytes(bytes, start, start + BLOCK, chars) {
                return found;
            }
        }
        chars += starts;
        start += BLOCK;
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        let mut padded = [b'a'; BLOCK];
        padded[..tail.len()].copy_from_slice(tail);
        let (suspicious, starts) = scan_block(&padded);
        if suspicious {
            if let Some(found) = scan_bytes(bytes, start, bytes.len(), chars) {
                return found;
            }
        }
        chars += starts - (BLOCK - tail.len());
    }
    Scan::Chars(chars)
}

/// The slow path of [`scan`] for `bytes[from..to]`, `chars` characters in: byte by byte.
fn scan_bytes(bytes: &[u8], from: usize, to: usize, mut chars: usize) -> Option<Scan> {
    for at in from..to {
        if !starts_char(bytes[at]) {
            continue;
        }
        match classify(bytes, at) {
            Char::Allowed => chars += 1,
            Char::Forbidden => return Some(Scan::Forbidden { position: chars }),
            Char::CarriageReturn => return Some(Scan::CarriageReturn),
        }
    }
    None
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

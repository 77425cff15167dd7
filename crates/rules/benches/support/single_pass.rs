//! A prototype for BENCHMARKS.md, not the crate's code: `validate_revocation`'s note check
//! in one pass (trim first, normalise line breaks only when a `\r` is there, count and
//! check the characters with a branch-free byte scan first, one allocation for the result). The benchmark checks that
//! it answers exactly like `validate_revocation` on the whole workload before timing it.

use complaint_rules::{RevokeReason, TextError, TextField, TextProblem, POLICY};

/// The same set as the crate's `is_forbidden_char`: Unicode Cc is exactly U+0000–U+001F and
/// U+007F–U+009F (a stable property), so a range check replaces `char::is_control`'s
/// table lookup.
fn is_forbidden_char(c: char) -> bool {
    matches!(c, '\0'..='\u{9}' | '\u{B}'..='\u{1F}' | '\u{7F}'..='\u{9F}')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

pub fn validate_note(reason: RevokeReason, raw: &str) -> Result<String, TextError> {
    let limits = POLICY.note_limits(reason);
    let error = |problem| TextError {
        field: TextField::Note,
        problem,
    };
    // `\r\n` and `\r` become `\n`, all whitespace: trimming before or after is the same.
    let trimmed = raw.trim();
    let normalised;
    let text = if trimmed.contains('\r') {
        normalised = trimmed.replace("\r\n", "\n").replace('\r', "\n");
        normalised.as_str()
    } else {
        trimmed
    };
    // Fast path, branch-free over the bytes: no byte that can begin a forbidden character
    // (a C0 control but `\n`, DEL, 0xC2 for the C1 controls, 0xE2 for the bidi controls).
    let suspicious = text.bytes().fold(false, |seen, b| {
        seen | ((b < 0x20 && b != b'\n') | (b == 0x7F) | (b == 0xC2) | (b == 0xE2))
    });
    let mut actual = 0;
    if suspicious {
        for c in text.chars() {
            if is_forbidden_char(c) {
                return Err(error(TextProblem::InvalidCharacter { position: actual }));
            }
            actual += 1;
        }
    } else {
        actual = text.chars().count();
    }
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

//! The rules crate's text validators on arbitrary input: never panic; an accepted text is
//! the trimmed input with line breaks normalised, within the policy's limits, free of
//! forbidden characters, and accepted again unchanged (validation is idempotent); a refusal
//! describes the input truthfully.
//!
//! Input: the first byte picks the validator (and the reason, kind or variant), the rest is the text
//! (UTF-8; invalid sequences replaced, so every input exercises a validator).

#![no_main]

use complaint_rules::{
    char_count, validate_arbitration_note, validate_complaint, validate_message,
    validate_pressure_note, validate_rejection_reason, validate_withdrawal, ArbitrationNoteKind,
    ComplaintKind, WithdrawalReason, TextError, TextField, TextLimits, TextProblem, POLICY,
};
use libfuzzer_sys::fuzz_target;

fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// What every validator must do with `raw`, given its limits and field.
fn check(field: TextField, raw: &str, limits: TextLimits, result: Result<String, TextError>) {
    let normalised = raw.replace("\r\n", "\n").replace('\r', "\n");
    let expected = normalised.trim();
    let count = char_count(expected);
    match result {
        Ok(text) => {
            assert_eq!(text, expected, "accepted text is the trimmed input");
            assert!(
                count >= limits.min_chars && count <= limits.max_chars,
                "{count} within {limits:?}"
            );
            assert!(
                !text.chars().any(forbidden),
                "no forbidden character accepted"
            );
            assert!(!text.contains('\r'));
            assert_eq!(text.trim(), text, "no surrounding whitespace");
        }
        Err(error) => {
            assert_eq!(error.field, field);
            match error.problem {
                TextProblem::TooShort { min, actual } => {
                    assert_eq!((min, actual), (limits.min_chars, count));
                    assert!(actual < min);
                    assert!(!expected.chars().any(forbidden));
                }
                TextProblem::TooLong { max, actual } => {
                    assert_eq!((max, actual), (limits.max_chars, count));
                    assert!(actual > max);
                    assert!(!expected.chars().any(forbidden));
                }
                TextProblem::InvalidCharacter { position } => {
                    assert!(position < count);
                    let c = expected.chars().nth(position).unwrap();
                    assert!(forbidden(c), "{c:?} at {position} is forbidden");
                    assert!(
                        !expected.chars().take(position).any(forbidden),
                        "the first one"
                    );
                }
            }
            // The code is one of the field's.
            let code = format!("{:?}", error.code());
            let prefix = match field {
                TextField::Note => "Note",
                TextField::Description => "Description",
                TextField::RejectionReason => "RejectionReason",
                TextField::PressureNote => "PressureNote",
                TextField::Message => "Message",
                TextField::ArbitrationNote => "ArbitrationNote",
            };
            assert!(code.starts_with(prefix), "{code}");
            // The error round-trips through its JSON.
            let json = serde_json::to_string(&error).unwrap();
            assert_eq!(serde_json::from_str::<TextError>(&json).unwrap(), error);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    match selector % 3 {
        0 => {
            let reason = WithdrawalReason::ALL[usize::from(selector / 3) % WithdrawalReason::ALL.len()];
            let limits = POLICY.note_limits(reason);
            let result = validate_withdrawal(reason, &text);
            if let Ok(valid) = &result {
                assert_eq!(valid.reason, reason);
                // Idempotent: the stored note validates to itself.
                assert_eq!(validate_withdrawal(reason, &valid.note).as_ref(), Ok(valid));
            }
            check(
                TextField::Note,
                &text,
                limits,
                result.map(|valid| valid.note),
            );
        }
        1 => {
            let kind = ComplaintKind::ALL[usize::from(selector / 3) % ComplaintKind::ALL.len()];
            let result = validate_complaint(kind, &text);
            if let Ok(valid) = &result {
                assert_eq!(valid.kind, kind);
                assert_eq!(
                    validate_complaint(kind, &valid.description).as_ref(),
                    Ok(valid)
                );
            }
            check(
                TextField::Description,
                &text,
                POLICY.description,
                result.map(|valid| valid.description),
            );
        }
        // 2, 14, 26, …: rejection reasons; 5, 17, …: the notes of pressure reports;
        // 8, 20, …: messages (with or without something else carried); 11, 23, …: the notes of
        // arbitration notes (of either kind).
        _ => {
            let variant = usize::from(selector / 12);
            match (selector / 3) % 4 {
                0 => {
                    let result = validate_rejection_reason(&text);
                    if let Ok(valid) = &result {
                        assert_eq!(validate_rejection_reason(valid).as_ref(), Ok(valid));
                    }
                    check(
                        TextField::RejectionReason,
                        &text,
                        POLICY.rejection_reason,
                        result,
                    );
                }
                1 => {
                    let result = validate_pressure_note(&text);
                    if let Ok(valid) = &result {
                        assert_eq!(validate_pressure_note(valid).as_ref(), Ok(valid));
                    }
                    check(TextField::PressureNote, &text, POLICY.pressure_note, result);
                }
                2 => {
                    let carries_something = variant % 2 == 1;
                    let limits = TextLimits {
                        min_chars: if carries_something { 0 } else { 1 },
                        ..POLICY.message
                    };
                    let result = validate_message(&text, carries_something);
                    if let Ok(valid) = &result {
                        assert_eq!(
                            validate_message(valid, carries_something).as_ref(),
                            Ok(valid)
                        );
                    }
                    check(TextField::Message, &text, limits, result);
                }
                _ => {
                    let kind = ArbitrationNoteKind::ALL[variant % ArbitrationNoteKind::ALL.len()];
                    let result = validate_arbitration_note(kind, &text);
                    if let Ok(valid) = &result {
                        assert_eq!(validate_arbitration_note(kind, valid).as_ref(), Ok(valid));
                    }
                    check(
                        TextField::ArbitrationNote,
                        &text,
                        POLICY.arbitration_note_limits(kind),
                        result,
                    );
                }
            }
        }
    }
});

//! Differential test of the text validation: the crate's `validate_text` (and the three
//! functions built on it) must answer exactly like the original two-pass implementation,
//! kept below verbatim as the oracle, for every input.

use complaint_rules::*;
use proptest::prelude::*;

/// The implementation of `crates/rules/src/text.rs` before the one-pass rewrite, unchanged
/// but for the names. Do not "improve" it: it is the definition the fast code is held to.
mod oracle {
    use complaint_rules::{TextError, TextField, TextLimits, TextProblem};

    fn char_count(text: &str) -> usize {
        text.chars().count()
    }

    fn is_forbidden_char(c: char) -> bool {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    }

    pub fn validate_text(
        field: TextField,
        raw: &str,
        limits: TextLimits,
    ) -> Result<String, TextError> {
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
}

/// Characters chosen to hit every branch: line breaks, every kind of control character,
/// the bidi controls and their neighbours (same lead bytes), Unicode whitespace that
/// `trim` removes, multi-byte letters, emoji, combining marks.
const INTERESTING: &[char] = &[
    '\r',
    '\n',
    '\t',
    '\u{0}',
    '\u{1}',
    '\u{B}',
    '\u{C}',
    '\u{1B}',
    '\u{1F}',
    ' ',
    '!',
    'a',
    '~',
    '\u{7F}',
    '\u{80}',
    '\u{85}',
    '\u{9F}',
    '\u{A0}',
    '\u{A9}',
    '\u{BF}',
    'é',
    '\u{300}',
    '\u{200B}',
    '\u{2028}',
    '\u{2029}',
    '\u{2029}',
    '\u{201C}',
    '\u{201D}',
    '\u{2026}',
    '\u{2029}',
    '\u{202A}',
    '\u{202B}',
    '\u{202C}',
    '\u{202D}',
    '\u{202E}',
    '\u{202F}',
    '\u{2060}',
    '\u{2065}',
    '\u{2066}',
    '\u{2067}',
    '\u{2068}',
    '\u{2069}',
    '\u{206A}',
    '\u{205F}',
    '\u{3000}',
    '退',
    '款',
    '。',
    '\u{FEFF}',
    '\u{FFFD}',
    '😀',
    '👍',
    '\u{1F3FD}',
    '\u{10FFFF}',
    '\u{E2}',
    '\u{C2}',
];

fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::sample::select(INTERESTING),
        1 => any::<char>(),
        1 => (0u32..0xA0).prop_map(|c| char::from_u32(c).unwrap()),
    ]
}

/// Strings of every length up to past the longest limit, with a bias to the limits
/// (around 5 and 200 characters).
fn text() -> impl Strategy<Value = String> {
    let chars = |range: std::ops::Range<usize>| {
        proptest::collection::vec(interesting_char(), range)
            .prop_map(|chars| chars.into_iter().collect::<String>())
    };
    prop_oneof![
        chars(0..12),
        chars(190..215),
        chars(0..520),
        any::<String>(),
        // Mostly one letter, so that lengths land on the limits, with some noise.
        (
            0usize..210,
            proptest::sample::select(&['a', '退', '😀', '\u{3000}', ' '][..]),
            proptest::collection::vec((any::<prop::sample::Index>(), interesting_char()), 0..4),
        )
            .prop_map(|(n, fill, noise)| {
                let mut chars = vec![fill; n];
                for (index, c) in noise {
                    if !chars.is_empty() {
                        let i = index.index(chars.len());
                        chars[i] = c;
                    }
                }
                chars.into_iter().collect()
            }),
        // Whitespace around a body, line breaks in every form.
        (
            proptest::collection::vec(
                proptest::sample::select(
                    &[" ", "\r\n", "\r", "\n", "\t", "\u{3000}", "\u{A0}", "\u{2028}", "\u{85}"][..]
                ),
                0..4,
            ),
            chars(0..40),
            proptest::collection::vec(
                proptest::sample::select(&["\r\n", "\r", "\n", "\r\r\n", "\n\r", " "][..]),
                0..4,
            ),
            chars(0..40),
            proptest::collection::vec(
                proptest::sample::select(
                    &[" ", "\r\n", "\r", "\n", "\t", "\u{3000}", "\u{A0}", "\u{2028}"][..]
                ),
                0..4,
            ),
        )
            .prop_map(|(lead, a, breaks, b, trail)| {
                let mut text = lead.concat();
                text.push_str(&a);
                text.push_str(&breaks.concat());
                text.push_str(&b);
                text.push_str(&trail.concat());
                text
            }),
    ]
}

fn field() -> impl Strategy<Value = TextField> {
    prop_oneof![
        Just(TextField::Note),
        Just(TextField::Description),
        Just(TextField::RejectionReason),
        Just(TextField::PressureNote),
    ]
}

fn limits() -> impl Strategy<Value = TextLimits> {
    prop_oneof![
        Just(POLICY.note),
        Just(POLICY.note_for_other_reason),
        Just(POLICY.description),
        Just(POLICY.rejection_reason),
        Just(POLICY.pressure_note),
        (0usize..12, 0usize..240).prop_map(|(min_chars, max_chars)| TextLimits {
            min_chars,
            max_chars
        }),
    ]
}

fn reason() -> impl Strategy<Value = WithdrawalReason> {
    proptest::sample::select(WithdrawalReason::ALL.to_vec())
}

fn kind() -> impl Strategy<Value = ComplaintKind> {
    proptest::sample::select(ComplaintKind::ALL.to_vec())
}

fn assert_like_oracle(field: TextField, raw: &str, limits: TextLimits) {
    let expected = oracle::validate_text(field, raw, limits);
    let actual = validate_text(field, raw, limits);
    assert_eq!(
        actual, expected,
        "validate_text({field:?}, {raw:?}, {limits:?})"
    );
    if let Err(error) = actual {
        assert_eq!(error.code(), expected.unwrap_err().code());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn validate_text_answers_like_the_oracle(field in field(), raw in text(), limits in limits()) {
        assert_like_oracle(field, &raw, limits);
    }

    #[test]
    fn the_public_validations_answer_like_the_oracle(
        raw in text(),
        reason in reason(),
        kind in kind(),
    ) {
        prop_assert_eq!(
            validate_withdrawal(reason, &raw),
            oracle::validate_text(TextField::Note, &raw, POLICY.note_limits(reason))
                .map(|note| ValidWithdrawal { reason, note })
        );
        prop_assert_eq!(
            validate_complaint(kind, &raw),
            oracle::validate_text(TextField::Description, &raw, POLICY.description)
                .map(|description| ValidComplaint { kind, description })
        );
        prop_assert_eq!(
            validate_rejection_reason(&raw),
            oracle::validate_text(TextField::RejectionReason, &raw, POLICY.rejection_reason)
        );
    }
}

/// Every character below U+3100 and the bidi neighbourhood, alone, between letters, after
/// a line break and at every offset of a long text (so that it falls at every position of
/// a scanned block), in every field.
#[test]
fn every_character_in_every_place_answers_like_the_oracle() {
    let limits = [
        POLICY.note,
        POLICY.note_for_other_reason,
        POLICY.description,
    ];
    let mut chars: Vec<char> = (0u32..0x3100).filter_map(char::from_u32).collect();
    chars.extend(['\u{FEFF}', '\u{FFFD}', '😀', '\u{10FFFF}']);
    for c in chars {
        for text in [
            c.to_string(),
            format!("ab{c}cd"),
            format!("退款{c}已到账"),
            format!("a\r\n{c}\rb"),
            format!("{c}{c}{c}{c}{c}x"),
        ] {
            for limits in limits {
                assert_like_oracle(TextField::Note, &text, limits);
            }
        }
    }
    for filler in ["a", "退", "😀", "é", "“"] {
        for len in [
            0usize, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 199, 200, 201,
        ] {
            for at in 0..=len {
                for c in [
                    '\u{7}', '\u{7F}', '\u{85}', '\u{202E}', '\u{2067}', '\r', '\n', '\u{201C}',
                    '\u{A0}',
                ] {
                    let mut text: Vec<char> = filler.repeat(len).chars().collect();
                    text.insert(at, c);
                    let text: String = text.into_iter().collect();
                    for limits in limits {
                        assert_like_oracle(TextField::Note, &text, limits);
                    }
                }
            }
        }
    }
}

/// Texts far beyond any limit still count exactly (no counter overflows in long scans).
#[test]
fn very_long_texts_answer_like_the_oracle() {
    for filler in ["a", "退", "😀", "a\r\n", "\u{85}"] {
        for len in [4_000usize, 65_536, 70_001] {
            let text = filler.repeat(len);
            assert_like_oracle(TextField::Description, &text, POLICY.description);
            let text = format!("{text}\u{7}");
            assert_like_oracle(TextField::Description, &text, POLICY.description);
        }
    }
}

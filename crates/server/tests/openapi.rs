//! The OpenAPI document states the rules' limits exactly: a text its schema allows is one the
//! rules accept, and (but for a lone CR, which the rules turn into a line break and the
//! document leaves out) the other way round. Versions start at 1; ids are positive.

use complaint_rules::{
    validate_text, ArbitrationNoteKind, TextField, TextLimits, WithdrawalReason, POLICY,
    REFUSED_CHARACTERS, TRIMMED_CHARACTERS,
};
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestCaseError, TestRunner};
use serde_json::Value;

fn document() -> Value {
    serde_json::to_value(complaint_server::api_doc()).unwrap()
}

/// A text schema as the document states it: its regex and its minimum length.
struct TextSchema {
    pattern: regex::Regex,
    min_length: usize,
    max_length: Option<u64>,
}

impl TextSchema {
    fn of(schema: &Value) -> TextSchema {
        assert_eq!(schema["type"], "string", "{schema}");
        TextSchema {
            pattern: regex::Regex::new(schema["pattern"].as_str().expect("a pattern")).unwrap(),
            min_length: schema["minLength"].as_u64().unwrap_or(0) as usize,
            max_length: schema["maxLength"].as_u64(),
        }
    }

    fn allows(&self, text: &str) -> bool {
        text.chars().count() >= self.min_length && self.pattern.is_match(text)
    }
}

/// Texts around the limits, of the characters the rules treat specially.
fn texts() -> impl Strategy<Value = String> {
    let mut pieces: Vec<String> = ["a", "投", "😀", "e\u{301}", "\r\n", "\r", "\n", " ", "x"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    for &(first, last) in REFUSED_CHARACTERS.iter().chain(&TRIMMED_CHARACTERS) {
        pieces.extend([first, last].map(String::from));
    }
    let piece = prop::sample::select(pieces);
    prop_oneof![
        prop::collection::vec(piece.clone(), 0..12).prop_map(|pieces| pieces.concat()),
        (
            prop::collection::vec(piece.clone(), 0..4),
            0..520_usize,
            prop::collection::vec(piece, 0..4),
        )
            .prop_map(|(before, n, after)| format!(
                "{}{}{}",
                before.concat(),
                "字".repeat(n),
                after.concat()
            )),
        any::<String>(),
    ]
}

/// Whether `text` has a CR that is not followed by an LF.
fn has_lone_cr(text: &str) -> bool {
    text.split('\r').skip(1).any(|rest| !rest.starts_with('\n'))
}

fn agrees(schema: &TextSchema, field: TextField, limits: TextLimits) {
    assert_eq!(
        schema.max_length, None,
        "trimming lets longer texts through"
    );
    let mut runner = TestRunner::new(ProptestConfig {
        cases: 3000,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let result = runner.run(&texts(), |text| {
        let allowed = schema.allows(&text);
        let valid = validate_text(field, &text, limits).is_ok();
        if allowed && !valid {
            return Err(TestCaseError::fail(format!(
                "{text:?}: allowed, but refused"
            )));
        }
        if valid && !allowed && !has_lone_cr(&text) {
            return Err(TestCaseError::fail(format!(
                "{text:?}: accepted, but not allowed"
            )));
        }
        Ok(())
    });
    if let Err(error) = result {
        panic!("{field:?} {limits:?}: {error}");
    }
}

#[test]
fn the_texts_the_document_allows_are_the_texts_the_rules_accept() {
    let doc = document();
    let schemas = &doc["components"]["schemas"];
    agrees(
        &TextSchema::of(&schemas["NewComplaintRequest"]["properties"]["description"]),
        TextField::Description,
        POLICY.description,
    );
    agrees(
        &TextSchema::of(&schemas["RejectAssistance"]["properties"]["reason"]),
        TextField::RejectionReason,
        POLICY.rejection_reason,
    );
    agrees(
        &TextSchema::of(&schemas["NewMessage"]["properties"]["text"]),
        TextField::Message,
        POLICY.message,
    );
    // The typed requests of a message: a branch per type (and per set of choices that share
    // their note's limits).
    let requests = schemas["ServiceRequest"]["oneOf"]
        .as_array()
        .expect("oneOf by type");
    let of_type = |name: &str| -> Vec<Value> {
        requests
            .iter()
            .filter(|branch| branch["properties"]["type"]["enum"][0] == name)
            .cloned()
            .collect()
    };
    let pressure = of_type("pressure_report");
    assert_eq!(pressure.len(), 1);
    agrees(
        &TextSchema::of(&pressure[0]["properties"]["note"]),
        TextField::PressureNote,
        POLICY.pressure_note,
    );
    for kind in [ArbitrationNoteKind::Settled, ArbitrationNoteKind::Appeal] {
        let branch: Vec<Value> = of_type("arbitration_note")
            .into_iter()
            .filter(|branch| branch["properties"]["kind"]["enum"][0] == kind.code())
            .collect();
        assert_eq!(branch.len(), 1, "{kind:?}");
        agrees(
            &TextSchema::of(&branch[0]["properties"]["note"]),
            TextField::ArbitrationNote,
            POLICY.arbitration_note_limits(kind),
        );
    }
    // The note, by reason: every reason in exactly one branch, with its limits.
    let withdrawals = [
        (
            "WithdrawalRequest",
            schemas["WithdrawalRequest"]["oneOf"]
                .as_array()
                .expect("oneOf")
                .clone(),
        ),
        ("ServiceRequest", of_type("assisted_withdrawal")),
    ];
    for (request, branches) in withdrawals {
        for &reason in POLICY.withdrawal_reasons {
            let holding: Vec<&Value> = branches
                .iter()
                .filter(|branch| {
                    branch["properties"]["reason"]["enum"]
                        .as_array()
                        .is_some_and(|codes| codes.iter().any(|code| code == reason.code()))
                })
                .collect();
            assert_eq!(holding.len(), 1, "{request}: {reason:?}");
            let note = &holding[0]["properties"]["note"];
            agrees(
                &TextSchema::of(note),
                TextField::Note,
                POLICY.note_limits(reason),
            );
            for safeguard in ["remedy", "accepted_risk"] {
                assert!(holding[0]["properties"][safeguard].is_object(), "{request}");
            }
            let required = holding[0]["required"].as_array().unwrap();
            let note_required = required.iter().any(|name| name == "note");
            assert_eq!(
                note_required,
                POLICY.note_limits(reason).min_chars > 0,
                "{request} {reason:?}: a missing note is an empty one"
            );
        }
    }
    assert_eq!(POLICY.withdrawal_reasons, WithdrawalReason::ALL);
}

#[test]
fn versions_and_ids_have_their_bounds() {
    let doc = document();
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["TransitionRequest"]["properties"]["expected_version"]["minimum"],
        1
    );
    for branch in schemas["WithdrawalRequest"]["oneOf"].as_array().unwrap() {
        assert_eq!(branch["properties"]["expected_version"]["minimum"], 1);
        assert_eq!(branch["additionalProperties"], false);
    }
    for (path, operations) in doc["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                if parameter["in"] == "path" {
                    assert_eq!(parameter["schema"]["minimum"], 1, "{method} {path}");
                }
            }
        }
    }
}

//! Decoding every API request body from arbitrary JSON, as the server does
//! (`serde_json::from_slice` behind `axum::Json`): never panic; whatever decodes re-encodes to
//! JSON that decodes to the same value and encodes to the same text (decode → encode →
//! decode round-trips); the texts a decoded request carries then go through the rules'
//! validators, which must not panic either.
//!
//! Input: the first byte picks the type, the rest is the body.

#![no_main]

use complaint_api::{
    NewComplaintRequest, NewMessage, ReadUpTo, RejectAssistance, WithdrawalRequest, ServiceRequest,
    SignIn, TransitionRequest,
};
use complaint_rules::{
    check_safeguards, validate_arbitration_note, validate_complaint, validate_message,
    validate_pressure_note, validate_rejection_reason, validate_withdrawal,
};
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde::Serialize;

fn round_trip<T>(body: &[u8]) -> Option<T>
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let value: T = serde_json::from_slice(body).ok()?;
    let encoded = serde_json::to_vec(&value).expect("a decoded request encodes");
    let again: T = serde_json::from_slice(&encoded).expect("an encoded request decodes");
    assert_eq!(again, value, "decode → encode → decode");
    assert_eq!(
        serde_json::to_vec(&again).unwrap(),
        encoded,
        "encoding is stable"
    );
    // Through a serde_json::Value as well (what a client library might do).
    let through_value: T =
        serde_json::from_value(serde_json::to_value(&value).unwrap()).expect("via Value");
    assert_eq!(through_value, value);
    Some(value)
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    match selector % 7 {
        0 => {
            if let Some(SignIn::Demo { username }) = round_trip::<SignIn>(body) {
                let _ = username.trim();
            }
        }
        1 => {
            if let Some(request) = round_trip::<WithdrawalRequest>(body) {
                let _ = validate_withdrawal(request.reason, &request.note);
                let _ = check_safeguards(request.reason, request.remedy, request.accepted_risk);
            }
        }
        2 => {
            if let Some(request) = round_trip::<NewComplaintRequest>(body) {
                let _ = validate_complaint(request.kind, &request.description);
            }
        }
        3 => {
            if let Some(message) = round_trip::<NewMessage>(body) {
                let _ = validate_message(&message.text, message.request.is_some());
                match message.request {
                    Some(ServiceRequest::AssistedWithdrawal {
                        reason,
                        note,
                        remedy,
                        accepted_risk,
                    }) => {
                        let _ = validate_withdrawal(reason, &note);
                        let _ = check_safeguards(reason, remedy, accepted_risk);
                    }
                    Some(ServiceRequest::ArbitrationNote { kind, note }) => {
                        let _ = validate_arbitration_note(kind, &note);
                    }
                    Some(ServiceRequest::PressureReport { note, .. }) => {
                        let _ = validate_pressure_note(&note);
                    }
                    None => {}
                }
            }
        }
        4 => {
            if let Some(request) = round_trip::<RejectAssistance>(body) {
                let _ = validate_rejection_reason(&request.reason);
            }
        }
        5 => {
            round_trip::<TransitionRequest>(body);
        }
        _ => {
            round_trip::<ReadUpTo>(body);
        }
    }
});

//! Every closed set's code is its serde name (one test per set).

use complaint_rules::{
    assert_codes_are_serde_names, ArbitrationNoteKind, AssistanceGround, AssistanceStatus,
    ComplaintKind, ComplaintStatus, ErrorCode, NextStep, PlatformMove, PressureKind, RealName,
    Remedy, Role, TextField, WithdrawalReason,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

fn check<T: complaint_rules::Vocabulary + std::fmt::Debug + Serialize + DeserializeOwned>() {
    assert_codes_are_serde_names::<T>(
        |value| serde_json::to_string(&value).unwrap(),
        |json| serde_json::from_str(json).unwrap(),
    );
}

#[test]
fn complaint_status() {
    check::<ComplaintStatus>();
}

#[test]
fn platform_move() {
    check::<PlatformMove>();
}

#[test]
fn complaint_kind() {
    check::<ComplaintKind>();
}

#[test]
fn withdrawal_reason() {
    check::<WithdrawalReason>();
}

#[test]
fn assistance_ground() {
    check::<AssistanceGround>();
}

#[test]
fn assistance_status() {
    check::<AssistanceStatus>();
}

#[test]
fn next_step() {
    check::<NextStep>();
}

#[test]
fn role() {
    check::<Role>();
}

#[test]
fn real_name() {
    check::<RealName>();
}

#[test]
fn remedy() {
    check::<Remedy>();
}

#[test]
fn arbitration_note_kind() {
    check::<ArbitrationNoteKind>();
}

#[test]
fn pressure_kind() {
    check::<PressureKind>();
}

#[test]
fn text_field() {
    check::<TextField>();
}

#[test]
fn error_code() {
    check::<ErrorCode>();
    // The catch-all has a code too, and any unknown code reads as it.
    assert_eq!(ErrorCode::Unknown.code(), "unknown");
    assert_eq!(
        serde_json::from_str::<ErrorCode>("\"from_a_newer_server\"").unwrap(),
        ErrorCode::Unknown
    );
    assert_eq!(ErrorCode::WindowExpired.as_str(), "window_expired");
}

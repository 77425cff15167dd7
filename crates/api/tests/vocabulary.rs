//! Every closed set of the API's own: its code is its serde name (one test per set).

use complaint_api::{
    ArbitrationNoteStatus, ComplaintGroup, ImageFormat, PressureReportStatus, RequestKind,
    TimelineEventKind, WithdrawnBy,
};
use complaint_rules::{
    assert_codes_are_serde_names, AssistanceGround, ComplaintStatus, Vocabulary, WithdrawalReason,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

fn check<T: Vocabulary + std::fmt::Debug + Serialize + DeserializeOwned>() {
    assert_codes_are_serde_names::<T>(
        |value| serde_json::to_string(&value).unwrap(),
        |json| serde_json::from_str(json).unwrap(),
    );
}

#[test]
fn withdrawn_by() {
    check::<WithdrawnBy>();
}

#[test]
fn pressure_report_status() {
    check::<PressureReportStatus>();
}

#[test]
fn image_format() {
    check::<ImageFormat>();
}

#[test]
fn arbitration_note_status() {
    check::<ArbitrationNoteStatus>();
}

#[test]
fn request_kind() {
    check::<RequestKind>();
}

#[test]
fn complaint_group() {
    check::<ComplaintGroup>();
}

#[test]
fn timeline_event_kind() {
    let events = [
        TimelineEventKind::Filed,
        TimelineEventKind::StatusChanged {
            from: ComplaintStatus::Pending,
            to: ComplaintStatus::Processing,
        },
        TimelineEventKind::Withdrawn {
            reason: WithdrawalReason::Other,
            note: "note".into(),
            by: WithdrawnBy::Owner,
        },
        TimelineEventKind::AssistanceRequested {
            ground: AssistanceGround::WindowExpired,
        },
        TimelineEventKind::AssistanceRejected {
            reason: "reason".into(),
        },
        TimelineEventKind::PressureReported,
        TimelineEventKind::PressureHandled,
        TimelineEventKind::CustomerServiceContacted,
        TimelineEventKind::ArbitrationNoteSent {
            kind: complaint_rules::ArbitrationNoteKind::Appeal,
        },
        TimelineEventKind::ArbitrationNoteHandled,
    ];
    for event in events {
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["type"], event.code(), "{event:?}");
    }
}

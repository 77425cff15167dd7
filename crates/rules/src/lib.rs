//! The rules of withdrawing (撤销) a complaint, shared by the browser app and the server so
//! both decide with the very same code.
//!
//! Pure: no clock, no I/O. Time is passed in as UTC milliseconds ([`UtcMillis`]), so the
//! same inputs give the same answer everywhere. Every number lives in [`POLICY`].

#![forbid(unsafe_code)]

mod actor;
mod assistance;
mod code;
mod conversation;
mod filing;
mod kind;
mod policy;
mod pressure;
mod status;
mod text;
pub mod time;
mod vocabulary;
mod withdrawal;

pub use actor::{Actor, ComplaintFacts, RealName, Role, UserId};
pub use assistance::{
    assistance_answer_expected_by, assistance_ground, check_assistance, check_assistance_decision,
    AlreadyDecided, AssistanceBlocked, AssistanceGround, AssistanceStatus,
};
pub use code::ErrorCode;
pub use conversation::{
    check_arbitration_note, check_image_count, check_image_size, check_message, check_safeguards,
    ArbitrationNoteBlocked, ArbitrationNoteKind, EvidenceLimits, ImageRefused, PressureKind,
    Remedy, SafeguardMissing,
};
pub use filing::{check_filing, FilingBlocked};
pub use kind::{ComplaintKind, WithdrawalReason};
pub use policy::{Policy, TextLimits, POLICY, POLICY_VERSION};
pub use pressure::check_pressure_report;
pub use status::{check_platform_move, ComplaintStatus, InvalidTransition, PlatformMove};
pub use text::{
    char_count, validate_arbitration_note, validate_complaint, validate_message,
    validate_pressure_note, validate_rejection_reason, validate_text, validate_text_cow,
    validate_withdrawal, TextError, TextField, TextProblem, ValidComplaint, ValidWithdrawal,
    REFUSED_CHARACTERS, TRIMMED_CHARACTERS,
};
pub use time::UtcMillis;
#[doc(hidden)]
pub use vocabulary::assert_codes_are_serde_names;
pub use vocabulary::Vocabulary;
pub use withdrawal::{
    check_assisted_withdrawal, check_withdrawal, in_self_service_window, self_service_deadline,
    window_open_since, Blocked, Eligible, NextStep,
};

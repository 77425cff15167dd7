//! A complaint's timeline: every event, for ever.

use complaint_rules::{
    ArbitrationNoteKind, AssistanceGround, ComplaintStatus, Role, UtcMillis, WithdrawalReason,
};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::WithdrawnBy;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TimelineEvent {
    pub at: UtcMillis,
    /// Display name of who did it.
    pub actor_name: String,
    pub actor_role: Role,
    pub event: TimelineEventKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TimelineEventKind {
    Filed,
    StatusChanged {
        from: ComplaintStatus,
        to: ComplaintStatus,
    },
    Withdrawn {
        reason: WithdrawalReason,
        note: String,
        by: WithdrawnBy,
    },
    AssistanceRequested {
        ground: AssistanceGround,
    },
    AssistanceRejected {
        reason: String,
    },
    /// The owner reported that the seller demanded, induced or pressured a withdrawal.
    PressureReported,
    /// An agent handled the pressure report.
    PressureHandled,
    /// The owner wrote to customer service for the first time (the conversation is not
    /// recorded message by message: its decisions are).
    CustomerServiceContacted,
    /// The owner told customer service about the arbitration: settled, or an appeal.
    ArbitrationNoteSent {
        kind: ArbitrationNoteKind,
    },
    /// An agent handled the arbitration note.
    ArbitrationNoteHandled,
}

impl TimelineEventKind {
    /// The event's `type`, as serde tags it; what the database's `kind` column holds.
    pub fn code(&self) -> &'static str {
        match self {
            TimelineEventKind::Filed => "filed",
            TimelineEventKind::StatusChanged { .. } => "status_changed",
            TimelineEventKind::Withdrawn { .. } => "withdrawn",
            TimelineEventKind::AssistanceRequested { .. } => "assistance_requested",
            TimelineEventKind::AssistanceRejected { .. } => "assistance_rejected",
            TimelineEventKind::PressureReported => "pressure_reported",
            TimelineEventKind::PressureHandled => "pressure_handled",
            TimelineEventKind::CustomerServiceContacted => "customer_service_contacted",
            TimelineEventKind::ArbitrationNoteSent { .. } => "arbitration_note_sent",
            TimelineEventKind::ArbitrationNoteHandled => "arbitration_note_handled",
        }
    }
}

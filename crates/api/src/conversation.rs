//! The conversation with customer service (客服对话): one per complaint, between its owner and
//! the agents. Messages carry text, evidence pictures and, from the owner, a typed request
//! an agent acts on (an assisted withdrawal, an arbitration note, a pressure report).

use complaint_rules::{
    ArbitrationNoteKind, PressureKind, Remedy, Role, UtcMillis, WithdrawalReason,
};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::{
    ArbitrationNoteId, AssistanceView, ComplaintId, ComplaintSummary, ImageId, MessageId,
    PressureReportView,
};

/// `POST /api/complaints/{id}/messages`, with an `Idempotency-Key` header: a retried send
/// never posts twice. From the complaint's owner or an agent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewMessage {
    /// Trimmed; at most `POLICY.message` characters; may be empty when the message carries
    /// pictures or a request.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::message_text))]
    pub text: String,
    /// Pictures the sender uploaded (`POST /api/images`) and has not sent yet; at most
    /// `POLICY.evidence.max_images_per_message`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::message_images))]
    pub images: Vec<ImageId>,
    /// The owner's typed request, if the message is one.
    #[serde(default)]
    pub request: Option<ServiceRequest>,
    /// An agent asks the owner for evidence (the owner's screen offers to upload it).
    #[serde(default)]
    pub asks_for_evidence: bool,
}

/// What the owner asks customer service to do; each becomes a card an agent acts on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ServiceRequest {
    /// 客服协助撤销: after the window, or when self-service failed. It asks what self-service
    /// asks: the reason and note (validated alike), and for a settlement whether the remedy
    /// arrived (`check_safeguards`).
    AssistedWithdrawal {
        reason: WithdrawalReason,
        #[serde(default)]
        note: String,
        #[serde(default)]
        remedy: Option<Remedy>,
        /// The remedy has not arrived and the owner withdraws anyway.
        #[serde(default)]
        accepted_risk: bool,
    },
    /// In arbitration: the matter is settled with the seller, or an appeal.
    ArbitrationNote {
        kind: ArbitrationNoteKind,
        #[serde(default)]
        note: String,
    },
    /// The seller demanded, induced or pressured a withdrawal (the pictures are the evidence).
    PressureReport {
        kind: PressureKind,
        #[serde(default)]
        note: String,
    },
}

/// The notes' limits depend on the reason or the kind: a `oneOf` (`schema::service_request`).
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ServiceRequest {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        crate::schema::service_request()
    }
}

#[cfg(feature = "openapi")]
impl ToSchema for ServiceRequest {
    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
        use utoipa::PartialSchema as _;
        schemas.push((Remedy::name().into_owned(), Remedy::schema()));
        schemas.push((PressureKind::name().into_owned(), PressureKind::schema()));
    }
}

/// The format of a stored picture, read from its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImageFormat {
    Jpeg,
    Png,
    Webp,
}

complaint_rules::vocabulary!(ImageFormat {
    Jpeg => "jpeg",
    Png => "png",
    Webp => "webp",
});

/// An evidence picture as stored: re-encoded by the server (metadata and anything appended
/// gone). Served at `GET /api/images/{id}` and, small, at `GET /api/images/{id}/thumb`, only to
/// the complaint's owner (or the uploader, before sending) and agents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ImageView {
    pub id: ImageId,
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    /// The stored picture's size.
    pub bytes: u32,
}

/// Where an arbitration note stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ArbitrationNoteStatus {
    Open,
    Handled,
}

complaint_rules::vocabulary!(ArbitrationNoteStatus {
    Open => "open",
    Handled => "handled",
});

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ArbitrationNoteView {
    pub id: ArbitrationNoteId,
    pub complaint_id: ComplaintId,
    pub kind: ArbitrationNoteKind,
    pub note: String,
    pub status: ArbitrationNoteStatus,
    pub sent_at: UtcMillis,
    pub handled_at: Option<UtcMillis>,
}

/// What a message is besides its words, drawn as a card: a request (in its current state, so
/// a card shows "客服处理中" until decided and then the decision), a decision, or an agent's
/// request for evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MessageCard {
    AssistanceRequested {
        request: AssistanceView,
    },
    /// Posted by the agent's approval or rejection.
    AssistanceDecided {
        request: AssistanceView,
    },
    ArbitrationNote {
        note: ArbitrationNoteView,
    },
    /// Posted by the agent's handling of the note.
    ArbitrationNoteHandled {
        note: ArbitrationNoteView,
    },
    PressureReported {
        report: PressureReportView,
    },
    /// Posted by the agent's handling of the report.
    PressureHandled {
        report: PressureReportView,
    },
    EvidenceRequested,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MessageView {
    pub id: MessageId,
    pub complaint_id: ComplaintId,
    pub sent_at: UtcMillis,
    pub author_role: Role,
    /// The owner's display name, or the agent's.
    pub author_name: String,
    pub text: String,
    pub images: Vec<ImageView>,
    pub card: Option<MessageCard>,
}

/// `GET /api/complaints/{id}/messages`: the conversation, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ConversationView {
    pub complaint_id: ComplaintId,
    pub messages: Vec<MessageView>,
    /// Messages from the other side that the viewer's side has not read.
    pub unread: u32,
}

/// `POST /api/complaints/{id}/messages/read`: the viewer's side has read up to this message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReadUpTo {
    pub up_to: MessageId,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UnreadCount {
    pub complaint_id: ComplaintId,
    pub unread: u32,
}

/// `GET /api/messages/unread`: the signed-in shopper's unread answers, per complaint (only
/// those with any), and in all. For the list's rows and the navigation's badge.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UnreadView {
    pub total: u32,
    pub complaints: Vec<UnreadCount>,
}

impl UnreadView {
    /// The unread answers on one complaint.
    pub fn of(&self, complaint: ComplaintId) -> u32 {
        self.complaints
            .iter()
            .find(|count| count.complaint_id == complaint)
            .map_or(0, |count| count.unread)
    }
}

/// What kind of request waits in a conversation (the agents' queue names them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    AssistedWithdrawal,
    ArbitrationNote,
    PressureReport,
}

complaint_rules::vocabulary!(RequestKind {
    AssistedWithdrawal => "assisted_withdrawal",
    ArbitrationNote => "arbitration_note",
    PressureReport => "pressure_report",
});

/// One row of `GET /api/agent/conversations`: conversations waiting for an answer come first,
/// the longest waiting first; then the others, the latest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ConversationQueueItem {
    pub complaint: ComplaintSummary,
    pub owner_name: String,
    /// The owner's oldest message no agent has answered since; none when answered.
    pub waiting_since: Option<UtcMillis>,
    pub last_message: MessageView,
    /// The owner's messages the agents have not read.
    pub unread: u32,
    /// The requests that wait for an agent's decision.
    pub open_requests: Vec<RequestKind>,
}

/// One row of `GET /api/agent/pressure-by-shop`: a shop whose shoppers report pressure to
/// withdraw, the most reported first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ShopPressure {
    pub shop: String,
    pub reports: u32,
    /// Reports no agent has handled yet.
    pub open: u32,
    pub latest: UtcMillis,
    /// Complaints withdrawn after a pressure report on them: the pressure that worked.
    pub withdrawn_after_report: u32,
}

/// Sent on `GET /api/events` (event name [`MESSAGE_EVENT`]) when a message is posted in a
/// conversation the signed-in user may read (an agent: every one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MessageSent {
    pub complaint_id: ComplaintId,
    pub message_id: MessageId,
    pub author_role: Role,
    pub at: UtcMillis,
}

pub const MESSAGE_EVENT: &str = "message";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_tagged_by_its_type_and_refuses_unknown_fields() {
        let request: ServiceRequest = serde_json::from_str(
            r#"{"type":"assisted_withdrawal","reason":"resolved","remedy":"arrived"}"#,
        )
        .unwrap();
        assert_eq!(
            request,
            ServiceRequest::AssistedWithdrawal {
                reason: WithdrawalReason::Resolved,
                note: String::new(),
                remedy: Some(Remedy::Arrived),
                accepted_risk: false,
            }
        );
        assert!(serde_json::from_str::<ServiceRequest>(
            r#"{"type":"pressure_report","kind":"threat","extra":1}"#
        )
        .is_err());
        let message: NewMessage = serde_json::from_str(r#"{"text":"你好"}"#).unwrap();
        assert_eq!(message.images, vec![]);
        assert_eq!(message.request, None);
    }
}

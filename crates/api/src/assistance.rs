//! Customer-service assisted withdrawal (客服协助撤销): the request (asked in the conversation,
//! `ServiceRequest::AssistedWithdrawal`) and the agents' queue.

use complaint_rules::{AssistanceGround, Remedy, UtcMillis, WithdrawalReason};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

#[cfg(feature = "openapi")]
use crate::schema;
use crate::{AssistanceId, ComplaintId, ComplaintSummary};

/// Where a request stands (the rules' set: a request is decided once).
pub use complaint_rules::AssistanceStatus;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AssistanceView {
    pub id: AssistanceId,
    pub complaint_id: ComplaintId,
    pub status: AssistanceStatus,
    pub ground: AssistanceGround,
    pub reason: WithdrawalReason,
    pub note: String,
    /// For a settlement, whether the remedy had arrived (the same question as self-service).
    #[serde(default)]
    pub remedy: Option<Remedy>,
    pub requested_at: UtcMillis,
    pub decided_at: Option<UtcMillis>,
    pub rejection_reason: Option<String>,
}

/// One row of the agent's queue: the request and the complaint it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AssistanceQueueItem {
    pub request: AssistanceView,
    pub complaint: ComplaintSummary,
    pub owner_name: String,
}

/// `POST /api/agent/assistance/{id}/reject`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RejectAssistance {
    #[cfg_attr(feature = "openapi", schema(schema_with = schema::rejection_reason))]
    pub reason: String,
}

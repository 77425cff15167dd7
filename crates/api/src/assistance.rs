//! Customer-service assisted withdrawal (客服协助撤销): the owner's request and the agents' queue.

use complaint_rules::{AssistanceGround, Remedy, RevokeReason, UtcMillis};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

#[cfg(feature = "openapi")]
use crate::schema;
use crate::{AssistanceId, ComplaintId, ComplaintSummary};

/// Where a request stands (the rules' set: a request is decided once).
pub use complaint_rules::AssistanceStatus;

/// `POST /api/complaints/{id}/assistance`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssistanceRequest {
    /// Optional, and not trusted: the server decides the ground itself
    /// ([`complaint_rules::assistance_ground`]) and records that. Only a claim that the window
    /// has expired while it is still open is refused (`window_still_open`). Older apps send it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub ground: Option<AssistanceGround>,
    /// The reason and note the agent will record when withdrawing on the owner's behalf;
    /// validated exactly like a self-service withdrawal.
    pub reason: RevokeReason,
    #[serde(default)]
    pub note: String,
}

/// An optional field that, when sent, holds a value: `null` is refused as the document says
/// (the field may be left out, not set to nothing).
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// The note's limits depend on the reason: a `oneOf` by reason (`schema::by_reason`).
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for AssistanceRequest {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        let ground = utoipa::openapi::Ref::from_schema_name(AssistanceGround::name());
        schema::by_reason(
            "`POST /api/complaints/{id}/assistance`: the reason and note are those the agent \
             will record when withdrawing on the owner's behalf, validated exactly like a \
             self-service withdrawal. `ground` is optional and not trusted: the server \
             decides the ground itself (a claim that the window has expired while it is open \
             is refused with `window_still_open`).",
            &[("ground", ground.into(), false)],
        )
    }
}

#[cfg(feature = "openapi")]
impl ToSchema for AssistanceRequest {
    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
        use utoipa::PartialSchema as _;
        schemas.push((
            AssistanceGround::name().into_owned(),
            AssistanceGround::schema(),
        ));
        <AssistanceGround as ToSchema>::schemas(schemas);
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AssistanceView {
    pub id: AssistanceId,
    pub complaint_id: ComplaintId,
    pub status: AssistanceStatus,
    pub ground: AssistanceGround,
    pub reason: RevokeReason,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &str) -> Result<AssistanceRequest, serde_json::Error> {
        serde_json::from_str(body)
    }

    #[test]
    fn the_ground_may_be_left_out_or_sent_but_never_null() {
        let left_out = read(r#"{"reason":"mistaken"}"#).unwrap();
        assert_eq!(left_out.ground, None);
        let sent = read(r#"{"reason":"mistaken","ground":"window_expired"}"#).unwrap();
        assert_eq!(sent.ground, Some(AssistanceGround::WindowExpired));
        assert!(read(r#"{"reason":"mistaken","ground":null}"#).is_err());
    }
}

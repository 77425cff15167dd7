//! Complaints: as listed and in detail, the withdrawal receipt, and the requests that file,
//! withdraw and move one.

use complaint_rules::{
    check_withdrawal, Actor, AssistanceStatus, Blocked, ComplaintFacts, ComplaintKind,
    ComplaintStatus, Eligible, NextStep, PlatformMove, Remedy, UserId, UtcMillis, WithdrawalReason,
};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

#[cfg(feature = "openapi")]
use crate::schema;
use crate::{
    json_integer, AssistanceView, ComplaintId, OrderId, PressureReportView, TimelineEvent,
};

/// The order a complaint is about, as a shopper recognises it: picture, title, shop, amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OrderBrief {
    pub id: OrderId,
    /// The order number the shopper knows (订单号).
    pub number: String,
    pub title: String,
    /// The shop it was bought from (店铺).
    pub shop: String,
    /// In fen (分), to avoid floating point.
    pub amount_fen: i64,
    /// The product picture; see [`OrderView::image`].
    pub image: Option<String>,
}

/// A complaint as listed. Carries the facts the rules need, so the app decides eligibility
/// itself on server-corrected time, live.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ComplaintSummary {
    pub id: ComplaintId,
    /// The complaint number the shopper knows (投诉编号).
    pub number: String,
    pub owner: UserId,
    pub order: OrderBrief,
    pub kind: ComplaintKind,
    pub status: ComplaintStatus,
    pub filed_at: UtcMillis,
    /// [`FIRST_VERSION`] when filed, bumped on every change; sent back as
    /// `expected_version`.
    pub version: i64,
    /// Where the owner's latest request for customer service to withdraw it stands, if they
    /// ever asked: pending (customer service has it), approved, rejected (the complaint says
    /// why).
    pub assistance: Option<AssistanceStatus>,
    /// Once the complaint has ended (resolved, closed, withdrawn): when, and by whom a
    /// withdrawal was made.
    #[serde(default)]
    pub ended: Option<Ending>,
}

/// How an ended complaint ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Ending {
    /// When it reached its final status.
    pub at: UtcMillis,
    /// Who withdrew it, when it was withdrawn.
    pub withdrawn_by: Option<WithdrawnBy>,
}

impl ComplaintSummary {
    /// Whether a request for customer service to withdraw it waits for an agent.
    pub fn assistance_pending(&self) -> bool {
        self.assistance == Some(AssistanceStatus::Pending)
    }

    pub fn facts(&self) -> ComplaintFacts {
        ComplaintFacts {
            owner: self.owner,
            status: self.status,
            filed_at: self.filed_at,
        }
    }
}

/// Self-service eligibility as the server computed it when it answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Eligibility {
    Eligible {
        deadline: UtcMillis,
    },
    Blocked {
        blocked: Blocked,
        next_step: NextStep,
    },
}

impl Eligibility {
    /// Runs the rules crate's `check_withdrawal`; the only way an `Eligibility` is made.
    pub fn evaluate(facts: &ComplaintFacts, actor: &Actor, now: UtcMillis) -> Self {
        match check_withdrawal(facts, actor, now) {
            Ok(Eligible { deadline }) => Eligibility::Eligible { deadline },
            Err(blocked) => Eligibility::Blocked {
                blocked,
                next_step: blocked.next_step(),
            },
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ComplaintDetail {
    #[serde(flatten)]
    pub summary: ComplaintSummary,
    pub description: String,
    pub timeline: Vec<TimelineEvent>,
    /// Present once withdrawn: the receipt.
    pub withdrawal: Option<WithdrawalRecord>,
    /// The owner's requests for customer service to withdraw it, newest first. Sent as
    /// `assistance_requests`: the summary flattened beside it has its own `assistance` (the
    /// latest request's status), and two `assistance` keys in one object would lose one.
    #[serde(rename = "assistance_requests")]
    pub assistance: Vec<AssistanceView>,
    /// The owner's reports of pressure by the seller, newest first.
    pub pressure_reports: Vec<PressureReportView>,
    pub eligibility: Eligibility,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WithdrawnBy {
    Owner,
    /// An agent, on the owner's behalf, after an assistance request.
    AgentOnBehalf,
}

complaint_rules::vocabulary!(WithdrawnBy {
    Owner => "owner",
    AgentOnBehalf => "agent_on_behalf",
});

/// The record of a withdrawal, kept for ever; the receipt the user can print.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WithdrawalRecord {
    /// The receipt reference (撤销编号).
    pub reference: String,
    pub withdrawn_at: UtcMillis,
    pub reason: WithdrawalReason,
    pub note: String,
    pub by: WithdrawnBy,
    /// The display name of the person who pressed the button.
    pub actor_name: String,
    /// For a settlement, whether the remedy had arrived (`check_safeguards`).
    #[serde(default)]
    pub remedy: Option<Remedy>,
}

/// `POST /api/complaints/{id}/withdrawal` (with an `Idempotency-Key` header).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithdrawalRequest {
    pub reason: WithdrawalReason,
    #[serde(default)]
    pub note: String,
    /// For a settlement (`resolved`): has the remedy arrived? (`check_safeguards`)
    #[serde(default)]
    pub remedy: Option<Remedy>,
    /// The remedy has not arrived and the owner withdraws anyway.
    #[serde(default)]
    pub accepted_risk: bool,
    /// The complaint version the user saw; a mismatch is a 409 `conflict`.
    #[serde(deserialize_with = "json_integer::deserialize")]
    pub expected_version: i64,
}

/// The note's limits depend on the reason: a `oneOf` by reason (`schema::by_reason`).
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for WithdrawalRequest {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        let mut fields = vec![("expected_version", schema::expected_version().into(), true)];
        fields.extend(schema::safeguard_fields());
        schema::by_reason(
            "`POST /api/complaints/{id}/withdrawal` (with an `Idempotency-Key` header). For a \
             settlement (`resolved`), `remedy` says whether the refund or replacement arrived \
             (required), and `not_yet` needs `accepted_risk` (`check_safeguards`).",
            &fields,
        )
    }
}

#[cfg(feature = "openapi")]
impl ToSchema for WithdrawalRequest {
    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
        use utoipa::PartialSchema as _;
        schemas.push((Remedy::name().into_owned(), Remedy::schema()));
    }
}

/// `POST /api/complaints`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewComplaintRequest {
    pub order_id: OrderId,
    pub kind: ComplaintKind,
    #[cfg_attr(feature = "openapi", schema(schema_with = schema::description))]
    pub description: String,
}

/// `POST /api/agent/complaints/{id}/transition`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TransitionRequest {
    #[serde(rename = "move")]
    pub platform_move: PlatformMove,
    #[serde(deserialize_with = "json_integer::deserialize")]
    #[cfg_attr(feature = "openapi", schema(schema_with = schema::expected_version))]
    pub expected_version: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use complaint_rules::{RealName, Role};
    #[test]
    fn eligibility_is_decided_by_the_rules_crate() {
        let facts = ComplaintFacts {
            owner: UserId(1),
            status: ComplaintStatus::Arbitration,
            filed_at: UtcMillis(0),
        };
        let actor = Actor {
            id: UserId(1),
            role: Role::Shopper,
            real_name: RealName::Verified,
        };
        assert_eq!(
            Eligibility::evaluate(&facts, &actor, UtcMillis(1)),
            Eligibility::Blocked {
                blocked: Blocked::InArbitration,
                next_step: NextStep::AppealToCustomerService
            }
        );
    }

    #[test]
    fn integers_may_be_written_as_integral_floats_and_nothing_else() {
        let read = |json: &str| serde_json::from_str::<TransitionRequest>(json);
        let version = |json: &str| read(json).map(|request| request.expected_version);
        assert_eq!(
            version(r#"{"move":"close","expected_version":3}"#).unwrap(),
            3
        );
        assert_eq!(
            version(r#"{"move":"close","expected_version":3.0}"#).unwrap(),
            3
        );
        assert_eq!(
            version(r#"{"move":"close","expected_version":-2e3}"#).unwrap(),
            -2000
        );
        for refused in [
            "3.5",
            "1e300",
            "9007199254740994.0",
            "9223372036854775808",
            "\"3\"",
            "null",
        ] {
            assert!(
                read(&format!(
                    r#"{{"move":"close","expected_version":{refused}}}"#
                ))
                .is_err(),
                "{refused}"
            );
        }
        let request: NewComplaintRequest = serde_json::from_str(
            r#"{"order_id":12.0,"kind":"other","description":"something went wrong"}"#,
        )
        .unwrap();
        assert_eq!(request.order_id, OrderId(12));
        assert!(serde_json::from_str::<OrderId>("12.5").is_err());
        assert_eq!(serde_json::to_string(&OrderId(12)).unwrap(), "12");
    }

    #[test]
    fn withdraw_request_refuses_unknown_fields_and_reasons() {
        assert!(serde_json::from_str::<WithdrawalRequest>(
            r#"{"reason":"resolved","note":"","expected_version":1,"force":true}"#
        )
        .is_err());
        assert!(serde_json::from_str::<WithdrawalRequest>(
            r#"{"reason":"bored","note":"","expected_version":1}"#
        )
        .is_err());
        let ok: WithdrawalRequest =
            serde_json::from_str(r#"{"reason":"mistaken","expected_version":3}"#).unwrap();
        assert_eq!(ok.note, "");
    }
}

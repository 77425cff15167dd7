//! Customer-service assisted withdrawal (客服协助撤销): may the owner ask, on what ground,
//! and may an agent still decide the request.

use serde::{Deserialize, Serialize};

use crate::actor::{Actor, ComplaintFacts};
use crate::code::ErrorCode;
use crate::policy::POLICY;
use crate::time::{UtcMillis, HOUR_MS};
use crate::withdrawal::{
    check_withdrawable_status, check_withdrawal, in_self_service_window, self_service_deadline,
    Blocked,
};

/// Why the owner asks customer service for help.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssistanceGround {
    /// The 24-hour window has passed.
    WindowExpired,
    /// Self-service did not work (an error, no real-name verification, …).
    SelfServiceFailed,
}

crate::vocabulary!(AssistanceGround {
    WindowExpired => "window_expired",
    SelfServiceFailed => "self_service_failed",
});

/// Why an assistance request is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AssistanceBlocked {
    /// The window is still open: the owner can withdraw it themselves until `deadline`.
    WindowStillOpen { deadline: UtcMillis },
    /// A request for this complaint is already waiting for an agent.
    AssistanceAlreadyRequested,
    /// The same refusals as self-service for ownership and status (serde needs untagged
    /// variants last).
    #[serde(untagged)]
    Withdrawal(Blocked),
}

impl AssistanceBlocked {
    pub fn code(&self) -> ErrorCode {
        match self {
            AssistanceBlocked::Withdrawal(blocked) => blocked.code(),
            AssistanceBlocked::WindowStillOpen { .. } => ErrorCode::WindowStillOpen,
            AssistanceBlocked::AssistanceAlreadyRequested => ErrorCode::AssistanceAlreadyRequested,
        }
    }
}

/// May the owner ask customer service to withdraw the complaint (客服协助撤销)? Allowed
/// once the window has expired, or when self-service failed, and never in arbitration or a
/// terminal state. Real-name verification is not required: the agent verifies the person.
pub fn check_assistance(
    complaint: &ComplaintFacts,
    actor: &Actor,
    now: UtcMillis,
    ground: AssistanceGround,
    request_pending: bool,
) -> Result<(), AssistanceBlocked> {
    if complaint.owner != actor.id {
        return Err(AssistanceBlocked::Withdrawal(Blocked::NotOwner));
    }
    check_withdrawable_status(complaint.status).map_err(AssistanceBlocked::Withdrawal)?;
    let deadline = self_service_deadline(complaint.filed_at);
    if ground == AssistanceGround::WindowExpired && in_self_service_window(complaint.filed_at, now)
    {
        return Err(AssistanceBlocked::WindowStillOpen { deadline });
    }
    if request_pending {
        return Err(AssistanceBlocked::AssistanceAlreadyRequested);
    }
    Ok(())
}

/// The ground of the owner's request, as the rules see it at `now`: the window has expired
/// (self-service refuses with `window_expired`), or else self-service failed them (not
/// verified, an error, …). The server records this, whatever the client says.
pub fn assistance_ground(
    complaint: &ComplaintFacts,
    actor: &Actor,
    now: UtcMillis,
) -> AssistanceGround {
    match check_withdrawal(complaint, actor, now) {
        Err(Blocked::WindowExpired { .. }) => AssistanceGround::WindowExpired,
        _ => AssistanceGround::SelfServiceFailed,
    }
}

/// Where an assistance request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssistanceStatus {
    Pending,
    /// An agent withdrew the complaint on the owner's behalf.
    Approved,
    Rejected,
}

crate::vocabulary!(AssistanceStatus {
    Pending => "pending",
    Approved => "approved",
    Rejected => "rejected",
});

/// An agent decides a request that was already decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AlreadyDecided;

impl AlreadyDecided {
    pub fn code(&self) -> ErrorCode {
        ErrorCode::AssistanceAlreadyDecided
    }
}

/// A request is decided once: only a pending one may be approved or rejected.
pub fn check_assistance_decision(status: AssistanceStatus) -> Result<(), AlreadyDecided> {
    match status {
        AssistanceStatus::Pending => Ok(()),
        AssistanceStatus::Approved | AssistanceStatus::Rejected => Err(AlreadyDecided),
    }
}

/// When a request made at `requested_at` should have had its answer: the end of the usual
/// response time the owner is told (`POLICY.assistance_response_hours`). Past it, the
/// owner is told that this one is taking longer, not the usual time again.
pub fn assistance_answer_expected_by(requested_at: UtcMillis) -> UtcMillis {
    let (_, latest_hours) = POLICY.assistance_response_hours;
    requested_at.plus(i64::from(latest_hours) * HOUR_MS)
}

#[cfg(test)]
mod expected_answer_tests {
    use super::*;

    #[test]
    fn the_answer_is_expected_by_the_end_of_the_usual_response_time() {
        let requested_at = UtcMillis(1_000);
        let (_, latest_hours) = POLICY.assistance_response_hours;
        assert_eq!(
            assistance_answer_expected_by(requested_at),
            UtcMillis(1_000 + i64::from(latest_hours) * 3_600_000)
        );
    }
}

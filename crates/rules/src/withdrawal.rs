//! May this complaint be withdrawn by its owner, and until when; and the statuses from which
//! nobody may withdraw it.

use serde::{Deserialize, Serialize};

use crate::actor::{Actor, ComplaintFacts, RealName};
use crate::code::ErrorCode;
use crate::policy::POLICY;
use crate::status::ComplaintStatus;
use crate::time::UtcMillis;

/// The owner may withdraw the complaint themselves until `deadline` (exclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Eligible {
    pub deadline: UtcMillis,
}

impl Eligible {
    /// Milliseconds of self-service left at `now` (always > 0 for a fresh check).
    pub fn remaining_ms(&self, now: UtcMillis) -> i64 {
        now.until(self.deadline)
    }
}

/// Why self-service withdrawal is refused; each variant carries what the UI needs to
/// explain it and to offer the next step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Blocked {
    /// Not the actor's complaint. The server answers 404 so ids cannot be probed.
    NotOwner,
    /// The account's real name is not verified.
    NotVerified,
    /// Already withdrawn.
    AlreadyWithdrawn,
    /// The platform has taken over; only an appeal through customer service remains.
    InArbitration,
    /// Resolved or closed.
    Finished { status: ComplaintStatus },
    /// The 24-hour self-service window ended at `deadline`.
    WindowExpired { deadline: UtcMillis },
}

/// What the user can do instead, for a refusal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NextStep {
    /// Nothing to do here.
    Nothing,
    /// Verify the account's real name, or ask customer service.
    VerifyRealName,
    /// Ask customer service to withdraw it (客服协助撤销).
    RequestAssistance,
    /// Appeal to customer service while the platform arbitrates.
    AppealToCustomerService,
    /// The order has no open complaint: a new one may be filed.
    FileNewComplaint,
}

crate::vocabulary!(NextStep {
    Nothing => "nothing",
    VerifyRealName => "verify_real_name",
    RequestAssistance => "request_assistance",
    AppealToCustomerService => "appeal_to_customer_service",
    FileNewComplaint => "file_new_complaint",
});

impl Blocked {
    pub fn code(&self) -> ErrorCode {
        match self {
            Blocked::NotOwner => ErrorCode::NotOwner,
            Blocked::NotVerified => ErrorCode::NotVerified,
            Blocked::AlreadyWithdrawn => ErrorCode::AlreadyWithdrawn,
            Blocked::InArbitration => ErrorCode::InArbitration,
            Blocked::Finished { .. } => ErrorCode::Finished,
            Blocked::WindowExpired { .. } => ErrorCode::WindowExpired,
        }
    }

    pub fn next_step(&self) -> NextStep {
        match self {
            Blocked::NotOwner => NextStep::Nothing,
            Blocked::NotVerified => NextStep::VerifyRealName,
            Blocked::AlreadyWithdrawn | Blocked::Finished { .. } => NextStep::FileNewComplaint,
            Blocked::InArbitration => NextStep::AppealToCustomerService,
            Blocked::WindowExpired { .. } => NextStep::RequestAssistance,
        }
    }
}

/// The end of the self-service window of a complaint filed at `filed_at`.
pub fn self_service_deadline(filed_at: UtcMillis) -> UtcMillis {
    filed_at.plus(POLICY.self_service_window_ms)
}

/// Whether the self-service window of a complaint filed at `filed_at` is still open at `now`
/// (`now < filed_at + 24 h`; at exactly 24 h it has closed).
pub fn in_self_service_window(filed_at: UtcMillis, now: UtcMillis) -> bool {
    now < self_service_deadline(filed_at)
}

/// The earliest filing time whose self-service window is still open at `now`: the window of
/// a complaint filed at `filed_at` is open exactly when `filed_at >= window_open_since(now)`
/// (for a query: `filed_at >= window_open_since(now)` instead of a deadline per row).
pub fn window_open_since(now: UtcMillis) -> UtcMillis {
    // now < filed_at + window  ⇔  filed_at > now − window  ⇔  filed_at ≥ now − window + 1
    now.plus(1 - POLICY.self_service_window_ms)
}

/// Refuses statuses from which nobody may withdraw, whatever the time.
pub(crate) fn check_withdrawable_status(status: ComplaintStatus) -> Result<(), Blocked> {
    match status {
        ComplaintStatus::Withdrawn => Err(Blocked::AlreadyWithdrawn),
        ComplaintStatus::Arbitration => Err(Blocked::InArbitration),
        ComplaintStatus::Resolved | ComplaintStatus::Closed => Err(Blocked::Finished { status }),
        ComplaintStatus::Pending | ComplaintStatus::Processing => Ok(()),
    }
}

/// Self-service withdrawal by the owner. Rules in order, first failure wins: ownership,
/// real name, status, then the window (`now < filed_at + 24 h`).
pub fn check_withdrawal(
    complaint: &ComplaintFacts,
    actor: &Actor,
    now: UtcMillis,
) -> Result<Eligible, Blocked> {
    if complaint.owner != actor.id {
        return Err(Blocked::NotOwner);
    }
    if actor.real_name != RealName::Verified {
        return Err(Blocked::NotVerified);
    }
    check_withdrawable_status(complaint.status)?;
    let deadline = self_service_deadline(complaint.filed_at);
    if in_self_service_window(complaint.filed_at, now) {
        Ok(Eligible { deadline })
    } else {
        Err(Blocked::WindowExpired { deadline })
    }
}

/// Withdrawal by an agent on the owner's behalf, after verifying an assistance request:
/// no window and no real-name check (the agent verified), but never in arbitration or a
/// terminal state.
pub fn check_assisted_withdrawal(complaint: &ComplaintFacts) -> Result<(), Blocked> {
    check_withdrawable_status(complaint.status)
}

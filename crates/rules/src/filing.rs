//! May the actor file a complaint against this order?

use serde::{Deserialize, Serialize};

use crate::actor::{Actor, UserId};
use crate::code::ErrorCode;
use crate::status::ComplaintStatus;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum FilingBlocked {
    /// Not the actor's order; answered as 404 like a complaint that is not theirs.
    OrderNotFound,
    /// The order already has an open (non-terminal) complaint.
    ComplaintAlreadyOpen,
}

impl FilingBlocked {
    pub fn code(&self) -> ErrorCode {
        match self {
            FilingBlocked::OrderNotFound => ErrorCode::OrderNotFound,
            FilingBlocked::ComplaintAlreadyOpen => ErrorCode::ComplaintAlreadyOpen,
        }
    }
}

/// Filing is allowed when the order belongs to the actor and none of its complaints
/// (`existing`, in any order) is still open — so after a withdrawal one may file again.
pub fn check_filing(
    order_owner: UserId,
    actor: &Actor,
    existing: impl IntoIterator<Item = ComplaintStatus>,
) -> Result<(), FilingBlocked> {
    if order_owner != actor.id {
        return Err(FilingBlocked::OrderNotFound);
    }
    if existing.into_iter().any(ComplaintStatus::is_open) {
        return Err(FilingBlocked::ComplaintAlreadyOpen);
    }
    Ok(())
}

//! Who is acting, and the facts about a complaint or an order the rules look at.

use serde::{Deserialize, Serialize};

use crate::status::ComplaintStatus;
use crate::time::UtcMillis;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct UserId(pub i64);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Shopper,
    /// Customer service: handles assistance requests and moves complaints as the platform.
    Agent,
}

crate::vocabulary!(Role {
    Shopper => "shopper",
    Agent => "agent",
});

/// 实名认证: whether the account's real name has been verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RealName {
    Verified,
    Unverified,
}

crate::vocabulary!(RealName {
    Verified => "verified",
    Unverified => "unverified",
});

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Actor {
    pub id: UserId,
    pub role: Role,
    pub real_name: RealName,
}

/// What the withdrawal rules need to know about a complaint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComplaintFacts {
    pub owner: UserId,
    pub status: ComplaintStatus,
    pub filed_at: UtcMillis,
}

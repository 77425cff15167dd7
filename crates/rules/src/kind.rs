//! The closed vocabularies a user picks from: complaint kinds and withdrawal reasons.

use serde::{Deserialize, Serialize};

/// What a complaint is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ComplaintKind {
    /// 商品描述不符
    NotAsDescribed,
    /// 物流问题
    Logistics,
    /// 服务态度差
    Service,
    /// 质量问题
    Quality,
    /// 其他
    Other,
}

crate::vocabulary!(ComplaintKind {
    NotAsDescribed => "not_as_described",
    Logistics => "logistics",
    Service => "service",
    Quality => "quality",
    Other => "other",
});

/// Why the owner withdraws a complaint (撤销原因).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WithdrawalReason {
    /// 问题已解决: settled with the seller.
    Resolved,
    /// 误操作: filed by mistake or on a misunderstanding.
    Mistaken,
    /// 其他: requires a note.
    Other,
}

crate::vocabulary!(WithdrawalReason {
    Resolved => "resolved",
    Mistaken => "mistaken",
    Other => "other",
});

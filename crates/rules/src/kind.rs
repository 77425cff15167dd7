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

impl ComplaintKind {
    pub const ALL: [ComplaintKind; 5] = [
        ComplaintKind::NotAsDescribed,
        ComplaintKind::Logistics,
        ComplaintKind::Service,
        ComplaintKind::Quality,
        ComplaintKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ComplaintKind::NotAsDescribed => "not_as_described",
            ComplaintKind::Logistics => "logistics",
            ComplaintKind::Service => "service",
            ComplaintKind::Quality => "quality",
            ComplaintKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// Why the owner withdraws a complaint (撤销原因).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RevokeReason {
    /// 问题已解决: settled with the seller.
    Resolved,
    /// 误操作: filed by mistake or on a misunderstanding.
    Mistaken,
    /// 其他: requires a note.
    Other,
}

impl RevokeReason {
    pub const ALL: [RevokeReason; 3] = [
        RevokeReason::Resolved,
        RevokeReason::Mistaken,
        RevokeReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RevokeReason::Resolved => "resolved",
            RevokeReason::Mistaken => "mistaken",
            RevokeReason::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|reason| reason.code() == code)
    }
}

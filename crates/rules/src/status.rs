//! Complaint status (投诉状态) and the transitions between statuses.

use serde::{Deserialize, Serialize};

/// Where a complaint stands. `resolved`, `closed` and `withdrawn` are terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    /// 待处理
    Pending,
    /// 处理中
    Processing,
    /// 平台仲裁中: the platform has taken over.
    Arbitration,
    /// 已完结
    Resolved,
    /// 已关闭
    Closed,
    /// 已撤销: withdrawn by its owner (or by an agent on the owner's behalf).
    Withdrawn,
}

crate::vocabulary!(ComplaintStatus {
    Pending => "pending",
    Processing => "processing",
    Arbitration => "arbitration",
    Resolved => "resolved",
    Closed => "closed",
    Withdrawn => "withdrawn",
});

impl ComplaintStatus {
    /// Terminal statuses have no way out.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            ComplaintStatus::Resolved | ComplaintStatus::Closed | ComplaintStatus::Withdrawn
        )
    }

    /// An open complaint is one that is not terminal; an order may have at most one.
    pub fn is_open(self) -> bool {
        !self.is_terminal()
    }

    /// Whether a complaint in this status may still be withdrawn at all (it may become
    /// `withdrawn`): pending and processing. By its owner only within the self-service window
    /// ([`crate::in_self_service_window`]), by an agent on the owner's behalf at any time.
    pub fn is_withdrawable(self) -> bool {
        self.can_become(ComplaintStatus::Withdrawn)
    }

    /// The transition table: pending → processing; pending|processing → arbitration;
    /// processing|arbitration → resolved; any non-terminal → closed; pending|processing →
    /// withdrawn.
    pub fn can_become(self, next: ComplaintStatus) -> bool {
        use ComplaintStatus::*;
        matches!(
            (self, next),
            (Pending, Processing)
                | (Pending | Processing, Arbitration)
                | (Processing | Arbitration, Resolved)
                | (Pending | Processing | Arbitration, Closed)
                | (Pending | Processing, Withdrawn)
        )
    }
}

/// The moves the platform (an agent) makes. Withdrawal is not one of them: it goes through
/// the withdrawal rules, by the owner or by an agent on the owner's behalf.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlatformMove {
    StartProcessing,
    EscalateToArbitration,
    Resolve,
    Close,
}

crate::vocabulary!(PlatformMove {
    StartProcessing => "start_processing",
    EscalateToArbitration => "escalate_to_arbitration",
    Resolve => "resolve",
    Close => "close",
});

impl PlatformMove {
    pub fn target(self) -> ComplaintStatus {
        match self {
            PlatformMove::StartProcessing => ComplaintStatus::Processing,
            PlatformMove::EscalateToArbitration => ComplaintStatus::Arbitration,
            PlatformMove::Resolve => ComplaintStatus::Resolved,
            PlatformMove::Close => ComplaintStatus::Closed,
        }
    }

    /// The moves available from `status`, for the agent console.
    pub fn available_from(status: ComplaintStatus) -> impl Iterator<Item = PlatformMove> {
        Self::ALL
            .into_iter()
            .filter(move |platform_move| status.can_become(platform_move.target()))
    }
}

/// A move the transition table does not allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvalidTransition {
    pub from: ComplaintStatus,
    pub to: ComplaintStatus,
}

/// Checks a platform move against the transition table.
pub fn check_platform_move(
    from: ComplaintStatus,
    platform_move: PlatformMove,
) -> Result<ComplaintStatus, InvalidTransition> {
    let to = platform_move.target();
    if from.can_become(to) {
        Ok(to)
    } else {
        Err(InvalidTransition { from, to })
    }
}

impl InvalidTransition {
    pub fn code(&self) -> crate::ErrorCode {
        crate::ErrorCode::InvalidTransition
    }
}

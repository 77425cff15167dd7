//! Pressure reports (举报商家施压): a seller who demanded, induced or pressured a withdrawal.

use complaint_rules::{PressureKind, UtcMillis};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::{ComplaintId, ComplaintSummary, PressureReportId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PressureReportStatus {
    /// Waiting for an agent.
    Open,
    /// An agent has handled it.
    Handled,
}

complaint_rules::vocabulary!(PressureReportStatus {
    Open => "open",
    Handled => "handled",
});

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PressureReportView {
    pub id: PressureReportId,
    pub complaint_id: ComplaintId,
    pub status: PressureReportStatus,
    /// What the seller did (reports made before categories have none).
    #[serde(default)]
    pub kind: Option<PressureKind>,
    /// The owner's note, as stored (trimmed; may be empty).
    pub note: String,
    pub reported_at: UtcMillis,
    /// When an agent handled it; None while open.
    pub handled_at: Option<UtcMillis>,
}

/// One row of the agents' pressure queue: the report and the complaint it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PressureQueueItem {
    pub report: PressureReportView,
    pub complaint: ComplaintSummary,
    pub owner_name: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TimelineEventKind;
    #[test]
    fn pressure_shapes_are_the_documented_ones() {
        assert_eq!(
            serde_json::to_value(TimelineEventKind::PressureReported).unwrap(),
            serde_json::json!({"type": "pressure_reported"})
        );
        assert_eq!(
            serde_json::to_value(TimelineEventKind::PressureHandled).unwrap(),
            serde_json::json!({"type": "pressure_handled"})
        );
        let view = PressureReportView {
            id: PressureReportId(3),
            complaint_id: ComplaintId(7),
            status: PressureReportStatus::Open,
            kind: Some(PressureKind::ConditionalRefund),
            note: "商家要求撤销".into(),
            reported_at: UtcMillis(10),
            handled_at: None,
        };
        assert_eq!(
            serde_json::to_value(&view).unwrap(),
            serde_json::json!({"id": 3, "complaint_id": 7, "status": "open",
                "kind": "conditional_refund", "note": "商家要求撤销", "reported_at": 10,
                "handled_at": null})
        );
    }
}

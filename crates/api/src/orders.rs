//! Orders (已买到的宝贝) with their complaints.

use complaint_rules::{check_filing, Actor, ComplaintStatus, FilingBlocked, UserId, UtcMillis};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::{ComplaintId, OrderId};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ComplaintBrief {
    pub id: ComplaintId,
    pub number: String,
    pub status: ComplaintStatus,
}

/// An order of 已买到的宝贝 with its complaints, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OrderView {
    pub id: OrderId,
    pub number: String,
    pub title: String,
    pub shop: String,
    /// In fen (分), to avoid floating point.
    pub amount_fen: i64,
    /// The product picture's URL, or None when there is none: either absolute
    /// (`https://…`), or relative to the app's base URL (no leading `/`), e.g.
    /// `products/kettle.svg` for the demo's pictures, which ship with the app (`dist/products/`)
    /// and which the browser resolves against the app's `<base>`, so they work from a
    /// sub-path too. Square; shown as a thumbnail.
    pub image: Option<String>,
    pub placed_at: UtcMillis,
    pub owner: UserId,
    pub complaints: Vec<ComplaintBrief>,
}

impl OrderView {
    /// The rules crate's answer to "may this actor file a complaint on this order now?".
    pub fn check_filing(&self, actor: &Actor) -> Result<(), FilingBlocked> {
        check_filing(
            self.owner,
            actor,
            self.complaints.iter().map(|complaint| complaint.status),
        )
    }

    /// The open complaint, if any: the one to view instead of filing.
    pub fn open_complaint(&self) -> Option<&ComplaintBrief> {
        self.complaints
            .iter()
            .find(|complaint| complaint.status.is_open())
    }
}

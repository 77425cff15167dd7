//! Small components with typed props; pages compose them.

mod catalogue;
mod complaint_list;
mod confirm_dialog;
mod eligibility;
mod feedback;
mod revoke_fields;
mod status_badge;
mod timeline;
mod window_badge;

use catalogue::Catalogue;
pub use complaint_list::{list_href, ComplaintRow, ComplaintRows, SearchBox, StatusTabs};
pub use confirm_dialog::ConfirmDialog;
pub use eligibility::EligibilityPanel;
pub use feedback::{
    failure_message, reload_page, ErrorPanel, FailureNotice, SkeletonRows, UpdateBanner,
};
pub use revoke_fields::{CountedText, ReasonPicker};
pub use status_badge::StatusBadge;
pub use timeline::Timeline;
pub use window_badge::WindowBadge;

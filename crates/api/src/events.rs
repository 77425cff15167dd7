//! The live events of `GET /api/events` (Server-Sent Events).

use complaint_rules::{ComplaintStatus, UtcMillis};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::ComplaintId;

/// Sent on `GET /api/events` (Server-Sent Events, event name `complaint`) whenever one of the
/// signed-in user's complaints changes (for an agent: any complaint or assistance request).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ComplaintChanged {
    pub complaint_id: ComplaintId,
    pub status: ComplaintStatus,
    pub version: i64,
    pub at: UtcMillis,
}

pub const COMPLAINT_EVENT: &str = "complaint";

/// Sent on `GET /api/events` when changes may have been missed (the server's own feed had a
/// gap): the client reloads what it shows.
pub const RESYNC_EVENT: &str = "resync";

/// The last event of a stream whose session ended (signed out, or expired).
pub const SESSION_ENDED_EVENT: &str = "session_ended";

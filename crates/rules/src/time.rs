//! Time as the rules see it: UTC milliseconds passed in by the caller, never read from a clock.

use serde::{Deserialize, Serialize};

/// A point in time, in milliseconds since the Unix epoch (UTC).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct UtcMillis(pub i64);

pub const SECOND_MS: i64 = 1_000;
pub const MINUTE_MS: i64 = 60 * SECOND_MS;
pub const HOUR_MS: i64 = 60 * MINUTE_MS;

impl UtcMillis {
    /// `self + ms`, saturating instead of overflowing on absurd inputs.
    pub fn plus(self, ms: i64) -> Self {
        UtcMillis(self.0.saturating_add(ms))
    }

    /// Milliseconds from `self` until `later`; negative when `later` is in the past.
    pub fn until(self, later: UtcMillis) -> i64 {
        later.0.saturating_sub(self.0)
    }
}

//! The JSON the app and the server exchange. One definition, compiled into both, so a field
//! renamed on one side is a compile error on the other.
//!
//! Conventions: times are [`complaint_rules::UtcMillis`]; every response carries the headers
//! [`SERVER_TIME_HEADER`] and [`POLICY_VERSION_HEADER`]; errors are [`ErrorBody`].

#![forbid(unsafe_code)]

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The server's clock when it answered, UTC milliseconds. The app keeps the offset.
pub const SERVER_TIME_HEADER: &str = "x-server-time";
/// The `POLICY_VERSION` the server enforces.
pub const POLICY_VERSION_HEADER: &str = "x-policy-version";
/// A client-chosen key that makes a mutation safe to retry.
pub const IDEMPOTENCY_KEY_HEADER: &str = "idempotency-key";
/// CSRF defence: every mutation must carry this header with [`CSRF_HEADER_VALUE`]. A
/// cross-site form cannot set a custom header, and a cross-site script needs CORS approval.
pub const CSRF_HEADER: &str = "x-complaint-desk";
pub const CSRF_HEADER_VALUE: &str = "1";

/// The version of a newly filed complaint; every change adds one.
pub const FIRST_VERSION: i64 = 1;

/// Integers as JSON has them: `3` and `3.0` are the same number (JSON does not tell them
/// apart, nor does JSON Schema's `integer`, which the API's document states), so either is
/// read as 3. A fraction, or a float beyond 2^53 (past which not every integer has a float of
/// its own, so the digits sent may not be the number read), is refused.
mod json_integer {
    use std::fmt;

    use serde::de::{Error, Unexpected, Visitor};
    use serde::Deserializer;

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
        deserializer.deserialize_i64(Integer)
    }

    struct Integer;

    impl Visitor<'_> for Integer {
        type Value = i64;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an integer")
        }

        fn visit_i64<E: Error>(self, value: i64) -> Result<i64, E> {
            Ok(value)
        }

        fn visit_u64<E: Error>(self, value: u64) -> Result<i64, E> {
            i64::try_from(value).map_err(|_| E::invalid_value(Unexpected::Unsigned(value), &self))
        }

        fn visit_f64<E: Error>(self, value: f64) -> Result<i64, E> {
            const EXACT: f64 = 9_007_199_254_740_992.0;
            if value.fract() == 0.0 && value.abs() <= EXACT {
                Ok(value as i64)
            } else {
                Err(E::invalid_value(Unexpected::Float(value), &self))
            }
        }
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(ToSchema))]
        #[serde(transparent)]
        pub struct $name(#[serde(deserialize_with = "json_integer::deserialize")] pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(ComplaintId);
id_type!(OrderId);
id_type!(AssistanceId);
id_type!(PressureReportId);
id_type!(MessageId);
id_type!(ImageId);
id_type!(ArbitrationNoteId);

mod assistance;
mod complaints;
mod conversation;
mod errors;
mod events;
mod list;
mod orders;
mod pressure;
#[cfg(feature = "openapi")]
mod schema;
mod session;
mod timeline;

pub use assistance::*;
pub use complaints::*;
pub use conversation::*;
pub use errors::*;
pub use events::*;
pub use list::*;
pub use orders::*;
pub use pressure::*;
pub use session::*;
pub use timeline::*;

//! Meta data and the session: who is signed in.

use complaint_rules::{Actor, RealName, Role, UserId, UtcMillis};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Meta {
    pub server_time: UtcMillis,
    pub policy_version: u32,
    /// The seeded demo accounts one may sign in as; empty when demo sign-in is off.
    pub demo_accounts: Vec<UserView>,
    /// Who is signed in, when the request carries a live session: the app asks "who am I?"
    /// here, where "nobody" is an answer and not a refusal (`GET /api/session` answers 401).
    #[serde(default)]
    pub session: Option<SessionView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UserView {
    pub id: UserId,
    /// The sign-in name (`demo-shopper`, …).
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub real_name: RealName,
}

impl UserView {
    pub fn actor(&self) -> Actor {
        Actor {
            id: self.id,
            role: self.role,
            real_name: self.real_name,
        }
    }
}

/// How to sign in: as a seeded demo account, or with a token handed over by a host app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum SignIn {
    Demo { username: String },
    HostToken { token: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SessionView {
    pub user: UserView,
    pub expires_at: UtcMillis,
}

//! Who is signed in, shared through context.

use complaint_api::UserView;
use complaint_rules::{Actor, RealName, Role, UserId};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Session {
    user: RwSignal<Option<UserView>>,
    /// False until the first answer to "who am I?".
    checked: RwSignal<bool>,
}

impl Session {
    pub fn new() -> Self {
        Session {
            user: RwSignal::new(None),
            checked: RwSignal::new(false),
        }
    }

    pub fn user(&self) -> Option<UserView> {
        self.user.get()
    }

    pub fn checked(&self) -> bool {
        self.checked.get()
    }

    pub fn set(&self, user: Option<UserView>) {
        self.user.set(user);
        self.checked.set(true);
    }

    pub fn is_agent(&self) -> bool {
        self.user
            .with(|user| user.as_ref().is_some_and(|user| user.role == Role::Agent))
    }

    /// The signed-in user as the rules see them. Pages behind sign-in only.
    pub fn actor(&self) -> Signal<Actor> {
        let user = self.user;
        Signal::derive(move || {
            user.with(|user| match user {
                Some(user) => user.actor(),
                // Signed out mid-page: an actor who owns nothing and may do nothing.
                None => Actor {
                    id: UserId(0),
                    role: Role::Shopper,
                    real_name: RealName::Unverified,
                },
            })
        })
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

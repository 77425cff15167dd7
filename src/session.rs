//! Who is signed in, shared through context.

use complaint_api::UserView;
use complaint_rules::{Actor, RealName, Role, UserId};
use leptos::prelude::*;

use crate::boot::SessionStart;

#[derive(Clone, Copy)]
pub struct Session {
    user: RwSignal<Option<UserView>>,
    /// False until the first answer to "who am I?".
    checked: RwSignal<bool>,
    /// Pages may mount, hidden, before that answer (see `app::RequireSession`): their
    /// requests then run beside it. Not while a host app's token is being exchanged for a
    /// session, when they could only be refused.
    early_pages: bool,
}

impl Session {
    pub fn new(start: SessionStart) -> Self {
        match start {
            SessionStart::Unknown { was_signed_in } => Session {
                user: RwSignal::new(None),
                checked: RwSignal::new(false),
                early_pages: was_signed_in,
            },
            SessionStart::Known(user) => Session {
                user: RwSignal::new(user),
                checked: RwSignal::new(true),
                early_pages: false,
            },
        }
    }

    pub fn user(&self) -> Option<UserView> {
        self.user.get()
    }

    pub fn checked(&self) -> bool {
        self.checked.get()
    }

    /// Whether the pages behind sign-in are mounted: once signed in, and before the first
    /// answer when early pages are allowed.
    pub fn pages_mounted(&self) -> bool {
        if self.checked.get() {
            self.user.with(Option::is_some)
        } else {
            self.early_pages
        }
    }

    pub fn set(&self, user: Option<UserView>) {
        remember_signed_in(user.is_some());
        self.user.set(user);
        self.checked.set(true);
    }

    /// Whether this browser was signed in when last seen: only then may pages mount before
    /// the answer to "who am I?" (a signed-out visitor's page would only be refused).
    pub fn was_signed_in() -> bool {
        local_storage()
            .and_then(|storage| storage.get_item(SIGNED_IN_KEY).ok().flatten())
            .is_some()
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

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// index.html reads it too, to ask for the first screen's data while the app downloads.
const SIGNED_IN_KEY: &str = "complaint-desk.signed-in";

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// A hint, not a credential (the cookie is HttpOnly): see [`Session::was_signed_in`].
fn remember_signed_in(signed_in: bool) {
    if let Some(storage) = local_storage() {
        let _ = if signed_in {
            storage.set_item(SIGNED_IN_KEY, "1")
        } else {
            storage.remove_item(SIGNED_IN_KEY)
        };
    }
}

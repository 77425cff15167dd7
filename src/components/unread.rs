//! The answers from customer service not yet read, per complaint and in all: a badge on the
//! list's rows, on the complaint's way into the conversation, and in the navigation. Asked
//! again whenever a message arrives anywhere the user may read, and after reading.

use complaint_api::{ComplaintId, UnreadView};
use leptos::prelude::*;

use crate::api::{use_api, use_live_updates};

/// Shared through context by the whole app (the navigation shows it); it counts only while
/// someone is signed in ([`Unread::connect`]).
#[derive(Clone, Copy)]
pub struct Unread {
    answers: RwSignal<Option<Resource<UnreadView>>>,
}

impl Unread {
    /// Nothing counted yet; the app provides it.
    pub fn new() -> Self {
        Unread {
            answers: RwSignal::new(None),
        }
    }

    /// Counts for the signed-in user for as long as the calling owner lives (the signed-in
    /// pages, with their live updates); a failure to ask reads as none (a badge is a hint).
    pub fn connect(self) {
        let api = use_api();
        let live = use_live_updates();
        let answers = Resource::new(
            move || live.latest_message(),
            move |_| {
                let unread = api.unread();
                async move { unread.await.unwrap_or_default() }
            },
        );
        self.answers.set(Some(answers));
        let slot = self.answers;
        on_cleanup(move || slot.set(None));
    }

    /// The unread answers on one complaint; reactive.
    pub fn of(self, complaint: ComplaintId) -> u32 {
        self.current().map_or(0, |answers| answers.of(complaint))
    }

    /// Every unread answer; reactive.
    pub fn total(self) -> u32 {
        self.current().map_or(0, |answers| answers.total)
    }

    /// Asks again (after reading a conversation).
    pub fn refresh(self) {
        if let Some(answers) = self.answers.get_untracked() {
            answers.refetch();
        }
    }

    fn current(self) -> Option<UnreadView> {
        self.answers.get().and_then(|answers| answers.get())
    }
}

impl Default for Unread {
    fn default() -> Self {
        Self::new()
    }
}

/// The counts the app provides; none for a component mounted alone (a test).
pub fn use_unread() -> Unread {
    use_context::<Unread>().unwrap_or_default()
}

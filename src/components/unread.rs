//! The answers from customer service not yet read, per complaint and in all: a badge on the
//! list's rows, on the complaint's way into the conversation, and in the navigation. Asked
//! again whenever a message arrives anywhere the user may read, and after reading.

use complaint_api::{ComplaintId, UnreadView};
use leptos::prelude::*;

use crate::api::{use_api, use_live_updates};

/// Shared through context by the whole app (the navigation shows it); it counts only while
/// someone is signed in ([`Unread::connect`]).
///
/// Asked by the browser only (in an effect), after a page the server rendered is taken over:
/// not a resource, which a `<Suspense>` around a row would wait for — a badge is a hint that
/// never holds a page back.
#[derive(Clone, Copy)]
pub struct Unread {
    counts: RwSignal<Option<UnreadView>>,
    /// Bumped to ask again.
    asks: RwSignal<u64>,
}

impl Unread {
    /// Nothing counted yet; the app provides it.
    pub fn new() -> Self {
        Unread {
            counts: RwSignal::new(None),
            asks: RwSignal::new(0),
        }
    }

    /// Counts for the signed-in user for as long as the calling owner lives (the signed-in
    /// pages, with their live updates); a failure to ask changes nothing (a badge is a hint).
    pub fn connect(self) {
        let api = use_api();
        let live = use_live_updates();
        let latest_question = StoredValue::new(0_u64);
        Effect::new(move |_| {
            live.latest_message();
            self.asks.track();
            let asked = latest_question.get_value() + 1;
            latest_question.set_value(asked);
            let unread = api.unread();
            leptos::task::spawn_local(async move {
                // Only the latest question's answer counts.
                let latest = latest_question.try_get_value() == Some(asked);
                if let (Ok(counts), true) = (unread.await, latest) {
                    self.counts.set(Some(counts));
                }
            });
        });
        let counts = self.counts;
        on_cleanup(move || counts.set(None));
    }

    /// The unread answers on one complaint; reactive.
    pub fn of(self, complaint: ComplaintId) -> u32 {
        self.counts
            .with(|counts| counts.as_ref().map_or(0, |counts| counts.of(complaint)))
    }

    /// Every unread answer; reactive.
    pub fn total(self) -> u32 {
        self.counts
            .with(|counts| counts.as_ref().map_or(0, |counts| counts.total))
    }

    /// Asks again (after reading a conversation).
    pub fn refresh(self) {
        self.asks.update(|asks| *asks += 1);
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

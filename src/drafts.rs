//! What the shopper typed, kept for the tab's life (sessionStorage): a reload, signing in
//! again after the session ended, or a page rebuilt by a live update gets it back.

use complaint_api::ComplaintId;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::forms::ReasonNote;

/// A form's draft, kept under the form's name and its subject (a complaint, an order).
pub struct KeptDraft<T> {
    key: String,
    kind: std::marker::PhantomData<T>,
}

const DRAFT_KEY_PREFIX: &str = "complaint-desk.draft.";

impl<T: Serialize + DeserializeOwned + Default + PartialEq> KeptDraft<T> {
    pub fn new(form: &str, subject: impl std::fmt::Display) -> Self {
        KeptDraft {
            key: format!("{DRAFT_KEY_PREFIX}{form}.{subject}"),
            kind: std::marker::PhantomData,
        }
    }

    /// What was kept, else an empty draft.
    pub fn load(&self) -> T {
        session_storage()
            .and_then(|storage| storage.get_item(&self.key).ok().flatten())
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }

    /// Keeps `draft`; an empty one is forgotten.
    pub fn save(&self, draft: &T) {
        let Some(storage) = session_storage() else {
            return;
        };
        let _ = match serde_json::to_string(draft) {
            Ok(json) if *draft != T::default() => storage.set_item(&self.key, &json),
            _ => storage.remove_item(&self.key),
        };
    }

    /// Once it was sent.
    pub fn forget(&self) {
        self.save(&T::default());
    }
}

/// Whether any form has a draft kept (in this tab).
pub fn any_draft_kept() -> bool {
    let Some(storage) = session_storage() else {
        return false;
    };
    let count = storage.length().unwrap_or(0);
    (0..count).any(|index| {
        storage
            .key(index)
            .ok()
            .flatten()
            .is_some_and(|key| key.starts_with(DRAFT_KEY_PREFIX))
    })
}

/// This tab's storage; none on the server (a rendered form starts empty, and the browser
/// fills in a kept draft as it takes the page over).
fn session_storage() -> Option<web_sys::Storage> {
    if cfg!(feature = "ssr") {
        return None;
    }
    window().session_storage().ok().flatten()
}

/// The words typed for a complaint's withdrawal: the assistance request takes them over when
/// the window closes under the form.
pub fn withdrawal_words(id: ComplaintId) -> KeptDraft<ReasonNote> {
    KeptDraft::new("withdrawal", id)
}

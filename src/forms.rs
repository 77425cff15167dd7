//! The state of the forms as plain data with methods; the views read and update it, and
//! the rules crate validates it.

use complaint_api::{ComplaintId, RevokeRequest};
use complaint_rules::{
    validate_complaint, validate_revocation, ComplaintKind, RevokeReason, TextError, TextLimits,
    TextProblem, ValidComplaint, ValidRevocation, POLICY,
};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::api::new_idempotency_key;

/// The reason and note a withdrawal is recorded with: typed on the withdrawal form, and
/// carried over to the assistance request when the window closes under the user.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonNote {
    pub reason: Option<RevokeReason>,
    pub note: String,
}

impl ReasonNote {
    /// The rules' verdict, once a reason is chosen.
    pub fn validation(&self) -> Option<Result<ValidRevocation, TextError>> {
        self.reason
            .map(|reason| validate_revocation(reason, &self.note))
    }

    /// The note's limits for the chosen reason (the loosest before one is chosen).
    pub fn note_limits(&self) -> TextLimits {
        POLICY.note_limits(self.reason.unwrap_or(RevokeReason::Resolved))
    }

    pub fn note_required(&self) -> bool {
        self.note_limits().min_chars > 0
    }

    /// The note's problem to show: "too short" only once the user tried to continue (they
    /// may still be typing); too long or a forbidden character at once.
    pub fn note_problem(&self, attempted: bool) -> Option<TextError> {
        match self.validation() {
            Some(Err(error))
                if attempted || !matches!(error.problem, TextProblem::TooShort { .. }) =>
            {
                Some(error)
            }
            _ => None,
        }
    }
}

/// Has what the seller promised actually arrived? Asked when the reason is "resolved".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Remedy {
    Arrived,
    NotYet,
    NotApplicable,
}

/// A control of the withdrawal form, in the order the form shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftField {
    Reason,
    Remedy,
    AcceptRisk,
    Note,
}

impl DraftField {
    /// The element to focus when this field is the first problem: the first choice of a
    /// group, or the control itself.
    pub fn element_id(self) -> String {
        match self {
            DraftField::Reason => format!("reason-{}", POLICY.revoke_reasons[0].code()),
            DraftField::Remedy => "remedy-arrived".to_owned(),
            DraftField::AcceptRisk => "accept-risk".to_owned(),
            DraftField::Note => "note-input".to_owned(),
        }
    }
}

/// The withdrawal form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RevocationDraft {
    pub words: ReasonNote,
    pub remedy: Option<Remedy>,
    /// "I understand, and still withdraw": required when the remedy has not arrived yet.
    pub accept_risk: bool,
    /// The user tried to continue: from now on every problem is shown.
    pub attempted: bool,
}

impl RevocationDraft {
    /// The form carried over from an earlier visit (the same tab), else empty.
    pub fn with_words(words: ReasonNote) -> Self {
        RevocationDraft {
            words,
            ..Default::default()
        }
    }

    pub fn choose_reason(&mut self, reason: RevokeReason) {
        self.words.reason = Some(reason);
    }

    /// The refund question applies to a settlement with the seller only.
    pub fn asks_remedy(&self) -> bool {
        self.words.reason == Some(RevokeReason::Resolved)
    }

    /// The answer to the remedy question, where it is asked.
    pub fn answered_remedy(&self) -> Option<Remedy> {
        self.remedy.filter(|_| self.asks_remedy())
    }

    pub fn needs_risk_acceptance(&self) -> bool {
        self.asks_remedy() && self.remedy == Some(Remedy::NotYet)
    }

    /// Whether `field` has a problem to show now.
    pub fn has_problem(&self, field: DraftField) -> bool {
        match field {
            DraftField::Reason => self.attempted && self.words.reason.is_none(),
            DraftField::Remedy => self.attempted && self.asks_remedy() && self.remedy.is_none(),
            DraftField::AcceptRisk => {
                self.attempted && self.needs_risk_acceptance() && !self.accept_risk
            }
            DraftField::Note => self.words.note_problem(self.attempted).is_some(),
        }
    }

    /// The first field, in the form's order, that keeps it from being sent.
    pub fn first_problem(&self) -> Option<DraftField> {
        let attempted = RevocationDraft {
            attempted: true,
            ..self.clone()
        };
        [
            DraftField::Reason,
            DraftField::Remedy,
            DraftField::AcceptRisk,
            DraftField::Note,
        ]
        .into_iter()
        .find(|field| attempted.has_problem(*field))
    }

    /// The request to send, if everything is answered and valid.
    pub fn request(&self, expected_version: i64) -> Option<RevokeRequest> {
        if self.first_problem().is_some() {
            return None;
        }
        let valid = self.words.validation()?.ok()?;
        Some(RevokeRequest {
            reason: valid.reason,
            note: valid.note,
            expected_version,
        })
    }
}

/// 投诉卖家: what kind of problem, and the description.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilingDraft {
    pub kind: Option<ComplaintKind>,
    pub description: String,
}

impl FilingDraft {
    /// The rules' verdict, once a kind is chosen.
    pub fn validation(&self) -> Option<Result<ValidComplaint, TextError>> {
        self.kind
            .map(|kind| validate_complaint(kind, &self.description))
    }
}

/// One idempotency key per request: the same request sent again (after a network failure)
/// reuses its key, so the server applies it once; a changed request, or one sent after a
/// definitive answer, gets a new one.
#[derive(Clone, Debug, Default)]
pub struct IdempotencyKeys {
    last: Option<(RevokeRequest, String)>,
}

impl IdempotencyKeys {
    pub fn key_for(&mut self, request: &RevokeRequest) -> String {
        match &self.last {
            Some((sent, key)) if sent == request => key.clone(),
            _ => {
                let key = new_idempotency_key();
                self.last = Some((request.clone(), key.clone()));
                key
            }
        }
    }

    /// After a definitive answer: the next request is a new one.
    pub fn forget(&mut self) {
        self.last = None;
    }
}

/// A form's draft, kept for the tab's life (sessionStorage) under the form's name and its
/// subject (a complaint, an order): a reload, signing in again after the session ended, or
/// the page rebuilt by a live update gets back what was typed.
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

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// The words typed for a complaint's withdrawal: the assistance request takes them over when
/// the window closes under the form.
pub fn withdrawal_words(id: ComplaintId) -> KeptDraft<ReasonNote> {
    KeptDraft::new("withdrawal", id)
}

/// Moves focus to a form's control and brings it into view, e.g. the first problem.
pub fn focus_element(id: &str) {
    use wasm_bindgen::JsCast;
    let Some(element) = document().get_element_by_id(id) else {
        return;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

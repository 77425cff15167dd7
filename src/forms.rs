//! The state of the forms as plain data with methods; the views read and update it, and
//! the rules crate validates it. No browser here: `cargo test` checks it natively. (Drafts
//! are kept by `crate::drafts`.)

use complaint_api::{ServiceRequest, WithdrawalRequest};
pub use complaint_rules::Remedy;
use complaint_rules::{
    validate_complaint, validate_withdrawal, ArbitrationNoteKind, ComplaintKind, PressureKind,
    TextError, TextLimits, TextProblem, ValidComplaint, ValidWithdrawal, WithdrawalReason, POLICY,
};
use serde::{Deserialize, Serialize};

/// The reason and note a withdrawal is recorded with: typed on the withdrawal form, and
/// carried over to the assistance request when the window closes under the user.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonNote {
    pub reason: Option<WithdrawalReason>,
    pub note: String,
}

impl ReasonNote {
    /// The rules' verdict, once a reason is chosen.
    pub fn validation(&self) -> Option<Result<ValidWithdrawal, TextError>> {
        self.reason
            .map(|reason| validate_withdrawal(reason, &self.note))
    }

    /// The note's limits for the chosen reason (the loosest before one is chosen).
    pub fn note_limits(&self) -> TextLimits {
        POLICY.note_limits(self.reason.unwrap_or(WithdrawalReason::Resolved))
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
    /// group, or the control itself (on the withdrawal form).
    pub fn element_id(self) -> String {
        self.element_id_in("note")
    }

    /// [`DraftField::element_id`] on a form whose note has the test id `note_testid` (its
    /// input's id is that and `-input`).
    pub fn element_id_in(self, note_testid: &str) -> String {
        match self {
            DraftField::Reason => format!("reason-{}", POLICY.withdrawal_reasons[0].code()),
            DraftField::Remedy => "remedy-arrived".to_owned(),
            DraftField::AcceptRisk => "accept-risk".to_owned(),
            DraftField::Note => format!("{note_testid}-input"),
        }
    }
}

/// The withdrawal form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WithdrawalDraft {
    pub words: ReasonNote,
    pub remedy: Option<Remedy>,
    /// "I understand, and still withdraw": required when the remedy has not arrived yet.
    pub accept_risk: bool,
    /// The user tried to continue: from now on every problem is shown.
    pub attempted: bool,
}

impl WithdrawalDraft {
    /// The form carried over from an earlier visit (the same tab), else empty.
    pub fn with_words(words: ReasonNote) -> Self {
        WithdrawalDraft {
            words,
            ..Default::default()
        }
    }

    pub fn choose_reason(&mut self, reason: WithdrawalReason) {
        self.words.reason = Some(reason);
    }

    /// The refund question applies to a settlement with the seller only.
    pub fn asks_remedy(&self) -> bool {
        self.words.reason == Some(WithdrawalReason::Resolved)
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
        let attempted = WithdrawalDraft {
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
    pub fn request(&self, expected_version: i64) -> Option<WithdrawalRequest> {
        if self.first_problem().is_some() {
            return None;
        }
        let valid = self.words.validation()?.ok()?;
        Some(WithdrawalRequest {
            reason: valid.reason,
            note: valid.note,
            remedy: self.answered_remedy(),
            accepted_risk: self.risk_accepted(),
            expected_version,
        })
    }

    /// The request for customer service to withdraw it on the owner's behalf, with the same
    /// answers, if everything is answered and valid.
    pub fn assisted_request(&self) -> Option<ServiceRequest> {
        if self.first_problem().is_some() {
            return None;
        }
        let valid = self.words.validation()?.ok()?;
        Some(ServiceRequest::AssistedWithdrawal {
            reason: valid.reason,
            note: valid.note,
            remedy: self.answered_remedy(),
            accepted_risk: self.risk_accepted(),
        })
    }

    /// The explicit "I still withdraw", where it is asked.
    fn risk_accepted(&self) -> bool {
        self.needs_risk_acceptance() && self.accept_risk
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

/// 举报卖家施压: what the seller did, and what the owner says of it (optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PressureDraft {
    pub kind: Option<PressureKind>,
    pub note: String,
}

/// What the owner tells customer service about an arbitration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArbitrationDraft {
    pub kind: Option<ArbitrationNoteKind>,
    pub note: String,
}

/// One idempotency key per request: the same request sent again (after a network failure)
/// reuses its key, so the server applies it once; a changed request, or one sent after a
/// definitive answer, gets a new one.
#[derive(Clone, Debug)]
pub struct IdempotencyKeys<R> {
    last: Option<(R, String)>,
}

impl<R> Default for IdempotencyKeys<R> {
    fn default() -> Self {
        IdempotencyKeys { last: None }
    }
}

impl<R: Clone + PartialEq> IdempotencyKeys<R> {
    /// The key to send `request` with: the last one's, if it is the same request, else a
    /// fresh one from `new_key`.
    pub fn key_for(&mut self, request: &R, new_key: impl FnOnce() -> String) -> String {
        match &self.last {
            Some((sent, key)) if sent == request => key.clone(),
            _ => {
                let key = new_key();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_withdrawal_draft_asks_only_what_applies_and_names_the_first_problem() {
        let mut draft = WithdrawalDraft::default();
        assert_eq!(draft.first_problem(), Some(DraftField::Reason));
        assert!(!draft.asks_remedy());
        assert_eq!(draft.request(3), None);

        // "Filed by mistake": no refund question, an empty note is fine.
        draft.choose_reason(WithdrawalReason::Mistaken);
        assert!(!draft.asks_remedy());
        assert_eq!(draft.first_problem(), None);
        let request = draft.request(3).unwrap();
        assert_eq!(request.reason, WithdrawalReason::Mistaken);
        assert_eq!(request.expected_version, 3);

        // "Resolved": has the refund arrived? Not yet: only an explicit "I still withdraw".
        draft.choose_reason(WithdrawalReason::Resolved);
        assert!(draft.asks_remedy());
        assert_eq!(draft.first_problem(), Some(DraftField::Remedy));
        draft.remedy = Some(Remedy::NotYet);
        assert_eq!(draft.first_problem(), Some(DraftField::AcceptRisk));
        draft.accept_risk = true;
        assert_eq!(draft.first_problem(), None);
        draft.remedy = Some(Remedy::Arrived);
        assert!(!draft.needs_risk_acceptance());

        // "Other" needs a note: the note is the problem, and problems show once attempted.
        draft.choose_reason(WithdrawalReason::Other);
        assert_eq!(draft.first_problem(), Some(DraftField::Note));
        assert!(
            !draft.has_problem(DraftField::Note),
            "not before an attempt"
        );
        draft.attempted = true;
        assert!(draft.has_problem(DraftField::Note));
        draft.words.note = "  卖家已经退款  ".into();
        assert_eq!(draft.request(4).unwrap().note, "卖家已经退款");
    }

    #[test]
    fn a_request_sent_again_keeps_its_idempotency_key_and_a_new_one_gets_a_new_key() {
        let fresh = {
            let mut made = 0;
            move || {
                made += 1;
                format!("key-{made}")
            }
        };
        let fresh = std::cell::RefCell::new(fresh);
        let new_key = || (fresh.borrow_mut())();
        let request = WithdrawalRequest {
            reason: WithdrawalReason::Mistaken,
            note: String::new(),
            remedy: None,
            accepted_risk: false,
            expected_version: 1,
        };
        let mut keys = IdempotencyKeys::default();
        let first = keys.key_for(&request, new_key);
        assert_eq!(
            keys.key_for(&request, new_key),
            first,
            "a retry reuses the key"
        );
        let changed = WithdrawalRequest {
            expected_version: 2,
            ..request.clone()
        };
        let second = keys.key_for(&changed, new_key);
        assert_ne!(second, first, "a changed request gets a new key");
        keys.forget();
        assert_ne!(
            keys.key_for(&changed, new_key),
            second,
            "after a definitive answer, a new key"
        );
    }

    #[test]
    fn a_filing_draft_is_valid_once_a_kind_is_chosen_and_described() {
        let mut draft = FilingDraft::default();
        assert_eq!(draft.validation(), None);
        draft.kind = Some(ComplaintKind::Logistics);
        assert!(matches!(draft.validation(), Some(Err(_))));
        draft.description = "快递一直没有更新物流信息。".into();
        assert_eq!(
            draft.validation().unwrap().unwrap().kind,
            ComplaintKind::Logistics
        );
    }
}

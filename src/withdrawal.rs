//! What the shopper is told about withdrawing one complaint, now. The rules crate decides
//! (`check_withdrawal` on the server-corrected clock); this module adds only what the screens
//! need to show that decision: how urgent an open window is, that customer service already
//! has the request, and that a build whose rules are outdated decides nothing at all.
//!
//! The list row, the detail page and the forms all read a [`WithdrawalState`], so a
//! complaint reads the same wherever it is shown.

use complaint_api::{ComplaintSummary, Ending};
use complaint_rules::time::{HOUR_MS, MINUTE_MS};
use complaint_rules::{
    check_withdrawal, Actor, AssistanceStatus, Blocked, ComplaintStatus, NextStep, RealName,
    UtcMillis, POLICY,
};

/// Below this much time left, an open window is shown as a warning.
pub const WARNING_BEFORE_MS: i64 = HOUR_MS;
/// Below this much time left, an open window is critical, and an open form warns (politely).
pub const CRITICAL_BEFORE_MS: i64 = 5 * MINUTE_MS;
/// Below this much time left, an open form warns again (assertively).
pub const LAST_CALL_BEFORE_MS: i64 = MINUTE_MS;

/// How close an open window is to its deadline. Shown by an icon and a word as well as a
/// colour, never by colour alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Urgency {
    Normal,
    /// Under [`WARNING_BEFORE_MS`] left.
    Warning,
    /// Under [`CRITICAL_BEFORE_MS`] left.
    Critical,
}

impl Urgency {
    pub fn of(remaining_ms: i64) -> Self {
        if remaining_ms < CRITICAL_BEFORE_MS {
            Urgency::Critical
        } else if remaining_ms < WARNING_BEFORE_MS {
            Urgency::Warning
        } else {
            Urgency::Normal
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Urgency::Normal => "normal",
            Urgency::Warning => "warning",
            Urgency::Critical => "critical",
        }
    }
}

/// How much of the self-service window has passed, in tenths of a percent (0–1000): the
/// window bar's lengths and its spoken label show it with one decimal. Integer arithmetic
/// on purpose: formatting an `f64` would link the float printer (~10 kB) into the wasm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowPassed(i64);

impl WindowPassed {
    pub fn at(filed_at: UtcMillis, now: UtcMillis) -> Self {
        let window = POLICY.self_service_window_ms;
        let tenths = (filed_at.until(now).saturating_mul(1000) + window / 2) / window;
        WindowPassed(tenths.clamp(0, 1000))
    }
}

/// `12.3`: the share as a percentage with one decimal, for CSS (`12.3%`) and for words.
impl std::fmt::Display for WindowPassed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

/// A complaint's withdrawal as the shopper sees it at one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WithdrawalState {
    /// The owner may withdraw it themselves until `deadline` (exclusive).
    Open {
        deadline: UtcMillis,
        urgency: Urgency,
    },
    /// The owner is not real-name verified, and the window itself runs until `window_until`:
    /// verifying in time allows self-service.
    VerifyFirst { window_until: UtcMillis },
    /// Self-service is refused and customer service has a request waiting.
    AssistancePending,
    /// Self-service is refused, and customer service did not approve the last request (the
    /// complaint's page says why): the conversation is the way on.
    AssistanceRejected,
    /// The complaint has ended (resolved, closed, withdrawn): there is nothing to withdraw,
    /// and what is said is how it ended — when, and for a withdrawal by whom (`ending` is
    /// absent only in an older server's answer).
    Ended {
        status: ComplaintStatus,
        ending: Option<Ending>,
    },
    /// Self-service is refused for this reason.
    Blocked(Blocked),
    /// The server enforces other rules than this build: nothing may be decided or sent
    /// until the app is reloaded.
    RulesOutdated,
}

/// The one action offered for a state (a primary button wherever the state is shown).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateAction {
    Withdraw,
    VerifyRealName,
    RequestAssistance,
    /// The conversation with customer service: where a request waits or was answered, and
    /// where an arbitrated complaint's owner says it is settled, or appeals.
    ContactService,
    /// Withdrawn: the receipt.
    ViewReceipt,
    FileAgain,
    Reload,
    None,
}

impl WithdrawalState {
    /// Decides for `summary` as seen by `actor` at `now`. `rules_outdated` comes from the
    /// API client (the server reported another `POLICY_VERSION`).
    pub fn decide(
        summary: &ComplaintSummary,
        actor: &Actor,
        now: UtcMillis,
        rules_outdated: bool,
    ) -> Self {
        if rules_outdated {
            return WithdrawalState::RulesOutdated;
        }
        let facts = summary.facts();
        match check_withdrawal(&facts, actor, now) {
            Ok(eligible) => WithdrawalState::Open {
                deadline: eligible.deadline,
                urgency: Urgency::of(eligible.remaining_ms(now)),
            },
            Err(Blocked::NotVerified) => {
                // Would it be allowed once verified? The rules answer that too: if so, the
                // window is still running and verifying in time is the way; if not, the
                // other reason is the one that matters.
                let verified = Actor {
                    real_name: RealName::Verified,
                    ..*actor
                };
                match check_withdrawal(&facts, &verified, now) {
                    Ok(eligible) => WithdrawalState::VerifyFirst {
                        window_until: eligible.deadline,
                    },
                    Err(blocked) => Self::refused(blocked, summary),
                }
            }
            Err(blocked) => Self::refused(blocked, summary),
        }
    }

    /// A refusal, unless the complaint has simply ended, or customer service already has the
    /// request the refusal would lead to.
    fn refused(blocked: Blocked, summary: &ComplaintSummary) -> Self {
        match blocked {
            Blocked::AlreadyWithdrawn | Blocked::Finished { .. } => WithdrawalState::Ended {
                status: summary.status,
                ending: summary.ended,
            },
            _ if blocked.next_step() == NextStep::RequestAssistance => match summary.assistance {
                Some(AssistanceStatus::Pending) => WithdrawalState::AssistancePending,
                Some(AssistanceStatus::Rejected) => WithdrawalState::AssistanceRejected,
                _ => WithdrawalState::Blocked(blocked),
            },
            _ => WithdrawalState::Blocked(blocked),
        }
    }

    /// Whether time alone can change this state. An open window grows urgent and closes; a
    /// passed deadline can come back when the corrected clock steps back (a server answer
    /// moves the offset). A refusal by status (withdrawn, arbitration, finished) stays one, so
    /// its rows need not be decided again on every tick.
    pub fn changes_with_time(&self) -> bool {
        !matches!(
            self,
            WithdrawalState::RulesOutdated
                | WithdrawalState::Ended { .. }
                | WithdrawalState::Blocked(Blocked::NotOwner | Blocked::InArbitration)
        )
    }

    /// How close the deadline is, while open.
    pub fn urgency(&self) -> Option<Urgency> {
        match self {
            WithdrawalState::Open { urgency, .. } => Some(*urgency),
            _ => None,
        }
    }

    pub fn is_open(&self) -> bool {
        matches!(self, WithdrawalState::Open { .. })
    }

    /// The rules' refusal behind this state (an ended complaint's too: the rules refuse it).
    pub fn blocked(&self) -> Option<Blocked> {
        match self {
            WithdrawalState::Blocked(blocked) => Some(*blocked),
            WithdrawalState::VerifyFirst { .. } => Some(Blocked::NotVerified),
            WithdrawalState::Ended {
                status: ComplaintStatus::Withdrawn,
                ..
            } => Some(Blocked::AlreadyWithdrawn),
            WithdrawalState::Ended { status, .. } => Some(Blocked::Finished { status: *status }),
            _ => None,
        }
    }

    pub fn action(&self) -> StateAction {
        match self {
            WithdrawalState::Open { .. } => StateAction::Withdraw,
            WithdrawalState::VerifyFirst { .. } => StateAction::VerifyRealName,
            WithdrawalState::AssistancePending | WithdrawalState::AssistanceRejected => {
                StateAction::ContactService
            }
            WithdrawalState::RulesOutdated => StateAction::Reload,
            WithdrawalState::Ended {
                status: ComplaintStatus::Withdrawn,
                ..
            } => StateAction::ViewReceipt,
            WithdrawalState::Ended { .. } => StateAction::FileAgain,
            WithdrawalState::Blocked(blocked) => match blocked.next_step() {
                NextStep::RequestAssistance => StateAction::RequestAssistance,
                NextStep::VerifyRealName => StateAction::VerifyRealName,
                NextStep::AppealToCustomerService => StateAction::ContactService,
                NextStep::FileNewComplaint => StateAction::FileAgain,
                NextStep::Nothing => StateAction::None,
            },
        }
    }

    /// A stable name for tests and styles (`data-state`).
    pub fn code(&self) -> &'static str {
        match self {
            WithdrawalState::Open { .. } => "open",
            WithdrawalState::VerifyFirst { .. } => "verify_first",
            WithdrawalState::AssistancePending => "assistance_pending",
            WithdrawalState::AssistanceRejected => "assistance_rejected",
            WithdrawalState::Blocked(_) => "closed",
            WithdrawalState::Ended { .. } => "ended",
            WithdrawalState::RulesOutdated => "rules_outdated",
        }
    }
}

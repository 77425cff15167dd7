//! The detail page's withdrawal panel: whether the complaint can be withdrawn now and until
//! when, or why not, and the one action that helps — decided again every tick.

use complaint_api::{ComplaintDetail, ComplaintSummary, PressureReportStatus};
use complaint_rules::{assistance_answer_expected_by, Actor, AssistanceStatus, UtcMillis};
use leptos::prelude::*;

use super::progress::CountdownRing;
use super::withdrawal_state::{withdrawal_state, StateActionLink, WithdrawalLine};
use crate::i18n::{tr, use_i18n};
use crate::routes::Page;
use crate::withdrawal::{StateAction, Urgency, WithdrawalState};

#[component]
pub fn EligibilityPanel(
    #[prop(into)] detail: Signal<ComplaintDetail>,
    #[prop(into)] actor: Signal<Actor>,
    #[prop(into)] now: Signal<UtcMillis>,
) -> impl IntoView {
    let i18n = use_i18n();
    let summary = Signal::derive(move || detail.read().summary.clone());
    let state = withdrawal_state(summary, actor, now);
    let id = move || detail.read().summary.id;
    let filed_at = move || detail.read().summary.filed_at;
    let pressure_open = move || {
        detail
            .read()
            .pressure_reports
            .iter()
            .any(|report| report.status == PressureReportStatus::Open)
    };

    // Whether the pending request has waited past the usual response time: then the
    // usual time is no promise to repeat. A memo: the sentence changes once, not every tick.
    let answer_late = Memo::new(move |_| {
        detail
            .read()
            .assistance
            .iter()
            .filter(|request| request.status == AssistanceStatus::Pending)
            .any(|request| now.get() >= assistance_answer_expected_by(request.requested_at))
    });

    // The sentence: only it is live (it changes when the state does, not every tick).
    let sentence = move || {
        let t = i18n.t();
        match state.get() {
            WithdrawalState::Open { .. } => t.detail.eligible.to_owned(),
            WithdrawalState::VerifyFirst { .. } => t.detail.verify_first.to_owned(),
            WithdrawalState::AssistancePending if answer_late.get() => {
                t.detail.assistance_late.to_owned()
            }
            WithdrawalState::AssistancePending => {
                (t.detail.assistance_pending)(complaint_rules::POLICY.assistance_response_hours)
            }
            // Why, in the agent's words, where the shopper looks first.
            WithdrawalState::AssistanceRejected => (t.detail.assistance_rejected)(
                &detail
                    .read()
                    .assistance
                    .iter()
                    .find(|request| request.status == AssistanceStatus::Rejected)
                    .and_then(|request| request.rejection_reason.clone())
                    .unwrap_or_default(),
            ),
            // The state line above already says that it cannot be withdrawn.
            WithdrawalState::Blocked(blocked) => {
                (t.detail.why_not)(&blocked, complaint_rules::POLICY.assistance_response_hours)
            }
            WithdrawalState::RulesOutdated => t.common.rules_outdated.to_owned(),
            WithdrawalState::Ended { status, ending } => (t.detail.ended)(status, ending),
        }
    };
    let actions = move || view! { <StateActions state=state.get() summary=summary.get()/> };

    view! {
        <section class="panel eligibility" aria-labelledby="eligibility-title" data-testid="eligibility"
            data-state=move || state.get().code()
            data-urgency=move || state.get().urgency().map(Urgency::code)>
            <h2 id="eligibility-title" class="panel__title">
                {move || match state.get() {
                    WithdrawalState::Ended { .. } => i18n.t().detail.outcome_title,
                    // Customer service has it (or had it): no longer a self-service matter.
                    WithdrawalState::AssistancePending | WithdrawalState::AssistanceRejected => {
                        i18n.t().assistance.title
                    }
                    _ => i18n.t().detail.eligibility_title,
                }}
            </h2>
            <div class="eligibility__summary">
                <Show when=move || state.get().is_open()>
                    <CountdownRing filed_at=filed_at() now/>
                </Show>
                <div class="eligibility__words">
                    <WithdrawalLine state now/>
                    <p class="eligibility__state" aria-live="polite" data-testid="eligibility-state"
                        data-code=move || state.get().blocked().map(|blocked| blocked.code().as_str())>
                        {sentence}
                    </p>
                </div>
            </div>
            {actions}
            // Nobody may demand a withdrawal: a way to report it, wherever withdrawing is open.
            <Show when=move || !detail.read().summary.status.is_terminal()>
                {move || if pressure_open() {
                    view! { <p class="panel__note" data-testid="pressure-reported">{tr(|t| t.pressure.reported_note)}</p> }.into_any()
                } else {
                    view! {
                        <p class="panel__note">
                            {tr(|t| t.pressure.question)} " "
                            <a href=Page::Pressure(id()).href() data-testid="pressure-link">
                                {tr(|t| t.pressure.report_link)}
                            </a>
                        </p>
                    }
                    .into_any()
                }}
            </Show>
        </section>
    }
}

/// What a state offers: its one primary action and, where one is left, a second way. The
/// same wherever the state is explained (the complaint's panel, the locked form's sheet).
#[component]
pub fn StateActions(
    state: WithdrawalState,
    summary: ComplaintSummary,
    /// Links replace the current history entry (they leave a sheet, whose entry they take).
    #[prop(optional)]
    replace: bool,
) -> impl IntoView {
    let secondary = match state {
        // Verifying may take longer than the window: customer service is the other way.
        WithdrawalState::VerifyFirst { .. } => Some(view! {
            <a href=Page::Assistance(summary.id).href() class="button button--quiet"
                prop:replace=replace data-testid="assistance-link">{tr(|t| t.detail.request_assistance)}</a>
        }
        .into_any()),
        // Not approved: talk it over, or ask again with more to say.
        WithdrawalState::AssistanceRejected => Some(view! {
            <a href=Page::Assistance(summary.id).href() class="button button--quiet"
                prop:replace=replace data-testid="assistance-link">{tr(|t| t.detail.request_again)}</a>
        }
        .into_any()),
        // Past the window (a locked form too): customer service's help, or a word with them.
        WithdrawalState::Blocked(_) if state.action() == StateAction::RequestAssistance => Some(view! {
            <StateActionLink action=StateAction::ContactService summary=summary.clone() quiet=true replace/>
        }
        .into_any()),
        WithdrawalState::Ended { .. } if state.action() == StateAction::ViewReceipt => Some(view! {
            <a href=Page::FileComplaint(summary.order.id).href() class="button button--quiet"
                prop:replace=replace data-testid="file-again-link">{tr(|t| t.detail.file_again)}</a>
        }
        .into_any()),
        _ => None,
    };
    view! {
        <div class="panel__actions">
            <DetailAction state summary replace/>
            {secondary}
        </div>
    }
}

/// The detail page's one action for a state ([`WithdrawalState::action`]). The panel shows it,
/// and the phone's bar repeats it once the panel has scrolled away.
#[component]
pub fn DetailAction(
    state: WithdrawalState,
    summary: ComplaintSummary,
    /// See [`StateActions`].
    #[prop(optional)]
    replace: bool,
) -> impl IntoView {
    match state.action() {
        // Withdrawing is the shopper's option, never the page's push: a second-rank button
        // with the page's words ("撤销投诉"), as quiet as a row's.
        StateAction::Withdraw => view! {
            <a href=Page::Withdraw(summary.id).href() class="button button--quiet"
                prop:replace=replace data-testid="withdraw-link">{tr(|t| t.detail.withdraw)}</a>
        }
        .into_any(),
        StateAction::None => ().into_any(),
        action => view! { <StateActionLink action summary replace/> }.into_any(),
    }
}

/// Whether [`DetailAction`] shows anything for this state.
pub fn offers_action(state: WithdrawalState) -> bool {
    state.action() != StateAction::None
}

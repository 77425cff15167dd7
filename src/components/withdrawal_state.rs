//! A complaint's withdrawal state in words — "可自助撤销 · 12月3日 04:32 前" — and the one
//! action that goes with it. Shown on the list row, the detail page and the forms.

use complaint_api::ComplaintSummary;
use complaint_rules::{Actor, ComplaintStatus, UtcMillis};
use leptos::prelude::*;

use super::icons::{Icon, IconName};
use super::{reload_page, Catalogue};
use crate::api::use_rules_outdated;
use crate::deploy::use_host;
use crate::i18n::Texts;
use crate::routes::Page;
use crate::withdrawal::{StateAction, Urgency, WithdrawalState};

/// The state of `summary` for `actor`, decided again whenever the complaint or the rules'
/// freshness changes, and on each tick of the clock only while time can change it (a list of
/// ended complaints is not decided again every second). Notifies only when the state itself
/// changes (it grows urgent, closes), not on every tick.
pub fn withdrawal_state(
    summary: Signal<ComplaintSummary>,
    actor: Signal<Actor>,
    now: Signal<UtcMillis>,
) -> Memo<WithdrawalState> {
    let outdated = use_rules_outdated();
    Memo::new(move |_| {
        let at = now.get_untracked();
        let state = summary.with(|summary| {
            actor.with(|actor| WithdrawalState::decide(summary, actor, at, outdated.get()))
        });
        if state.changes_with_time() {
            now.track();
        }
        state
    })
}

/// One line: an icon, what the state is in words, until when, and (while open) the time
/// left. Urgency shows as a word and an icon as well as a colour.
#[component]
pub fn WithdrawalLine(
    state: Memo<WithdrawalState>,
    #[prop(into)] now: Signal<UtcMillis>,
    /// Fixed texts for a view rendered again as a whole when the language changes (the
    /// list's rows); else the current language.
    #[prop(optional)]
    texts: Option<&'static Texts>,
) -> impl IntoView {
    let catalogue = Catalogue::new(texts);
    move || {
        let current = state.get();
        let (icon, words) = state_words(catalogue.get(), current);
        let (urgency, deadline, remaining) = match current {
            WithdrawalState::Open { deadline, urgency } => (
                Some(urgency.code()),
                Some(deadline.0),
                Some(move || (catalogue.get().window_remaining)(now.get().until(deadline))),
            ),
            _ => (None, None, None),
        };
        view! {
            <p
                class="wstate"
                data-testid="withdrawal-state"
                data-state=current.code()
                data-code=current.blocked().map(|blocked| blocked.code().as_str())
                data-urgency=urgency
                data-deadline=deadline
            >
                <Icon name=icon/>
                <span class="wstate__words">{words}</span>
                {remaining.map(|remaining| view! {
                    <span class="wstate__left" role="timer">{remaining}</span>
                })}
            </p>
        }
    }
}

/// What a state says in one line, with its icon: the state line, and the phone's bar that
/// repeats it on the complaint's page.
pub fn state_words(t: &'static Texts, state: WithdrawalState) -> (IconName, String) {
    match state {
        WithdrawalState::Open { deadline, urgency } => (
            match urgency {
                Urgency::Normal => IconName::Clock,
                Urgency::Warning => IconName::Hourglass,
                Urgency::Critical => IconName::Alert,
            },
            (t.state.open)(urgency, &(t.date_short)(deadline)),
        ),
        WithdrawalState::VerifyFirst { window_until } => (
            IconName::Shield,
            (t.state.verify_first)(&(t.date_short)(window_until)),
        ),
        WithdrawalState::AssistancePending => {
            (IconName::Headset, t.state.assistance_pending.to_owned())
        }
        WithdrawalState::AssistanceRejected => {
            (IconName::Headset, t.state.assistance_rejected.to_owned())
        }
        // How it ended, in its own words: never a refusal's.
        WithdrawalState::Ended { status, ending } => (
            match status {
                ComplaintStatus::Withdrawn => IconName::CheckCircle,
                _ => IconName::Flag,
            },
            (t.state.ended)(status, ending),
        ),
        WithdrawalState::Blocked(blocked) => {
            (IconName::Lock, (t.blocked_short)(&blocked).to_owned())
        }
        WithdrawalState::RulesOutdated => (IconName::Info, t.common.rules_outdated.to_owned()),
    }
}

/// The one action for a state, as a link (or, for a reload, a button). `quiet` styles it as
/// a secondary action (rows); the detail page shows it as the primary one.
#[component]
pub fn StateActionLink(
    action: StateAction,
    summary: ComplaintSummary,
    #[prop(optional)] texts: Option<&'static Texts>,
    #[prop(optional)] quiet: bool,
    /// The link replaces the current history entry (it leaves a sheet, whose entry it takes).
    #[prop(optional)]
    replace: bool,
) -> impl IntoView {
    let catalogue = Catalogue::new(texts);
    let host = use_host();
    let id = summary.id;
    let href = match action {
        StateAction::Withdraw => Some(Page::Withdraw(id).href()),
        StateAction::VerifyRealName => Some(host.verify_real_name_href()),
        StateAction::RequestAssistance => Some(Page::Assistance(id).href()),
        StateAction::ContactService => Some(host.customer_service_href(id)),
        StateAction::ViewReceipt => Some(Page::Receipt(id).href()),
        StateAction::FileAgain => Some(Page::FileComplaint(summary.order.id).href()),
        StateAction::Reload | StateAction::None => None,
    };
    let class = if quiet {
        "button button--quiet"
    } else {
        "button button--primary"
    };
    let label = catalogue.text(action, |t, action| (t.state.action)(action));
    let testid = action_testid(action);
    match (action, href) {
        (StateAction::Reload, _) => view! {
            <button type="button" class=class data-testid=testid on:click=|_| reload_page()>{label}</button>
        }
        .into_any(),
        (_, Some(href)) => {
            view! { <a href=href class=class prop:replace=replace data-testid=testid>{label}</a> }
                .into_any()
        }
        (_, None) => ().into_any(),
    }
}

/// The `data-testid` of an action's control, the same wherever it is shown.
fn action_testid(action: StateAction) -> &'static str {
    match action {
        StateAction::Withdraw => "withdraw-link",
        StateAction::VerifyRealName => "verify-link",
        StateAction::RequestAssistance => "assistance-link",
        StateAction::ContactService => "contact-service-link",
        StateAction::ViewReceipt => "receipt-link",
        StateAction::FileAgain => "file-again-link",
        StateAction::Reload => "reload",
        StateAction::None => "no-action",
    }
}

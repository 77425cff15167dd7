//! 撤销投诉: the withdrawal form. The rules run here before anything is sent, on the
//! server-corrected clock, and again whenever the complaint or the time changes: the form
//! warns before the deadline, locks itself at it (or when the complaint enters arbitration
//! while open), and then offers the way on with what was typed.
//!
//! Short for the common case: the reason, the refund question only for "resolved", then the
//! confirmation, which is also where the user affirms the choice is their own.

use complaint_api::{ComplaintDetail, ComplaintId, ErrorDetail, WithdrawalRequest};
use complaint_rules::{check_withdrawal, UtcMillis};
use leptos::prelude::*;

use super::complaint::ComplaintForm;
use crate::api::{new_idempotency_key, use_api, use_rules_outdated, Api, ApiFailure, ApiResult};
use crate::clock::use_clock;
use crate::components::{
    focus_element, leave_sheet_then, set_page_title, use_back_closes, withdrawal_state, BackLink,
    BarLayout, ConfirmDialog, Icon, IconName, PageTitle, ProductHeader, ReasonNoteFields,
    RemedyQuestion, StateActions, StickyBar, Submission, WithdrawalLine, WithdrawalSummary,
};
use crate::drafts::withdrawal_words;
use crate::forms::{IdempotencyKeys, ReasonNote, WithdrawalDraft};
use crate::i18n::{tr, use_i18n};
use crate::routes::{use_go, Page};
use crate::session::use_session;
use crate::sleep::sleep_ms;
use crate::withdrawal::{WithdrawalState, CRITICAL_BEFORE_MS, LAST_CALL_BEFORE_MS};

/// Attempts for one withdrawal when the network fails, all with the same idempotency key.
const SEND_ATTEMPTS: u32 = 3;

#[component]
pub fn WithdrawPage() -> impl IntoView {
    view! { <ComplaintForm form=|current| view! { <WithdrawForm current/> }.into_any()/> }
}

#[component]
fn WithdrawForm(current: RwSignal<ComplaintDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let clock = use_clock();
    let actor = use_session().actor();
    let go = use_go();
    let outdated = use_rules_outdated();

    let id: ComplaintId = current.get_untracked().summary.id;
    let summary = Memo::new(move |_| current.read().summary.clone());
    let state = withdrawal_state(summary.into(), actor, clock.signal());
    let locked = Memo::new(move |_| !state.get().is_open());
    set_page_title(move || Some(i18n.t().withdraw.title.to_owned()));

    let kept = withdrawal_words(id);
    let draft = RwSignal::new(WithdrawalDraft::with_words(kept.load()));
    Effect::new(move |_| kept.save(&draft.read().words));
    let keys = StoredValue::new(IdempotencyKeys::default());
    let dialog_open = RwSignal::new(false);
    // Withdrawn by this form: on its way to the receipt.
    let withdrawn = RwSignal::new(false);
    // Back closed the dialog: the form is as it was, and the bar says so.
    let back_from_dialog = RwSignal::new(false);
    let outcome = RwSignal::new(None::<ApiFailure>);
    // Confirmed in the very last moment, after the deadline had passed: nothing was sent.
    let too_late = RwSignal::new(false);

    // A success leaves the dialog for the receipt; a failure keeps it open, with the failure
    // and "retry" where the shopper is looking.
    let send = Submission::answered_by(
        move |request: WithdrawalRequest| {
            let api = api.clone();
            let key = keys
                .try_update_value(|keys| keys.key_for(&request, new_idempotency_key))
                .unwrap_or_default();
            async move { send_with_retries(&api, id, &request, &key).await }
        },
        move |detail: ComplaintDetail| {
            withdrawal_words(id).forget();
            withdrawn.set(true);
            current.set(detail);
            let go = go.clone();
            leave_sheet_then(move || go(Page::Receipt(id), true));
            dialog_open.set(false);
        },
        move |failure| {
            if !failure.is_transient() {
                keys.update_value(IdempotencyKeys::forget);
            }
            if let Some(ErrorDetail::Conflict { current: now }) = failure.detail() {
                current.set((**now).clone());
            }
            outcome.set(Some(failure.clone()));
        },
    );
    let sending = send.pending();

    // Close the dialog if the complaint becomes impossible to withdraw while it is open.
    Effect::new(move |_| {
        if locked.get() && !sending.get_untracked() {
            dialog_open.set(false);
        }
    });

    let on_submit = move |event: web_sys::SubmitEvent| {
        event.prevent_default();
        draft.update(|draft| draft.attempted = true);
        if locked.get_untracked() {
            return;
        }
        match draft.with_untracked(WithdrawalDraft::first_problem) {
            Some(field) => focus_element(&field.element_id()),
            None => {
                outcome.set(None);
                back_from_dialog.set(false);
                dialog_open.set(true);
            }
        }
    };
    let on_confirm = Callback::new(move |()| {
        if sending.get_untracked() || outdated.get_untracked() {
            return;
        }
        // Decide again at the moment of sending: the rules, not the button, say whether to.
        let facts = summary.with_untracked(|summary| summary.facts());
        if check_withdrawal(&facts, &actor.get_untracked(), clock.now_untracked()).is_err() {
            too_late.set(true);
            dialog_open.set(false);
            return;
        }
        let version = summary.with_untracked(|summary| summary.version);
        if let Some(request) = draft.with_untracked(|draft| draft.request(version)) {
            send.send(request);
        }
    });
    let on_cancel = Callback::new(move |()| dialog_open.set(false));
    let on_back = Callback::new(move |()| {
        dialog_open.set(false);
        back_from_dialog.set(true);
    });
    // The lock sheet, until the shopper dismisses it (the bar then keeps a way back to it);
    // never on the way to the receipt of the withdrawal just made.
    let lock_dismissed = RwSignal::new(false);
    let lock_shown = Signal::derive(move || {
        (locked.get() || too_late.get()) && !lock_dismissed.get() && !withdrawn.get()
    });
    let typed = Signal::derive(move || draft.read().words != ReasonNote::default());
    use_back_closes(lock_shown, move || {
        lock_dismissed.set(true);
        true
    });
    let disabled = Signal::derive(move || locked.get() || sending.get());
    let attempted = Signal::derive(move || draft.read().attempted);

    view! {
        <article class="form-page withdraw" data-testid="withdraw-page" data-locked=move || locked.get().to_string()>
            <BackLink href=Page::Complaint(id).href() label=tr(|t| t.detail.back_to_complaint)/>
            <PageTitle>{tr(|t| t.withdraw.title)}</PageTitle>
            {move || view! { <ProductHeader order=summary.get().order/> }}
            <WithdrawalLine state now=clock.signal()/>

            <form novalidate on:submit=on_submit data-testid="withdraw-form" class="form">
                <ReasonNoteFields
                    words=Signal::derive(move || draft.read().words.clone())
                    on_change=Callback::new(move |words| draft.update(|draft| draft.words = words))
                    disabled
                    attempted
                    note_testid="note"
                >
                    <Show when=move || draft.read().asks_remedy()>
                        <RemedyQuestion draft disabled complaint=id/>
                    </Show>
                </ReasonNoteFields>

                <section class="consequences" aria-labelledby="consequences-title">
                    <h2 id="consequences-title">{tr(|t| t.withdraw.consequences_title)}</h2>
                    <ul>{move || i18n.t().withdraw.consequences.iter().map(|item| view! { <li>{*item}</li> }).collect_view()}</ul>
                </section>

                <StickyBar layout=BarLayout::Stacked>
                    <DeadlineWarning state now=clock.signal()/>
                    <Show when=move || back_from_dialog.get() && !locked.get()>
                        <p class="sticky-bar__status" role="status" data-testid="draft-kept">
                            {tr(|t| t.withdraw.back_kept)}
                        </p>
                    </Show>
                    <Show when=move || (locked.get() || too_late.get()) && lock_dismissed.get()>
                        <p class="sticky-bar__status" data-testid="lock-reminder">
                            {tr(|t| t.withdraw.locked)} " "
                            <button type="button" class="link-button" data-testid="lock-reopen"
                                on:click=move |_| lock_dismissed.set(false)>
                                {tr(|t| t.withdraw.lock_reopen)}
                            </button>
                        </p>
                    </Show>
                    <button type="submit" class="button button--danger button--block" data-testid="withdraw-submit"
                        prop:disabled=disabled>
                        {tr(|t| t.withdraw.submit)}
                    </button>
                </StickyBar>
            </form>

            <Show when=move || lock_shown.get()>
                <LockSheet state summary=Signal::from(summary) too_late typed
                    on_dismiss=Callback::new(move |()| lock_dismissed.set(true))/>
            </Show>

            <ConfirmDialog
                open=dialog_open
                title=Signal::derive(move || i18n.t().withdraw.confirm_title)
                confirm_label=Signal::derive(move || if sending.get() { i18n.t().common.sending } else { i18n.t().withdraw.confirm })
                busy=sending
                cancel_label=Signal::derive(move || i18n.t().withdraw.think_again)
                failure=outcome
                on_confirm
                on_cancel
                on_back
            >
                {move || changed_to(outcome.get()).map(|status| view! {
                    <p class="notice notice--warning" data-testid="conflict-status">
                        {move || (i18n.t().withdraw.changed_to)((i18n.t().status)(status))}
                    </p>
                })}
                <WithdrawalSummary order=Signal::derive(move || summary.read().order.clone())
                    draft=Signal::from(draft) complaint=id/>
            </ConfirmDialog>
        </article>
    }
}

/// Inside the open form, near its button: five minutes before the deadline a polite
/// warning, one minute before an assertive one, each said once.
#[component]
fn DeadlineWarning(
    state: Memo<WithdrawalState>,
    #[prop(into)] now: Signal<UtcMillis>,
) -> impl IntoView {
    let i18n = use_i18n();
    let phase = Memo::new(move |_| match state.get() {
        WithdrawalState::Open { deadline, .. } => {
            let left = now.get().until(deadline);
            if left < LAST_CALL_BEFORE_MS {
                Some((true, deadline))
            } else if left < CRITICAL_BEFORE_MS {
                Some((false, deadline))
            } else {
                None
            }
        }
        _ => None,
    });
    view! {
        <p class="deadline-warning" aria-live="polite" data-testid="deadline-warning-polite">
            {move || phase.get().filter(|(last, _)| !last).map(|(_, deadline)| {
                (i18n.t().withdraw.warn_minutes)(CRITICAL_BEFORE_MS, &(i18n.t().date_short)(deadline))
            })}
        </p>
        <p class="deadline-warning deadline-warning--last" aria-live="assertive" data-testid="deadline-warning-assertive">
            {move || phase.get().filter(|(last, _)| *last).map(|(_, deadline)| {
                (i18n.t().withdraw.warn_minutes)(LAST_CALL_BEFORE_MS, &(i18n.t().date_short)(deadline))
            })}
        </p>
    }
}

/// Where the user is looking when the form locks (the bottom of the screen): why, the same
/// ways on as the complaint's page offers (usually customer service, taking what was typed
/// along), and that what was typed is kept — when something was. Dismissible, by its close
/// button and by Back (the form gives it a history entry).
#[component]
fn LockSheet(
    state: Memo<WithdrawalState>,
    summary: Signal<complaint_api::ComplaintSummary>,
    too_late: RwSignal<bool>,
    /// Something was typed on the form (only then is it said to be kept).
    typed: Signal<bool>,
    on_dismiss: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Confirmed after the deadline, before the next tick closed the form: the state the
    // next tick will show.
    let shown = Memo::new(move |_| match state.get() {
        WithdrawalState::Open { deadline, .. } => {
            WithdrawalState::Blocked(complaint_rules::Blocked::WindowExpired { deadline })
        }
        other => other,
    });
    let reason = move || match shown.get() {
        WithdrawalState::Blocked(blocked) => (i18n.t().detail.blocked)(&blocked),
        WithdrawalState::VerifyFirst { .. } => i18n.t().detail.verify_first.to_owned(),
        WithdrawalState::AssistancePending => {
            (i18n.t().detail.assistance_pending)(complaint_rules::POLICY.assistance_response_hours)
        }
        WithdrawalState::AssistanceRejected => i18n.t().state.assistance_rejected.to_owned(),
        WithdrawalState::RulesOutdated => i18n.t().common.rules_outdated.to_owned(),
        WithdrawalState::Ended { status, ending } => (i18n.t().detail.ended)(status, ending),
        WithdrawalState::Open { .. } => unreachable!("an open window is shown as expired"),
    };
    let code = move || {
        let shown = shown.get();
        shown
            .blocked()
            .map(|blocked| blocked.code().as_str())
            .unwrap_or(shown.code())
    };
    view! {
        <div class="lock-sheet" role="alert" data-testid="lock-notice" data-code=code>
            <div class="lock-sheet__head">
                <p class="lock-sheet__title"><Icon name=IconName::Lock/> {tr(|t| t.withdraw.locked)}</p>
                <button type="button" class="icon-button" data-testid="lock-dismiss"
                    aria-label=tr(|t| t.common.close) on:click=move |_| on_dismiss.run(())>
                    <Icon name=IconName::Close/>
                </button>
            </div>
            <Show when=move || too_late.get()>
                <p data-testid="too-late">{tr(|t| t.withdraw.too_late)}</p>
            </Show>
            <p>{reason}</p>
            <Show when=move || typed.get()>
                <p class="lock-sheet__kept" data-testid="lock-kept">{tr(|t| t.withdraw.draft_kept)}</p>
            </Show>
            {move || view! { <StateActions state=shown.get() summary=summary.get() replace=true/> }}
        </div>
    }
}

/// The status a conflict found the complaint in, if the failure is one.
fn changed_to(failure: Option<ApiFailure>) -> Option<complaint_rules::ComplaintStatus> {
    match failure?.detail()? {
        ErrorDetail::Conflict { current } => Some(current.summary.status),
        _ => None,
    }
}

/// Sends the withdrawal, retrying network failures with the same idempotency key: the server
/// applies it at most once whatever arrived.
async fn send_with_retries(
    api: &Api,
    id: ComplaintId,
    request: &WithdrawalRequest,
    key: &str,
) -> ApiResult<ComplaintDetail> {
    let mut attempt = 1;
    loop {
        match api.withdraw(id, request, key).await {
            Err(failure) if failure.is_transient() && attempt < SEND_ATTEMPTS => {
                sleep_ms(500 * attempt).await;
                attempt += 1;
            }
            result => return result,
        }
    }
}

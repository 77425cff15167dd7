//! 撤销投诉: the withdrawal form. The rules run here before anything is sent, on the
//! server-corrected clock, and again whenever the complaint or the time changes: the form
//! warns before the deadline, locks itself at it (or when the complaint enters arbitration
//! while open), and then offers the way on with what was typed.
//!
//! Short for the common case: the reason, the refund question only for "resolved", then the
//! confirmation, which is also where the user affirms the choice is their own.

use complaint_api::{ComplaintDetail, ComplaintId, ErrorDetail, RevokeRequest};
use complaint_rules::{check_revoke, ErrorCode, UtcMillis};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::complaint::{complaint_resource, use_complaint_id};
use super::{Missing, NotFoundPage};
use crate::api::{use_api, use_rules_outdated, Api, ApiFailure, ApiResult};
use crate::clock::use_clock;
use crate::components::{
    failure_message, set_page_title, withdrawal_state, BackLink, BarLayout, ConfirmDialog,
    FailureNotice, Icon, IconName, NextActionLink, PageTitle, ProductHeader, ProductThumb,
    ReasonNoteFields, SkeletonRows, StickyBar, WithdrawalLine,
};
use crate::deploy::app_path;
use crate::forms::{
    focus_element, forget_words, keep_words, kept_words, DraftField, IdempotencyKeys, Remedy,
    RevocationDraft,
};
use crate::i18n::{tr, use_i18n, Texts};
use crate::session::use_session;
use crate::sleep::sleep_ms;
use crate::withdrawal::{WithdrawalState, CRITICAL_BEFORE_MS, LAST_CALL_BEFORE_MS};

/// Attempts for one withdrawal when the network fails, all with the same idempotency key.
const SEND_ATTEMPTS: u32 = 3;

/// The first answer about the complaint of the URL: the form is built from it.
#[derive(Clone, PartialEq)]
enum FirstAnswer {
    Complaint(ComplaintDetail),
    /// None with this number, one that is not the user's (the server answers the same), or
    /// no number in the URL at all.
    NoSuchComplaint,
    Failed(ApiFailure),
}

#[component]
pub fn WithdrawPage() -> impl IntoView {
    let complaint = complaint_resource(use_complaint_id());
    // The form is built once, from the first answer; later answers (live updates) replace
    // the complaint it reads, and keep what the user typed.
    let first = Memo::new(move |_| {
        complaint.get().map(|answer| match answer {
            Some(Ok(detail)) => FirstAnswer::Complaint(detail),
            Some(Err(failure)) if failure.code() != Some(ErrorCode::NotFound) => {
                FirstAnswer::Failed(failure)
            }
            Some(Err(_)) | None => FirstAnswer::NoSuchComplaint,
        })
    });
    let loaded =
        Memo::new(move |_| first.with(|first| matches!(first, Some(FirstAnswer::Complaint(_)))));
    view! {
        {move || match first.get() {
            None => view! { <section class="form-page"><SkeletonRows rows=3/></section> }.into_any(),
            Some(FirstAnswer::NoSuchComplaint) => view! { <NotFoundPage missing=Missing::Complaint/> }.into_any(),
            Some(FirstAnswer::Failed(failure)) => view! { <section class="form-page"><FailureNotice failure/></section> }.into_any(),
            Some(FirstAnswer::Complaint(_)) => ().into_any(),
        }}
        <Show when=move || loaded.get()>
            {move || {
                let Some(FirstAnswer::Complaint(detail)) = first.get_untracked() else {
                    return None;
                };
                let current = RwSignal::new(detail);
                Effect::new(move |_| {
                    if let Some(Some(Ok(detail))) = complaint.get() {
                        current.set(detail);
                    }
                });
                Some(view! { <WithdrawForm current/> })
            }}
        </Show>
    }
}

#[component]
fn WithdrawForm(current: RwSignal<ComplaintDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let clock = use_clock();
    let actor = use_session().actor();
    let navigate = use_navigate();
    let outdated = use_rules_outdated();

    let id: ComplaintId = current.get_untracked().summary.id;
    let summary = Memo::new(move |_| current.read().summary.clone());
    let state = withdrawal_state(summary.into(), actor, clock.signal());
    let locked = Memo::new(move |_| !state.get().is_open());
    set_page_title(move || Some(i18n.t().withdraw.title.to_owned()));

    let draft = RwSignal::new(RevocationDraft::with_words(kept_words(id)));
    Effect::new(move |_| keep_words(id, &draft.read().words));
    let keys = StoredValue::new(IdempotencyKeys::default());
    let dialog_open = RwSignal::new(false);
    let outcome = RwSignal::new(None::<ApiFailure>);
    // Confirmed in the very last moment, after the deadline had passed: nothing was sent.
    let too_late = RwSignal::new(false);

    let send = Action::new_local(move |request: &RevokeRequest| {
        let api = api.clone();
        let request = request.clone();
        let key = keys
            .try_update_value(|keys| keys.key_for(&request))
            .unwrap_or_default();
        async move { send_with_retries(&api, id, &request, &key).await }
    });
    let sending = send.pending();

    // The answer to a sent withdrawal.
    Effect::new(move |_| {
        let Some(result) = send.value().get() else {
            return;
        };
        dialog_open.set(false);
        match result {
            Ok(detail) => {
                forget_words(id);
                current.set(detail);
                navigate(
                    &format!("/complaints/{id}/receipt"),
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
            Err(failure) => {
                if !failure.is_transient() {
                    keys.update_value(IdempotencyKeys::forget);
                }
                if let Some(ErrorDetail::Conflict { current: now }) = failure.detail() {
                    current.set((**now).clone());
                }
                outcome.set(Some(failure));
            }
        }
    });

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
        match draft.with_untracked(RevocationDraft::first_problem) {
            Some(field) => focus_element(&field.element_id()),
            None => {
                outcome.set(None);
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
        if check_revoke(&facts, &actor.get_untracked(), clock.now_untracked()).is_err() {
            too_late.set(true);
            dialog_open.set(false);
            return;
        }
        let version = summary.with_untracked(|summary| summary.version);
        if let Some(request) = draft.with_untracked(|draft| draft.request(version)) {
            send.dispatch(request);
        }
    });
    let on_cancel = Callback::new(move |()| dialog_open.set(false));
    let disabled = Signal::derive(move || locked.get() || sending.get());
    let attempted = Signal::derive(move || draft.read().attempted);

    view! {
        <article class="form-page withdraw" data-testid="withdraw-page" data-locked=move || locked.get().to_string()>
            <BackLink href=app_path(&format!("/complaints/{id}")) label=tr(|t| t.detail.back_to_complaint)/>
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
                        <RemedyQuestion draft disabled complaint_href=app_path(&format!("/complaints/{id}"))/>
                    </Show>
                </ReasonNoteFields>

                <section class="consequences" aria-labelledby="consequences-title">
                    <h2 id="consequences-title">{tr(|t| t.withdraw.consequences_title)}</h2>
                    <ul>{move || i18n.t().withdraw.consequences.iter().map(|item| view! { <li>{*item}</li> }).collect_view()}</ul>
                </section>

                {move || outcome.get().map(|failure| view! { <OutcomeNotice failure/> })}

                <StickyBar layout=BarLayout::Stacked>
                    <DeadlineWarning state now=clock.signal()/>
                    <button type="submit" class="button button--danger button--block" data-testid="withdraw-submit"
                        prop:disabled=disabled>
                        {tr(|t| t.withdraw.submit)}
                    </button>
                </StickyBar>
            </form>

            <Show when=move || locked.get() || too_late.get()>
                <LockSheet state summary=Signal::from(summary) too_late/>
            </Show>

            <ConfirmDialog
                open=dialog_open
                title=Signal::derive(move || i18n.t().withdraw.confirm_title)
                confirm_label=Signal::derive(move || if sending.get() { i18n.t().common.sending } else { i18n.t().withdraw.confirm })
                busy=sending
                cancel_label=Signal::derive(move || i18n.t().withdraw.think_again)
                on_confirm
                on_cancel
            >
                <div class="confirm-product">
                    {move || {
                        let order = summary.get().order;
                        view! {
                            <ProductThumb image=order.image.clone()/>
                            <p><strong>{order.title.clone()}</strong><br/><span class="muted">{order.shop.clone()}</span></p>
                        }
                    }}
                </div>
                <dl class="facts facts--compact">
                    <dt>{tr(|t| t.withdraw.reason_label)}</dt>
                    <dd data-testid="confirm-reason">{move || draft.read().words.reason.map(|reason| (i18n.t().reason)(reason))}</dd>
                    {move || draft.read().answered_remedy().map(|remedy| view! {
                        <dt>{tr(|t| t.withdraw.remedy_label)}</dt>
                        <dd data-testid="confirm-remedy">{move || remedy_answer(i18n.t(), remedy)}</dd>
                    })}
                    <Show when=move || !draft.read().words.note.trim().is_empty()>
                        <dt>{tr(|t| t.withdraw.note_label)}</dt>
                        <dd class="facts__text">{move || draft.read().words.note.trim().to_owned()}</dd>
                    </Show>
                </dl>
                <p class="confirm-irreversible">{tr(|t| t.withdraw.confirm_body)}</p>
                <div class="confirm-voluntary" data-testid="confirm-voluntary">
                    <Icon name=IconName::Shield/>
                    <div>
                        <p>{tr(|t| t.withdraw.voluntary)}</p>
                        <a href=app_path(&format!("/complaints/{id}/pressure")) class="confirm-voluntary__link"
                            data-testid="dialog-pressure-link">
                            {tr(|t| t.withdraw.voluntary_report)}
                        </a>
                    </div>
                </div>
                // Right before the tap, what the receipt will say it did not change.
                <p class="confirm-no-effect" data-testid="confirm-no-effect">{tr(|t| t.receipt.done_sub)}</p>
            </ConfirmDialog>
        </article>
    }
}

/// "Has the refund or replacement arrived?", for a settlement; if not yet, the advice to
/// wait, keeping the complaint as the first choice, and an explicit "I still withdraw".
#[component]
fn RemedyQuestion(
    draft: RwSignal<RevocationDraft>,
    #[prop(into)] disabled: Signal<bool>,
    complaint_href: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let choice =
        move |value: Remedy, id: &'static str, label: fn(&'static Texts) -> &'static str| {
            view! {
                <label class="choice choice--inline" for=id>
                    <input type="radio" name="remedy" id=id data-testid=id
                        prop:checked=move || draft.read().remedy == Some(value)
                        on:change=move |_| draft.update(|draft| draft.remedy = Some(value))/>
                    <span>{move || label(i18n.t())}</span>
                </label>
            }
        };
    let missing = move || draft.read().has_problem(DraftField::Remedy);
    let must_accept = move || draft.read().has_problem(DraftField::AcceptRisk);
    view! {
        <fieldset class="field" data-testid="safeguards" prop:disabled=disabled
            aria-describedby="remedy-error" aria-invalid=move || missing().to_string()>
            <legend>{tr(|t| t.withdraw.remedy_question)}</legend>
            <div class="choices-row">
                {choice(Remedy::Arrived, "remedy-arrived", |t| remedy_answer(t, Remedy::Arrived))}
                {choice(Remedy::NotYet, "remedy-not-yet", |t| remedy_answer(t, Remedy::NotYet))}
                {choice(Remedy::NotApplicable, "remedy-not-applicable", |t| remedy_answer(t, Remedy::NotApplicable))}
            </div>
            <p id="remedy-error" class="field__error" role="alert">
                {move || missing().then(|| i18n.t().withdraw.answer_required)}
            </p>
            <Show when=move || draft.read().needs_risk_acceptance()>
                <div class="notice notice--warning" data-testid="remedy-warning">
                    <p>{tr(|t| t.withdraw.remedy_warning)}</p>
                    <a href=complaint_href.clone() class="button button--primary" data-testid="keep-complaint">
                        {tr(|t| t.withdraw.keep_complaint)}
                    </a>
                    <label class="choice choice--check" for="accept-risk">
                        <input type="checkbox" id="accept-risk" data-testid="accept-risk"
                            aria-invalid=move || must_accept().to_string()
                            aria-describedby="accept-risk-error"
                            prop:checked=move || draft.read().accept_risk
                            on:change=move |event| {
                                let checked = event_target_checked(&event);
                                draft.update(|draft| draft.accept_risk = checked);
                            }/>
                        <span>{tr(|t| t.withdraw.accept_risk)}</span>
                    </label>
                    <p id="accept-risk-error" class="field__error" role="alert">
                        {move || must_accept().then(|| i18n.t().withdraw.check_required)}
                    </p>
                </div>
            </Show>
        </fieldset>
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

/// Where the user is looking when the form locks (the bottom of the screen): why, that what
/// they typed is kept, and one tap on — usually to customer service with those words.
#[component]
fn LockSheet(
    state: Memo<WithdrawalState>,
    summary: Signal<complaint_api::ComplaintSummary>,
    too_late: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = move || match state.get() {
        WithdrawalState::Blocked(blocked) => (i18n.t().detail.blocked)(&blocked),
        WithdrawalState::VerifyFirst { .. } => {
            (i18n.t().detail.blocked)(&complaint_rules::Blocked::NotVerified)
        }
        WithdrawalState::AssistancePending => {
            (i18n.t().detail.assistance_pending)(complaint_rules::POLICY.assistance_response_hours)
        }
        WithdrawalState::RulesOutdated => i18n.t().common.rules_outdated.to_owned(),
        // Confirmed after the deadline, before the next tick closed the form.
        WithdrawalState::Open { .. } => {
            (i18n.t().common.error)(complaint_rules::ErrorCode::WindowExpired).to_owned()
        }
    };
    let code = move || match state.get() {
        WithdrawalState::Open { .. } => Some("window_expired"),
        other => other
            .blocked()
            .map(|blocked| blocked.code().as_str())
            .or(Some(other.code())),
    };
    view! {
        <div class="lock-sheet" role="alert" data-testid="lock-notice" data-code=code>
            <p class="lock-sheet__title"><Icon name=IconName::Lock/> {tr(|t| t.withdraw.locked)}</p>
            <Show when=move || too_late.get()>
                <p data-testid="too-late">{tr(|t| t.withdraw.too_late)}</p>
            </Show>
            <p>{reason}</p>
            <p class="lock-sheet__kept">{tr(|t| t.withdraw.draft_kept)}</p>
            {move || {
                // After the deadline the form's own state may not have caught up yet.
                let action = match state.get() {
                    WithdrawalState::Open { .. } => crate::withdrawal::NextAction::RequestAssistance,
                    other => other.next_action(),
                };
                view! { <NextActionLink action summary=summary.get()/> }
            }}
        </div>
    }
}

/// Sends the withdrawal, retrying network failures with the same idempotency key: the server
/// applies it at most once whatever arrived.
async fn send_with_retries(
    api: &Api,
    id: ComplaintId,
    request: &RevokeRequest,
    key: &str,
) -> ApiResult<ComplaintDetail> {
    let mut attempt = 1;
    loop {
        match api.revoke(id, request, key).await {
            Err(failure) if failure.is_transient() && attempt < SEND_ATTEMPTS => {
                sleep_ms(500 * attempt).await;
                attempt += 1;
            }
            result => return result,
        }
    }
}

/// Why the last attempt did not withdraw the complaint, and what changed if it was a conflict.
#[component]
fn OutcomeNotice(failure: ApiFailure) -> impl IntoView {
    let i18n = use_i18n();
    let changed_to = match failure.detail() {
        Some(ErrorDetail::Conflict { current }) => Some(current.summary.status),
        _ => None,
    };
    let transient = failure.is_transient();
    let code = failure.code().map(|code| code.as_str());
    view! {
        <div class="notice notice--error" role="alert" data-testid="withdraw-outcome" data-code=code>
            <p>{move || failure_message(i18n.t(), &failure)}</p>
            {changed_to.map(|status| view! {
                <p data-testid="conflict-status">{move || (i18n.t().withdraw.changed_to)((i18n.t().status)(status))}</p>
            })}
            {transient.then(|| view! { <p>{tr(|t| t.withdraw.retry_hint)}</p> })}
        </div>
    }
}

/// The words of an answer to the remedy question, on the form and in the confirmation.
fn remedy_answer(t: &'static Texts, remedy: Remedy) -> &'static str {
    match remedy {
        Remedy::Arrived => t.withdraw.remedy_arrived,
        Remedy::NotYet => t.withdraw.remedy_not_yet,
        Remedy::NotApplicable => t.withdraw.remedy_not_applicable,
    }
}

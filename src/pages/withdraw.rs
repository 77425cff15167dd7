//! 撤销投诉: the withdrawal form. The rules run here before anything is sent, on the
//! server-corrected clock, and again whenever the complaint or the time changes, so the form
//! locks itself at the deadline or when the complaint enters arbitration while open.

use complaint_api::{ComplaintDetail, ComplaintId, ErrorDetail, RevokeRequest};
use complaint_rules::{
    check_revoke, validate_revocation, ErrorCode, RevokeReason, TextProblem, POLICY,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::complaint::{complaint_resource, use_complaint_id};
use super::NotFoundPage;
use crate::api::{new_idempotency_key, use_api, ApiFailure, ApiResult};
use crate::clock::use_clock;
use crate::components::{
    failure_message, ConfirmDialog, CountedText, FailureNotice, ReasonPicker, SkeletonRows,
    WindowBadge,
};
use crate::deploy::app_path;
use crate::i18n::{tr, use_i18n};
use crate::session::use_session;
use crate::sleep::sleep_ms;

/// Has what the seller promised actually arrived?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Remedy {
    Arrived,
    NotYet,
    NotApplicable,
}

/// Is the withdrawal the user's own choice?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pressure {
    Voluntary,
    Pressured,
}

/// Attempts for one withdrawal when the network fails, all with the same idempotency key.
const SEND_ATTEMPTS: u32 = 3;

#[component]
pub fn WithdrawPage() -> impl IntoView {
    let id = use_complaint_id();
    let complaint = complaint_resource(id);
    // The latest complaint lives in a signal the form reads, rather than the form being
    // rebuilt on every reload: a live update then changes the facts the rules see while
    // keeping what the user typed.
    let current = RwSignal::new(None::<ComplaintDetail>);
    let load_failure = RwSignal::new(None::<ApiFailure>);
    let missing = RwSignal::new(false);
    Effect::new(move |_| match complaint.get() {
        Some(Some(Ok(detail))) => current.set(Some(detail)),
        Some(Some(Err(failure))) if failure.code() == Some(ErrorCode::NotFound) => {
            missing.set(true)
        }
        Some(Some(Err(failure))) => load_failure.set(Some(failure)),
        Some(None) => missing.set(true),
        None => {}
    });

    view! {
        <Show when=move || !missing.get() fallback=NotFoundPage>
            <Show
                when=move || current.with(Option::is_some)
                fallback=move || match load_failure.get() {
                    Some(failure) => view! { <section class="page"><FailureNotice failure/></section> }.into_any(),
                    None => view! { <section class="page"><SkeletonRows rows=3/></section> }.into_any(),
                }
            >
                <WithdrawForm current/>
            </Show>
        </Show>
    }
}

#[component]
fn WithdrawForm(current: RwSignal<Option<ComplaintDetail>>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let clock = use_clock();
    let actor = use_session().actor();
    let navigate = use_navigate();

    let summary = Memo::new(move |_| current.read().as_ref().map(|detail| detail.summary.clone()));
    let id = move || {
        summary
            .read()
            .as_ref()
            .map_or(ComplaintId(0), |summary| summary.id)
    };
    let facts = Memo::new(move |_| summary.read().as_ref().map(|summary| summary.facts()));
    let decision = Memo::new(move |_| {
        facts
            .get()
            .ok_or(complaint_rules::Blocked::NotOwner)
            .and_then(|facts| check_revoke(&facts, &actor.get(), clock.now()))
    });
    let locked = Memo::new(move |_| decision.get().is_err());

    let reason = RwSignal::new(None::<RevokeReason>);
    let note = RwSignal::new(String::new());
    let remedy = RwSignal::new(None::<Remedy>);
    let pressure = RwSignal::new(None::<Pressure>);
    let accept_risk = RwSignal::new(false);
    let attempted = RwSignal::new(false);
    let dialog_open = RwSignal::new(false);
    let outcome = RwSignal::new(None::<ApiFailure>);
    // The idempotency key of the request last sent, reused only to send that very request
    // again (after a network failure): a changed request, or one after a definitive answer,
    // gets a new key.
    let last_sent = StoredValue::new(None::<(RevokeRequest, String)>);
    let key_for = move |request: &RevokeRequest| match last_sent.get_value() {
        Some((sent, key)) if &sent == request => key,
        _ => {
            let key = new_idempotency_key();
            last_sent.set_value(Some((request.clone(), key.clone())));
            key
        }
    };

    let validation = Memo::new(move |_| {
        reason
            .get()
            .map(|reason| validate_revocation(reason, &note.read()))
    });
    // "Too short" waits for a submit attempt (the user is still typing); a note that is too
    // long or has a forbidden character is said at once.
    let note_error = Signal::derive(move || match validation.get() {
        Some(Err(error))
            if attempted.get() || !matches!(error.problem, TextProblem::TooShort { .. }) =>
        {
            Some((i18n.t().withdraw.text_error)(&error))
        }
        _ => None,
    });
    let needs_risk_acceptance =
        move || remedy.get() == Some(Remedy::NotYet) || pressure.get() == Some(Pressure::Pressured);
    let safeguards_answered = move || {
        remedy.get().is_some()
            && pressure.get().is_some()
            && (!needs_risk_acceptance() || accept_risk.get())
    };
    let ready =
        move || !locked.get() && matches!(validation.get(), Some(Ok(_))) && safeguards_answered();

    let send = Action::new_local(move |request: &RevokeRequest| {
        let api = api.clone();
        let request = request.clone();
        let id = id();
        let key = key_for(&request);
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
                let receipt = format!("/complaints/{}/receipt", detail.summary.id);
                current.set(Some(detail));
                navigate(
                    &receipt,
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
            Err(failure) => {
                if !failure.is_transient() {
                    last_sent.set_value(None);
                }
                if let Some(ErrorDetail::Conflict { current: now }) = failure.detail() {
                    current.set(Some((**now).clone()));
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
        attempted.set(true);
        if ready() {
            outcome.set(None);
            dialog_open.set(true);
        }
    };
    let on_confirm = Callback::new(move |()| {
        // Re-decide at the moment of sending: the rules, not the button, say whether to send.
        let Some(facts) = facts.get_untracked() else {
            return;
        };
        if sending.get_untracked()
            || check_revoke(&facts, &actor.get_untracked(), clock.now_untracked()).is_err()
        {
            return;
        }
        let (Some(Ok(valid)), Some(summary)) =
            (validation.get_untracked(), summary.get_untracked())
        else {
            return;
        };
        send.dispatch(RevokeRequest {
            reason: valid.reason,
            note: valid.note,
            expected_version: summary.version,
        });
    });
    let on_cancel = Callback::new(move |()| dialog_open.set(false));

    let t = move || &i18n.t().withdraw;
    let disabled = Signal::derive(move || locked.get() || sending.get());

    view! {
        <article class="page withdraw" data-testid="withdraw-page" data-locked=move || locked.get().to_string()>
            <p class="breadcrumb">
                <A href=move || app_path(&format!("/complaints/{}", id()))>{tr(|t| t.detail.back_to_complaint)}</A>
            </p>
            <h1>{tr(|t| t.withdraw.title)}</h1>
            {move || summary.get().map(|summary| view! {
                <p class="muted">
                    {tr(|t| t.list.complaint_number)} " " {summary.number.clone()} " · " {summary.order.title.clone()}
                </p>
            })}
            {move || facts.get().map(|facts| view! { <WindowBadge facts actor now=clock.signal()/> })}

            <div aria-live="assertive" data-testid="lock-notice">
                {move || decision.get().err().map(|blocked| view! {
                    <div class="notice notice--warning" data-code=blocked.code().as_str()>
                        <p><strong>{tr(|t| t.withdraw.locked)}</strong></p>
                        <p>{move || (i18n.t().detail.blocked)(&blocked)}</p>
                        <p>{move || (i18n.t().detail.next_step)(blocked.next_step())}</p>
                    </div>
                })}
            </div>

            <form novalidate on:submit=on_submit data-testid="withdraw-form">
                <ReasonPicker reason disabled missing=Signal::derive(move || attempted.get() && reason.get().is_none())/>
                <CountedText
                    text=note
                    label=Signal::derive(move || t().note_label)
                    max_chars=Signal::derive(move || POLICY.note_limits(reason.get().unwrap_or(RevokeReason::Resolved)).max_chars)
                    required=Signal::derive(move || reason.get().is_some_and(|reason| POLICY.note_limits(reason).min_chars > 0))
                    error=note_error
                    disabled
                    testid="note"
                />

                <Safeguards remedy pressure accept_risk disabled attempted complaint_href=Signal::derive(move || app_path(&format!("/complaints/{}", id())))/>

                <section class="consequences" aria-labelledby="consequences-title">
                    <h2 id="consequences-title">{tr(|t| t.withdraw.consequences_title)}</h2>
                    <ul>{move || t().consequences.iter().map(|item| view! { <li>{*item}</li> }).collect_view()}</ul>
                </section>

                {move || outcome.get().map(|failure| view! { <OutcomeNotice failure/> })}

                <button type="submit" class="button button--danger button--block" data-testid="withdraw-submit"
                    prop:disabled=disabled>
                    {tr(|t| t.withdraw.submit)}
                </button>
            </form>

            <ConfirmDialog
                open=dialog_open
                title=Signal::derive(move || t().confirm_title)
                confirm_label=Signal::derive(move || if sending.get() { i18n.t().common.sending } else { t().confirm })
                busy=sending
                on_confirm
                on_cancel
            >
                <p>{tr(|t| t.withdraw.confirm_body)}</p>
                <dl class="facts">
                    <dt>{tr(|t| t.list.complaint_number)}</dt>
                    <dd>{move || summary.get().map(|summary| summary.number)}</dd>
                    <dt>{tr(|t| t.withdraw.reason_label)}</dt>
                    <dd>{move || reason.get().map(|reason| (i18n.t().reason)(reason))}</dd>
                    <dt>{tr(|t| t.withdraw.note_label)}</dt>
                    <dd class="facts__text">{move || note.get().trim().to_owned()}</dd>
                </dl>
            </ConfirmDialog>
        </article>
    }
}

/// Sends the withdrawal, retrying network failures with the same idempotency key: the server
/// applies it at most once whatever arrived.
async fn send_with_retries(
    api: &crate::api::Api,
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

/// The checks that protect the shopper: has the remedy arrived, is it their own choice.
#[component]
fn Safeguards(
    remedy: RwSignal<Option<Remedy>>,
    pressure: RwSignal<Option<Pressure>>,
    accept_risk: RwSignal<bool>,
    #[prop(into)] disabled: Signal<bool>,
    #[prop(into)] attempted: Signal<bool>,
    #[prop(into)] complaint_href: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || &i18n.t().withdraw;
    let remedy_choice =
        move |value: Remedy,
              testid: &'static str,
              label: fn(&crate::i18n::WithdrawTexts) -> &'static str| {
            view! {
                <label class="choice">
                    <input type="radio" name="remedy" data-testid=testid
                        prop:checked=move || remedy.get() == Some(value)
                        on:change=move |_| remedy.set(Some(value))/>
                    <span>{move || label(t())}</span>
                </label>
            }
        };
    let pressure_choice =
        move |value: Pressure,
              testid: &'static str,
              label: fn(&crate::i18n::WithdrawTexts) -> &'static str| {
            view! {
                <label class="choice">
                    <input type="radio" name="pressure" data-testid=testid
                        prop:checked=move || pressure.get() == Some(value)
                        on:change=move |_| pressure.set(Some(value))/>
                    <span>{move || label(t())}</span>
                </label>
            }
        };
    let unanswered =
        move |answered: bool| (attempted.get() && !answered).then(|| t().answer_required);
    view! {
        <section class="safeguards" aria-labelledby="safeguards-title" data-testid="safeguards">
            <h2 id="safeguards-title">{tr(|t| t.withdraw.safeguards_title)}</h2>
            <fieldset class="field" prop:disabled=disabled>
                <legend>{tr(|t| t.withdraw.remedy_question)}</legend>
                {remedy_choice(Remedy::Arrived, "remedy-arrived", |t| t.remedy_arrived)}
                {remedy_choice(Remedy::NotYet, "remedy-not-yet", |t| t.remedy_not_yet)}
                {remedy_choice(Remedy::NotApplicable, "remedy-not-applicable", |t| t.remedy_not_applicable)}
                <p class="field__error" role="alert">{move || unanswered(remedy.get().is_some())}</p>
                <Show when=move || remedy.get() == Some(Remedy::NotYet)>
                    <p class="notice notice--warning" data-testid="remedy-warning">{tr(|t| t.withdraw.remedy_warning)}</p>
                </Show>
            </fieldset>
            <fieldset class="field" prop:disabled=disabled>
                <legend>{tr(|t| t.withdraw.pressure_question)}</legend>
                {pressure_choice(Pressure::Voluntary, "pressure-none", |t| t.pressure_none)}
                {pressure_choice(Pressure::Pressured, "pressure-yes", |t| t.pressure_yes)}
                <p class="field__error" role="alert">{move || unanswered(pressure.get().is_some())}</p>
                <Show when=move || pressure.get() == Some(Pressure::Pressured)>
                    <div class="notice notice--warning" data-testid="pressure-warning">
                        <p>{tr(|t| t.withdraw.pressure_warning)}</p>
                        <A href=move || complaint_href.get() attr:class="button" attr:data-testid="keep-complaint">
                            {tr(|t| t.withdraw.keep_complaint)}
                        </A>
                    </div>
                </Show>
            </fieldset>
            <Show when=move || remedy.get() == Some(Remedy::NotYet) || pressure.get() == Some(Pressure::Pressured)>
                <label class="choice choice--check">
                    <input type="checkbox" data-testid="accept-risk" prop:disabled=disabled
                        prop:checked=move || accept_risk.get()
                        on:change=move |event| accept_risk.set(event_target_checked(&event))/>
                    <span>{tr(|t| t.withdraw.accept_risk)}</span>
                </label>
                <p class="field__error" role="alert">{move || unanswered(accept_risk.get())}</p>
            </Show>
        </section>
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

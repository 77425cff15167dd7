//! 客服协助撤销: ask customer service to withdraw a complaint after the window, or when
//! self-service failed. The agent records the reason and note given here.

use complaint_api::{AssistanceRequest, AssistanceStatus, ComplaintDetail};
use complaint_rules::{
    check_assistance, check_revoke, validate_revocation, AssistanceGround, Blocked, RevokeReason,
    POLICY,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::complaint::LoadComplaint;
use crate::api::use_api;
use crate::clock::use_clock;
use crate::components::{failure_message, CountedText, ReasonPicker};
use crate::deploy::app_path;
use crate::i18n::{tr, use_i18n};
use crate::session::use_session;

#[component]
pub fn AssistancePage() -> impl IntoView {
    view! { <LoadComplaint render=|detail| view! { <AssistanceForm detail/> }.into_any()/> }
}

#[component]
fn AssistanceForm(detail: ComplaintDetail) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let clock = use_clock();
    let actor = use_session().actor();
    let summary = detail.summary.clone();
    let facts = summary.facts();
    let request_pending = detail
        .assistance
        .iter()
        .any(|request| request.status == AssistanceStatus::Pending);
    // Expired window → that is the ground; otherwise the user is here because self-service
    // did not work for them (not verified, an error…).
    let ground = move || match check_revoke(&facts, &actor.get(), clock.now()) {
        Err(Blocked::WindowExpired { .. }) => AssistanceGround::WindowExpired,
        _ => AssistanceGround::SelfServiceFailed,
    };
    let allowed = Memo::new(move |_| {
        check_assistance(&facts, &actor.get(), clock.now(), ground(), request_pending)
    });

    let reason = RwSignal::new(None::<RevokeReason>);
    let note = RwSignal::new(String::new());
    let attempted = RwSignal::new(false);
    let validation = Memo::new(move |_| {
        reason
            .get()
            .map(|reason| validate_revocation(reason, &note.read()))
    });
    let note_error = Signal::derive(move || match validation.get() {
        Some(Err(error)) if attempted.get() => Some((i18n.t().withdraw.text_error)(&error)),
        _ => None,
    });

    let id = summary.id;
    let submit = Action::new_local(move |request: &AssistanceRequest| {
        let api = api.clone();
        let request = request.clone();
        async move { api.request_assistance(id, &request).await }
    });
    // Sent: the complaint page shows the request's status and the usual response time.
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(request)) = submit.value().get() {
            let href = format!("/complaints/{}", request.complaint_id);
            navigate(
                &href,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    let failure = Signal::derive(move || submit.value().get().and_then(Result::err));
    let disabled = Signal::derive(move || allowed.get().is_err() || submit.pending().get());

    let on_submit = move |event: web_sys::SubmitEvent| {
        event.prevent_default();
        attempted.set(true);
        if submit.pending().get_untracked() || allowed.get_untracked().is_err() {
            return;
        }
        if let Some(Ok(valid)) = validation.get_untracked() {
            submit.dispatch(AssistanceRequest {
                ground: ground(),
                reason: valid.reason,
                note: valid.note,
            });
        }
    };
    let t = move || &i18n.t().assistance;
    let (response_from, response_to) = POLICY.assistance_response_hours;

    view! {
        <article class="page assistance" data-testid="assistance-page">
            <p class="breadcrumb"><A href=app_path(&format!("/complaints/{id}"))>{tr(|t| t.detail.back_to_complaint)}</A></p>
            <h1>{tr(|t| t.assistance.title)}</h1>
            <p>{move || (t().intro)(response_from, response_to)}</p>
            <dl class="facts">
                <dt>{tr(|t| t.list.order_number)}</dt>
                <dd data-testid="assistance-order-number">{summary.order.number.clone()}</dd>
                <dt>{tr(|t| t.list.complaint_number)}</dt>
                <dd>{summary.number.clone()}</dd>
            </dl>
            {move || allowed.get().err().map(|blocked| view! {
                <div class="notice notice--warning" role="status" data-testid="assistance-blocked" data-code=blocked.code().as_str()>
                    <p>{move || (t().blocked)(&blocked)}</p>
                </div>
            })}
            <form novalidate on:submit=on_submit data-testid="assistance-form">
                <ReasonPicker reason disabled missing=Signal::derive(move || attempted.get() && reason.get().is_none())/>
                <CountedText
                    text=note
                    label=Signal::derive(move || i18n.t().withdraw.note_label)
                    max_chars=Signal::derive(move || POLICY.note_limits(reason.get().unwrap_or(RevokeReason::Resolved)).max_chars)
                    required=Signal::derive(move || reason.get().is_some_and(|reason| POLICY.note_limits(reason).min_chars > 0))
                    error=note_error
                    disabled
                    testid="assistance-note"
                />
                {move || failure.get().map(|failure| view! {
                    <div class="notice notice--error" role="alert" data-testid="assistance-failure">
                        <p>{move || failure_message(i18n.t(), &failure)}</p>
                    </div>
                })}
                <button type="submit" class="button button--primary button--block" data-testid="assistance-submit"
                    prop:disabled=disabled>
                    {move || if submit.pending().get() { i18n.t().common.sending } else { t().submit }}
                </button>
            </form>
        </article>
    }
}

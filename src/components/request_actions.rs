//! What an agent does with a request in a conversation, on its card: withdraw on the owner's
//! behalf (confirmed first: it cannot be undone) or decline with a reason; mark a pressure
//! report or an arbitration note handled. The decision then shows in the thread, live.

use complaint_api::{ArbitrationNoteId, AssistanceId, PressureReportId, RejectAssistance};
use complaint_rules::validate_rejection_reason;
use leptos::prelude::*;

use super::confirm_dialog::ConfirmDialog;
use super::feedback::SubmitFailure;
use super::focus::focus_element;
use super::submit::Submission;
use crate::api::use_api;
use crate::i18n::{tr, use_i18n};

/// An assisted withdrawal waiting for a decision.
#[component]
pub fn AssistanceActions(request: AssistanceId) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let rejection = RwSignal::new(String::new());
    let rejecting = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let approve = Submission::new(
        {
            let api = api.clone();
            move |()| {
                let api = api.clone();
                async move { api.approve_assistance(request).await.map(|_| ()) }
            }
        },
        move |()| confirming.set(false),
    );
    let reject = Submission::new(
        move |reason: String| {
            let api = api.clone();
            async move {
                api.reject_assistance(request, &RejectAssistance { reason })
                    .await
                    .map(|_| ())
            }
        },
        move |()| rejecting.set(false),
    );
    // The approval's failure shows in its dialog; the rejection's under its form.
    let failure = reject.progress().failure();
    let attempted = RwSignal::new(false);
    let rejection_error = Signal::derive(move || {
        attempted
            .get()
            .then(|| validate_rejection_reason(&rejection.read()).err())
            .flatten()
            .map(|error| (i18n.t().withdraw.text_error)(&error))
    });
    let busy = Signal::derive(move || approve.pending().get() || reject.pending().get());
    let input_id = format!("reject-{request}");
    view! {
        <div class="actions" data-testid="assistance-actions">
            <button type="button" class="button button--danger" data-testid="approve"
                prop:disabled=busy on:click=move |_| confirming.set(true)>
                {tr(|t| t.agent.approve)}
            </button>
            <button type="button" class="button" data-testid="reject-open"
                prop:disabled=busy on:click={
                    let input_id = input_id.clone();
                    move |_| {
                        rejecting.set(true);
                        // Where the agent types next, in the middle of the screen: on a phone
                        // the message box at the bottom would cover it.
                        let input_id = input_id.clone();
                        request_animation_frame(move || focus_element(&input_id));
                    }
                }>
                {tr(|t| t.agent.reject)}
            </button>
        </div>
        <Show when=move || rejecting.get()>
            <form novalidate class="field" on:submit=move |event: web_sys::SubmitEvent| {
                event.prevent_default();
                attempted.set(true);
                if let Ok(reason) = validate_rejection_reason(&rejection.get_untracked()) {
                    reject.send(reason);
                }
            }>
                <label for=input_id.clone()>{tr(|t| t.agent.rejection_label)}</label>
                <input id=input_id.clone() type="text" data-testid="rejection-input"
                    prop:value=move || rejection.get()
                    on:input=move |event| rejection.set(event_target_value(&event))/>
                <p class="field__error" role="alert">{move || rejection_error.get()}</p>
                <button type="submit" class="button" data-testid="reject-submit" prop:disabled=busy>
                    {tr(|t| t.agent.reject_confirm)}
                </button>
            </form>
        </Show>
        {move || failure.get().map(|failure| view! { <SubmitFailure failure/> })}
        <ConfirmDialog
            open=confirming
            title=Signal::derive(move || i18n.t().agent.approve_confirm_title)
            confirm_label=Signal::derive(move || i18n.t().agent.approve)
            busy
            failure=approve.progress().failure()
            on_confirm=Callback::new(move |()| approve.send(()))
            on_cancel=Callback::new(move |()| confirming.set(false))
        >
            <p>{tr(|t| t.agent.approve_confirm_body)}</p>
        </ConfirmDialog>
    }
}

/// A pressure report no agent has looked into.
#[component]
pub fn PressureActions(report: PressureReportId) -> impl IntoView {
    let api = use_api();
    let handle = Submission::new(
        move |()| {
            let api = api.clone();
            async move { api.handle_pressure(report).await.map(|_| ()) }
        },
        |()| {},
    );
    let failure = handle.progress().failure();
    view! {
        <div class="actions">
            <button type="button" class="button button--primary" data-testid="handle-pressure"
                prop:disabled=move || handle.pending().get() on:click=move |_| handle.send(())>
                {tr(|t| t.agent.pressure_handle)}
            </button>
        </div>
        {move || failure.get().map(|failure| view! { <SubmitFailure failure/> })}
    }
}

/// An arbitration note no agent has handled.
#[component]
pub fn ArbitrationNoteActions(note: ArbitrationNoteId) -> impl IntoView {
    let api = use_api();
    let handle = Submission::new(
        move |()| {
            let api = api.clone();
            async move { api.handle_arbitration_note(note).await.map(|_| ()) }
        },
        |()| {},
    );
    let failure = handle.progress().failure();
    view! {
        <div class="actions">
            <button type="button" class="button button--primary" data-testid="handle-note"
                prop:disabled=move || handle.pending().get() on:click=move |_| handle.send(())>
                {tr(|t| t.agent.handle_note)}
            </button>
        </div>
        {move || failure.get().map(|failure| view! { <SubmitFailure failure/> })}
    }
}

//! 客服工作台: the agent's assistance queue (approve = withdraw on the owner's behalf, or
//! reject with a reason) and the platform's status moves.

use complaint_api::{
    AssistanceQueueItem, AssistanceStatus, ComplaintQuery, ComplaintSummary, RejectAssistance,
    TransitionRequest,
};
use complaint_rules::{validate_rejection_reason, PlatformMove};
use leptos::prelude::*;

use crate::api::{use_api, use_live_updates, ApiFailure};
use crate::components::{failure_message, ErrorPanel, SkeletonRows, StatusBadge};
use crate::i18n::{tr, tr_with, use_i18n};
use crate::session::use_session;

#[component]
pub fn AgentPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <Show
            when=move || session.is_agent()
            fallback=move || view! {
                <section class="page" data-testid="agent-forbidden">
                    <p>{move || (i18n.t().common.error)(complaint_rules::ErrorCode::Forbidden)}</p>
                </section>
            }
        >
            <section class="page" data-testid="agent-page">
                <h1>{tr(|t| t.nav_agent)}</h1>
                <AssistanceQueue/>
                <PlatformMoves/>
            </section>
        </Show>
    }
}

#[component]
fn AssistanceQueue() -> impl IntoView {
    let api = use_api();
    let live = use_live_updates();
    let queue = LocalResource::new(move || {
        live.latest();
        let api = api.clone();
        async move { api.assistance_queue(AssistanceStatus::Pending).await }
    });
    view! {
        <section aria-labelledby="queue-title">
            <h2 id="queue-title">{tr(|t| t.agent.queue_title)}</h2>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                <Transition fallback=|| view! { <SkeletonRows rows=2/> }>
                    {move || Suspend::new(async move {
                        let items = queue.await?;
                        Ok::<_, ApiFailure>(if items.is_empty() {
                            view! { <p class="empty" data-testid="queue-empty">{tr(|t| t.agent.queue_empty)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plain-list">
                                    <For each=move || items.clone() key=|item| item.request.id
                                        children=move |item| view! { <QueueItem item on_done=Callback::new(move |()| queue.refetch())/> }/>
                                </ul>
                            }.into_any()
                        })
                    })}
                </Transition>
            </ErrorBoundary>
        </section>
    }
}

#[component]
fn QueueItem(item: AssistanceQueueItem, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let request_id = item.request.id;
    let rejection = RwSignal::new(String::new());
    let rejecting = RwSignal::new(false);
    let approve = Action::new_local({
        let api = api.clone();
        move |_: &()| {
            let api = api.clone();
            async move { api.approve_assistance(request_id).await.map(|_| ()) }
        }
    });
    let reject = Action::new_local(move |reason: &String| {
        let api = api.clone();
        let request = RejectAssistance {
            reason: reason.clone(),
        };
        async move {
            api.reject_assistance(request_id, &request)
                .await
                .map(|_| ())
        }
    });
    let failure = Signal::derive(move || {
        approve
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| reject.value().get().and_then(Result::err))
    });
    Effect::new(move |_| {
        if matches!(approve.value().get(), Some(Ok(())))
            || matches!(reject.value().get(), Some(Ok(())))
        {
            on_done.run(());
        }
    });
    let rejection_error = Signal::derive(move || {
        rejecting
            .get()
            .then(|| validate_rejection_reason(&rejection.read()).err())
            .flatten()
            .map(|error| (i18n.t().withdraw.text_error)(&error))
    });
    let busy = Signal::derive(move || approve.pending().get() || reject.pending().get());
    let complaint = item.complaint.clone();
    view! {
        <li class="card" data-testid="queue-item" data-number=complaint.number.clone()>
            <p>
                <strong>{complaint.number.clone()}</strong> " " <StatusBadge status=complaint.status/>
            </p>
            <p class="muted">{item.owner_name.clone()} " · " {complaint.order.title.clone()} " · " {complaint.order.number.clone()}</p>
            <p>
                {tr_with(item.request.reason, |t, arg| (t.reason)(arg))}
                {(!item.request.note.is_empty()).then(|| format!(" · {}", item.request.note))}
            </p>
            <p class="muted"><time>{tr_with(item.request.requested_at, |t, arg| (t.date_time)(arg))}</time></p>
            <div class="actions">
                <button type="button" class="button button--primary" data-testid="approve"
                    prop:disabled=busy on:click=move |_| { approve.dispatch(()); }>
                    {tr(|t| t.agent.approve)}
                </button>
                <button type="button" class="button" data-testid="reject-open"
                    prop:disabled=busy on:click=move |_| rejecting.set(true)>
                    {tr(|t| t.agent.reject)}
                </button>
            </div>
            <Show when=move || rejecting.get()>
                <form novalidate class="field" on:submit=move |event: web_sys::SubmitEvent| {
                    event.prevent_default();
                    if let Ok(reason) = validate_rejection_reason(&rejection.get_untracked()) {
                        reject.dispatch(reason);
                    }
                }>
                    <label for=format!("reject-{request_id}")>{tr(|t| t.agent.rejection_label)}</label>
                    <input id=format!("reject-{request_id}") type="text" data-testid="rejection-input"
                        prop:value=move || rejection.get()
                        on:input=move |event| rejection.set(event_target_value(&event))/>
                    <p class="field__error">{move || rejection_error.get()}</p>
                    <button type="submit" class="button button--danger" data-testid="reject-submit" prop:disabled=busy>
                        {tr(|t| t.agent.reject_confirm)}
                    </button>
                </form>
            </Show>
            {move || failure.get().map(|failure| view! {
                <p class="notice notice--error" role="alert">{move || failure_message(i18n.t(), &failure)}</p>
            })}
        </li>
    }
}

#[component]
fn PlatformMoves() -> impl IntoView {
    let api = use_api();
    let live = use_live_updates();
    let complaints = LocalResource::new(move || {
        live.latest();
        let api = api.clone();
        async move {
            api.agent_complaints(&ComplaintQuery {
                limit: Some(50),
                ..Default::default()
            })
            .await
        }
    });
    view! {
        <section aria-labelledby="moves-title">
            <h2 id="moves-title">{tr(|t| t.agent.moves_title)}</h2>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                <Transition fallback=|| view! { <SkeletonRows rows=3/> }>
                    {move || Suspend::new(async move {
                        let page = complaints.await?;
                        Ok::<_, ApiFailure>(view! {
                            <ul class="plain-list">
                                <For each=move || page.items.clone() key=|complaint| (complaint.id, complaint.version)
                                    children=move |complaint| view! { <MoveRow complaint on_done=Callback::new(move |()| complaints.refetch())/> }/>
                            </ul>
                        })
                    })}
                </Transition>
            </ErrorBoundary>
        </section>
    }
}

#[component]
fn MoveRow(complaint: ComplaintSummary, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = complaint.id;
    let version = complaint.version;
    let apply = Action::new_local(move |platform_move: &PlatformMove| {
        let api = api.clone();
        let request = TransitionRequest {
            platform_move: *platform_move,
            expected_version: version,
        };
        async move { api.transition(id, &request).await.map(|_| ()) }
    });
    Effect::new(move |_| {
        if matches!(apply.value().get(), Some(Ok(()))) {
            on_done.run(());
        }
    });
    let failure = Signal::derive(move || apply.value().get().and_then(Result::err));
    let moves: Vec<_> = PlatformMove::available_from(complaint.status).collect();
    view! {
        <li class="card" data-testid="move-row" data-number=complaint.number.clone()>
            <p><strong>{complaint.number.clone()}</strong> " " <StatusBadge status=complaint.status/></p>
            <p class="muted">{complaint.order.title.clone()}</p>
            <div class="actions">
                {moves.into_iter().map(|platform_move| view! {
                    <button type="button" class="button" data-testid=format!("move-{}", move_code(platform_move))
                        prop:disabled=move || apply.pending().get()
                        on:click=move |_| { apply.dispatch(platform_move); }>
                        {tr_with(platform_move, |t, arg| (t.agent.platform_move)(arg))}
                    </button>
                }).collect_view()}
            </div>
            {move || failure.get().map(|failure| view! {
                <p class="notice notice--error" role="alert">{move || failure_message(i18n.t(), &failure)}</p>
            })}
        </li>
    }
}

fn move_code(platform_move: PlatformMove) -> &'static str {
    match platform_move {
        PlatformMove::StartProcessing => "start_processing",
        PlatformMove::EscalateToArbitration => "escalate_to_arbitration",
        PlatformMove::Resolve => "resolve",
        PlatformMove::Close => "close",
    }
}

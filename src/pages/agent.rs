//! 客服工作台: the agent's queues — assistance requests (withdraw on the owner's behalf, or
//! reject with a reason) and pressure reports — and the platform's status moves. What cannot
//! be undone (withdrawing, closing) asks for confirmation first.

use complaint_api::{
    AssistanceQueueItem, AssistanceStatus, ComplaintQuery, ComplaintSummary, PressureQueueItem,
    PressureReportStatus, RejectAssistance, TransitionRequest,
};
use complaint_rules::{validate_rejection_reason, PlatformMove};
use leptos::prelude::*;

use crate::api::{use_api, use_live_updates, ApiFailure};
use crate::components::{
    set_page_title, ConfirmDialog, EmptyState, ErrorPanel, Illustration, PageTitle, ProductThumb,
    SkeletonRows, StatusBadge, Submission, SubmitFailure,
};
use crate::i18n::{tr, tr_with, use_i18n};
use crate::session::use_session;

#[component]
pub fn AgentPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    set_page_title(move || Some(i18n.t().nav_agent.to_owned()));
    view! {
        <Show
            when=move || session.is_agent()
            fallback=move || view! {
                <section class="form-page" data-testid="agent-forbidden">
                    <p>{move || (i18n.t().common.error)(complaint_rules::ErrorCode::Forbidden)}</p>
                </section>
            }
        >
            <section class="form-page agent" data-testid="agent-page">
                <PageTitle>{tr(|t| t.nav_agent)}</PageTitle>
                <AssistanceQueue/>
                <PressureQueue/>
                <PlatformMoves/>
            </section>
        </Show>
    }
}

/// The complaint a queue item is about: picture, title, owner, numbers.
#[component]
fn QueueComplaint(complaint: ComplaintSummary, owner: String) -> impl IntoView {
    view! {
        <div class="queue__complaint">
            <ProductThumb image=complaint.order.image.clone()/>
            <div>
                <p><strong>{complaint.order.title.clone()}</strong> " " <StatusBadge status=complaint.status/></p>
                <p class="muted">{owner} " · " {complaint.number.clone()} " · " {complaint.order.number.clone()}</p>
            </div>
        </div>
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
        <section class="panel" aria-labelledby="queue-title">
            <h2 id="queue-title" class="panel__title">{tr(|t| t.agent.queue_title)}</h2>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                <Transition fallback=|| view! { <SkeletonRows rows=2/> }>
                    {move || Suspend::new(async move {
                        let items = queue.await?;
                        Ok::<_, ApiFailure>(if items.is_empty() {
                            view! {
                                <EmptyState illustration=Illustration::Queue title=tr(|t| t.agent.queue_empty)
                                    body=tr(|t| t.agent.queue_empty_body) testid="queue-empty"/>
                            }.into_any()
                        } else {
                            view! {
                                <ul class="queue">
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
    let confirming = RwSignal::new(false);
    let approve = Submission::new(
        {
            let api = api.clone();
            move |()| {
                let api = api.clone();
                async move { api.approve_assistance(request_id).await.map(|_| ()) }
            }
        },
        move |()| {
            confirming.set(false);
            on_done.run(());
        },
    );
    let reject = Submission::new(
        move |reason: String| {
            let api = api.clone();
            async move {
                api.reject_assistance(request_id, &RejectAssistance { reason })
                    .await
                    .map(|_| ())
            }
        },
        move |()| on_done.run(()),
    );
    // The approval's failure shows in its dialog; the rejection's under its form.
    let failure = reject.progress().failure();
    let rejection_error = Signal::derive(move || {
        rejecting
            .get()
            .then(|| validate_rejection_reason(&rejection.read()).err())
            .flatten()
            .map(|error| (i18n.t().withdraw.text_error)(&error))
    });
    let busy = Signal::derive(move || approve.pending().get() || reject.pending().get());
    let number = item.complaint.number.clone();
    let confirm_number = StoredValue::new(number.clone());
    view! {
        <li class="queue__item" data-testid="queue-item" data-number=number>
            <QueueComplaint complaint=item.complaint.clone() owner=item.owner_name.clone()/>
            <p>
                {tr_with(item.request.reason, |t, arg| (t.reason)(arg))}
                {(!item.request.note.is_empty()).then(|| format!(" · {}", item.request.note))}
            </p>
            <p class="muted"><time>{tr_with(item.request.requested_at, |t, arg| (t.date_time)(arg))}</time></p>
            <div class="actions">
                <button type="button" class="button button--danger" data-testid="approve"
                    prop:disabled=busy on:click=move |_| confirming.set(true)>
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
                        reject.send(reason);
                    }
                }>
                    <label for=format!("reject-{request_id}")>{tr(|t| t.agent.rejection_label)}</label>
                    <input id=format!("reject-{request_id}") type="text" data-testid="rejection-input"
                        prop:value=move || rejection.get()
                        on:input=move |event| rejection.set(event_target_value(&event))/>
                    <p class="field__error">{move || rejection_error.get()}</p>
                    <button type="submit" class="button" data-testid="reject-submit" prop:disabled=busy>
                        {tr(|t| t.agent.reject_confirm)}
                    </button>
                </form>
            </Show>
            {move || failure.get().map(|failure| view! { <SubmitFailure failure/> })}
            <Show when=move || confirming.get()>
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
                    <p><strong>{confirm_number.get_value()}</strong></p>
                </ConfirmDialog>
            </Show>
        </li>
    }
}

#[component]
fn PressureQueue() -> impl IntoView {
    let api = use_api();
    let live = use_live_updates();
    let queue = LocalResource::new(move || {
        live.latest();
        let api = api.clone();
        async move { api.pressure_queue(PressureReportStatus::Open).await }
    });
    view! {
        <section class="panel" aria-labelledby="pressure-queue-title" data-testid="pressure-queue">
            <h2 id="pressure-queue-title" class="panel__title">{tr(|t| t.agent.pressure_title)}</h2>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                <Transition fallback=|| view! { <SkeletonRows rows=1/> }>
                    {move || Suspend::new(async move {
                        let items = queue.await?;
                        Ok::<_, ApiFailure>(if items.is_empty() {
                            view! {
                                <EmptyState illustration=Illustration::Queue title=tr(|t| t.agent.pressure_empty)
                                    body=tr(|t| t.agent.queue_empty_body) testid="pressure-empty"/>
                            }.into_any()
                        } else {
                            view! {
                                <ul class="queue">
                                    <For each=move || items.clone() key=|item| item.report.id
                                        children=move |item| view! { <PressureItem item on_done=Callback::new(move |()| queue.refetch())/> }/>
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
fn PressureItem(item: PressureQueueItem, on_done: Callback<()>) -> impl IntoView {
    let api = use_api();
    let id = item.report.id;
    let handle = Submission::new(
        move |()| {
            let api = api.clone();
            async move { api.handle_pressure(id).await.map(|_| ()) }
        },
        move |()| on_done.run(()),
    );
    let failure = handle.progress().failure();
    let number = item.complaint.number.clone();
    view! {
        <li class="queue__item" data-testid="pressure-item" data-number=number>
            <QueueComplaint complaint=item.complaint.clone() owner=item.owner_name.clone()/>
            {(!item.report.note.is_empty()).then(|| view! { <p>{item.report.note.clone()}</p> })}
            <p class="muted"><time>{tr_with(item.report.reported_at, |t, arg| (t.date_time)(arg))}</time></p>
            <div class="actions">
                <button type="button" class="button button--primary" data-testid="handle-pressure"
                    prop:disabled=move || handle.pending().get() on:click=move |_| handle.send(())>
                    {tr(|t| t.agent.pressure_handle)}
                </button>
            </div>
            {move || failure.get().map(|failure| view! { <SubmitFailure failure/> })}
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
        <section class="panel" aria-labelledby="moves-title">
            <h2 id="moves-title" class="panel__title">{tr(|t| t.agent.moves_title)}</h2>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                <Transition fallback=|| view! { <SkeletonRows rows=3/> }>
                    {move || Suspend::new(async move {
                        let page = complaints.await?;
                        Ok::<_, ApiFailure>(view! {
                            <ul class="queue">
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
    let confirming = RwSignal::new(None::<PlatformMove>);
    let apply = Submission::new(
        move |platform_move: PlatformMove| {
            let api = api.clone();
            let request = TransitionRequest {
                platform_move,
                expected_version: version,
            };
            async move { api.transition(id, &request).await.map(|_| ()) }
        },
        move |()| {
            confirming.set(None);
            on_done.run(());
        },
    );
    let failure = apply.progress().failure();
    let moves: Vec<_> = PlatformMove::available_from(complaint.status).collect();
    let number = StoredValue::new(complaint.number.clone());
    view! {
        <li class="queue__item" data-testid="move-row" data-number=complaint.number.clone()>
            <QueueComplaint complaint=complaint.clone() owner=String::new()/>
            <div class="actions">
                {moves.into_iter().map(|platform_move| {
                    // Ending a complaint cannot be undone: ask first.
                    let ends = platform_move.target().is_terminal();
                    view! {
                        <button type="button" class=if ends { "button button--danger" } else { "button" }
                            data-testid=format!("move-{}", platform_move.code())
                            prop:disabled=move || apply.pending().get()
                            on:click=move |_| {
                                if ends { confirming.set(Some(platform_move)); } else { apply.send(platform_move); }
                            }>
                            {tr_with(platform_move, |t, arg| (t.agent.platform_move)(arg))}
                        </button>
                    }
                }).collect_view()}
            </div>
            {move || failure.get().map(|failure| view! { <SubmitFailure failure/> })}
            <Show when=move || confirming.get().is_some()>
                <ConfirmDialog
                    open=Signal::derive(move || confirming.get().is_some())
                    title=Signal::derive(move || confirming.get().map_or("", |platform_move| (i18n.t().agent.move_confirm_title)(platform_move)))
                    confirm_label=Signal::derive(move || confirming.get().map_or("", |platform_move| (i18n.t().agent.platform_move)(platform_move)))
                    busy=apply.pending()
                    failure
                    on_confirm=Callback::new(move |()| {
                        if let Some(platform_move) = confirming.get_untracked() { apply.send(platform_move); }
                    })
                    on_cancel=Callback::new(move |()| confirming.set(None))
                >
                    <p>{tr(|t| t.agent.move_confirm_body)}</p>
                    <p><strong>{number.get_value()}</strong></p>
                </ConfirmDialog>
            </Show>
        </li>
    }
}

//! 客服工作台: the conversations (waiting for an answer first, by how long against the usual
//! response time), pressure reports by shop, and the platform's status moves. Requests are
//! acted on in their conversation; what cannot be undone (withdrawing, closing) asks first.

use complaint_api::{ComplaintQuery, ComplaintSummary, ConversationQueueItem, TransitionRequest};
use complaint_rules::PlatformMove;
use leptos::prelude::*;

use crate::api::{use_api, use_live_updates, ApiFailure};
use crate::clock::use_clock;
use crate::components::{
    set_page_title, ConfirmDialog, EmptyState, ErrorPanel, Illustration, PageTitle, ProductThumb,
    SkeletonRows, StatusBadge, Submission, SubmitFailure,
};
use crate::i18n::{tr, tr_with, use_i18n};
use crate::routes::Page;
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
                <ConversationQueue/>
                <ShopPressurePanel/>
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

/// The conversations: waiting for an answer first, the longest waiting first, each with how
/// long against the usual response time, and what it asks for.
#[component]
fn ConversationQueue() -> impl IntoView {
    let api = use_api();
    let live = use_live_updates();
    let queue = Resource::new(
        move || (live.latest_message(), live.revision()),
        move |_| api.agent_conversations(),
    );
    view! {
        <section class="panel" aria-labelledby="conversations-title" data-testid="conversation-queue">
            <h2 id="conversations-title" class="panel__title">{tr(|t| t.agent.conversations_title)}</h2>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                <Transition fallback=|| view! { <SkeletonRows rows=2/> }>
                    {move || Suspend::new(async move {
                        let items = queue.await?;
                        Ok::<_, ApiFailure>(if items.is_empty() {
                            view! {
                                <EmptyState illustration=Illustration::Queue title=tr(|t| t.agent.conversations_empty)
                                    body=tr(|t| t.agent.queue_empty_body) testid="conversations-empty"/>
                            }.into_any()
                        } else {
                            view! {
                                <ul class="queue">
                                    <For each=move || items.clone()
                                        key=|item| (item.complaint.id, item.last_message.id, item.unread)
                                        children=move |item| view! { <ConversationItem item/> }/>
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
fn ConversationItem(item: ConversationQueueItem) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_clock();
    let id = item.complaint.id;
    let waiting = item.waiting_since;
    let last = item.last_message.clone();
    view! {
        <li class="queue__item" data-testid="conversation-item" data-number=item.complaint.number.clone()
            data-waiting=waiting.is_some().to_string()>
            <QueueComplaint complaint=item.complaint.clone() owner=item.owner_name.clone()/>
            <p class="queue__waiting" data-testid="waiting">
                {move || match waiting {
                    Some(since) => (i18n.t().agent.waiting)(
                        since.until(clock.now()),
                        complaint_rules::POLICY.assistance_response_hours,
                    ),
                    None => i18n.t().agent.answered.to_owned(),
                }}
            </p>
            {(!item.open_requests.is_empty()).then(|| view! {
                <p class="queue__requests">
                    {item.open_requests.iter().map(|kind| {
                        let kind = *kind;
                        view! { <span class="chip" data-testid="open-request">{move || (i18n.t().agent.request_kind)(kind)}</span> }
                    }).collect_view()}
                </p>
            })}
            <p class="muted queue__last">{last.text.clone()}</p>
            <div class="actions">
                <a href=Page::AgentConversation(id).href() class="button button--primary" data-testid="open-conversation">
                    {tr(|t| t.agent.open_conversation)}
                    {(item.unread > 0).then(|| view! { <span class="unread-badge">{item.unread}</span> })}
                </a>
            </div>
        </li>
    }
}

/// Pressure reports by shop: a shop that pushes its shoppers to withdraw stands out — how
/// often, how many still open, and how many withdrawals followed a report.
#[component]
fn ShopPressurePanel() -> impl IntoView {
    let api = use_api();
    let live = use_live_updates();
    let shops = Resource::new(
        move || (live.latest_message(), live.resyncs()),
        move |_| api.pressure_by_shop(),
    );
    view! {
        <section class="panel" aria-labelledby="shops-title" data-testid="shop-pressure">
            <h2 id="shops-title" class="panel__title">{tr(|t| t.agent.shops_title)}</h2>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                <Transition fallback=|| view! { <SkeletonRows rows=1/> }>
                    {move || Suspend::new(async move {
                        let shops = shops.await?;
                        Ok::<_, ApiFailure>(if shops.is_empty() {
                            view! { <p class="muted" data-testid="shops-empty">{tr(|t| t.agent.shops_empty)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="queue">
                                    {shops.into_iter().map(|shop| view! {
                                        <li class="queue__item" data-testid="shop" data-shop=shop.shop.clone()>
                                            <p><strong>{shop.shop.clone()}</strong></p>
                                            <p data-testid="shop-counts">{tr_with((shop.reports, shop.open, shop.withdrawn_after_report),
                                                |t, (reports, open, withdrawn)| (t.agent.shop_counts)(reports, open, withdrawn))}</p>
                                            <p class="muted">{tr(|t| t.agent.latest)} " "
                                                <time>{tr_with(shop.latest, |t, at| (t.date_time)(at))}</time></p>
                                        </li>
                                    }).collect_view()}
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
fn PlatformMoves() -> impl IntoView {
    let api = use_api();
    let live = use_live_updates();
    let complaints = Resource::new(
        move || live.revision(),
        move |_| {
            api.agent_complaints(&ComplaintQuery {
                limit: Some(50),
                ..Default::default()
            })
        },
    );
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

use complaint_api::{ComplaintPage, ComplaintQuery};
use complaint_rules::ComplaintStatus;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::{use_api, use_live_updates, ApiFailure};
use crate::clock::use_clock;
use crate::components::{
    ComplaintRows, ErrorPanel, FailureNotice, SearchBox, SkeletonRows, StatusTabs,
};
use crate::deploy::app_path;
use crate::i18n::{tr, use_i18n};
use crate::session::use_session;

pub const PAGE_SIZE: u32 = 20;

/// 投诉管理: the user's complaints, by status, searchable, with live countdowns.
#[component]
pub fn ComplaintListPage() -> impl IntoView {
    let api = use_api();
    let live = use_live_updates();
    let query_map = use_query_map();
    let status = Memo::new(move |_| {
        query_map
            .read()
            .get("status")
            .and_then(|code| ComplaintStatus::from_code(&code))
    });
    let q = Memo::new(move |_| {
        query_map
            .read()
            .get("q")
            .unwrap_or_default()
            .trim()
            .to_owned()
    });

    let first_page = LocalResource::new({
        let api = api.clone();
        move || {
            let query = ComplaintQuery {
                status: status.get(),
                group: None,
                q: Some(q.get()),
                cursor: None,
                limit: Some(PAGE_SIZE),
            };
            // Any change announced by the server reloads the list (counts and rows).
            live.latest();
            let api = api.clone();
            async move { api.complaints(&query).await }
        }
    });

    view! {
        <section class="page page--list" data-testid="complaint-list-page">
            <h1>{tr(|t| t.list.title)}</h1>
            <SearchBox q=q status=status/>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                <Transition fallback=|| view! { <SkeletonRows rows=4/> }>
                    {move || Suspend::new(async move {
                        let page = first_page.await?;
                        Ok::<_, ApiFailure>(view! { <ComplaintPageView page status q/> })
                    })}
                </Transition>
            </ErrorBoundary>
        </section>
    }
}

/// The tabs, the rows of the first page, and the rows loaded with "load more".
#[component]
fn ComplaintPageView(
    page: ComplaintPage,
    #[prop(into)] status: Signal<Option<ComplaintStatus>>,
    #[prop(into)] q: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let clock = use_clock();
    let actor = use_session().actor();
    let rows = RwSignal::new(page.items);
    let next_cursor = RwSignal::new(page.next_cursor);
    let load_more = Action::new_local(move |cursor: &String| {
        let api = api.clone();
        let query = ComplaintQuery {
            status: status.get_untracked(),
            group: None,
            q: Some(q.get_untracked()),
            cursor: Some(cursor.clone()),
            limit: Some(PAGE_SIZE),
        };
        async move {
            let page = api.complaints(&query).await?;
            rows.update(|rows| rows.extend(page.items));
            next_cursor.set(page.next_cursor);
            Ok::<_, ApiFailure>(())
        }
    });
    let load_more_failure = Signal::derive(move || load_more.value().get().and_then(Result::err));
    let is_empty = move || rows.with(Vec::is_empty);

    view! {
        <StatusTabs counts=page.counts selected=status q=q base="/"/>
        <Show
            when=move || !is_empty()
            fallback=move || view! { <EmptyState searched=q/> }
        >
            <ComplaintRows rows actor now=clock.signal()/>
        </Show>
        {move || load_more_failure.get().map(|failure| view! { <FailureNotice failure/> })}
        {move || {
            next_cursor
                .get()
                .map(|cursor| {
                    view! {
                        <button
                            type="button"
                            class="button button--block"
                            data-testid="load-more"
                            prop:disabled=move || load_more.pending().get()
                            on:click=move |_| {
                                load_more.dispatch(cursor.clone());
                            }
                        >
                            {move || {
                                if load_more.pending().get() {
                                    i18n.t().common.loading
                                } else {
                                    i18n.t().list.load_more
                                }
                            }}
                        </button>
                    }
                })
        }}
    }
}

#[component]
fn EmptyState(#[prop(into)] searched: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="empty" data-testid="empty-state">
            <p>
                {move || {
                    let q = searched.get();
                    if q.is_empty() {
                        i18n.t().list.empty.to_owned()
                    } else {
                        (i18n.t().list.empty_search)(&q)
                    }
                }}
            </p>
            <A href=app_path("/orders") attr:class="button">{tr(|t| t.list.go_orders)}</A>
        </div>
    }
}

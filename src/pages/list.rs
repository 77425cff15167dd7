//! 我的投诉: the user's complaints, by tab, searchable, each saying whether and until when it
//! can be withdrawn. On a wide screen the selected complaint is shown beside the list.

use complaint_api::{ComplaintId, ComplaintPage};
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_query_map};

use crate::api::{use_api, use_live_updates, ApiFailure};
use crate::clock::use_clock;
use crate::components::{
    set_page_title, use_wide_screen, ComplaintRows, Counts, EmptyState, ErrorPanel, FailureNotice,
    Illustration, ListTabs, PageTitle, SearchBox, SkeletonRows,
};
use crate::i18n::{tr, use_i18n};
use crate::routes::{below_base, ListView, Page};
use crate::session::use_session;

/// The list, and on a wide screen (≥ 1024 px) the complaint of the URL beside it. On a
/// phone a complaint's page replaces the list. Deep links are the same either way.
#[component]
pub fn ComplaintsLayout() -> impl IntoView {
    let wide = use_wide_screen();
    let location = use_location();
    let selected = Memo::new(move |_| {
        location
            .pathname
            .with(|path| match Page::of_path(&below_base(path)) {
                Some(Page::Complaint(id)) => Some(id),
                _ => None,
            })
    });
    let at_detail = move || selected.get().is_some();
    // On a phone one pane shows at a time. The list mounts the first time it is shown and
    // then stays (hidden behind a complaint): back to the list is instant and keeps its
    // place, and nothing is torn down in the middle of the tap that opened a complaint.
    let list_shown = Memo::new(move |_| wide.get() || !at_detail());
    let list_mounted =
        Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || list_shown.get());
    view! {
        <div class="split" class:split--detail=at_detail>
            <Show when=move || list_mounted.get()>
                <div class="split__list" hidden=move || !list_shown.get()>
                    <ComplaintListPage selected/>
                </div>
            </Show>
            <div class="split__detail" hidden=move || !wide.get() && !at_detail()>
                <Outlet/>
            </div>
        </div>
    }
}

/// The detail pane of a wide screen before a complaint is chosen.
#[component]
pub fn NoSelection() -> impl IntoView {
    view! {
        <EmptyState
            illustration=Illustration::Pick
            title=tr(|t| t.list.pick_title)
            body=tr(|t| t.list.pick_body)
            testid="no-selection"
        />
    }
}

#[component]
fn ComplaintListPage(#[prop(into)] selected: Signal<Option<ComplaintId>>) -> impl IntoView {
    let api = use_api();
    let live = use_live_updates();
    let query_map = use_query_map();
    let current = Memo::new(move |_| ListView::from_query(&query_map.read()));
    let q = Memo::new(move |_| {
        query_map
            .read()
            .get("q")
            .unwrap_or_default()
            .trim()
            .to_owned()
    });
    // The list's title is the page's only while no complaint is open beside it.
    let i18n = use_i18n();
    set_page_title(move || {
        selected
            .get()
            .is_none()
            .then(|| i18n.t().list.title.to_owned())
    });

    // Any change announced by the server reloads the list (counts and rows).
    let first_page = Resource::new(
        move || (current.get().query(&q.get(), None), live.revision()),
        move |(query, _)| api.complaints(&query),
    );

    view! {
        <section class="list-page" data-testid="complaint-list-page">
            <PageTitle class="list-page__title">{tr(|t| t.list.title)}</PageTitle>
            <SearchBox q current/>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                <Transition fallback=|| view! { <SkeletonRows rows=4/> }>
                    {move || Suspend::new(async move {
                        let page = first_page.await?;
                        Ok::<_, ApiFailure>(view! { <ComplaintPageView page current q selected/> })
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
    #[prop(into)] current: Signal<ListView>,
    #[prop(into)] q: Signal<String>,
    #[prop(into)] selected: Signal<Option<ComplaintId>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let clock = use_clock();
    let actor = use_session().actor();
    let counts = Counts::of(&page);
    let rows = RwSignal::new(page.items);
    let next_cursor = RwSignal::new(page.next_cursor);
    let load_more = Action::new_local(move |cursor: &String| {
        let api = api.clone();
        let query = current
            .get_untracked()
            .query(&q.get_untracked(), Some(cursor.clone()));
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
        <ListTabs counts current q/>
        <Show when=move || !is_empty() fallback=move || view! { <ListEmpty current q/> }>
            <ComplaintRows rows actor now=clock.signal() selected searched=q.get_untracked()/>
        </Show>
        {move || load_more_failure.get().map(|failure| view! { <FailureNotice failure/> })}
        {move || {
            next_cursor.get().map(|cursor| {
                view! {
                    <button type="button" class="button button--block load-more" data-testid="load-more"
                        prop:disabled=move || load_more.pending().get()
                        on:click=move |_| { load_more.dispatch(cursor.clone()); }>
                        {move || if load_more.pending().get() { i18n.t().common.loading } else { i18n.t().list.load_more }}
                    </button>
                }
            })
        }}
    }
}

/// Nothing to show: after a search, say so and offer to clear it; otherwise the way to
/// the orders, where complaints are filed.
#[component]
fn ListEmpty(
    #[prop(into)] current: Signal<ListView>,
    #[prop(into)] q: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let searched = q.get();
        if searched.is_empty() {
            view! {
                <EmptyState
                    illustration=Illustration::Inbox
                    title=move || (i18n.t().list.empty_title)(current.get())
                    body=tr(|t| t.list.empty_body)
                    action_href=Page::Orders.href()
                    action_label=tr(|t| t.list.go_orders)
                    testid="empty-state"
                />
            }
            .into_any()
        } else {
            let clear = current.get().href("");
            view! {
                <EmptyState
                    illustration=Illustration::Search
                    title=move || (i18n.t().list.empty_search)(&q.get())
                    body=tr(|t| t.list.empty_search_body)
                    action_href=clear
                    action_label=tr(|t| t.list.clear_search)
                    testid="empty-state"
                />
            }
            .into_any()
        }
    }
}

//! The pieces of the complaint list: tabs, search, rows.

use complaint_api::{ComplaintSummary, StatusCount};
use complaint_rules::{Actor, ComplaintStatus, UtcMillis};
use leptos::prelude::*;
use leptos_router::components::Form;

use super::{StatusBadge, WindowBadge};
use crate::deploy::app_path;
use crate::i18n::{tr, use_i18n, Texts};

/// The link of a list view: the status filter and the search text, kept in the URL so the
/// back button and a reload return to the same list.
pub fn list_href(base: &str, status: Option<ComplaintStatus>, q: &str) -> String {
    let params = web_sys::UrlSearchParams::new().expect("URLSearchParams exists");
    if let Some(status) = status {
        params.append("status", status.code());
    }
    if !q.is_empty() {
        params.append("q", q);
    }
    let query = String::from(params.to_string());
    if query.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{query}")
    }
}

/// Status tabs with counts; "all" first.
#[component]
pub fn StatusTabs(
    counts: Vec<StatusCount>,
    #[prop(into)] selected: Signal<Option<ComplaintStatus>>,
    #[prop(into)] q: Signal<String>,
    base: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let total: u32 = counts.iter().map(|count| count.count).sum();
    let count_of = move |status| {
        counts
            .iter()
            .find(|count| count.status == status)
            .map_or(0, |count| count.count)
    };
    let tab = move |status: Option<ComplaintStatus>, count: u32| {
        let label = move || match status {
            None => i18n.t().list.tab_all,
            Some(status) => (i18n.t().status)(status),
        };
        let testid = format!("tab-{}", status.map_or("all", ComplaintStatus::code));
        // A plain link (the router still handles it): `<A>` would mark every tab current,
        // since they share the path and differ only in the query.
        view! {
            <a
                href=move || app_path(&list_href(base, status, &q.get()))
                class="tab"
                aria-current=move || (selected.get() == status).then_some("page")
                data-testid=testid
            >
                {label}
                <span class="tab__count">{count}</span>
            </a>
        }
    };
    let tabs = std::iter::once(tab(None, total))
        .chain(
            ComplaintStatus::ALL
                .into_iter()
                .map(|status| tab(Some(status), count_of(status))),
        )
        .collect_view();
    view! {
        <nav class="tabs" aria-label=tr(|t| t.list.tabs_label) data-testid="status-tabs">
            {tabs}
        </nav>
    }
}

/// Search by complaint or order number; submits as a GET so the query lands in the URL.
#[component]
pub fn SearchBox(
    #[prop(into)] q: Signal<String>,
    #[prop(into)] status: Signal<Option<ComplaintStatus>>,
) -> impl IntoView {
    view! {
        <Form method="GET" action="" attr:class="search" attr:role="search">
            {move || status.get().map(|status| view! { <input type="hidden" name="status" value=status.code()/> })}
            <label for="search-input" class="visually-hidden">{tr(|t| t.list.search_label)}</label>
            <input
                id="search-input"
                type="search"
                name="q"
                inputmode="search"
                autocomplete="off"
                data-testid="search-input"
                placeholder=tr(|t| t.list.search_placeholder)
                prop:value=move || q.get()
            />
            <button type="submit" class="button" data-testid="search-submit">
                {tr(|t| t.list.search_button)}
            </button>
        </Form>
    }
}

/// The list's rows, keyed by complaint and version. Each row renders its texts once, as
/// plain text, in the language of the moment; when the language changes the rows are
/// rendered again as a whole, so a row holds no reactive node per text.
#[component]
pub fn ComplaintRows(
    #[prop(into)] rows: Signal<Vec<ComplaintSummary>>,
    #[prop(into)] actor: Signal<Actor>,
    #[prop(into)] now: Signal<UtcMillis>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="complaint-list" data-testid="complaint-rows">
            {move || {
                let texts = i18n.t();
                view! {
                    <For
                        each=move || rows.get()
                        key=|complaint: &ComplaintSummary| (complaint.id, complaint.version)
                        children=move |complaint| view! { <ComplaintRow complaint texts actor now/> }
                    />
                }
            }}
        </ul>
    }
}

/// One complaint in the list, in the language of `texts`: the whole row links to it.
#[component]
pub fn ComplaintRow(
    complaint: ComplaintSummary,
    texts: &'static Texts,
    #[prop(into)] actor: Signal<Actor>,
    #[prop(into)] now: Signal<UtcMillis>,
) -> impl IntoView {
    let facts = complaint.facts();
    let href = app_path(&format!("/complaints/{}", complaint.id));
    let ComplaintSummary {
        number,
        order,
        kind,
        status,
        filed_at,
        ..
    } = complaint;
    // Each run of text as one string, so one text node, not one per piece.
    let numbers = format!(
        "{} {number} · {} {}",
        texts.list.complaint_number, texts.list.order_number, order.number
    );
    let kind = format!("{} · ", (texts.kind)(kind));
    // A plain link: the `<Router>` handles clicks on every link under its base (as for the
    // tabs), and a row is never the current page, so `<A>`'s `aria-current` would never be set.
    view! {
        <li class="complaint-row" data-testid="complaint-row" data-number=number>
            <a href=href class="complaint-row__link">
                <span class="complaint-row__head">
                    <span class="complaint-row__title">{order.title}</span>
                    <StatusBadge status texts/>
                </span>
                <span class="complaint-row__meta">{numbers}</span>
                <span class="complaint-row__meta">
                    {kind} <time>{(texts.date_time)(filed_at)}</time>
                </span>
                <WindowBadge facts actor now texts/>
            </a>
        </li>
    }
}

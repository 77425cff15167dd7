//! The pieces of the complaint list: what is shown (a tab, a status, a search), the tabs,
//! the search box, the rows.

use complaint_api::{ComplaintGroup, ComplaintPage, ComplaintSummary};
use complaint_rules::{Actor, ComplaintStatus, UtcMillis};
use leptos::prelude::*;

use super::product::{format_yuan, ProductThumb};
use super::unread::use_unread;
use super::withdrawal_state::{withdrawal_state, StateActionLink, WithdrawalLine};
use super::StatusBadge;
use crate::i18n::{tr, use_i18n, Texts};
use crate::routes::{use_go, ListView, Page};
use crate::withdrawal::{StateAction, WithdrawalState};

/// How many complaints each tab and chip holds, from the server's counts.
pub struct Counts {
    per_status: Vec<(ComplaintStatus, u32)>,
    withdrawable: u32,
}

impl Counts {
    pub fn of(page: &ComplaintPage) -> Self {
        Counts {
            per_status: page
                .counts
                .iter()
                .map(|count| (count.status, count.count))
                .collect(),
            withdrawable: page.withdrawable,
        }
    }

    fn status(&self, status: ComplaintStatus) -> u32 {
        self.per_status
            .iter()
            .find(|(counted, _)| *counted == status)
            .map_or(0, |(_, count)| *count)
    }

    fn view(&self, view: ListView) -> u32 {
        match view {
            ListView::All => self.per_status.iter().map(|(_, count)| count).sum(),
            ListView::Group(ComplaintGroup::Withdrawable) => self.withdrawable,
            ListView::Group(group) => group.statuses().map(|status| self.status(status)).sum(),
            ListView::Status(status) => self.status(status),
        }
    }
}

/// 全部 · 可撤销 · 进行中 · 已结束, with counts; under 进行中 and 已结束, a chip per status.
/// Four tabs fit a 360 px phone; the six statuses are one tap further.
#[component]
pub fn ListTabs(
    counts: Counts,
    #[prop(into)] current: Signal<ListView>,
    #[prop(into)] q: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let counts = StoredValue::new(counts);
    let tab = move |view: ListView| {
        let count = counts.with_value(|counts| counts.view(view));
        let testid = format!(
            "tab-{}",
            match view {
                ListView::Group(group) => group.code(),
                _ => "all",
            }
        );
        let selected = move || current.get().tab() == view.tab();
        view! {
            <a href=move || view.href(&q.get()) class="tab" data-testid=testid
                aria-current=move || selected().then_some("page")>
                <span class="tab__label">{move || (i18n.t().list.view)(view)}</span>
                <span class="tab__count">{count}</span>
            </a>
        }
    };
    let chips = move || {
        let group = current
            .get()
            .tab()
            .filter(|group| *group != ComplaintGroup::Withdrawable)?;
        let chip = move |view: ListView| {
            let count = counts.with_value(|counts| counts.view(view));
            let testid = match view {
                ListView::Status(status) => format!("chip-{}", status.code()),
                _ => "chip-all".to_owned(),
            };
            view! {
                <a href=move || view.href(&q.get()) class="chip" data-testid=testid
                    aria-current=move || (current.get() == view).then_some("page")>
                    {move || match view {
                        ListView::Status(status) => (i18n.t().status)(status),
                        _ => i18n.t().list.chip_all,
                    }}
                    " " <span class="chip__count">{count}</span>
                </a>
            }
        };
        let statuses = group
            .statuses()
            .map(|status| chip(ListView::Status(status)))
            .collect_view();
        Some(view! {
            <nav class="chips" aria-label=tr(|t| t.list.chips_label) data-testid="status-chips">
                {chip(ListView::Group(group))}
                {statuses}
            </nav>
        })
    };
    view! {
        <nav class="tabs" aria-label=tr(|t| t.list.tabs_label) data-testid="status-tabs">
            {tab(ListView::All)}
            {tab(ListView::Group(ComplaintGroup::Withdrawable))}
            {tab(ListView::Group(ComplaintGroup::Open))}
            {tab(ListView::Group(ComplaintGroup::Ended))}
        </nav>
        {chips}
    }
}

/// Search by complaint or order number. The query goes into the URL (the back button and a
/// reload keep it); the view stays what it was.
#[component]
pub fn SearchBox(
    #[prop(into)] q: Signal<String>,
    #[prop(into)] current: Signal<ListView>,
) -> impl IntoView {
    let go = use_go();
    let input = NodeRef::<leptos::html::Input>::new();
    let on_submit = move |event: web_sys::SubmitEvent| {
        event.prevent_default();
        let text = input
            .get_untracked()
            .map(|input| input.value())
            .unwrap_or_default();
        let view = current.get_untracked();
        go(
            Page::List {
                view,
                q: text.trim().to_owned(),
            },
            false,
        );
    };
    view! {
        <form class="search" role="search" on:submit=on_submit>
            <label for="search-input" class="visually-hidden">{tr(|t| t.list.search_label)}</label>
            <input
                id="search-input"
                node_ref=input
                type="search"
                enterkeyhint="search"
                autocomplete="off"
                data-testid="search-input"
                placeholder=tr(|t| t.list.search_placeholder)
                prop:value=move || q.get()
            />
            <button type="submit" class="button search__submit" data-testid="search-submit">
                {tr(|t| t.list.search_button)}
            </button>
        </form>
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
    /// The complaint shown beside the list (desktop), marked as current.
    #[prop(optional, into)]
    selected: Signal<Option<complaint_api::ComplaintId>>,
    /// The search the rows answer: the part of each row it matched is marked.
    #[prop(optional, into)]
    searched: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let searched = StoredValue::new(searched);
    view! {
        <ul class="complaint-list" data-testid="complaint-rows">
            {move || {
                let texts = i18n.t();
                view! {
                    <For
                        each=move || rows.get()
                        key=|complaint: &ComplaintSummary| (complaint.id, complaint.version)
                        children=move |complaint| view! {
                            <ComplaintRow complaint texts actor now selected searched=searched.get_value()/>
                        }
                    />
                }
            }}
        </ul>
    }
}

/// One complaint: the product (picture, title, shop, amount), its status, and whether and
/// until when it can be withdrawn, with the one action that helps. The row links to the
/// complaint; its action is a separate control beside that link.
#[component]
pub fn ComplaintRow(
    complaint: ComplaintSummary,
    texts: &'static Texts,
    #[prop(into)] actor: Signal<Actor>,
    #[prop(into)] now: Signal<UtcMillis>,
    #[prop(into)] selected: Signal<Option<complaint_api::ComplaintId>>,
    /// See [`ComplaintRows`].
    #[prop(optional)]
    searched: String,
) -> impl IntoView {
    let id = complaint.id;
    let unread = use_unread();
    let href = Page::Complaint(id).href();
    let state = withdrawal_state(Signal::stored(complaint.clone()), actor, now);
    let action = Memo::new(move |_| state.get().action());
    let amount = format!(" · {}", format_yuan(complaint.order.amount_fen));
    // The number a search needs, whole: the complaint's, or the order's when that is what
    // the search found.
    let (number_label, shown_number) = if found_in(&complaint.order.number, &searched)
        && !found_in(&complaint.number, &searched)
    {
        (texts.list.order_number, complaint.order.number.clone())
    } else {
        (texts.list.complaint_number, complaint.number.clone())
    };
    let kind = format!("{} · ", (texts.kind)(complaint.kind));
    let number = complaint.number.clone();
    let title = complaint.order.title.clone();
    let shop = complaint.order.shop.clone();
    let image = complaint.order.image.clone();
    let status = complaint.status;
    view! {
        // The row is the link's hit area (see `.complaint-row__link::after`).
        <li class="complaint-row" data-testid="complaint-row" data-number=number data-hit-area="">
            <ProductThumb image/>
            <div class="complaint-row__body">
                <p class="complaint-row__head">
                    // The link's area covers the row (CSS), so the whole row opens the complaint.
                    <a href=href class="complaint-row__link"
                        aria-current=move || (selected.get() == Some(id)).then_some("page")>
                        <Marked text=title searched=searched.clone()/>
                    </a>
                    <StatusBadge status texts/>
                </p>
                // Answers from customer service not yet read: said on the row, in words.
                <Show when=move || { unread.of(id) > 0 }>
                    <p class="complaint-row__unread">
                        <span class="unread-badge" data-testid="row-unread">{move || (texts.conversation.unread)(unread.of(id))}</span>
                    </p>
                </Show>
                <p class="complaint-row__shop"><Marked text=shop searched=searched.clone()/>{amount}</p>
                <p class="complaint-row__meta">
                    {kind}
                    <span class="visually-hidden">{number_label} " "</span>
                    <span class="complaint-row__number"><Marked text=shown_number searched/></span>
                </p>
            </div>
            <div class="complaint-row__state">
                <WithdrawalLine state now texts/>
                // The row offers what the state asks for (a pending request is the row itself).
                {move || {
                    let action = action.get();
                    let offered = action != StateAction::None
                        && state.get() != WithdrawalState::AssistancePending;
                    offered.then(|| {
                        view! { <StateActionLink action summary=complaint.clone() texts quiet=true/> }
                    })
                }}
            </div>
        </li>
    }
}

/// Whether a search for `searched` finds `text`: literally, letters in either case — as the
/// server searches.
fn found_in(text: &str, searched: &str) -> bool {
    match_range(text, searched).is_some()
}

/// Where `searched` first occurs in `text` (byte range), letters compared in either case.
fn match_range(text: &str, searched: &str) -> Option<std::ops::Range<usize>> {
    if searched.is_empty() {
        return None;
    }
    // ASCII case folding keeps every byte offset, so the range is one of `text` too.
    let start = text
        .to_ascii_lowercase()
        .find(&searched.to_ascii_lowercase())?;
    Some(start..start + searched.len())
}

/// `text`, with the part a search matched marked.
#[component]
fn Marked(text: String, searched: String) -> impl IntoView {
    match match_range(&text, &searched) {
        Some(range) => view! {
            {text[..range.start].to_owned()}
            <mark class="search-match">{text[range.clone()].to_owned()}</mark>
            {text[range.end..].to_owned()}
        }
        .into_any(),
        None => text.into_any(),
    }
}

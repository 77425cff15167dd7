//! 已买到的宝贝: the user's orders as order cards (shop, picture, title, amount), each with
//! its complaint: the open one to view, else 投诉卖家 — the same row on every order.

use complaint_api::{
    ComplaintBrief, ComplaintDetail, NewComplaintRequest, OrderBrief, OrderId, OrderView,
};
use complaint_rules::POLICY;
use leptos::prelude::*;

use super::NotFoundPage;
use crate::api::{use_api, use_rules_outdated, ApiFailure};
use crate::components::focus_element;
use crate::components::{
    format_yuan, set_page_title, use_flash, BackLink, CountedText, EmptyState, ErrorPanel, Flash,
    Illustration, PageTitle, ProductHeader, ProductThumb, SkeletonRows, StatusBadge, Submission,
    SubmitBar,
};
use crate::drafts::KeptDraft;
use crate::forms::FilingDraft;
use crate::i18n::{tr, tr_with, use_i18n};
use crate::routes::{use_go, use_order_id, Page};
use crate::session::use_session;

fn orders_resource() -> Resource<Result<Vec<OrderView>, ApiFailure>> {
    let api = use_api();
    Resource::new(|| (), move |()| api.orders())
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let i18n = use_i18n();
    set_page_title(move || Some(i18n.t().orders.title.to_owned()));
    let orders = orders_resource();
    view! {
        <section class="list-page orders-page" data-testid="orders-page">
            <PageTitle class="list-page__title">{tr(|t| t.orders.title)}</PageTitle>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                <Transition fallback=|| view! { <SkeletonRows rows=4/> }>
                    {move || Suspend::new(async move {
                        let orders = orders.await?;
                        Ok::<_, ApiFailure>(if orders.is_empty() {
                            view! {
                                <EmptyState illustration=Illustration::Bag title=tr(|t| t.orders.empty_title)
                                    body=tr(|t| t.orders.empty_body) testid="orders-empty"/>
                            }
                            .into_any()
                        } else {
                            view! {
                                <ul class="order-list">
                                    <For each=move || orders.clone() key=|order| order.id children=|order| view! { <OrderCard order/> }/>
                                </ul>
                            }
                            .into_any()
                        })
                    })}
                </Transition>
            </ErrorBoundary>
        </section>
    }
}

#[component]
fn OrderCard(order: OrderView) -> impl IntoView {
    let actor = use_session().actor();
    let open = order.open_complaint().cloned();
    let past: Vec<ComplaintBrief> = order
        .complaints
        .iter()
        .filter(|complaint| !complaint.status.is_open())
        .cloned()
        .collect();
    let may_file = {
        let order = order.clone();
        move || order.check_filing(&actor.get()).is_ok()
    };
    let order_id = order.id;
    view! {
        <li class="order" data-testid="order-row" data-number=order.number.clone()>
            <p class="order__shop">{order.shop.clone()}</p>
            <div class="order__item">
                <ProductThumb image=order.image.clone()/>
                <div class="order__text">
                    <p class="order__title">{order.title.clone()}</p>
                    <p class="order__meta">
                        <time class="nowrap">{tr_with(order.placed_at, |t, arg| (t.date_day)(arg))}</time>
                        <span class="order__number">{tr(|t| t.list.order_number)} " " <span class="nowrap">{order.number.clone()}</span></span>
                    </p>
                </div>
                <p class="order__amount amount">{format_yuan(order.amount_fen)}</p>
            </div>
            <div class="order__actions">
                {(!past.is_empty()).then(|| view! { <PastComplaints complaints=past/> })}
                {open.map(|complaint| view! {
                    <span class="order__complaint"><StatusBadge status=complaint.status/></span>
                    <a href=Page::Complaint(complaint.id).href() class="button button--quiet" data-testid="view-complaint">
                        {tr(|t| t.orders.view_complaint)}
                    </a>
                })}
                {move || may_file().then(|| view! { <FileAction order=order_id/> })}
            </div>
        </li>
    }
}

/// 投诉卖家 on an order card, whenever the order may get a complaint: one consistent row,
/// the main action in view (the open complaint's card offers 查看投诉 instead).
#[component]
fn FileAction(order: OrderId) -> impl IntoView {
    view! {
        <a href=Page::FileComplaint(order).href() class="button" data-testid="file-complaint">
            {tr(|t| t.orders.file)}
        </a>
    }
}

/// 以往投诉 N条: the order's ended complaints; one is a link to it, several open a list.
#[component]
fn PastComplaints(complaints: Vec<ComplaintBrief>) -> impl IntoView {
    let label = tr_with(complaints.len(), |t, count| (t.orders.history)(count));
    let href = |complaint: &ComplaintBrief| Page::Complaint(complaint.id).href();
    match complaints.as_slice() {
        [only] => view! {
            <a href=href(only) class="order__history" data-testid="order-history">{label}</a>
        }
        .into_any(),
        _ => view! {
            <details class="order__history" data-testid="order-history">
                <summary>{label}</summary>
                <ul class="plain-list">
                    {complaints.iter().map(|complaint| view! {
                        <li>
                            <a href=href(complaint)>{complaint.number.clone()}</a>
                            " "
                            <StatusBadge status=complaint.status/>
                        </li>
                    }).collect_view()}
                </ul>
            </details>
        }
        .into_any(),
    }
}

/// 发起投诉: pick a kind, describe the problem.
#[component]
pub fn FileComplaintPage() -> impl IntoView {
    let order_id = use_order_id();
    let orders = orders_resource();
    view! {
        <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
            <Transition fallback=|| view! { <section class="form-page"><SkeletonRows rows=2/></section> }>
                {move || Suspend::new(async move {
                    let orders = orders.await?;
                    let order = order_id.get().and_then(|id| orders.into_iter().find(|order| order.id == id));
                    Ok::<_, ApiFailure>(match order {
                        Some(order) => view! { <FileComplaintForm order/> }.into_any(),
                        None => view! { <NotFoundPage/> }.into_any(),
                    })
                })}
            </Transition>
        </ErrorBoundary>
    }
}

#[component]
fn FileComplaintForm(order: OrderView) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let actor = use_session().actor();
    let go = use_go();
    let flash = use_flash();
    let outdated = use_rules_outdated();
    set_page_title(move || Some(i18n.t().file.title.to_owned()));
    let filing = {
        let order = order.clone();
        Memo::new(move |_| order.check_filing(&actor.get()))
    };
    let open_complaint = order.open_complaint().cloned();
    let kept = KeptDraft::<FilingDraft>::new("filing", order.id);
    let draft = RwSignal::new(kept.load());
    Effect::new(move |_| kept.save(&draft.read()));
    let kind = Signal::derive(move || draft.read().kind);
    let description = Signal::derive(move || draft.read().description.clone());
    let attempted = RwSignal::new(false);
    let validation = Memo::new(move |_| draft.read().validation());
    let description_error = Signal::derive(move || match validation.get() {
        Some(Err(error)) if attempted.get() => Some((i18n.t().withdraw.text_error)(&error)),
        _ => None,
    });
    let order_id = order.id;
    let submit = Submission::new(
        move |request: NewComplaintRequest| {
            let api = api.clone();
            async move { api.file_complaint(&request).await }
        },
        move |detail: ComplaintDetail| {
            KeptDraft::<FilingDraft>::new("filing", order_id).forget();
            flash.set(Some(Flash::ComplaintFiled));
            // Replacing the form: back leads to the orders, not to a form already sent.
            go(Page::Complaint(detail.summary.id), true)
        },
    );
    let disabled =
        Signal::derive(move || outdated.get() || filing.get().is_err() || submit.pending().get());
    let on_submit = move |event: web_sys::SubmitEvent| {
        event.prevent_default();
        attempted.set(true);
        if disabled.get_untracked() {
            return;
        }
        match validation.get_untracked() {
            Some(Ok(valid)) => {
                submit.send(NewComplaintRequest {
                    order_id,
                    kind: valid.kind,
                    description: valid.description,
                });
            }
            Some(Err(_)) => focus_element("description-input"),
            None => focus_element(&format!("kind-{}", POLICY.complaint_kinds[0].code())),
        }
    };
    let brief = OrderBrief {
        id: order.id,
        number: order.number.clone(),
        title: order.title.clone(),
        shop: order.shop.clone(),
        amount_fen: order.amount_fen,
        image: order.image.clone(),
    };

    view! {
        <article class="form-page" data-testid="file-complaint-page">
            <BackLink href=Page::Orders.href() label=tr(|t| t.nav_orders)/>
            <PageTitle>{tr(|t| t.file.title)}</PageTitle>
            <ProductHeader order=brief/>
            <Show when=move || outdated.get()>
                <p class="notice notice--warning" role="status" data-testid="filing-blocked" data-code="rules_outdated">
                    {tr(|t| t.common.rules_outdated)}
                </p>
            </Show>
            {move || filing.get().err().filter(|_| !outdated.get()).map(|blocked| view! {
                <div class="notice notice--warning" role="status" data-testid="filing-blocked" data-code=blocked.code().as_str()>
                    <p>{move || (i18n.t().common.error)(blocked.code())}</p>
                    {open_complaint.clone().map(|complaint| view! {
                        <a href=Page::Complaint(complaint.id).href() class="button button--primary"
                            data-testid="view-open-complaint">{tr(|t| t.orders.view_complaint)}</a>
                    })}
                </div>
            })}
            <form novalidate on:submit=on_submit data-testid="file-form" class="form">
                <fieldset class="field" prop:disabled=disabled aria-describedby="kind-error">
                    <legend>{tr(|t| t.file.kind_label)}</legend>
                    <div class="choices-grid">
                        {POLICY.complaint_kinds.iter().map(|&choice| {
                            let id = format!("kind-{}", choice.code());
                            let (label_for, testid) = (id.clone(), id.clone());
                            view! {
                                <label class="choice choice--inline" for=label_for>
                                    <input type="radio" name="kind" id=id data-testid=testid
                                        prop:checked=move || kind.get() == Some(choice)
                                        on:change=move |_| draft.update(|draft| draft.kind = Some(choice))/>
                                    <span>{tr_with(choice, |t, arg| (t.kind)(arg))}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                    <p id="kind-error" class="field__error" role="alert">
                        {move || (attempted.get() && kind.get().is_none()).then(|| i18n.t().file.kind_missing)}
                    </p>
                </fieldset>
                <CountedText
                    text=description
                    on_input=Callback::new(move |text| draft.update(|draft| draft.description = text))
                    label=Signal::derive(move || i18n.t().file.description_label)
                    max_chars=POLICY.description.max_chars
                    required=true
                    error=description_error
                    disabled
                    testid="description"
                    rows=5
                />
                <SubmitBar progress=submit.progress() label=|t| t.file.submit disabled testid="file-submit"/>
            </form>
        </article>
    }
}

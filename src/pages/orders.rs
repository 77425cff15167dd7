//! 已买到的宝贝: the user's orders, each with its complaint entry (file one, or view it).

use complaint_api::{NewComplaintRequest, OrderId, OrderView};
use complaint_rules::{validate_complaint, ComplaintKind, POLICY};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::NotFoundPage;
use crate::api::{use_api, ApiFailure};
use crate::components::{failure_message, CountedText, ErrorPanel, SkeletonRows, StatusBadge};
use crate::deploy::app_path;
use crate::i18n::{tr, tr_with, use_i18n};
use crate::session::use_session;

fn orders_resource() -> LocalResource<Result<Vec<OrderView>, ApiFailure>> {
    let api = use_api();
    LocalResource::new(move || {
        let api = api.clone();
        async move { api.orders().await }
    })
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let orders = orders_resource();
    view! {
        <section class="page" data-testid="orders-page">
            <h1>{tr(|t| t.orders.title)}</h1>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                <Transition fallback=|| view! { <SkeletonRows rows=4/> }>
                    {move || Suspend::new(async move {
                        let orders = orders.await?;
                        Ok::<_, ApiFailure>(view! {
                            <ul class="plain-list order-list">
                                <For each=move || orders.clone() key=|order| order.id children=|order| view! { <OrderRow order/> }/>
                            </ul>
                        })
                    })}
                </Transition>
            </ErrorBoundary>
        </section>
    }
}

#[component]
fn OrderRow(order: OrderView) -> impl IntoView {
    let actor = use_session().actor();
    let may_file = {
        let order = order.clone();
        move || order.check_filing(&actor.get()).is_ok()
    };
    let open = order.open_complaint().cloned();
    let history: Vec<_> = order
        .complaints
        .iter()
        .filter(|complaint| !complaint.status.is_open())
        .cloned()
        .collect();
    let file_href = app_path(&format!("/orders/{}/complain", order.id));
    view! {
        <li class="card order" data-testid="order-row" data-number=order.number.clone()>
            <p class="order__title">{order.title.clone()}</p>
            <p class="muted">
                {order.shop.clone()} " · " {format_yuan(order.amount_fen)} " · "
                <time>{tr_with(order.placed_at, |t, arg| (t.date_time)(arg))}</time>
            </p>
            <p class="muted">{tr(|t| t.list.order_number)} " " {order.number.clone()}</p>
            <div class="order__actions">
                {open.map(|complaint| view! {
                    <A href=app_path(&format!("/complaints/{}", complaint.id)) attr:class="button" attr:data-testid="view-complaint">
                        {tr(|t| t.orders.view_complaint)}
                    </A>
                    <StatusBadge status=complaint.status/>
                })}
                <Show when=may_file.clone()>
                    <A href=file_href.clone() attr:class="button button--primary" attr:data-testid="file-complaint">
                        {tr(|t| t.orders.file)}
                    </A>
                </Show>
            </div>
            {(!history.is_empty()).then(|| view! {
                <details class="order__history">
                    <summary>{tr(|t| t.orders.history)}</summary>
                    <ul class="plain-list">
                        {history.into_iter().map(|complaint| view! {
                            <li>
                                <A href=app_path(&format!("/complaints/{}", complaint.id))>{complaint.number.clone()}</A>
                                " "
                                <StatusBadge status=complaint.status/>
                            </li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
        </li>
    }
}

/// ¥12.30 from 1230 fen; integer arithmetic, no floating point.
pub fn format_yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let fen = fen.unsigned_abs();
    format!("{sign}¥{}.{:02}", fen / 100, fen % 100)
}

/// 发起投诉: pick a kind, describe the problem.
#[component]
pub fn FileComplaintPage() -> impl IntoView {
    let params = use_params_map();
    let order_id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse().ok())
            .map(OrderId)
    });
    let orders = orders_resource();
    view! {
        <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
            <Transition fallback=|| view! { <section class="page"><SkeletonRows rows=2/></section> }>
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
    let navigate = use_navigate();
    let filing = {
        let order = order.clone();
        Memo::new(move |_| order.check_filing(&actor.get()))
    };
    let kind = RwSignal::new(None::<ComplaintKind>);
    let description = RwSignal::new(String::new());
    let attempted = RwSignal::new(false);
    let validation = Memo::new(move |_| {
        kind.get()
            .map(|kind| validate_complaint(kind, &description.read()))
    });
    let description_error = Signal::derive(move || match validation.get() {
        Some(Err(error)) if attempted.get() => Some((i18n.t().withdraw.text_error)(&error)),
        _ => None,
    });
    let order_id = order.id;
    let submit = Action::new_local(move |request: &NewComplaintRequest| {
        let api = api.clone();
        let request = request.clone();
        async move { api.file_complaint(&request).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(detail)) = submit.value().get() {
            navigate(
                &format!("/complaints/{}", detail.summary.id),
                Default::default(),
            );
        }
    });
    let failure = Signal::derive(move || submit.value().get().and_then(Result::err));
    let disabled = Signal::derive(move || filing.get().is_err() || submit.pending().get());
    let on_submit = move |event: web_sys::SubmitEvent| {
        event.prevent_default();
        attempted.set(true);
        if submit.pending().get_untracked() || filing.get_untracked().is_err() {
            return;
        }
        if let Some(Ok(valid)) = validation.get_untracked() {
            submit.dispatch(NewComplaintRequest {
                order_id,
                kind: valid.kind,
                description: valid.description,
            });
        }
    };
    let t = move || &i18n.t().file;

    view! {
        <article class="page" data-testid="file-complaint-page">
            <p class="breadcrumb"><A href=app_path("/orders")>{tr(|t| t.nav_orders)}</A></p>
            <h1>{tr(|t| t.file.title)}</h1>
            <p class="muted">{order.title.clone()} " · " {tr(|t| t.list.order_number)} " " {order.number.clone()}</p>
            {move || filing.get().err().map(|blocked| view! {
                <p class="notice notice--warning" role="status" data-testid="filing-blocked" data-code=blocked.code().as_str()>
                    {move || (i18n.t().common.error)(blocked.code())}
                </p>
            })}
            <form novalidate on:submit=on_submit data-testid="file-form">
                <fieldset class="field" prop:disabled=disabled>
                    <legend>{tr(|t| t.file.kind_label)}</legend>
                    {POLICY.complaint_kinds.iter().map(|&choice| view! {
                        <label class="choice">
                            <input type="radio" name="kind" data-testid=format!("kind-{}", choice.code())
                                prop:checked=move || kind.get() == Some(choice)
                                on:change=move |_| kind.set(Some(choice))/>
                            <span>{tr_with(choice, |t, arg| (t.kind)(arg))}</span>
                        </label>
                    }).collect_view()}
                    <p class="field__error" role="alert">
                        {move || (attempted.get() && kind.get().is_none()).then(|| t().kind_missing)}
                    </p>
                </fieldset>
                <CountedText
                    text=description
                    label=Signal::derive(move || t().description_label)
                    max_chars=POLICY.description.max_chars
                    required=true
                    error=description_error
                    disabled
                    testid="description"
                    rows=6
                />
                {move || failure.get().map(|failure| view! {
                    <div class="notice notice--error" role="alert" data-testid="file-failure">
                        <p>{move || failure_message(i18n.t(), &failure)}</p>
                    </div>
                })}
                <button type="submit" class="button button--primary button--block" data-testid="file-submit" prop:disabled=disabled>
                    {move || if submit.pending().get() { i18n.t().common.sending } else { t().submit }}
                </button>
            </form>
        </article>
    }
}

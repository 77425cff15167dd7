use complaint_api::Revocation;
use leptos::prelude::*;
use leptos_router::components::A;

use super::complaint::LoadComplaint;
use super::NotFoundPage;
use crate::deploy::app_path;
use crate::i18n::{tr, tr_with, use_i18n};

/// 撤销凭证: what was withdrawn, when, why; prints cleanly to keep.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    view! {
        <LoadComplaint render=|detail| match detail.revocation {
            Some(revocation) => {
                let order = detail.summary.order;
                view! {
                    <Receipt revocation number=detail.summary.number order_number=order.number order_id=order.id.0/>
                }
                .into_any()
            }
            None => view! { <NotFoundPage/> }.into_any(),
        }/>
    }
}

#[component]
fn Receipt(
    revocation: Revocation,
    number: String,
    order_number: String,
    order_id: i64,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || &i18n.t().receipt;
    let Revocation {
        reference,
        revoked_at,
        reason,
        note,
        by,
        actor_name,
    } = revocation;
    view! {
        <article class="page receipt" data-testid="receipt">
            <p class="notice notice--success" role="status">{tr(|t| t.receipt.done)}</p>
            <h1>{tr(|t| t.receipt.title)}</h1>
            <dl class="facts">
                <dt>{tr(|t| t.receipt.reference)}</dt>
                <dd data-testid="receipt-reference">{reference}</dd>
                <dt>{tr(|t| t.list.complaint_number)}</dt>
                <dd>{number}</dd>
                <dt>{tr(|t| t.list.order_number)}</dt>
                <dd>{order_number}</dd>
                <dt>{tr(|t| t.receipt.revoked_at)}</dt>
                <dd><time>{tr_with(revoked_at, |t, arg| (t.date_time)(arg))}</time></dd>
                <dt>{tr(|t| t.withdraw.reason_label)}</dt>
                <dd data-testid="receipt-reason">{tr_with(reason, |t, arg| (t.reason)(arg))}</dd>
                <dt>{tr(|t| t.withdraw.note_label)}</dt>
                <dd class="facts__text" data-testid="receipt-note">{note}</dd>
                <dt>{tr(|t| t.receipt.by)}</dt>
                <dd>{move || (t().by_whom)(by, &actor_name)}</dd>
            </dl>
            <ul class="receipt__after">
                {move || i18n.t().help.after_items.iter().map(|item| view! { <li>{*item}</li> }).collect_view()}
            </ul>
            <div class="actions no-print">
                <button type="button" class="button button--primary" data-testid="print-receipt"
                    on:click=|_| { let _ = window().print(); }>
                    {tr(|t| t.receipt.print)}
                </button>
                <A href=app_path("/") attr:class="button">{tr(|t| t.detail.back_to_list)}</A>
                <A href=app_path(&format!("/orders/{order_id}/complain")) attr:class="button">{tr(|t| t.detail.file_again)}</A>
            </div>
        </article>
    }
}

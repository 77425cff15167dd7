use complaint_api::{AssistanceStatus, AssistanceView, ComplaintDetail};
use leptos::prelude::*;
use leptos_router::components::A;

use super::complaint::LoadComplaint;
use crate::clock::use_clock;
use crate::components::{EligibilityPanel, StatusBadge, Timeline};
use crate::deploy::app_path;
use crate::i18n::{tr, tr_with};
use crate::session::use_session;

/// One complaint: the facts, what can be done now, the assistance requests, the history.
#[component]
pub fn ComplaintDetailPage() -> impl IntoView {
    view! { <LoadComplaint render=|detail| view! { <ComplaintView detail/> }.into_any()/> }
}

#[component]
fn ComplaintView(detail: ComplaintDetail) -> impl IntoView {
    let clock = use_clock();
    let actor = use_session().actor();
    let summary = detail.summary.clone();
    let description = detail.description.clone();
    let timeline = detail.timeline.clone();
    let assistance = detail.assistance.clone();
    let revoked = detail.revocation.is_some();
    let receipt_href = app_path(&format!("/complaints/{}/receipt", summary.id));
    let detail = Signal::stored(detail);

    view! {
        <article class="page complaint" data-testid="complaint-page" data-status=summary.status.code()>
            <p class="breadcrumb no-print">
                <A href=app_path("/")>{tr(|t| t.nav_complaints)}</A>
            </p>
            <header class="complaint__header">
                <h1>{summary.order.title.clone()}</h1>
                <StatusBadge status=summary.status/>
            </header>
            <dl class="facts">
                <dt>{tr(|t| t.list.complaint_number)}</dt>
                <dd data-testid="complaint-number">{summary.number.clone()}</dd>
                <dt>{tr(|t| t.list.order_number)}</dt>
                <dd>{summary.order.number.clone()}</dd>
                <dt>{tr(|t| t.detail.kind)}</dt>
                <dd>{tr_with(summary.kind, |t, arg| (t.kind)(arg))}</dd>
                <dt>{tr(|t| t.detail.filed_at)}</dt>
                <dd><time>{tr_with(summary.filed_at, |t, arg| (t.date_time)(arg))}</time></dd>
                <dt>{tr(|t| t.detail.description)}</dt>
                <dd class="facts__text">{description}</dd>
            </dl>

            <EligibilityPanel detail actor now=clock.signal()/>

            {revoked.then(|| view! {
                <p>
                    <A href=receipt_href attr:class="button" attr:data-testid="receipt-link">
                        {tr(|t| t.detail.view_receipt)}
                    </A>
                </p>
            })}

            {(!assistance.is_empty()).then(|| view! { <AssistanceList requests=assistance/> })}

            <section aria-labelledby="timeline-title">
                <h2 id="timeline-title">{tr(|t| t.detail.timeline_title)}</h2>
                <Timeline events=timeline/>
            </section>
        </article>
    }
}

#[component]
fn AssistanceList(requests: Vec<AssistanceView>) -> impl IntoView {
    view! {
        <section aria-labelledby="assistance-title" data-testid="assistance-requests">
            <h2 id="assistance-title">{tr(|t| t.detail.assistance_title)}</h2>
            <ul class="plain-list">
                {requests
                    .into_iter()
                    .map(|request| {
                        let status = request.status;
                        view! {
                            <li class="card" data-status=match status {
                                AssistanceStatus::Pending => "pending",
                                AssistanceStatus::Approved => "approved",
                                AssistanceStatus::Rejected => "rejected",
                            }>
                                <p><strong>{tr_with(status, |t, arg| (t.detail.assistance_status)(arg))}</strong></p>
                                <p class="muted">
                                    <time>{tr_with(request.requested_at, |t, arg| (t.date_time)(arg))}</time>
                                    " · "
                                    {tr_with(request.reason, |t, arg| (t.reason)(arg))}
                                </p>
                                {request.rejection_reason.map(|reason| view! {
                                    <p>{tr(|t| t.detail.rejection_reason)} " " {reason.clone()}</p>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

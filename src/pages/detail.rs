//! One complaint: the product, whether it can be withdrawn (and the action), where it stands
//! (the stepper with the window), the way to customer service, its facts, the requests to
//! customer service, the history.

use complaint_api::{
    AssistanceView, ComplaintDetail, ComplaintId, PressureReportStatus, PressureReportView,
};
use complaint_rules::{ComplaintStatus, POLICY};
use leptos::prelude::*;

use super::complaint::LoadComplaint;
use crate::clock::use_clock;
use crate::components::{
    offers_action, set_page_title, state_words, steps_of, use_on_screen, use_unread,
    use_wide_screen, withdrawal_state, BackLink, BarLayout, CopyableNumber, DetailAction,
    EligibilityPanel, FlashNotice, Icon, IconName, ProductHeader, StatusStepper, StickyBar,
    Timeline,
};
use crate::deploy::use_host;
use crate::i18n::{tr, tr_with, use_i18n};
use crate::routes::Page;
use crate::session::use_session;
use crate::withdrawal::Urgency;

#[component]
pub fn ComplaintDetailPage() -> impl IntoView {
    view! { <LoadComplaint render=|detail| view! { <ComplaintView detail/> }.into_any()/> }
}

#[component]
fn ComplaintView(detail: ComplaintDetail) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_clock();
    let actor = use_session().actor();
    let wide = use_wide_screen();
    let summary = detail.summary.clone();
    set_page_title(move || Some(i18n.t().detail.title.to_owned()));
    let steps = steps_of(summary.status, &detail.timeline);
    let show_window = summary.status.can_become(ComplaintStatus::Withdrawn);
    let description = detail.description.clone();
    let timeline = detail.timeline.clone();
    let assistance = detail.assistance.clone();
    let pressure = detail.pressure_reports.clone();
    let state = withdrawal_state(Signal::stored(summary.clone()), actor, clock.signal());
    let bar_summary = StoredValue::new(summary.clone());
    let panel = NodeRef::<leptos::html::Div>::new();
    let panel_on_screen = use_on_screen(panel);
    let detail = Signal::stored(detail);
    // Decided once, as the page is built: panels do not swap places under the reader's eyes
    // when the window closes.
    let lead_with_progress = state.get_untracked().is_open();
    let eligibility = move || {
        view! {
            <div node_ref=panel>
                <EligibilityPanel detail actor now=clock.signal()/>
            </div>
        }
    };

    view! {
        <article class="detail" data-testid="complaint-page" data-status=summary.status.code()>
            // Beside the list (a wide screen) there is nothing to go back to.
            <Show when=move || !wide.get()>
                <BackLink href=Page::HOME.href() label=tr(|t| t.nav_complaints)/>
            </Show>
            <ProductHeader order=summary.order.clone() status=summary.status heading=true/>
            <FlashNotice/>

            // While it can be withdrawn, where the complaint stands and what happens next come
            // first, the withdrawal after: the page never leads with undoing the complaint.
            // Otherwise the panel leads, with the way on (assistance, appeal, the receipt).
            {(!lead_with_progress).then(&eligibility)}
            <section class="panel" aria-labelledby="progress-title" data-testid="progress">
                <h2 id="progress-title" class="panel__title">{tr(|t| t.detail.progress_title)}</h2>
                <StatusStepper steps filed_at=summary.filed_at show_window now=clock.signal()/>
                {(detail.read_untracked().summary.status.is_open()).then(|| view! {
                    <p class="panel__note" data-testid="what-next">
                        {tr_with(summary.status, |t, status| (t.detail.what_next)(status))}
                    </p>
                })}
            </section>
            {lead_with_progress.then(eligibility)}

            <ContactService complaint=summary.id/>
            {(!assistance.is_empty()).then(|| view! { <AssistanceList requests=assistance/> })}
            {(!pressure.is_empty()).then(|| view! { <PressureList reports=pressure/> })}

            <section class="panel" aria-labelledby="facts-title">
                <h2 id="facts-title" class="panel__title">{tr(|t| t.detail.facts_title)}</h2>
                <dl class="facts">
                    <dt>{tr(|t| t.list.complaint_number)}</dt>
                    <dd><CopyableNumber number=summary.number.clone() testid="complaint-number"/></dd>
                    <dt>{tr(|t| t.list.order_number)}</dt>
                    <dd><CopyableNumber number=summary.order.number.clone() testid="order-number"/></dd>
                    <dt>{tr(|t| t.detail.kind)}</dt>
                    <dd>{tr_with(summary.kind, |t, arg| (t.kind)(arg))}</dd>
                    <dt>{tr(|t| t.detail.filed_at)}</dt>
                    <dd><time>{tr_with(summary.filed_at, |t, arg| (t.date_time)(arg))}</time></dd>
                    <dt>{tr(|t| t.detail.description)}</dt>
                    <dd class="facts__text">{description}</dd>
                </dl>
            </section>

            <section class="panel" aria-labelledby="timeline-title">
                <h2 id="timeline-title" class="panel__title">{tr(|t| t.detail.timeline_title)}</h2>
                <Timeline events=timeline/>
            </section>

            // On a phone the panel scrolls away: its action stays one tap, at the bottom.
            <Show when=move || !wide.get() && !panel_on_screen.get() && offers_action(state.get())>
                <StickyBar layout=BarLayout::Inline testid="sticky-bar">
                    <p class="sticky-bar__note" data-state=move || state.get().code()
                        data-urgency=move || state.get().urgency().map(Urgency::code)>
                        {move || state_words(i18n.t(), state.get()).1}
                    </p>
                    {move || view! { <DetailAction state=state.get() summary=bar_summary.get_value()/> }}
                </StickyBar>
            </Show>
        </article>
    }
}

/// The requests, each with its state, when and why it was sent; when to expect an answer is
/// the panel's (one place on the page).
#[component]
fn AssistanceList(requests: Vec<AssistanceView>) -> impl IntoView {
    view! {
        <section class="panel" id="assistance" aria-labelledby="assistance-title" data-testid="assistance-requests">
            <h2 id="assistance-title" class="panel__title">{tr(|t| t.detail.assistance_title)}</h2>
            <ul class="requests">
                {requests
                    .into_iter()
                    .map(|request| {
                        let status = request.status;
                        view! {
                            <li class="request" data-status=status.code()>
                                <p class="request__status">{tr_with(status, |t, arg| (t.detail.assistance_status)(arg))}</p>
                                <p class="request__meta">
                                    <time>{tr_with(request.requested_at, |t, arg| (t.date_time)(arg))}</time>
                                    " · "
                                    {tr_with(request.reason, |t, arg| (t.reason)(arg))}
                                </p>
                                {request.rejection_reason.map(|reason| view! {
                                    <p class="request__reason">{tr(|t| t.detail.rejection_reason)} " " {reason.clone()}</p>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn PressureList(reports: Vec<PressureReportView>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="pressure-title" data-testid="pressure-reports">
            <h2 id="pressure-title" class="panel__title">{tr(|t| t.pressure.list_title)}</h2>
            <ul class="requests">
                {reports
                    .into_iter()
                    .map(|report| {
                        let open = report.status == PressureReportStatus::Open;
                        view! {
                            <li class="request" data-status=if open { "open" } else { "handled" }>
                                <p class="request__status">{tr_with(open, |t, open| (t.pressure.status)(open))}</p>
                                <p class="request__meta"><time>{tr_with(report.reported_at, |t, arg| (t.date_time)(arg))}</time></p>
                                {(!report.note.is_empty()).then(|| view! { <p class="request__reason">{report.note.clone()}</p> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// 联系客服: the way into the complaint's conversation, with the answers not yet read.
#[component]
fn ContactService(complaint: ComplaintId) -> impl IntoView {
    let i18n = use_i18n();
    let unread = use_unread();
    let host = use_host();
    let count = move || unread.of(complaint);
    view! {
        <a href=host.customer_service_href(complaint) class="panel contact" data-testid="contact-service">
            <span class="contact__icon"><Icon name=IconName::Headset/></span>
            <span class="contact__words">
                <strong>{tr(|t| t.conversation.open)}</strong>
                <span class="contact__hint">
                    {move || match count() {
                        0 => (i18n.t().conversation.intro)(POLICY.assistance_response_hours),
                        unread => (i18n.t().conversation.unread)(unread),
                    }}
                </span>
            </span>
            <Show when=move || { count() > 0 }>
                <span class="unread-badge" data-testid="contact-unread">{count}</span>
            </Show>
            <Icon name=IconName::ChevronRight/>
        </a>
    }
}

//! A conversation's messages: the shopper's on the right, customer service's on the left,
//! requests and decisions as cards that say where they stand.

use complaint_api::{
    ArbitrationNoteStatus, AssistanceView, ImageView, MessageCard, MessageView,
    PressureReportStatus,
};
use complaint_rules::{AssistanceStatus, Role};
use leptos::prelude::*;

use super::icons::{Icon, IconName};
use super::request_actions::{ArbitrationNoteActions, AssistanceActions, PressureActions};
use crate::api::use_api;
use crate::i18n::{tr, tr_with, use_i18n, Texts};
use crate::routes::Page;

/// The messages, oldest first, as `viewer` sees them (theirs on the right).
#[component]
pub fn MessageList(
    #[prop(into)] messages: Signal<Vec<MessageView>>,
    viewer: Role,
    /// The id of the picture input a request for evidence opens.
    #[prop(optional)]
    pictures_input: Option<&'static str>,
) -> impl IntoView {
    // The latest message is what the reader came for: keep it in view as messages arrive.
    let thread = NodeRef::<leptos::html::Ol>::new();
    Effect::new(move |_| {
        let count = messages.with(Vec::len);
        let Some(thread) = thread.get() else { return };
        if count > 0 {
            request_animation_frame(move || {
                if let Some(last) = thread.last_element_child() {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    last.scroll_into_view_with_scroll_into_view_options(&options);
                }
            });
        }
    });
    view! {
        <ol class="thread" data-testid="thread" aria-live="polite" node_ref=thread>
            <For each=move || messages.get() key=|message| (message.id, card_key(&message.card))
                children=move |message| view! { <MessageItem message viewer pictures_input/> }/>
        </ol>
    }
}

/// A card changes as its request is decided: keyed by that, so it is drawn again.
fn card_key(card: &Option<MessageCard>) -> &'static str {
    match card {
        Some(MessageCard::AssistanceRequested { request }) => request.status.code(),
        Some(MessageCard::ArbitrationNote { note }) => note.status.code(),
        Some(MessageCard::PressureReported { report }) => report.status.code(),
        _ => "",
    }
}

#[component]
fn MessageItem(
    message: MessageView,
    viewer: Role,
    pictures_input: Option<&'static str>,
) -> impl IntoView {
    let mine = message.author_role == viewer;
    let side = if mine { "mine" } else { "theirs" };
    let i18n = use_i18n();
    let (name, role) = (message.author_name.clone(), message.author_role);
    let author = move || (i18n.t().detail.event_actor)(&name, role);
    let sent_at = message.sent_at;
    view! {
        <li class=format!("message message--{side}") data-testid="message" data-author=message.author_role.code()
            data-id=message.id.0>
            <p class="message__meta">
                <span class="message__author">{author}</span>
                " · "
                <time>{tr_with(sent_at, |t, at| (t.date_short)(at))}</time>
            </p>
            {message.card.map(|card| view! { <Card card viewer pictures_input/> })}
            {(!message.text.is_empty()).then(|| view! {
                <p class="message__text" data-testid="message-text">{message.text.clone()}</p>
            })}
            {(!message.images.is_empty()).then(|| view! { <Pictures images=message.images.clone()/> })}
        </li>
    }
}

/// A message's pictures, small; each opens whole.
#[component]
fn Pictures(images: Vec<ImageView>) -> impl IntoView {
    let api = use_api();
    view! {
        <ul class="message__pictures" data-testid="message-pictures">
            {images.into_iter().map(|image| {
                let (thumb, whole) = (api.image_url(image.id, true), api.image_url(image.id, false));
                view! {
                    <li>
                        <a href=whole target="_blank" rel="noopener" class="message__picture"
                            aria-label=tr(|t| t.conversation.open_picture)>
                            <img src=thumb alt="" loading="lazy" width="96" height="96"/>
                        </a>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// A request or a decision, with where it stands; for an agent, an open request's actions,
/// inside its card. `data-card` is the API's name for the card.
#[component]
fn Card(card: MessageCard, viewer: Role, pictures_input: Option<&'static str>) -> impl IntoView {
    let i18n = use_i18n();
    let agent = viewer == Role::Agent;
    match card {
        MessageCard::AssistanceRequested { request } => {
            let actionable = agent && request.status == AssistanceStatus::Pending;
            view! { <AssistanceCard request decided=false actionable/> }.into_any()
        }
        MessageCard::AssistanceDecided { request } => {
            view! { <AssistanceCard request decided=true actionable=false/> }.into_any()
        }
        MessageCard::ArbitrationNote { note } => {
            let handled = note.status == ArbitrationNoteStatus::Handled;
            let kind = note.kind;
            view! {
                <div class="card" data-testid="card" data-card="arbitration_note" data-status=note.status.code()>
                    <p class="card__title"><Icon name=IconName::Flag/>
                        {move || (i18n.t().conversation.arbitration_note)(kind)}</p>
                    {(!note.note.is_empty()).then(|| view! { <p class="card__text">{note.note.clone()}</p> })}
                    <p class="card__status">{move || (i18n.t().conversation.handled)(handled)}</p>
                    {(agent && !handled).then(|| view! { <ArbitrationNoteActions note=note.id/> })}
                </div>
            }
            .into_any()
        }
        MessageCard::ArbitrationNoteHandled { note } => {
            let kind = note.kind;
            view! {
                <HandledCard card="arbitration_note_handled" status=note.status.code()
                    title=move || (i18n.t().conversation.arbitration_note)(kind).to_owned()/>
            }
            .into_any()
        }
        MessageCard::PressureReported { report } => {
            let handled = report.status == PressureReportStatus::Handled;
            let kind = report.kind;
            view! {
                <div class="card" data-testid="card" data-card="pressure_reported" data-status=report.status.code()>
                    <p class="card__title"><Icon name=IconName::Shield/>
                        {move || (i18n.t().conversation.pressure_report)(kind)}</p>
                    {(!report.note.is_empty()).then(|| view! { <p class="card__text">{report.note.clone()}</p> })}
                    <p class="card__status">{move || (i18n.t().conversation.handled)(handled)}</p>
                    {(agent && !handled).then(|| view! { <PressureActions report=report.id/> })}
                </div>
            }
            .into_any()
        }
        MessageCard::PressureHandled { report } => {
            let kind = report.kind;
            view! {
                <HandledCard card="pressure_handled" status=report.status.code()
                    title=move || (i18n.t().conversation.pressure_report)(kind)/>
            }
            .into_any()
        }
        MessageCard::EvidenceRequested => view! {
            <div class="card card--ask" data-testid="card" data-card="evidence_requested">
                <p class="card__title"><Icon name=IconName::Image/>{tr(|t| t.conversation.evidence_requested)}</p>
                {pictures_input.map(|input| view! {
                    <label for=input class="button button--primary" data-testid="evidence-requested-add">
                        {tr(|t| t.conversation.add_pictures)}
                    </label>
                })}
            </div>
        }
        .into_any(),
    }
}

/// An agent's handling of a note or a report: only the request's title, the words are above.
#[component]
fn HandledCard(
    card: &'static str,
    status: &'static str,
    #[prop(into)] title: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="card card--decision" data-testid="card" data-card=card data-status=status>
            <p class="card__title"><Icon name=IconName::Check/>{title}</p>
            <p class="card__status">{move || (i18n.t().conversation.handled)(true)}</p>
        </div>
    }
}

/// An assisted withdrawal: what was asked (the same answers as self-service), and the
/// decision once there is one; approved, the receipt.
#[component]
fn AssistanceCard(request: AssistanceView, decided: bool, actionable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let status = request.status;
    let title = move |t: &'static Texts| match (decided, status) {
        (true, AssistanceStatus::Approved) => t.conversation.assistance_approved,
        (true, _) => t.conversation.assistance_rejected,
        (false, _) => t.assistance.title,
    };
    let reason = request.reason;
    let remedy = request.remedy;
    view! {
        <div class="card" data-testid="card" data-card=if decided { "assistance_decided" } else { "assistance_requested" }
            data-status=status.code()>
            <p class="card__title"><Icon name=IconName::Headset/>{move || title(i18n.t())}</p>
            {(!decided).then(|| view! {
                <dl class="facts facts--compact">
                    <dt>{tr(|t| t.withdraw.reason_label)}</dt>
                    <dd>{move || (i18n.t().reason)(reason)}</dd>
                    {remedy.map(|remedy| view! {
                        <dt>{tr(|t| t.withdraw.remedy_label)}</dt>
                        <dd data-testid="card-remedy">{move || (i18n.t().remedy)(remedy)}</dd>
                    })}
                    {(!request.note.is_empty()).then(|| view! {
                        <dt>{tr(|t| t.withdraw.note_label)}</dt>
                        <dd class="facts__text">{request.note.clone()}</dd>
                    })}
                </dl>
            })}
            {request.rejection_reason.clone().filter(|_| decided).map(|reason| view! {
                <p class="card__text" data-testid="card-rejection">{reason}</p>
            })}
            // The request's own card says where it stands; a decision's title already says it,
            // and a refusal says what the shopper can do now.
            {(!decided).then(|| view! {
                <p class="card__status" data-status=status.code()>{move || (i18n.t().detail.assistance_status)(status)}</p>
            })}
            {(decided && status == AssistanceStatus::Rejected).then(|| view! {
                <p class="card__next" data-testid="card-next">{tr(|t| t.conversation.rejected_next)}</p>
            })}
            {(decided && status == AssistanceStatus::Approved).then(|| view! {
                <a href=Page::Receipt(request.complaint_id).href() class="button" data-testid="card-receipt">
                    {tr(|t| t.conversation.view_receipt)}
                </a>
            })}
            {actionable.then(|| view! { <AssistanceActions request=request.id/> })}
        </div>
    }
}

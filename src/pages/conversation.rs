//! 联系客服: the complaint's conversation with customer service. The complaint is attached
//! (the shopper never types an order number); messages and decisions arrive live; what the
//! shopper can ask for (an assisted withdrawal, an arbitration note, a pressure report) is
//! one tap away, each with its own form and safeguards; reading the answers clears them.

use complaint_api::{ComplaintDetail, ConversationView, MessageView};
use complaint_rules::{
    assistance_ground, check_arbitration_note, check_assistance, check_pressure_report, Role,
    POLICY,
};
use leptos::prelude::*;

use super::complaint::ComplaintForm;
use crate::api::{use_api, use_live_updates, ApiFailure};
use crate::clock::use_clock;
use crate::components::{
    set_page_title, use_unread, BackLink, EmptyState, ErrorPanel, FlashNotice, Illustration,
    MessageComposer, MessageList, PageTitle, ProductHeader, SkeletonRows,
};
use crate::i18n::{tr, tr_with, use_i18n};
use crate::routes::Page;
use crate::session::use_session;

#[component]
pub fn ConversationPage() -> impl IntoView {
    view! { <ComplaintForm form=|current| view! { <Conversation current/> }.into_any()/> }
}

/// The id of the composer's picture input: a request for evidence opens it.
const PICTURES_INPUT: &str = "composer-pictures";

#[component]
fn Conversation(current: RwSignal<ComplaintDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let live = use_live_updates();
    let unread = use_unread();
    let summary = Memo::new(move |_| current.read().summary.clone());
    let id = summary.get_untracked().id;
    set_page_title(move || Some(i18n.t().conversation.title.to_owned()));

    // Loaded again when a message arrives here, or the complaint changes (a decision).
    let conversation = Resource::new(
        move || (live.latest_message_for(id), live.revision_for(id)),
        {
            let api = api.clone();
            move |_| api.conversation(id)
        },
    );
    // What is on screen has been read: say so to the server (the badges follow).
    let mark_read = Action::new_local(move |view: &ConversationView| {
        let api = api.clone();
        let last = view.messages.last().map(|message| message.id);
        async move {
            if let Some(last) = last {
                if api.mark_read(id, last).await.is_ok() {
                    unread.refresh();
                }
            }
        }
    });
    // Shown is read: tell the server (the outside world), whenever answers arrive unread.
    Effect::new(move |_| {
        if let Some(Ok(view)) = conversation.get() {
            if view.unread > 0 {
                mark_read.dispatch(view);
            }
        }
    });
    let on_sent = Callback::new(move |_: MessageView| conversation.refetch());

    view! {
        <article class="form-page conversation" data-testid="conversation-page">
            <BackLink href=Page::Complaint(id).href() label=tr(|t| t.detail.back_to_complaint)/>
            <PageTitle>{tr(|t| t.conversation.title)}</PageTitle>
            <FlashNotice/>
            <section class="conversation__subject">
                {move || view! { <ProductHeader order=summary.get().order status=summary.get().status/> }}
                <p class="conversation__numbers muted" data-testid="conversation-attached">
                    {move || summary.with(|c| (i18n.t().conversation.attached)(&c.order.number, &c.number))}
                </p>
                <p class="conversation__hours">
                    {tr_with(POLICY.assistance_response_hours, |t, hours| (t.conversation.intro)(hours))}
                </p>
            </section>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                <Transition fallback=|| view! { <SkeletonRows rows=2/> }>
                    {move || Suspend::new(async move {
                        let view = conversation.await?;
                        Ok::<_, ApiFailure>(if view.messages.is_empty() {
                            view! {
                                <EmptyState illustration=Illustration::Inbox
                                    title=tr(|t| t.conversation.empty_title)
                                    body=tr(|t| t.conversation.empty_body) testid="conversation-empty"/>
                            }
                            .into_any()
                        } else {
                            view! {
                                <MessageList messages=view.messages viewer=Role::Shopper
                                    pictures_input=PICTURES_INPUT/>
                            }
                            .into_any()
                        })
                    })}
                </Transition>
            </ErrorBoundary>
            <Requests current/>
            <MessageComposer complaint=id on_sent pictures_input=PICTURES_INPUT/>
        </article>
    }
}

/// What the shopper can ask customer service to do about this complaint now, each a form of
/// its own: what the rules allow, and nothing else.
#[component]
fn Requests(current: RwSignal<ComplaintDetail>) -> impl IntoView {
    let clock = use_clock();
    let actor = use_session().actor();
    let offers = move || {
        let summary = current.read().summary.clone();
        let facts = summary.facts();
        let actor = actor.get();
        let now = clock.now();
        let ground = assistance_ground(&facts, &actor, now);
        let pending = summary.assistance == Some(complaint_rules::AssistanceStatus::Pending);
        let mut offers = Vec::new();
        if check_assistance(&facts, &actor, now, ground, pending).is_ok() {
            offers.push(Offer::Withdrawal);
        }
        if check_arbitration_note(&facts, &actor).is_ok() {
            offers.push(Offer::Settled);
            offers.push(Offer::Appeal);
        }
        if check_pressure_report(&facts, &actor).is_ok() {
            offers.push(Offer::Pressure);
        }
        (summary.id, offers)
    };
    move || {
        let (id, offers) = offers();
        (!offers.is_empty()).then(|| {
            view! {
                <nav class="requests-bar" aria-label=tr(|t| t.conversation.requests_title) data-testid="requests">
                    {offers.into_iter().map(|offer| view! { <OfferLink offer id/> }).collect_view()}
                </nav>
            }
        })
    }
}

/// A request the shopper can make in the conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Offer {
    Withdrawal,
    Settled,
    Appeal,
    Pressure,
}

#[component]
fn OfferLink(offer: Offer, id: complaint_api::ComplaintId) -> impl IntoView {
    let (page, label, testid): (Page, fn(&'static crate::i18n::Texts) -> &'static str, &str) =
        match offer {
            Offer::Withdrawal => (
                Page::Assistance(id),
                |t| t.conversation.request_withdrawal,
                "request-withdrawal",
            ),
            Offer::Settled => (
                Page::ArbitrationNote(id, Some(complaint_rules::ArbitrationNoteKind::Settled)),
                |t| t.conversation.settled,
                "request-settled",
            ),
            Offer::Appeal => (
                Page::ArbitrationNote(id, Some(complaint_rules::ArbitrationNoteKind::Appeal)),
                |t| t.conversation.appeal,
                "request-appeal",
            ),
            Offer::Pressure => (
                Page::Pressure(id),
                |t| t.conversation.report_pressure,
                "request-pressure",
            ),
        };
    view! { <a href=page.href() class="chip chip--action" data-testid=testid>{tr(label)}</a> }
}

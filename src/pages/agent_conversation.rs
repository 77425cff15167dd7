//! A complaint's conversation as an agent works on it: the complaint attached, the thread
//! with each open request's actions on its card, and the reply box (which can ask the owner
//! for evidence). Live both ways.

use complaint_api::{ComplaintDetail, ConversationView, MessageView};
use complaint_rules::Role;
use leptos::prelude::*;

use super::complaint::ComplaintForm;
use crate::api::{use_api, use_live_updates, ApiFailure};
use crate::components::{
    set_page_title, use_unread, BackLink, ErrorPanel, MessageComposer, MessageList, PageTitle,
    ProductHeader, SkeletonRows, StatusBadge,
};
use crate::i18n::tr;
use crate::routes::Page;

#[component]
pub fn AgentConversationPage() -> impl IntoView {
    view! { <ComplaintForm form=|current| view! { <AgentConversation current/> }.into_any()/> }
}

#[component]
fn AgentConversation(current: RwSignal<ComplaintDetail>) -> impl IntoView {
    let api = use_api();
    let live = use_live_updates();
    let unread = use_unread();
    let i18n = crate::i18n::use_i18n();
    set_page_title(move || Some(i18n.t().agent.conversations_title.to_owned()));
    let summary = Memo::new(move |_| current.read().summary.clone());
    let id = summary.get_untracked().id;
    let conversation = Resource::new(
        move || (live.latest_message_for(id), live.revision_for(id)),
        {
            let api = api.clone();
            move |_| api.conversation(id)
        },
    );
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
        <article class="form-page conversation" data-testid="agent-conversation">
            <BackLink href=Page::Agent.href() label=tr(|t| t.nav_agent)/>
            <PageTitle>{tr(|t| t.agent.conversations_title)}</PageTitle>
            <section class="conversation__subject">
                {move || view! { <ProductHeader order=summary.get().order/> }}
                <p class="conversation__numbers muted">
                    <StatusBadge status=summary.get_untracked().status/> " "
                    {tr(|t| t.list.complaint_number)} " " {move || summary.get().number} " · "
                    {tr(|t| t.list.order_number)} " " {move || summary.get().order.number}
                </p>
            </section>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                <Transition fallback=|| view! { <SkeletonRows rows=2/> }>
                    {move || Suspend::new(async move {
                        let view = conversation.await?;
                        Ok::<_, ApiFailure>(view! { <MessageList messages=view.messages viewer=Role::Agent/> })
                    })}
                </Transition>
            </ErrorBoundary>
            <MessageComposer complaint=id on_sent agent=true/>
        </article>
    }
}

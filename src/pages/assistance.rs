//! 客服协助撤销: ask customer service to withdraw a complaint after the window, or when
//! self-service did not work. It asks exactly what self-service asks — the reason and note,
//! for a settlement whether the remedy arrived, then a confirmation that is also where the
//! choice is affirmed as the shopper's own — and goes to the conversation as a request the
//! agent acts on. When the window closed under an open withdrawal form, the words typed there
//! arrive here already filled in.

use complaint_api::{ComplaintDetail, MessageView, NewMessage};
use complaint_rules::{assistance_ground, check_assistance, POLICY};
use leptos::prelude::*;

use super::complaint::ComplaintForm;
use crate::api::use_rules_outdated;
use crate::clock::use_clock;
use crate::components::{
    focus_element, leave_sheet_then, set_page_title, use_flash, BackLink, BarLayout, ConfirmDialog,
    Flash, PageTitle, ProductHeader, ReasonNoteFields, RemedyQuestion, StickyBar, Submission,
    WithdrawalSummary,
};
use crate::drafts::{withdrawal_words, KeptDraft};
use crate::forms::{ReasonNote, WithdrawalDraft};
use crate::i18n::{tr, tr_with, use_i18n};
use crate::routes::{use_go, Page};
use crate::session::use_session;

#[component]
pub fn AssistancePage() -> impl IntoView {
    view! { <ComplaintForm form=|current| view! { <AssistanceForm current/> }.into_any()/> }
}

#[component]
fn AssistanceForm(current: RwSignal<ComplaintDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_clock();
    let actor = use_session().actor();
    let outdated = use_rules_outdated();
    let go = use_go();
    let flash = use_flash();
    set_page_title(move || Some(i18n.t().assistance.title.to_owned()));
    let summary = Memo::new(move |_| current.read().summary.clone());
    let id = summary.get_untracked().id;
    // The ground the rules see (the server decides it the same way and records its own).
    let allowed = Memo::new(move |_| {
        let summary = summary.read();
        let facts = summary.facts();
        let actor = actor.get();
        let now = clock.now();
        let ground = assistance_ground(&facts, &actor, now);
        let pending = summary.assistance_pending();
        check_assistance(&facts, &actor, now, ground, pending)
    });

    // This form's own draft, else what was typed on the withdrawal form when the window
    // closed under it.
    let kept = KeptDraft::<ReasonNote>::new("assistance", id);
    let own = kept.load();
    let carried_words = withdrawal_words(id).load();
    let carried = own == ReasonNote::default() && carried_words != ReasonNote::default();
    let draft = RwSignal::new(WithdrawalDraft::with_words(if carried {
        carried_words
    } else {
        own
    }));
    Effect::new(move |_| kept.save(&draft.read().words));
    let dialog_open = RwSignal::new(false);

    let send = Submission::message(
        id,
        // Sent: the conversation shows the request, with when to expect an answer.
        move |_: MessageView| {
            withdrawal_words(id).forget();
            KeptDraft::<ReasonNote>::new("assistance", id).forget();
            flash.set(Some(Flash::AssistanceSent));
            let go = go.clone();
            leave_sheet_then(move || go(Page::Conversation(id), true));
            dialog_open.set(false);
        },
    );
    let sending = send.pending();
    let disabled =
        Signal::derive(move || outdated.get() || allowed.get().is_err() || sending.get());

    let on_submit = move |event: web_sys::SubmitEvent| {
        event.prevent_default();
        draft.update(|draft| draft.attempted = true);
        if disabled.get_untracked() {
            return;
        }
        match draft.with_untracked(WithdrawalDraft::first_problem) {
            Some(field) => focus_element(&field.element_id_in("assistance-note")),
            None => dialog_open.set(true),
        }
    };
    let on_confirm = Callback::new(move |()| {
        if let Some(request) = draft.with_untracked(WithdrawalDraft::assisted_request) {
            send.send(NewMessage {
                request: Some(request),
                ..Default::default()
            });
        }
    });
    let hours = POLICY.assistance_response_hours;
    let order = summary.get_untracked().order;
    let attempted = Signal::derive(move || draft.read().attempted);

    view! {
        <article class="form-page assistance" data-testid="assistance-page">
            <BackLink href=Page::Complaint(id).href() label=tr(|t| t.detail.back_to_complaint)/>
            <PageTitle>{tr(|t| t.assistance.title)}</PageTitle>
            <ProductHeader order=order.clone()/>
            <p class="lead">{tr_with(hours, |t, hours| (t.assistance.intro)(hours))}</p>
            {carried.then(|| view! {
                <p class="notice notice--info" data-testid="draft-carried">{tr(|t| t.assistance.carried)}</p>
            })}
            <Show when=move || outdated.get()>
                <div class="notice notice--warning" role="status" data-testid="assistance-blocked" data-code="rules_outdated">
                    <p>{tr(|t| t.common.rules_outdated)}</p>
                </div>
            </Show>
            {move || allowed.get().err().filter(|_| !outdated.get()).map(|blocked| view! {
                <div class="notice notice--warning" role="status" data-testid="assistance-blocked" data-code=blocked.code().as_str()>
                    <p>{move || (i18n.t().assistance.blocked)(&blocked)}</p>
                </div>
            })}
            <form novalidate on:submit=on_submit data-testid="assistance-form" class="form">
                <ReasonNoteFields
                    words=Signal::derive(move || draft.read().words.clone())
                    on_change=Callback::new(move |words| draft.update(|draft| draft.words = words))
                    disabled
                    attempted
                    note_testid="assistance-note"
                >
                    <Show when=move || draft.read().asks_remedy()>
                        <RemedyQuestion draft disabled complaint=id/>
                    </Show>
                </ReasonNoteFields>
                <StickyBar layout=BarLayout::Stacked>
                    <button type="submit" class="button button--primary button--block" data-testid="assistance-submit"
                        prop:disabled=disabled>
                        {tr(|t| t.assistance.submit)}
                    </button>
                </StickyBar>
            </form>

            <ConfirmDialog
                open=dialog_open
                title=Signal::derive(move || i18n.t().assistance.confirm_title)
                confirm_label=Signal::derive(move || if sending.get() { i18n.t().common.sending } else { i18n.t().assistance.submit })
                busy=sending
                cancel_label=Signal::derive(move || i18n.t().withdraw.think_again)
                failure=send.progress().failure()
                on_confirm
                on_cancel=Callback::new(move |()| dialog_open.set(false))
            >
                <WithdrawalSummary order=Signal::derive(move || summary.read().order.clone())
                    draft=Signal::from(draft) complaint=id/>
            </ConfirmDialog>
        </article>
    }
}

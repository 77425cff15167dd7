//! 客服协助撤销: ask customer service to withdraw a complaint after the window, or when
//! self-service did not work. The agent records the reason and note given here; when the
//! window closed under an open withdrawal form, they arrive here already filled in.

use complaint_api::{AssistanceRequest, ComplaintDetail};
use complaint_rules::{assistance_ground, check_assistance, POLICY};
use leptos::prelude::*;

use super::complaint::ComplaintForm;
use crate::api::{use_api, use_rules_outdated};
use crate::clock::use_clock;
use crate::components::focus_element;
use crate::components::{
    return_to_complaint, set_page_title, BackLink, Flash, PageTitle, ProductHeader,
    ReasonNoteFields, Submission, SubmitBar,
};
use crate::drafts::{withdrawal_words, KeptDraft};
use crate::forms::ReasonNote;
use crate::i18n::{tr, tr_with, use_i18n};
use crate::routes::Page;
use crate::session::use_session;

#[component]
pub fn AssistancePage() -> impl IntoView {
    view! { <ComplaintForm form=|current| view! { <AssistanceForm current/> }.into_any()/> }
}

#[component]
fn AssistanceForm(current: RwSignal<ComplaintDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let clock = use_clock();
    let actor = use_session().actor();
    let outdated = use_rules_outdated();
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
        check_assistance(&facts, &actor, now, ground, summary.assistance_pending())
    });

    // This form's own draft, else what was typed on the withdrawal form when the window
    // closed under it.
    let kept = KeptDraft::<ReasonNote>::new("assistance", id);
    let own = kept.load();
    let carried_words = withdrawal_words(id).load();
    let carried = own == ReasonNote::default() && carried_words != ReasonNote::default();
    let words = RwSignal::new(if carried { carried_words } else { own });
    Effect::new(move |_| kept.save(&words.read()));
    let attempted = RwSignal::new(false);

    let back = return_to_complaint(id);
    let submit = Submission::new(
        move |request: AssistanceRequest| {
            let api = api.clone();
            async move { api.request_assistance(id, &request).await }
        },
        // Sent: the complaint says so, with when to expect an answer.
        move |_| {
            withdrawal_words(id).forget();
            KeptDraft::<ReasonNote>::new("assistance", id).forget();
            back(Flash::AssistanceSent);
        },
    );
    let disabled =
        Signal::derive(move || outdated.get() || allowed.get().is_err() || submit.pending().get());

    let on_submit = move |event: web_sys::SubmitEvent| {
        event.prevent_default();
        attempted.set(true);
        if disabled.get_untracked() {
            return;
        }
        match words.with_untracked(ReasonNote::validation) {
            Some(Ok(valid)) => {
                submit.send(AssistanceRequest {
                    // The server decides the ground itself.
                    ground: None,
                    reason: valid.reason,
                    note: valid.note,
                });
            }
            Some(Err(_)) => focus_element("assistance-note-input"),
            None => focus_element(&format!("reason-{}", POLICY.revoke_reasons[0].code())),
        }
    };
    let hours = POLICY.assistance_response_hours;
    let order = summary.get_untracked().order;
    let number = summary.get_untracked().number;

    view! {
        <article class="form-page assistance" data-testid="assistance-page">
            <BackLink href=Page::Complaint(id).href() label=tr(|t| t.detail.back_to_complaint)/>
            <PageTitle>{tr(|t| t.assistance.title)}</PageTitle>
            <ProductHeader order=order.clone()/>
            <p class="lead">{tr_with(hours, |t, hours| (t.assistance.intro)(hours))}</p>
            <dl class="facts facts--compact">
                <dt>{tr(|t| t.list.order_number)}</dt>
                <dd data-testid="assistance-order-number">{order.number.clone()}</dd>
                <dt>{tr(|t| t.list.complaint_number)}</dt>
                <dd>{number}</dd>
            </dl>
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
                    words
                    on_change=Callback::new(move |changed| words.set(changed))
                    disabled
                    attempted
                    note_testid="assistance-note"
                />
                <SubmitBar progress=submit.progress() label=|t| t.assistance.submit disabled testid="assistance-submit"/>
            </form>
        </article>
    }
}

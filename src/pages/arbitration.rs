//! An arbitrated complaint cannot be withdrawn; what the shopper came to say is usually that
//! the matter is settled with the seller, or that they disagree with the arbitration. Either
//! goes to customer service as a request in the conversation.

use complaint_api::{ComplaintDetail, MessageView, NewMessage, ServiceRequest};
use complaint_rules::{
    check_arbitration_note, validate_arbitration_note, ArbitrationNoteKind, POLICY,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::complaint::ComplaintForm;
use crate::api::use_rules_outdated;
use crate::components::{
    focus_element, set_page_title, use_flash, BackLink, CountedText, Flash, PageTitle,
    ProductHeader, Submission, SubmitBar,
};
use crate::drafts::KeptDraft;
use crate::forms::ArbitrationDraft;
use crate::i18n::{tr, use_i18n};
use crate::routes::{use_go, Page};
use crate::session::use_session;

#[component]
pub fn ArbitrationNotePage() -> impl IntoView {
    view! { <ComplaintForm form=|current| view! { <ArbitrationNoteForm current/> }.into_any()/> }
}

#[component]
fn ArbitrationNoteForm(current: RwSignal<ComplaintDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let actor = use_session().actor();
    let outdated = use_rules_outdated();
    let go = use_go();
    let flash = use_flash();
    set_page_title(move || Some(i18n.t().arbitration.title.to_owned()));
    let summary = Memo::new(move |_| current.read().summary.clone());
    let id = summary.get_untracked().id;
    let allowed = Memo::new(move |_| check_arbitration_note(&summary.read().facts(), &actor.get()));

    // The choice the conversation's chip made, unless a draft says otherwise.
    let chosen = use_query_map()
        .with_untracked(|query| query.get("kind"))
        .and_then(|code| ArbitrationNoteKind::from_code(&code));
    let kept = KeptDraft::<ArbitrationDraft>::new("arbitration", id);
    let mut loaded = kept.load();
    loaded.kind = loaded.kind.or(chosen);
    let draft = RwSignal::new(loaded);
    Effect::new(move |_| kept.save(&draft.read()));
    let attempted = RwSignal::new(false);
    let note = Signal::derive(move || draft.read().note.clone());
    let note_error = Signal::derive(move || {
        let draft = draft.read();
        let kind = draft.kind?;
        validate_arbitration_note(kind, &draft.note)
            .err()
            .filter(|_| attempted.get())
            .map(|error| (i18n.t().withdraw.text_error)(&error))
    });
    let submit = Submission::message(id, move |_: MessageView| {
        KeptDraft::<ArbitrationDraft>::new("arbitration", id).forget();
        flash.set(Some(Flash::ArbitrationNoteSent));
        go(Page::Conversation(id), true);
    });
    let disabled =
        Signal::derive(move || outdated.get() || allowed.get().is_err() || submit.pending().get());
    let on_submit = move |event: web_sys::SubmitEvent| {
        event.prevent_default();
        attempted.set(true);
        if disabled.get_untracked() {
            return;
        }
        let (kind, note) = draft.with_untracked(|draft| (draft.kind, draft.note.clone()));
        let Some(kind) = kind else {
            focus_element(&format!(
                "arbitration-{}",
                ArbitrationNoteKind::ALL[0].code()
            ));
            return;
        };
        match validate_arbitration_note(kind, &note) {
            Ok(note) => submit.send(NewMessage {
                request: Some(ServiceRequest::ArbitrationNote { kind, note }),
                ..Default::default()
            }),
            Err(_) => focus_element("arbitration-note-input"),
        }
    };
    let kind_missing = move || attempted.get() && draft.read().kind.is_none();
    let max_chars = Signal::derive(move || {
        draft
            .read()
            .kind
            .map_or(POLICY.appeal_note.max_chars, |kind| {
                POLICY.arbitration_note_limits(kind).max_chars
            })
    });
    let required = Signal::derive(move || {
        draft
            .read()
            .kind
            .is_some_and(|kind| POLICY.arbitration_note_limits(kind).min_chars > 0)
    });

    view! {
        <article class="form-page" data-testid="arbitration-page">
            <BackLink href=Page::Conversation(id).href() label=tr(|t| t.conversation.title)/>
            <PageTitle>{tr(|t| t.arbitration.title)}</PageTitle>
            <ProductHeader order=summary.get_untracked().order/>
            <p class="lead">{tr(|t| t.arbitration.intro)}</p>
            {move || allowed.get().err().map(|blocked| view! {
                <p class="notice notice--warning" role="status" data-testid="arbitration-blocked" data-code=blocked.code().as_str()>
                    {move || (i18n.t().common.error)(blocked.code())}
                </p>
            })}
            <form novalidate on:submit=on_submit data-testid="arbitration-form" class="form">
                <fieldset class="field" prop:disabled=disabled aria-describedby="arbitration-kind-error"
                    aria-invalid=move || kind_missing().to_string()>
                    <legend>{tr(|t| t.arbitration.kind_label)}</legend>
                    {ArbitrationNoteKind::ALL.into_iter().map(|kind| {
                        let id = format!("arbitration-{}", kind.code());
                        let hint = format!("{id}-hint");
                        let (label_for, testid) = (id.clone(), id.clone());
                        view! {
                            <label class="choice" for=label_for>
                                <input type="radio" name="arbitration-kind" id=id data-testid=testid
                                    aria-describedby=hint.clone()
                                    prop:checked=move || draft.read().kind == Some(kind)
                                    on:change=move |_| draft.update(|draft| draft.kind = Some(kind))/>
                                <span>
                                    <strong>{move || match kind {
                                        ArbitrationNoteKind::Settled => i18n.t().conversation.settled,
                                        ArbitrationNoteKind::Appeal => i18n.t().conversation.appeal,
                                    }}</strong>
                                    <small id=hint>{move || (i18n.t().arbitration.kind_hint)(kind)}</small>
                                </span>
                            </label>
                        }
                    }).collect_view()}
                    <p id="arbitration-kind-error" class="field__error" role="alert">
                        {move || kind_missing().then(|| i18n.t().withdraw.answer_required)}
                    </p>
                </fieldset>
                <CountedText
                    text=note
                    on_input=Callback::new(move |text| draft.update(|draft| draft.note = text))
                    label=Signal::derive(move || i18n.t().arbitration.note_label)
                    max_chars
                    required
                    error=note_error
                    disabled
                    testid="arbitration-note"
                />
                <SubmitBar progress=submit.progress() label=|t| t.arbitration.submit disabled testid="arbitration-submit"/>
            </form>
        </article>
    }
}

//! 举报卖家施压: a shopper whose seller demanded, induced or pressured a withdrawal reports it
//! to customer service, in the conversation: what the seller did, in words if they like, and
//! the evidence (a chat's screenshot). Keeping the complaint is the first choice here;
//! withdrawing stays possible, as the shopper's own decision.

use complaint_api::{ComplaintDetail, MessageView, NewMessage, ServiceRequest};
use complaint_rules::{check_pressure_report, validate_pressure_note, PressureKind, POLICY};
use leptos::prelude::*;

use super::complaint::ComplaintForm;
use crate::api::use_rules_outdated;
use crate::components::{
    focus_element, set_page_title, use_flash, BackLink, CountedText, Evidence, EvidencePicker,
    Flash, Icon, IconName, PageTitle, ProductHeader, Submission, SubmitBar,
};
use crate::drafts::KeptDraft;
use crate::forms::PressureDraft;
use crate::i18n::{tr, use_i18n};
use crate::routes::{use_go, Page};
use crate::session::use_session;

#[component]
pub fn PressurePage() -> impl IntoView {
    view! { <ComplaintForm form=|current| view! { <PressureForm current/> }.into_any()/> }
}

#[component]
fn PressureForm(current: RwSignal<ComplaintDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let actor = use_session().actor();
    let outdated = use_rules_outdated();
    set_page_title(move || Some(i18n.t().pressure.title.to_owned()));
    let summary = Memo::new(move |_| current.read().summary.clone());
    let id = summary.get_untracked().id;
    let allowed = Memo::new(move |_| check_pressure_report(&summary.read().facts(), &actor.get()));
    let kept = KeptDraft::<PressureDraft>::new("pressure", id);
    let draft = RwSignal::new(kept.load());
    Effect::new(move |_| kept.save(&draft.read()));
    let note = Signal::derive(move || draft.read().note.clone());
    let evidence = Evidence::new();
    let attempted = RwSignal::new(false);
    let note_error = Signal::derive(move || {
        validate_pressure_note(&note.read())
            .err()
            .filter(|_| attempted.get())
            .map(|error| (i18n.t().withdraw.text_error)(&error))
    });
    let kind_missing = move || attempted.get() && draft.read().kind.is_none();

    let go = use_go();
    let flash = use_flash();
    let submit = Submission::message(
        id,
        // Sent: the conversation shows the report, with what happens next.
        move |_: MessageView| {
            KeptDraft::<PressureDraft>::new("pressure", id).forget();
            flash.set(Some(Flash::PressureReported));
            go(Page::Conversation(id), true);
        },
    );
    let disabled =
        Signal::derive(move || outdated.get() || allowed.get().is_err() || submit.pending().get());
    let on_submit = move |event: web_sys::SubmitEvent| {
        event.prevent_default();
        attempted.set(true);
        if disabled.get_untracked() || evidence.uploading() || evidence.has_problem() {
            return;
        }
        let Some(kind) = draft.with_untracked(|draft| draft.kind) else {
            focus_element(&format!("pressure-kind-{}", PressureKind::ALL[0].code()));
            return;
        };
        match validate_pressure_note(&note.get_untracked()) {
            Ok(note) => submit.send(NewMessage {
                images: evidence.stored(),
                request: Some(ServiceRequest::PressureReport { kind, note }),
                ..Default::default()
            }),
            Err(_) => focus_element("pressure-note-input"),
        }
    };

    view! {
        <article class="form-page pressure" data-testid="pressure-page">
            <BackLink href=Page::Complaint(id).href() label=tr(|t| t.detail.back_to_complaint)/>
            <PageTitle>{tr(|t| t.pressure.title)}</PageTitle>
            <ProductHeader order=summary.get_untracked().order/>
            <div class="notice notice--info pressure__promise">
                <Icon name=IconName::Shield/>
                <div>
                    <p><strong>{tr(|t| t.pressure.promise_title)}</strong></p>
                    <p>{tr(|t| t.pressure.promise_body)}</p>
                </div>
            </div>
            {move || allowed.get().err().map(|blocked| view! {
                <p class="notice notice--warning" role="status" data-testid="pressure-blocked" data-code=blocked.code().as_str()>
                    {move || (i18n.t().detail.blocked)(&blocked)}
                </p>
            })}
            <form novalidate on:submit=on_submit data-testid="pressure-form" class="form">
                <fieldset class="field" prop:disabled=disabled aria-describedby="pressure-kind-error"
                    aria-invalid=move || kind_missing().to_string()>
                    <legend>{tr(|t| t.pressure.kind_label)}</legend>
                    <div class="choices-grid">
                        {PressureKind::ALL.into_iter().map(|kind| {
                            let id = format!("pressure-kind-{}", kind.code());
                            let (label_for, testid) = (id.clone(), id.clone());
                            view! {
                                <label class="choice choice--inline" for=label_for>
                                    <input type="radio" name="pressure-kind" id=id data-testid=testid
                                        prop:checked=move || draft.read().kind == Some(kind)
                                        on:change=move |_| draft.update(|draft| draft.kind = Some(kind))/>
                                    <span>{move || (i18n.t().conversation.pressure_kind)(kind)}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                    <p id="pressure-kind-error" class="field__error" role="alert">
                        {move || kind_missing().then(|| i18n.t().pressure.kind_missing)}
                    </p>
                </fieldset>
                <CountedText
                    text=note
                    on_input=Callback::new(move |text| draft.update(|draft| draft.note = text))
                    label=Signal::derive(move || i18n.t().pressure.note_label)
                    max_chars=POLICY.pressure_note.max_chars
                    required=false
                    error=note_error
                    disabled
                    testid="pressure-note"
                />
                <p class="field__hint">{tr(|t| t.pressure.note_hint)}</p>
                <div class="field">
                    <label for="pressure-pictures">{tr(|t| t.pressure.evidence_label)}</label>
                    <EvidencePicker evidence disabled input_id="pressure-pictures"/>
                </div>
                <SubmitBar progress=submit.progress() label=|t| t.pressure.submit disabled testid="pressure-submit"/>
            </form>
            <p class="pressure__still">
                {tr(|t| t.pressure.still_withdraw)} " "
                <a href=Page::Withdraw(id).href() data-testid="still-withdraw">{tr(|t| t.pressure.still_withdraw_link)}</a>
            </p>
        </article>
    }
}

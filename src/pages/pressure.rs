//! 举报卖家施压: a shopper whose seller demanded, induced or pressured a withdrawal reports it
//! to customer service. Keeping the complaint is the first choice here; withdrawing stays
//! possible, as the shopper's own decision.

use complaint_api::{ComplaintDetail, PressureReportRequest};
use complaint_rules::{check_pressure_report, validate_pressure_note, POLICY};
use leptos::prelude::*;

use super::complaint::ComplaintForm;
use crate::api::{use_api, use_rules_outdated};
use crate::components::focus_element;
use crate::components::{
    return_to_complaint, set_page_title, BackLink, CountedText, Flash, Icon, IconName, PageTitle,
    ProductHeader, Submission, SubmitBar,
};
use crate::drafts::KeptDraft;
use crate::i18n::{tr, use_i18n};
use crate::routes::Page;
use crate::session::use_session;

#[component]
pub fn PressurePage() -> impl IntoView {
    view! { <ComplaintForm form=|current| view! { <PressureForm current/> }.into_any()/> }
}

#[component]
fn PressureForm(current: RwSignal<ComplaintDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let actor = use_session().actor();
    let outdated = use_rules_outdated();
    set_page_title(move || Some(i18n.t().pressure.title.to_owned()));
    let summary = Memo::new(move |_| current.read().summary.clone());
    let id = summary.get_untracked().id;
    let allowed = Memo::new(move |_| check_pressure_report(&summary.read().facts(), &actor.get()));
    let kept = KeptDraft::<String>::new("pressure", id);
    let note = RwSignal::new(kept.load());
    Effect::new(move |_| kept.save(&note.read()));
    let attempted = RwSignal::new(false);
    let note_error = Signal::derive(move || {
        validate_pressure_note(&note.read())
            .err()
            .filter(|_| attempted.get())
            .map(|error| (i18n.t().withdraw.text_error)(&error))
    });

    let back = return_to_complaint(id);
    let submit = Submission::new(
        move |request: PressureReportRequest| {
            let api = api.clone();
            async move { api.report_pressure(id, &request).await }
        },
        move |_| {
            KeptDraft::<String>::new("pressure", id).forget();
            back(Flash::PressureReported);
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
        match validate_pressure_note(&note.get_untracked()) {
            Ok(valid) => {
                submit.send(PressureReportRequest { note: valid });
            }
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
                <CountedText
                    text=note
                    on_input=Callback::new(move |text| note.set(text))
                    label=Signal::derive(move || i18n.t().pressure.note_label)
                    max_chars=POLICY.pressure_note.max_chars
                    required=false
                    error=note_error
                    disabled
                    testid="pressure-note"
                />
                <p class="field__hint">{tr(|t| t.pressure.note_hint)}</p>
                <SubmitBar progress=submit.progress() label=|t| t.pressure.submit disabled testid="pressure-submit"/>
            </form>
            <p class="pressure__still">
                {tr(|t| t.pressure.still_withdraw)} " "
                <a href=Page::Withdraw(id).href() data-testid="still-withdraw">{tr(|t| t.pressure.still_withdraw_link)}</a>
            </p>
        </article>
    }
}

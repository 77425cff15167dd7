//! What every withdrawal asks before it is made, whichever way it goes (self-service, or
//! customer service on the owner's behalf): whether the remedy arrived, for a settlement;
//! and in the confirmation, what will be withdrawn, that it cannot be undone, that the choice
//! is the owner's own (with the way to report pressure instead), and what it does not change.

use complaint_api::{ComplaintId, OrderBrief};
use leptos::prelude::*;

use super::icons::{Icon, IconName};
use super::product::ProductThumb;
use crate::forms::{DraftField, Remedy, WithdrawalDraft};
use crate::i18n::{tr, use_i18n, Texts};
use crate::routes::Page;

/// "Has the refund or replacement arrived?", for a settlement; if not yet, the advice to
/// wait, keeping the complaint as the first choice, and an explicit "I still withdraw".
#[component]
pub fn RemedyQuestion(
    draft: RwSignal<WithdrawalDraft>,
    #[prop(into)] disabled: Signal<bool>,
    /// Where "keep the complaint" leads: the complaint's page.
    complaint: ComplaintId,
) -> impl IntoView {
    let complaint_href = Page::Complaint(complaint).href();
    let i18n = use_i18n();
    let choice =
        move |value: Remedy, id: &'static str, label: fn(&'static Texts) -> &'static str| {
            view! {
                <label class="choice choice--inline" for=id>
                    <input type="radio" name="remedy" id=id data-testid=id
                        prop:checked=move || draft.read().remedy == Some(value)
                        on:change=move |_| draft.update(|draft| draft.remedy = Some(value))/>
                    <span>{move || label(i18n.t())}</span>
                </label>
            }
        };
    let missing = move || draft.read().has_problem(DraftField::Remedy);
    let must_accept = move || draft.read().has_problem(DraftField::AcceptRisk);
    view! {
        <fieldset class="field" data-testid="safeguards" prop:disabled=disabled
            aria-describedby="remedy-error" aria-invalid=move || missing().to_string()>
            <legend>{tr(|t| t.withdraw.remedy_question)}</legend>
            <div class="choices-row">
                {choice(Remedy::Arrived, "remedy-arrived", |t| (t.remedy)(Remedy::Arrived))}
                {choice(Remedy::NotYet, "remedy-not-yet", |t| (t.remedy)(Remedy::NotYet))}
                {choice(Remedy::NotApplicable, "remedy-not-applicable", |t| (t.remedy)(Remedy::NotApplicable))}
            </div>
            <p id="remedy-error" class="field__error" role="alert">
                {move || missing().then(|| i18n.t().withdraw.answer_required)}
            </p>
            <Show when=move || draft.read().needs_risk_acceptance()>
                <div class="notice notice--warning" data-testid="remedy-warning">
                    <p>{tr(|t| t.withdraw.remedy_warning)}</p>
                    <a href=complaint_href.clone() class="button button--primary" data-testid="keep-complaint">
                        {tr(|t| t.withdraw.keep_complaint)}
                    </a>
                    <label class="choice choice--check" for="accept-risk">
                        <input type="checkbox" id="accept-risk" data-testid="accept-risk"
                            aria-invalid=move || must_accept().to_string()
                            aria-describedby="accept-risk-error"
                            prop:checked=move || draft.read().accept_risk
                            on:change=move |event| {
                                let checked = event_target_checked(&event);
                                draft.update(|draft| draft.accept_risk = checked);
                            }/>
                        <span>{tr(|t| t.withdraw.accept_risk)}</span>
                    </label>
                    <p id="accept-risk-error" class="field__error" role="alert">
                        {move || must_accept().then(|| i18n.t().withdraw.check_required)}
                    </p>
                </div>
            </Show>
        </fieldset>
    }
}

/// The confirmation's body: the complaint and the answers, that it cannot be undone, that it
/// is the owner's own choice (or report the pressure instead), and what it does not change.
#[component]
pub fn WithdrawalSummary(
    #[prop(into)] order: Signal<OrderBrief>,
    #[prop(into)] draft: Signal<WithdrawalDraft>,
    complaint: ComplaintId,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="confirm-product">
            {move || {
                let order = order.get();
                view! {
                    <ProductThumb image=order.image.clone()/>
                    <p><strong>{order.title.clone()}</strong><br/><span class="muted">{order.shop.clone()}</span></p>
                }
            }}
        </div>
        <dl class="facts facts--compact">
            <dt>{tr(|t| t.withdraw.reason_label)}</dt>
            <dd data-testid="confirm-reason">{move || draft.read().words.reason.map(|reason| (i18n.t().reason)(reason))}</dd>
            {move || draft.read().answered_remedy().map(|remedy| view! {
                <dt>{tr(|t| t.withdraw.remedy_label)}</dt>
                <dd data-testid="confirm-remedy">{move || (i18n.t().remedy)(remedy)}</dd>
            })}
            <Show when=move || !draft.read().words.note.trim().is_empty()>
                <dt>{tr(|t| t.withdraw.note_label)}</dt>
                <dd class="facts__text">{move || draft.read().words.note.trim().to_owned()}</dd>
            </Show>
        </dl>
        <p class="confirm-irreversible">{tr(|t| t.withdraw.confirm_body)}</p>
        <div class="confirm-voluntary" data-testid="confirm-voluntary">
            <Icon name=IconName::Shield/>
            <div>
                <p>{tr(|t| t.withdraw.voluntary)}</p>
                // Leaves the sheet: takes its history entry.
                <a href=Page::Pressure(complaint).href() prop:replace=true class="confirm-voluntary__link"
                    data-testid="dialog-pressure-link">
                    {tr(|t| t.withdraw.voluntary_report)}
                </a>
            </div>
        </div>
        // Right before the tap, what the receipt will say it did not change.
        <p class="confirm-no-effect" data-testid="confirm-no-effect">{tr(|t| t.receipt.done_sub)}</p>
    }
}

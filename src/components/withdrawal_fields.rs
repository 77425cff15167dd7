//! The inputs a withdrawal and an assistance request share: the reason and the note.

use complaint_rules::{char_count, WithdrawalReason, POLICY};
use leptos::prelude::*;

use crate::forms::ReasonNote;
use crate::i18n::{tr, tr_with, use_i18n};

/// 撤销原因 and 简要说明, for the words of a withdrawal: state comes down as `words`,
/// changes go up through `on_change`.
#[component]
pub fn ReasonNoteFields(
    #[prop(into)] words: Signal<ReasonNote>,
    on_change: Callback<ReasonNote>,
    #[prop(into)] disabled: Signal<bool>,
    /// The user tried to continue: missing answers are said too.
    #[prop(into)]
    attempted: Signal<bool>,
    /// Prefix of the note's test ids (`note`, `assistance-note`).
    #[prop(into)]
    note_testid: String,
    /// A question that belongs to the reason, shown between it and the note.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = Signal::derive(move || words.read().reason);
    let note = Signal::derive(move || words.read().note.clone());
    let note_error = Signal::derive(move || {
        words
            .read()
            .note_problem(attempted.get())
            .map(|error| (i18n.t().withdraw.text_error)(&error))
    });
    view! {
        <ReasonPicker
            reason
            on_choose=Callback::new(move |choice| {
                on_change.run(ReasonNote { reason: Some(choice), ..words.get_untracked() })
            })
            disabled
            missing=Signal::derive(move || attempted.get() && reason.get().is_none())
        />
        {children.map(|children| children())}
        <CountedText
            text=note
            on_input=Callback::new(move |text| {
                on_change.run(ReasonNote { note: text, ..words.get_untracked() })
            })
            label=Signal::derive(move || i18n.t().withdraw.note_label)
            max_chars=Signal::derive(move || words.read().note_limits().max_chars)
            required=Signal::derive(move || words.read().note_required())
            error=note_error
            disabled
            testid=note_testid
        />
    }
}

/// 撤销原因: one card per reason of the policy, each with its hint.
#[component]
pub fn ReasonPicker(
    #[prop(into)] reason: Signal<Option<WithdrawalReason>>,
    on_choose: Callback<WithdrawalReason>,
    #[prop(into)] disabled: Signal<bool>,
    /// Shown under the legend once the user tried to submit without choosing.
    #[prop(into)]
    missing: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="field reason-picker" data-testid="reason-picker" prop:disabled=disabled
            aria-describedby="reason-error" aria-invalid=move || missing.get().to_string()>
            <legend>{tr(|t| t.withdraw.reason_label)}</legend>
            {POLICY
                .withdrawal_reasons
                .iter()
                .map(|&choice| {
                    let id = format!("reason-{}", choice.code());
                    let hint_id = format!("{id}-hint");
                    let label_for = id.clone();
                    view! {
                        <label class="choice" for=label_for>
                            <input
                                type="radio"
                                name="reason"
                                id=id
                                value=choice.code()
                                data-testid=format!("reason-{}", choice.code())
                                aria-describedby=hint_id.clone()
                                prop:checked=move || reason.get() == Some(choice)
                                on:change=move |_| on_choose.run(choice)
                            />
                            <span>
                                <strong>{tr_with(choice, |t, arg| (t.reason)(arg))}</strong>
                                <small id=hint_id>{tr_with(choice, |t, arg| (t.reason_hint)(arg))}</small>
                            </span>
                        </label>
                    }
                })
                .collect_view()}
            <p id="reason-error" class="field__error" role="alert">
                {move || missing.get().then(|| i18n.t().withdraw.reason_missing)}
            </p>
        </fieldset>
    }
}

/// A multi-line text with a live counter of Unicode scalar values, the unit the rules count.
#[component]
pub fn CountedText(
    #[prop(into)] text: Signal<String>,
    on_input: Callback<String>,
    #[prop(into)] label: Signal<&'static str>,
    #[prop(into)] max_chars: Signal<usize>,
    /// Whether the text is required now (e.g. the reason is "other").
    #[prop(into)]
    required: Signal<bool>,
    /// The validation message to show, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    #[prop(into)] disabled: Signal<bool>,
    #[prop(into)] testid: String,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    let input_id = format!("{testid}-input");
    let counter_id = format!("{testid}-counter");
    let error_id = format!("{testid}-error");
    let count = move || char_count(text.read().trim());
    let over = move || count() > max_chars.get();
    view! {
        <div class="field" data-testid=testid.clone()>
            <label for=input_id.clone()>
                {move || label.get()}
                <span class="field__hint">
                    {move || if required.get() { i18n.t().common.required } else { i18n.t().common.optional }}
                </span>
            </label>
            <textarea
                id=input_id
                rows=rows
                data-testid=format!("{testid}-input")
                prop:value=move || text.get()
                prop:disabled=disabled
                aria-invalid=move || error.read().is_some().to_string()
                aria-describedby=format!("{counter_id} {error_id}")
                on:input=move |event| on_input.run(event_target_value(&event))
            ></textarea>
            <p class="field__below">
                <span id=error_id class="field__error" data-testid=format!("{testid}-error")>
                    {move || error.get()}
                </span>
                <span
                    id=counter_id
                    class="field__counter"
                    class:field__counter--over=over
                    data-testid=format!("{testid}-counter")
                >
                    {move || format!("{}/{}", count(), max_chars.get())}
                </span>
            </p>
        </div>
    }
}

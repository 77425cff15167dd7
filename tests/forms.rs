//! The form components with logic, in a real browser: the note's counter and validation
//! messages, disabled states, and the confirmation dialog's focus behaviour.

#![cfg(target_arch = "wasm32")]

use complaint_desk::components::{ConfirmDialog, ReasonNoteFields};
use complaint_desk::forms::ReasonNote;
use complaint_desk::i18n::{I18n, Locale};
use complaint_rules::WithdrawalReason;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::{find, mount, type_into};

/// The reason and note exactly as the withdrawal form has them: its component, over the
/// words of a withdrawal draft.
fn note_field(
    words: RwSignal<ReasonNote>,
    attempted: RwSignal<bool>,
    locked: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <ReasonNoteFields
            words
            on_change=Callback::new(move |changed| words.set(changed))
            disabled=locked
            attempted
            note_testid="note"
        />
    }
}

#[wasm_bindgen_test]
async fn note_counter_counts_scalar_values_and_shows_the_rules_messages() {
    let words = RwSignal::new(ReasonNote {
        reason: Some(WithdrawalReason::Other),
        note: String::new(),
    });
    let attempted = RwSignal::new(false);
    let locked = RwSignal::new(false);
    let container = mount(I18n::new(Locale::Zh), move || {
        note_field(words, attempted, locked)
    });
    let input = find(&container, "note-input");

    // "Too short" waits for an attempt to continue: the user may still be typing.
    type_into(&input, "  四个字儿  ");
    leptos::task::tick().await;
    assert_eq!(find(&container, "note-error").text_content().unwrap(), "");
    attempted.set(true);
    leptos::task::tick().await;
    assert_eq!(
        find(&container, "note-counter").text_content().unwrap(),
        "4/200"
    );
    assert_eq!(
        find(&container, "note-error").text_content().unwrap(),
        "至少需要5个字，现在是4个。"
    );
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));

    type_into(&input, &"😀".repeat(201));
    leptos::task::tick().await;
    assert_eq!(
        find(&container, "note-counter").text_content().unwrap(),
        "201/200"
    );
    assert!(find(&container, "note-counter")
        .class_list()
        .contains("field__counter--over"));
    assert_eq!(
        find(&container, "note-error").text_content().unwrap(),
        "最多200个字，现在是201个。"
    );

    type_into(&input, "卖家已退款，问题解决");
    leptos::task::tick().await;
    assert_eq!(find(&container, "note-error").text_content().unwrap(), "");
    assert_eq!(
        input.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );

    // Choosing a reason that does not need a note: an empty note is fine.
    type_into(&input, "");
    find(&container, "reason-resolved").click();
    leptos::task::tick().await;
    assert_eq!(
        words.get_untracked().reason,
        Some(WithdrawalReason::Resolved)
    );
    assert_eq!(find(&container, "note-error").text_content().unwrap(), "");
}

#[wasm_bindgen_test]
async fn locked_form_disables_every_input() {
    let words = RwSignal::new(ReasonNote::default());
    let locked = RwSignal::new(false);
    let container = mount(I18n::new(Locale::Zh), move || {
        note_field(words, RwSignal::new(false), locked)
    });
    let fieldset: web_sys::HtmlFieldSetElement = find(&container, "reason-picker").unchecked_into();
    let textarea: web_sys::HtmlTextAreaElement = find(&container, "note-input").unchecked_into();
    assert!(!fieldset.disabled() && !textarea.disabled());

    locked.set(true);
    leptos::task::tick().await;
    assert!(fieldset.disabled(), "the reasons are disabled");
    assert!(textarea.disabled(), "the note is disabled");

    // A click on a disabled radio changes nothing.
    find(&container, "reason-mistaken").click();
    leptos::task::tick().await;
    assert_eq!(words.get_untracked().reason, None);
}

#[wasm_bindgen_test]
async fn dialog_focuses_cancel_returns_focus_and_cancels_on_escape() {
    let open = RwSignal::new(false);
    let confirmed = RwSignal::new(0);
    let cancelled = RwSignal::new(0);
    let container = mount(I18n::new(Locale::Zh), move || {
        view! {
            <button type="button" data-testid="opener" on:click=move |_| open.set(true)>"open"</button>
            <button type="button" data-testid="elsewhere">"elsewhere"</button>
            <ConfirmDialog
                open
                title="确认撤销这条投诉？"
                confirm_label="确认撤销"
                busy=false
                on_confirm=Callback::new(move |()| confirmed.update(|n| *n += 1))
                on_cancel=Callback::new(move |()| {
                    cancelled.update(|n| *n += 1);
                    open.set(false);
                })
            >
                <p>"撤销后不可恢复。"</p>
            </ConfirmDialog>
        }
    });
    let opener = find(&container, "opener");
    let dialog: web_sys::HtmlDialogElement = find(&container, "confirm-dialog").unchecked_into();

    opener.focus().unwrap();
    opener.click();
    leptos::task::tick().await;
    assert!(dialog.open(), "the dialog is open");
    let active = document().active_element().unwrap();
    assert_eq!(
        active.get_attribute("data-testid").as_deref(),
        Some("dialog-cancel")
    );

    // Modal: the rest of the page is inert, so focus cannot land behind the dialog.
    find(&container, "elsewhere").focus().unwrap();
    let active = document().active_element().unwrap();
    assert_ne!(
        active.get_attribute("data-testid").as_deref(),
        Some("elsewhere")
    );

    // Esc: the browser's `cancel` event.
    let escape = web_sys::Event::new_with_event_init_dict("cancel", &{
        let init = web_sys::EventInit::new();
        init.set_cancelable(true);
        init
    })
    .unwrap();
    dialog.dispatch_event(&escape).unwrap();
    leptos::task::tick().await;
    assert_eq!(cancelled.get_untracked(), 1);
    assert!(!dialog.open(), "Esc closed the dialog");
    let active = document().active_element().unwrap();
    assert_eq!(
        active.get_attribute("data-testid").as_deref(),
        Some("opener"),
        "focus returned"
    );

    opener.click();
    leptos::task::tick().await;
    find(&container, "dialog-confirm").click();
    leptos::task::tick().await;
    assert_eq!(confirmed.get_untracked(), 1);
}

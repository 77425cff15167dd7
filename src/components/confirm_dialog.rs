use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::feedback::SubmitFailure;
use super::sheet_history::use_back_closes;
use crate::api::ApiFailure;
use crate::i18n::{tr, use_i18n};

/// A modal confirmation on the native `<dialog>`: while open the rest of the page is inert,
/// so focus stays inside; Esc and Back cancel; on close focus returns to where it was. The
/// safe choice (cancel) has the initial focus, because confirming may be irreversible.
///
/// A failed confirmation keeps the dialog open: the failure shows above its buttons, where
/// the eye is, and the confirm button becomes "retry".
#[component]
pub fn ConfirmDialog(
    #[prop(into)] open: Signal<bool>,
    #[prop(into)] title: Signal<&'static str>,
    #[prop(into)] confirm_label: Signal<&'static str>,
    #[prop(into)] busy: Signal<bool>,
    /// The safe choice's words; "cancel" by default.
    #[prop(optional, into)]
    cancel_label: Option<Signal<&'static str>>,
    /// The last confirmation's failure, until the next attempt answers.
    #[prop(optional, into)]
    failure: Option<Signal<Option<ApiFailure>>>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    /// Closed by the Back button (else `on_cancel` runs for it too).
    #[prop(optional)]
    on_back: Option<Callback<()>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let dialog = NodeRef::<Dialog>::new();
    let cancel_button = NodeRef::<leptos::html::Button>::new();
    // The element focused before opening, to give focus back on close.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let failure = Signal::derive(move || failure.and_then(|failure| failure.get()));

    use_back_closes(open, move || {
        if busy.get_untracked() {
            return false;
        }
        on_back.unwrap_or(on_cancel).run(());
        true
    });

    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if open.get() {
            if !dialog.open() {
                let active = document()
                    .active_element()
                    .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
                opener.set_value(active);
                let _ = dialog.show_modal();
                if let Some(button) = cancel_button.get() {
                    let _ = button.focus();
                }
            }
        } else if dialog.open() {
            dialog.close();
            if let Some(element) = opener.get_value() {
                let _ = element.focus();
            }
        }
    });

    view! {
        <dialog
            node_ref=dialog
            class="dialog"
            aria-labelledby="dialog-title"
            data-testid="confirm-dialog"
            // Esc: the browser fires `cancel`; we close through our own state instead.
            on:cancel=move |event: web_sys::Event| {
                event.prevent_default();
                if !busy.get_untracked() {
                    on_cancel.run(());
                }
            }
        >
            <h2 id="dialog-title">{move || title.get()}</h2>
            <div class="dialog__body">{children()}</div>
            {move || failure.get().map(|failure| view! { <SubmitFailure failure/> })}
            <div class="dialog__actions">
                <button
                    type="button"
                    class="button"
                    node_ref=cancel_button
                    data-testid="dialog-cancel"
                    prop:disabled=busy
                    on:click=move |_| on_cancel.run(())
                >
                    {move || match cancel_label {
                        Some(label) => label.get(),
                        None => tr(|t| t.common.cancel)(),
                    }}
                </button>
                <button
                    type="button"
                    class="button button--danger"
                    data-testid="dialog-confirm"
                    prop:disabled=busy
                    aria-busy=move || busy.get().to_string()
                    on:click=move |_| on_confirm.run(())
                >
                    {move || {
                        if failure.with(Option::is_some) && !busy.get() {
                            i18n.t().common.retry
                        } else {
                            confirm_label.get()
                        }
                    }}
                </button>
            </div>
        </dialog>
    }
}

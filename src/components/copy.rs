//! Copying a number (complaint, order, receipt) to paste into a chat with customer service.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::icons::{Icon, IconName};
use crate::i18n::tr;
use crate::sleep::sleep_ms;

/// A number with a copy button beside it; says "copied" for a moment (politely, to screen
/// readers too).
#[component]
pub fn CopyableNumber(number: String, #[prop(into)] testid: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    let text = number.clone();
    let copy = move |_| {
        let text = text.clone();
        leptos::task::spawn_local(async move {
            if copy_text(&text).await {
                copied.set(true);
                sleep_ms(2000).await;
                copied.set(false);
            }
        });
    };
    view! {
        <span class="copyable">
            <span class="copyable__number" data-testid=testid.clone()>{number}</span>
            <button type="button" class="copyable__button" data-testid=format!("{testid}-copy") on:click=copy>
                <Icon name=IconName::Copy/>
                <span>{move || if copied.get() { tr(|t| t.common.copied)() } else { tr(|t| t.common.copy)() }}</span>
            </button>
            <span class="visually-hidden" aria-live="polite">
                {move || copied.get().then(tr(|t| t.common.copied))}
            </span>
        </span>
    }
}

/// Writes `text` to the clipboard: the Clipboard API where the page may use it, else the
/// older selection-and-copy that web views without it still support.
async fn copy_text(text: &str) -> bool {
    let navigator = window().navigator();
    // Absent outside secure contexts and in old web views.
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .is_ok_and(|clipboard| !clipboard.is_undefined());
    if has_clipboard {
        let written = navigator.clipboard().write_text(text);
        if wasm_bindgen_futures::JsFuture::from(written).await.is_ok() {
            return true;
        }
    }
    copy_by_selection(text)
}

fn copy_by_selection(text: &str) -> bool {
    let document = document();
    let Ok(area) = document.create_element("textarea") else {
        return false;
    };
    let area: web_sys::HtmlTextAreaElement = area.unchecked_into();
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("style", "position:fixed;opacity:0");
    let Some(body) = document.body() else {
        return false;
    };
    let _ = body.append_child(&area);
    area.select();
    let copied = document
        .unchecked_ref::<web_sys::HtmlDocument>()
        .exec_command("copy")
        .unwrap_or(false);
    area.remove();
    copied
}

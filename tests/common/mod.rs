//! Shared by the browser tests: mounting a component the way the app does.

use complaint_desk::i18n::I18n;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Mounts `view` in a fresh container with the given language; the container stays in the
/// document for the rest of the test.
pub fn mount<V: IntoView + 'static>(
    i18n: I18n,
    view: impl FnOnce() -> V + 'static,
) -> web_sys::HtmlElement {
    let container = document()
        .create_element("div")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    document().body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), move || {
        provide_context(i18n);
        view()
    });
    // Unmounting at the end of the test would remove what we assert on; keep it.
    handle.forget();
    container
}

/// The element with this `data-testid` inside `container`.
pub fn find(container: &web_sys::HtmlElement, testid: &str) -> web_sys::HtmlElement {
    container
        .query_selector(&format!("[data-testid={testid}]"))
        .unwrap()
        .unwrap_or_else(|| panic!("{testid} is rendered"))
        .unchecked_into()
}

/// Types `text` into a textarea the way a user does: the value, then an `input` event.
pub fn type_into(textarea: &web_sys::HtmlElement, text: &str) {
    let textarea: &web_sys::HtmlTextAreaElement = textarea.unchecked_ref();
    textarea.set_value(text);
    let event = web_sys::Event::new("input").unwrap();
    textarea.dispatch_event(&event).unwrap();
}

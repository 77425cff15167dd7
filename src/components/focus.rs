//! Moving focus where the shopper must look.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Moves focus to a form's control and brings it into view, e.g. the first problem.
pub fn focus_element(id: &str) {
    let Some(element) = document().get_element_by_id(id) else {
        return;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

//! Waiting in the browser without blocking it.

use wasm_bindgen::JsCast;

/// Resolves after `ms` milliseconds (a `setTimeout` promise).
pub async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = leptos::prelude::window().set_timeout_with_callback_and_timeout_and_arguments_0(
            resolve.unchecked_ref(),
            ms as i32,
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

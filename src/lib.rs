//! Complaint Desk, the browser app: a shopper manages the complaints they filed and
//! withdraws one under the platform's rules, which come from `complaint-rules`.

pub mod api;
pub mod app;
pub mod clock;
pub mod components;
pub mod deploy;
pub mod drafts;
pub mod forms;
pub mod i18n;
pub mod pages;
pub mod routes;
pub mod session;
pub mod sleep;
pub mod withdrawal;

/// Reads the deployment's settings, then mounts the app on `<body>`; called by `main`.
pub fn start() {
    console_error_panic_hook::set_once();
    let host_token = deploy::take_host_token();
    // Leptos' executor starts with the mount; until then, the browser's.
    wasm_bindgen_futures::spawn_local(async move {
        let config = deploy::DeployConfig::load().await;
        let preloaded = deploy::preloaded_answers().await;
        leptos::mount::mount_to_body(move || {
            leptos::view! { <app::App config host_token preloaded/> }
        });
    });
}

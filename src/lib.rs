//! Complaint Desk, the browser app: a shopper manages the complaints they filed and
//! withdraws one under the platform's rules, which come from `complaint-rules`.

// Rendering natively (`ssr`) builds deep view types: the default limit is too low for them.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod boot;
pub mod clock;
pub mod components;
pub mod deploy;
pub mod drafts;
pub mod forms;
pub mod i18n;
pub mod pages;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod server_render;
pub mod session;
pub mod sleep;
pub mod withdrawal;

/// Reads what the app starts from out of the browser, then mounts the app on `<body>` (the
/// client-side build) or takes over the page the server rendered there (`hydrate`); called
/// by `main`.
#[cfg(not(feature = "ssr"))]
pub fn start() {
    console_error_panic_hook::set_once();
    let host_token = deploy::take_host_token();
    // Leptos' executor starts with the mount; until then, the browser's.
    wasm_bindgen_futures::spawn_local(async move {
        let boot = boot::Boot::from_browser(host_token).await;
        #[cfg(feature = "hydrate")]
        leptos::mount::hydrate_body(move || leptos::view! { <app::App boot/> });
        #[cfg(not(feature = "hydrate"))]
        leptos::mount::mount_to_body(move || leptos::view! { <app::App boot/> });
    });
}

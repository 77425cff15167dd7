//! Complaint Desk, the browser app: a shopper manages the complaints they filed and
//! withdraws one under the platform's rules, which come from `complaint-rules`.

pub mod api;
pub mod app;
pub mod clock;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod session;
mod sleep;

/// Mounts the app on `<body>`; called by `main` in the browser.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

//! Loading, empty and error states, shared by every page.

use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::i18n::{tr, use_i18n, Texts};

/// The localized sentence for a failure: one message per error code, whoever caught it.
pub fn failure_message(t: &Texts, failure: &ApiFailure) -> &'static str {
    match failure {
        ApiFailure::Network => t.common.network_error,
        ApiFailure::Unreadable { .. } => t.common.unreadable_error,
        ApiFailure::Refused { error, .. } => (t.common.error)(error.code),
    }
}

/// Shows a failure in place, as an alert.
#[component]
pub fn FailureNotice(#[prop(into)] failure: Signal<ApiFailure>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice notice--error" role="alert" data-testid="failure">
            <p>{move || failure.with(|failure| failure_message(i18n.t(), failure))}</p>
        </div>
    }
}

/// The fallback of every `<ErrorBoundary>`: the localized messages and a way to retry.
#[component]
pub fn ErrorPanel(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let i18n = use_i18n();
    let messages = move || {
        errors.with(|errors| {
            errors
                .iter()
                .map(|(_, error)| match error.downcast_ref::<ApiFailure>() {
                    Some(failure) => failure_message(i18n.t(), failure),
                    None => i18n.t().common.unreadable_error,
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="notice notice--error" role="alert" data-testid="error-panel">
            <h2>{tr(|t| t.common.error_title)}</h2>
            <ul>{move || messages().into_iter().map(|message| view! { <li>{message}</li> }).collect_view()}</ul>
            <button type="button" class="button" on:click=|_| reload_page()>
                {tr(|t| t.common.retry)}
            </button>
        </div>
    }
}

pub fn reload_page() {
    let _ = window().location().reload();
}

/// Grey placeholder rows while a list loads.
#[component]
pub fn SkeletonRows(#[prop(default = 3)] rows: usize) -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true" data-testid="skeleton">
            <span class="visually-hidden" role="status">{tr(|t| t.common.loading)}</span>
            {(0..rows)
                .map(|_| {
                    view! {
                        <div class="skeleton__row" aria-hidden="true">
                            <span class="skeleton__line skeleton__line--short"></span>
                            <span class="skeleton__line"></span>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// Shown when the server enforces another rules version than this build: reloading fetches
/// the app that matches, instead of enforcing stale rules.
#[component]
pub fn UpdateBanner(#[prop(into)] newer_policy: Signal<Option<u32>>) -> impl IntoView {
    view! {
        <Show when=move || newer_policy.get().is_some()>
            <div class="update-banner" role="alert" data-testid="update-banner">
                <p>{tr(|t| t.common.update_available)}</p>
                <button type="button" class="button button--primary" on:click=|_| reload_page()>
                    {tr(|t| t.common.reload)}
                </button>
            </div>
        </Show>
    }
}

//! Loading, empty and error states, shared by every page.

use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::i18n::{tr, use_i18n, Texts};

/// The localized sentence for a failure: one message per error code, whoever caught it.
pub fn failure_message(t: &Texts, failure: &ApiFailure) -> &'static str {
    match failure {
        ApiFailure::Network | ApiFailure::Cancelled => t.common.network_error,
        ApiFailure::Unreadable { .. } => t.common.unreadable_error,
        ApiFailure::RulesOutdated => t.common.rules_outdated,
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

/// A request that failed, shown where it was made (in the sheet, in the form's bar): what
/// happened, and when it may not have arrived, whether the connection is back and that
/// sending it again is safe (the same request is never applied twice).
#[component]
pub fn SubmitFailure(#[prop(into)] failure: Signal<ApiFailure>) -> impl IntoView {
    let i18n = use_i18n();
    let online = use_online();
    // Offline at some moment since the failure: coming back is news worth saying.
    let was_offline = RwSignal::new(false);
    Effect::new(move |_| {
        if !online.get() {
            was_offline.set(true);
        }
    });
    let connection = move || match (online.get(), was_offline.get()) {
        (false, _) => "offline",
        (true, true) => "back",
        (true, false) => "unknown",
    };
    view! {
        <div class="notice notice--error submit-failure" data-testid="submit-failure"
            data-code=move || failure.with(|failure| failure.code().map(|code| code.as_str()))>
            <p role="alert">{move || failure.with(|failure| failure_message(i18n.t(), failure))}</p>
            <Show when=move || failure.with(ApiFailure::is_transient)>
                <p class="submit-failure__connection" aria-live="polite" data-testid="connection"
                    data-connection=connection>
                    {move || match connection() {
                        "offline" => i18n.t().common.offline,
                        "back" => i18n.t().common.back_online,
                        _ => i18n.t().common.retry_safe,
                    }}
                </p>
            </Show>
        </div>
    }
}

/// Whether the browser has a network connection; follows it going and coming back.
pub fn use_online() -> Signal<bool> {
    // Online until the browser says otherwise (in an effect: a page the server rendered
    // assumed it).
    let online = RwSignal::new(true);
    Effect::new(move |_| online.set(window().navigator().on_line()));
    let went = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    let came = window_event_listener(leptos::ev::online, move |_| online.set(true));
    on_cleanup(move || {
        went.remove();
        came.remove();
    });
    online.into()
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
        <div class="notice notice--error error-panel" role="alert" data-testid="error-panel">
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

/// Placeholder rows in the shape of the list's rows (picture, two lines, the state line),
/// so nothing jumps when the rows arrive.
#[component]
pub fn SkeletonRows(#[prop(default = 3)] rows: usize) -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true" data-testid="skeleton">
            <span class="visually-hidden" role="status">{tr(|t| t.common.loading)}</span>
            {(0..rows)
                .map(|_| {
                    view! {
                        <div class="skeleton__row" aria-hidden="true">
                            <span class="skeleton__thumb"></span>
                            <span class="skeleton__lines">
                                <span class="skeleton__line"></span>
                                <span class="skeleton__line skeleton__line--short"></span>
                                <span class="skeleton__line skeleton__line--state"></span>
                            </span>
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
pub fn UpdateBanner(#[prop(into)] rules_outdated: Signal<bool>) -> impl IntoView {
    view! {
        <Show when=move || rules_outdated.get()>
            <div class="update-banner" role="alert" data-testid="update-banner">
                <p>{tr(|t| t.common.update_available)}</p>
                <button type="button" class="button button--primary" on:click=|_| reload_page()>
                    {tr(|t| t.common.reload)}
                </button>
            </div>
        </Show>
    }
}

/// The small pictures of empty and finished states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Illustration {
    /// An empty tray: nothing here yet.
    Inbox,
    /// A magnifier over nothing: no search results.
    Search,
    /// A list and a pointer: choose one to see it.
    Pick,
    /// A shopping bag: no orders.
    Bag,
    /// An empty queue: customer service has nothing waiting.
    Queue,
}

/// Shapes on a 120×96 grid in three tones of the theme (see `.illustration` in the CSS).
fn illustration_shapes(illustration: Illustration) -> &'static [(&'static str, &'static str)] {
    match illustration {
        Illustration::Inbox => &[
            (
                "soft",
                "M14 60 30 28h60l16 32v20a6 6 0 0 1-6 6H20a6 6 0 0 1-6-6z",
            ),
            (
                "mid",
                "M14 60h28a18 10 0 0 0 36 0h28v20a6 6 0 0 1-6 6H20a6 6 0 0 1-6-6z",
            ),
            ("line", "M44 40h32M50 50h20"),
        ],
        Illustration::Search => &[
            (
                "soft",
                "M20 18h56a6 6 0 0 1 6 6v52a6 6 0 0 1-6 6H20a6 6 0 0 1-6-6V24a6 6 0 0 1 6-6z",
            ),
            ("line", "M26 34h36M26 46h24M26 58h30"),
            (
                "mid",
                "M84 42a16 16 0 1 0 0 32 16 16 0 0 0 0-32zM96 70l12 12",
            ),
        ],
        Illustration::Pick => &[
            (
                "soft",
                "M12 16h44a6 6 0 0 1 6 6v56a6 6 0 0 1-6 6H12a6 6 0 0 1-6-6V22a6 6 0 0 1 6-6z",
            ),
            ("line", "M16 30h30M16 46h30M16 62h30"),
            (
                "mid",
                "M72 16h38a6 6 0 0 1 6 6v56a6 6 0 0 1-6 6H72a6 6 0 0 1-6-6V22a6 6 0 0 1 6-6z",
            ),
            ("line", "M76 30h30M76 42h20"),
        ],
        Illustration::Bag => &[
            ("soft", "M28 34h64l-6 50H34z"),
            ("line", "M46 34v-6a14 14 0 0 1 28 0v6"),
            ("mid", "M48 56h24"),
        ],
        Illustration::Queue => &[("soft", "M16 20h88v56H16z"), ("mid", "M40 44l12 12 28-28")],
    }
}

#[component]
fn IllustrationView(illustration: Illustration) -> impl IntoView {
    view! {
        <svg class="illustration" viewBox="0 0 120 96" aria-hidden="true" focusable="false">
            {illustration_shapes(illustration)
                .iter()
                .map(|(tone, path)| view! { <path class=format!("illustration__{tone}") d=*path/> })
                .collect_view()}
        </svg>
    }
}

/// An empty state: a small picture, what is (not) here, and the action that fills it.
#[component]
pub fn EmptyState(
    illustration: Illustration,
    #[prop(into)] title: TextProp,
    #[prop(into)] body: TextProp,
    #[prop(optional, into)] action_href: Option<String>,
    #[prop(optional, into)] action_label: Option<TextProp>,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <div class="empty" data-testid=testid>
            <IllustrationView illustration/>
            <p class="empty__title">{move || title.get()}</p>
            <p class="empty__body">{move || body.get()}</p>
            {action_href.zip(action_label).map(|(href, label)| view! {
                <a href=href class="button button--primary" data-testid=format!("{testid}-action")>{move || label.get()}</a>
            })}
        </div>
    }
}

/// What a page just did, told by the page it leads to ("sent", with what happens next).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flash {
    /// A complaint was just filed: that it was, and what happens next.
    ComplaintFiled,
    AssistanceSent,
    PressureReported,
    ArbitrationNoteSent,
}

/// The flash for the next page, shared through context (the app provides it).
pub fn use_flash() -> RwSignal<Option<Flash>> {
    use_context::<RwSignal<Option<Flash>>>().unwrap_or_else(|| RwSignal::new(None))
}

/// Shows the flash left for this page, once, as a status message that takes focus.
#[component]
pub fn FlashNotice() -> impl IntoView {
    let flash = use_flash();
    let shown = flash.get_untracked();
    flash.set(None);
    let notice = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(notice) = notice.get() {
            request_animation_frame(move || {
                let _ = notice.focus();
            });
        }
    });
    let i18n = use_i18n();
    shown.map(|shown| {
        let title = move || match shown {
            Flash::ComplaintFiled => i18n.t().file.sent,
            Flash::AssistanceSent => i18n.t().assistance.sent,
            Flash::PressureReported => i18n.t().pressure.sent,
            Flash::ArbitrationNoteSent => i18n.t().arbitration.sent,
        };
        let body = move || match shown {
            Flash::ComplaintFiled => i18n.t().file.next.to_owned(),
            Flash::AssistanceSent => (i18n.t().assistance.response_time)(
                complaint_rules::POLICY.assistance_response_hours,
            ),
            Flash::PressureReported => i18n.t().pressure.sent_body.to_owned(),
            Flash::ArbitrationNoteSent => (i18n.t().assistance.response_time)(
                complaint_rules::POLICY.assistance_response_hours,
            ),
        };
        view! {
            <div class="notice notice--success flash" role="status" tabindex="-1" node_ref=notice data-testid="flash">
                <p><strong>{title}</strong></p>
                <p>{body}</p>
            </div>
        }
    })
}

//! The app's pages render natively (`--features ssr`), as the server will render them: no
//! page may touch a browser API while rendering (issue 28). Browser-only work — storage,
//! timers, observers, the event stream — runs in effects, which run in the browser only.
#![cfg(feature = "ssr")]

use complaint_desk::app::App;
use complaint_desk::boot::Boot;
use complaint_desk::deploy::DeployConfig;
use complaint_desk::i18n::Locale;
use complaint_rules::time::HOUR_MS;
use complaint_rules::POLICY;
use leptos::prelude::*;
use leptos_router::location::RequestUrl;

/// `path` rendered for a browser that was never signed in.
fn render(path: &str, locale: Locale) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(RequestUrl::new(path));
        let boot = Boot {
            config: DeployConfig::default(),
            host_token: None,
            embedded_in_host: false,
            locale,
            was_signed_in: false,
            base: String::new(),
            preloaded: Vec::new(),
        };
        view! { <App boot/> }.to_html()
    })
}

#[test]
fn the_help_page_renders_the_rules_from_the_policy_in_either_language() {
    let hours = (POLICY.self_service_window_ms / HOUR_MS).to_string();
    let zh = render("/help", Locale::Zh);
    assert!(zh.contains(r#"data-testid="help-page""#), "{zh}");
    assert!(
        zh.contains("撤销规则"),
        "the frame's navigation, in Chinese"
    );
    assert!(zh.contains(&hours), "the window's length comes from POLICY");

    let en = render("/help", Locale::En);
    assert!(en.contains(r#"data-testid="help-page""#));
    assert!(en.contains(&format!("{hours} hours")), "{en}");
}

#[test]
fn an_unknown_path_renders_the_not_found_page() {
    let html = render("/no/such/page", Locale::Zh);
    assert!(html.contains(r#"data-testid="not-found-page""#), "{html}");
}

#[test]
fn a_page_that_needs_a_session_renders_its_frame_while_the_session_is_asked() {
    let html = render("/", Locale::Zh);
    assert!(html.contains(r#"id="main""#), "{html}");
    assert!(
        html.contains(r#"role="status""#),
        "the loading state: {html}"
    );
}

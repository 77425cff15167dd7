//! The app's pages render natively (`--features ssr`), as the server will render them: no
//! page may touch a browser API while rendering (issue 28). Browser-only work — storage,
//! timers, observers, the event stream — runs in effects, which run in the browser only.
#![cfg(feature = "ssr")]

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use complaint_desk::api::{Answers, InProcess};
use complaint_desk::boot::{Boot, SessionStart};
use complaint_desk::deploy::DeployConfig;
use complaint_desk::i18n::Locale;
use complaint_desk::server_render::{render_page, RenderedPage};
use complaint_rules::time::HOUR_MS;
use complaint_rules::POLICY;

/// A server that answers no read: these pages make none (the pages with data are rendered
/// by the real server in its own tests, `crates/server/tests/pages.rs`).
struct NoReads;

impl InProcess for NoReads {
    fn get(&self, path: &str) -> Pin<Box<dyn Future<Output = (u16, String)> + Send>> {
        panic!("this page should not read {path}")
    }
}

/// `path` rendered for a visitor who is not signed in.
fn render(path: &str, locale: Locale) -> RenderedPage {
    let boot = Boot {
        config: DeployConfig::default(),
        host_token: None,
        embedded_in_host: false,
        locale,
        session: SessionStart::Known(None),
        server_time: None,
        base: String::new(),
        answers: Answers::in_process(Arc::new(NoReads)),
    };
    futures::executor::block_on(render_page(boot, path.to_owned()))
}

#[test]
fn the_help_page_renders_the_rules_from_the_policy_in_either_language() {
    let hours = (POLICY.self_service_window_ms / HOUR_MS).to_string();
    let zh = render("/help", Locale::Zh);
    assert_eq!(zh.status, 200);
    let zh = zh.body;
    assert!(zh.contains(r#"data-testid="help-page""#), "{zh}");
    assert!(
        zh.contains("撤销规则"),
        "the frame's navigation, in Chinese"
    );
    assert!(zh.contains(&hours), "the window's length comes from POLICY");

    let en = render("/help", Locale::En).body;
    assert!(en.contains(r#"data-testid="help-page""#));
    assert!(en.contains(&format!("{hours} hours")), "{en}");
}

#[test]
fn an_unknown_path_renders_the_not_found_page_with_its_status() {
    let page = render("/no/such/page", Locale::Zh);
    assert_eq!(page.status, 404);
    assert!(
        page.body.contains(r#"data-testid="not-found-page""#),
        "{}",
        page.body
    );
}

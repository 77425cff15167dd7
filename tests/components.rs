//! Components mounted in a real browser (headless Chromium via wasm-bindgen-test), asserted
//! on the DOM they render.

#![cfg(target_arch = "wasm32")]

use complaint_desk::components::WindowBadge;
use complaint_desk::i18n::{I18n, Locale};
use complaint_desk::pages::HelpPage;
use complaint_rules::time::{HOUR_MS, MINUTE_MS};
use complaint_rules::{Actor, ComplaintFacts, ComplaintStatus, RealName, Role, UserId, UtcMillis};
use leptos::prelude::*;
use wasm_bindgen_test::*;

mod common;
use common::{find, mount};

wasm_bindgen_test_configure!(run_in_browser);

const FILED: UtcMillis = UtcMillis(1_764_000_000_000);
const DEADLINE: UtcMillis = UtcMillis(FILED.0 + 24 * HOUR_MS);

fn owner() -> Actor {
    Actor {
        id: UserId(7),
        role: Role::Shopper,
        real_name: RealName::Verified,
    }
}

fn facts(status: ComplaintStatus) -> ComplaintFacts {
    ComplaintFacts {
        owner: UserId(7),
        status,
        filed_at: FILED,
    }
}

fn badge(container: &web_sys::HtmlElement) -> web_sys::HtmlElement {
    find(container, "window-badge")
}

#[wasm_bindgen_test]
async fn badge_counts_down_and_closes_exactly_at_the_deadline() {
    let now = RwSignal::new(UtcMillis(DEADLINE.0 - 2 * HOUR_MS - 5 * MINUTE_MS));
    let container = mount(I18n::new(Locale::Zh), move || {
        view! { <WindowBadge facts=facts(ComplaintStatus::Pending) actor=owner() now=now/> }
    });
    assert_eq!(
        badge(&container).get_attribute("data-state").as_deref(),
        Some("open")
    );
    assert_eq!(badge(&container).text_content().unwrap(), "剩余 2小时5分");

    now.set(UtcMillis(DEADLINE.0 - 1)); // 23:59:59.999 after filing
    leptos::task::tick().await;
    assert_eq!(
        badge(&container).get_attribute("data-state").as_deref(),
        Some("open")
    );
    assert_eq!(badge(&container).text_content().unwrap(), "剩余 1秒");

    now.set(DEADLINE); // exactly 24:00:00.000
    leptos::task::tick().await;
    let closed = badge(&container);
    assert_eq!(
        closed.get_attribute("data-state").as_deref(),
        Some("closed")
    );
    assert_eq!(
        closed.get_attribute("data-code").as_deref(),
        Some("window_expired")
    );
    assert_eq!(closed.text_content().unwrap(), "已超过自助撤销时限");
}

#[wasm_bindgen_test]
async fn badge_says_why_when_the_status_forbids_withdrawal() {
    let status = RwSignal::new(ComplaintStatus::Processing);
    let container = mount(I18n::new(Locale::En), move || {
        let facts = Signal::derive(move || facts(status.get()));
        view! { <WindowBadge facts=facts actor=owner() now=FILED/> }
    });
    assert_eq!(badge(&container).text_content().unwrap(), "24 h 0 min left");

    // The complaint enters arbitration while on screen (e.g. a live update).
    status.set(ComplaintStatus::Arbitration);
    leptos::task::tick().await;
    let closed = badge(&container);
    assert_eq!(
        closed.get_attribute("data-code").as_deref(),
        Some("in_arbitration")
    );
    assert_eq!(
        closed.text_content().unwrap(),
        "In arbitration: cannot withdraw"
    );
}

#[wasm_bindgen_test]
async fn badge_for_an_unverified_owner_asks_for_verification() {
    let unverified = Actor {
        real_name: RealName::Unverified,
        ..owner()
    };
    let container = mount(I18n::new(Locale::Zh), move || {
        view! { <WindowBadge facts=facts(ComplaintStatus::Pending) actor=unverified now=FILED/> }
    });
    assert_eq!(
        badge(&container).get_attribute("data-code").as_deref(),
        Some("not_verified")
    );
}

#[wasm_bindgen_test]
async fn help_page_states_the_policy_and_switches_language() {
    let i18n = I18n::new(Locale::Zh);
    let container = mount(i18n, HelpPage);
    let window_rule = container
        .query_selector("[data-testid=help-window]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(window_rule.contains("24小时内"), "{window_rule}");

    let withdrawable = container
        .query_selector("[data-testid=withdrawable-statuses]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(withdrawable.contains("待处理") && withdrawable.contains("处理中"));
    assert!(!withdrawable.contains("平台仲裁中"), "{withdrawable}");

    i18n.set_locale(Locale::En);
    leptos::task::tick().await;
    let heading = container
        .query_selector("h1")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(heading, "Withdrawing a complaint: the rules");
    i18n.set_locale(Locale::Zh);
}

//! Components mounted in a real browser (headless Chromium via wasm-bindgen-test), asserted
//! on the DOM they render.

#![cfg(target_arch = "wasm32")]

use complaint_api::{
    AssistanceId, AssistanceView, ComplaintDetail, ComplaintId, ComplaintSummary, Eligibility,
    Ending, OrderBrief, OrderId, WithdrawnBy,
};
use complaint_desk::api::LiveUpdates;
use complaint_desk::boot::SessionStart;
use complaint_desk::components::{
    withdrawal_state, CountdownRing, EligibilityPanel, WindowBar, WithdrawalLine,
};
use complaint_desk::i18n::{I18n, Locale};
use complaint_desk::pages::HelpPage;
use complaint_desk::session::Session;
use complaint_desk::sleep::sleep_ms;
use complaint_rules::time::{HOUR_MS, MINUTE_MS};
use complaint_rules::{
    assistance_answer_expected_by, Actor, AssistanceGround, AssistanceStatus, Blocked,
    ComplaintKind, ComplaintStatus, NextStep, RealName, Role, UserId, UtcMillis, WithdrawalReason,
    POLICY,
};
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod common;
use common::{find, mount, type_into};

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

fn summary(status: ComplaintStatus) -> ComplaintSummary {
    ComplaintSummary {
        id: ComplaintId(1),
        number: "TS2026112700000001".into(),
        owner: UserId(7),
        order: OrderBrief {
            id: OrderId(1),
            number: "3912845570232648".into(),
            title: "罗技 MX Master 3S 无线鼠标".into(),
            shop: "罗技官方旗舰店".into(),
            amount_fen: 74_900,
            image: None,
        },
        kind: ComplaintKind::Quality,
        status,
        filed_at: FILED,
        version: 1,
        assistance: None,
        ended: None,
    }
}

/// The withdrawal state line as the rows and the detail page show it.
fn state_line(
    summary: impl Into<Signal<ComplaintSummary>>,
    actor: impl Into<Signal<Actor>>,
    now: impl Into<Signal<UtcMillis>>,
) -> impl IntoView {
    let (summary, actor, now) = (summary.into(), actor.into(), now.into());
    let state = withdrawal_state(summary, actor, now);
    view! { <WithdrawalLine state now/> }
}

fn line(container: &web_sys::HtmlElement) -> web_sys::HtmlElement {
    find(container, "withdrawal-state")
}

fn attribute(element: &web_sys::HtmlElement, name: &str) -> Option<String> {
    element.get_attribute(name)
}

#[wasm_bindgen_test]
async fn an_open_window_says_until_when_grows_urgent_and_closes_exactly_at_the_deadline() {
    let now = RwSignal::new(UtcMillis(DEADLINE.0 - 2 * HOUR_MS - 5 * MINUTE_MS));
    let container = mount(I18n::new(Locale::Zh), move || {
        state_line(summary(ComplaintStatus::Pending), owner(), now)
    });
    assert_eq!(
        attribute(&line(&container), "data-state").as_deref(),
        Some("open")
    );
    assert_eq!(
        attribute(&line(&container), "data-urgency").as_deref(),
        Some("normal")
    );
    let text = line(&container).text_content().unwrap();
    assert!(text.starts_with("可自助撤销 · "), "{text}");
    assert!(text.ends_with("\u{a0}前剩余2小时5分"), "{text}");

    // Under an hour: a warning, in words as well as colour.
    now.set(UtcMillis(DEADLINE.0 - 30 * MINUTE_MS));
    leptos::task::tick().await;
    assert_eq!(
        attribute(&line(&container), "data-urgency").as_deref(),
        Some("warning")
    );
    assert!(line(&container)
        .text_content()
        .unwrap()
        .starts_with("即将截止"));

    now.set(UtcMillis(DEADLINE.0 - 1)); // 23:59:59.999 after filing
    leptos::task::tick().await;
    assert_eq!(
        attribute(&line(&container), "data-urgency").as_deref(),
        Some("critical")
    );
    let text = line(&container).text_content().unwrap();
    assert!(
        text.starts_with("马上截止") && text.ends_with("仅剩1秒"),
        "{text}"
    );

    now.set(DEADLINE); // exactly 24:00:00.000
    leptos::task::tick().await;
    let closed = line(&container);
    assert_eq!(attribute(&closed, "data-state").as_deref(), Some("closed"));
    assert_eq!(
        attribute(&closed, "data-code").as_deref(),
        Some("window_expired")
    );
    assert_eq!(closed.text_content().unwrap(), "已超过自助撤销时限");

    // The corrected clock may step back (a server answer moves the offset): it follows.
    now.set(UtcMillis(DEADLINE.0 - MINUTE_MS));
    leptos::task::tick().await;
    assert_eq!(
        attribute(&line(&container), "data-state").as_deref(),
        Some("open")
    );
}

#[wasm_bindgen_test]
async fn the_window_bar_and_the_ring_show_how_much_of_the_window_has_passed() {
    // 6 h of 24 h: a quarter passed; then a third (8 h = 33.33…%, shown 33.3).
    let now = RwSignal::new(UtcMillis(FILED.0 + 6 * HOUR_MS));
    let container = mount(I18n::new(Locale::Zh), move || {
        view! {
            <WindowBar filed_at=FILED now=now/>
            <CountdownRing filed_at=FILED now=now/>
        }
    });
    let select = |selector: &str| -> web_sys::Element {
        container.query_selector(selector).unwrap().expect(selector)
    };
    let style = |selector: &str| select(selector).get_attribute("style").unwrap();
    let offset = || {
        select(".ring__left")
            .get_attribute("stroke-dashoffset")
            .unwrap()
    };
    let label = || {
        select(".window-bar__track")
            .get_attribute("aria-label")
            .unwrap()
    };
    // The bar's fill, the ring's offset and the spoken label say the same share.
    let shows = |share: &str| {
        let fill = style(".window-bar__fill");
        assert!(
            fill.contains(&format!("width: {}%", share.trim_end_matches(".0"))),
            "{fill}"
        );
        assert_eq!(offset(), share);
        assert_eq!(label(), format!("自助撤销期已过去{share}%"));
    };
    let marker = || select(".window-bar__now-label").text_content().unwrap();
    shows("25.0");
    assert_eq!(marker(), "现在");

    now.set(UtcMillis(FILED.0 + 8 * HOUR_MS));
    leptos::task::tick().await;
    shows("33.3");

    // Before filing (a clock behind) and long after the deadline, the share stays in 0–100.
    now.set(UtcMillis(FILED.0 - HOUR_MS));
    leptos::task::tick().await;
    assert_eq!(offset(), "0.0");
    now.set(UtcMillis(DEADLINE.0 + 48 * HOUR_MS));
    leptos::task::tick().await;
    assert_eq!(offset(), "100.0");
    assert_eq!(label(), "自助撤销期已过去100.0%");
    // Past the deadline the marker at the bar's end is the deadline, not now.
    assert_eq!(marker(), "已截止");
    now.set(UtcMillis(DEADLINE.0 - 1));
    leptos::task::tick().await;
    assert_eq!(marker(), "现在");
    now.set(DEADLINE);
    leptos::task::tick().await;
    assert_eq!(marker(), "已截止");
}

#[wasm_bindgen_test]
async fn a_status_that_forbids_withdrawal_says_why() {
    let status = RwSignal::new(ComplaintStatus::Processing);
    let container = mount(I18n::new(Locale::En), move || {
        state_line(
            Signal::derive(move || summary(status.get())),
            owner(),
            FILED,
        )
    });
    assert!(line(&container)
        .text_content()
        .unwrap()
        .ends_with("24 h left"));

    // The complaint enters arbitration while on screen (e.g. a live update).
    status.set(ComplaintStatus::Arbitration);
    leptos::task::tick().await;
    let closed = line(&container);
    assert_eq!(
        attribute(&closed, "data-code").as_deref(),
        Some("in_arbitration")
    );
    assert_eq!(
        closed.text_content().unwrap(),
        "In arbitration: cannot be withdrawn"
    );
}

/// An ended complaint says how it ended, when, and who withdrew it, never a refusal's words.
#[wasm_bindgen_test]
async fn an_ended_complaint_says_how_and_when_it_ended() {
    let ended_at = UtcMillis(DEADLINE.0 - 3 * HOUR_MS);
    let ended = |status, withdrawn_by| ComplaintSummary {
        ended: Some(Ending {
            at: ended_at,
            withdrawn_by,
        }),
        ..summary(status)
    };
    let shown = RwSignal::new(ended(ComplaintStatus::Withdrawn, Some(WithdrawnBy::Owner)));
    let container = mount(I18n::new(Locale::Zh), move || {
        state_line(shown, owner(), DEADLINE)
    });
    let when = (Locale::Zh.texts().date_short)(ended_at).replace(' ', "\u{a0}");
    let said = |container: &web_sys::HtmlElement| line(container).text_content().unwrap();
    assert_eq!(said(&container), format!("已撤销 · {when}"));
    assert_eq!(
        attribute(&line(&container), "data-state").as_deref(),
        Some("ended")
    );
    assert_eq!(
        attribute(&line(&container), "data-code").as_deref(),
        Some("already_withdrawn")
    );

    shown.set(ended(
        ComplaintStatus::Withdrawn,
        Some(WithdrawnBy::AgentOnBehalf),
    ));
    leptos::task::tick().await;
    assert_eq!(said(&container), format!("客服代您撤销 · {when}"));

    shown.set(ended(ComplaintStatus::Resolved, None));
    leptos::task::tick().await;
    assert_eq!(said(&container), format!("投诉已完结 · {when}"));

    shown.set(ended(ComplaintStatus::Closed, None));
    leptos::task::tick().await;
    assert_eq!(said(&container), format!("已关闭 · {when}"));
    assert!(!said(&container).contains("撤销"));
}

/// The detail panel's explanation under its state line: it does not say again what the line
/// says (arbitration), and after the window it says when customer service answers (the
/// policy's response time).
#[wasm_bindgen_test]
fn a_refusal_explains_once_and_says_when_customer_service_answers() {
    let hours = POLICY.assistance_response_hours;
    let expired = Blocked::WindowExpired { deadline: DEADLINE };
    for (locale, cannot) in [
        (Locale::Zh, "不能撤销"),
        (Locale::En, "cannot be withdrawn"),
    ] {
        let t = locale.texts();
        let line = (t.blocked_short)(&Blocked::InArbitration);
        let why = (t.detail.why_not)(&Blocked::InArbitration, hours);
        assert_eq!(
            format!("{line} {why}").matches(cannot).count(),
            1,
            "{line} {why}"
        );
        let why = (t.detail.why_not)(&expired, hours);
        assert!(why.contains(&format!("{}–{}", hours.0, hours.1)), "{why}");
        assert!(why.contains(&(t.date_short)(DEADLINE)), "{why}");
    }
    // The deadline and the word after it are apart, as in "… 前".
    let why = (Locale::Zh.texts().detail.why_not)(&expired, hours);
    assert!(why.contains("\u{a0}截止"), "{why}");
}

/// A row whose status settles the answer (withdrawn, finished) is not decided again on each
/// tick of the clock; an open one is, and closes on time.
#[wasm_bindgen_test]
fn only_states_time_can_change_follow_the_clock() {
    for (status, follows_the_clock) in [
        (ComplaintStatus::Withdrawn, false),
        (ComplaintStatus::Resolved, false),
        (ComplaintStatus::Pending, true),
    ] {
        let now = RwSignal::new(FILED);
        let reads = StoredValue::new(0);
        let counted_now = Signal::derive(move || {
            reads.update_value(|reads| *reads += 1);
            now.get()
        });
        let state = withdrawal_state(summary(status).into(), owner().into(), counted_now);
        assert_eq!(state.get_untracked().changes_with_time(), follows_the_clock);
        let before_ticks = reads.get_value();
        for later in 1..=3 {
            now.set(UtcMillis(FILED.0 + later * MINUTE_MS));
            let _ = state.get_untracked();
        }
        assert_eq!(
            reads.get_value() > before_ticks,
            follows_the_clock,
            "{status:?}"
        );
        if follows_the_clock {
            now.set(DEADLINE);
            assert!(!state.get_untracked().is_open(), "closes at the deadline");
        }
    }
}

#[wasm_bindgen_test]
async fn an_unverified_owner_is_told_the_window_still_runs() {
    let unverified = Actor {
        real_name: RealName::Unverified,
        ..owner()
    };
    let container = mount(I18n::new(Locale::Zh), move || {
        state_line(summary(ComplaintStatus::Pending), unverified, FILED)
    });
    let state = line(&container);
    assert_eq!(
        attribute(&state, "data-state").as_deref(),
        Some("verify_first")
    );
    assert_eq!(
        attribute(&state, "data-code").as_deref(),
        Some("not_verified")
    );
    let text = state.text_content().unwrap();
    assert!(
        text.starts_with("先实名认证 · ") && text.ends_with("\u{a0}前可撤销"),
        "{text}"
    );
}

#[wasm_bindgen_test]
async fn a_pending_assistance_request_is_said_instead_of_the_expired_window() {
    let waiting = ComplaintSummary {
        assistance: Some(AssistanceStatus::Pending),
        ..summary(ComplaintStatus::Processing)
    };
    let container = mount(I18n::new(Locale::Zh), move || {
        state_line(waiting.clone(), owner(), DEADLINE)
    });
    let state = line(&container);
    assert_eq!(
        attribute(&state, "data-state").as_deref(),
        Some("assistance_pending")
    );
    assert_eq!(state.text_content().unwrap(), "客服处理中");
}

#[wasm_bindgen_test]
async fn a_request_waiting_past_the_usual_response_time_is_not_promised_it_again() {
    let requested_at = UtcMillis(DEADLINE.0 + HOUR_MS);
    let detail = ComplaintDetail {
        summary: ComplaintSummary {
            assistance: Some(AssistanceStatus::Pending),
            ..summary(ComplaintStatus::Processing)
        },
        description: "加热盘不工作".into(),
        timeline: vec![],
        withdrawal: None,
        assistance: vec![AssistanceView {
            id: AssistanceId(1),
            complaint_id: ComplaintId(1),
            status: AssistanceStatus::Pending,
            ground: AssistanceGround::WindowExpired,
            reason: WithdrawalReason::Resolved,
            note: String::new(),
            remedy: None,
            requested_at,
            decided_at: None,
            rejection_reason: None,
        }],
        pressure_reports: vec![],
        eligibility: Eligibility::Blocked {
            blocked: Blocked::WindowExpired { deadline: DEADLINE },
            next_step: NextStep::RequestAssistance,
        },
    };
    let expected_by = assistance_answer_expected_by(requested_at);
    let now = RwSignal::new(UtcMillis(expected_by.0 - 1));
    let container = mount(I18n::new(Locale::Zh), move || {
        view! { <Router><EligibilityPanel detail=detail.clone() actor=owner() now/></Router> }
    });
    let sentence = || {
        find(&container, "eligibility-state")
            .text_content()
            .unwrap()
    };
    let (from, to) = POLICY.assistance_response_hours;
    assert!(
        sentence().contains(&format!("{from}–{to}小时")),
        "{}",
        sentence()
    );

    now.set(expected_by);
    leptos::task::tick().await;
    assert!(sentence().contains("用时比平常长"), "{}", sentence());
    assert!(!sentence().contains("小时内"), "{}", sentence());
}

#[wasm_bindgen_test]
async fn help_page_states_the_policy_and_switches_language() {
    let i18n = I18n::new(Locale::Zh);
    // As the app shows it: under the router (the page follows the address's #section), to
    // a visitor not signed in.
    let container = mount(i18n, || {
        provide_context(Session::new(SessionStart::Unknown {
            was_signed_in: false,
        }));
        view! { <Router><HelpPage/></Router> }
    });
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

    // The example bar marks the example's moment, not "now": its hours since filing.
    let marker = container
        .query_selector(".window-bar__now-label")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    let hours = POLICY.self_service_window_ms / 3 / HOUR_MS;
    assert_eq!(marker, format!("例：提交{hours}小时后"));

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

#[wasm_bindgen_test]
async fn a_resync_reloads_what_is_on_screen_and_keeps_what_was_typed() {
    // A real EventSource reading a real stream: the `resync` event exactly as the server
    // writes it, served by the browser from a Blob.
    let parts = js_sys::Array::of1(&"event: resync\ndata: {}\n\n".into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/event-stream");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).unwrap();
    let url = web_sys::Url::create_object_url_with_blob(&blob).unwrap();

    let loads = StoredValue::new(0u32);
    let live = StoredValue::new(None::<LiveUpdates>);
    let note = RwSignal::new(String::new());
    let container = mount(I18n::new(Locale::Zh), move || {
        let updates = LiveUpdates::open(&url, RwSignal::new(false));
        live.set_value(Some(updates));
        // What every page does with the data it shows: load it again on live updates.
        Effect::new(move |_| {
            updates.latest();
            loads.update_value(|loads| *loads += 1);
        });
        view! {
            <textarea data-testid="note" prop:value=move || note.get()
                on:input=move |event| note.set(event_target_value(&event))></textarea>
        }
    });
    leptos::task::tick().await;
    type_into(&find(&container, "note"), "卖家已经退款，问题解决了");
    let loads_before = loads.get_value();

    for _ in 0..50 {
        if loads.get_value() > loads_before {
            break;
        }
        sleep_ms(100).await;
    }
    let live = live.get_value().unwrap();
    assert!(live.resyncs() >= 1, "the resync event was not seen");
    assert!(
        loads.get_value() > loads_before,
        "what is on screen was not loaded again"
    );
    let textarea: web_sys::HtmlTextAreaElement = find(&container, "note").unchecked_into();
    assert_eq!(textarea.value(), "卖家已经退款，问题解决了");
    assert_eq!(note.get_untracked(), "卖家已经退款，问题解决了");
}

#[wasm_bindgen_test]
async fn the_servers_session_ended_event_signs_the_app_out() {
    // The stream's last event exactly as the server writes it when the session ends
    // elsewhere (another tab signed out, or it expired).
    let parts = js_sys::Array::of1(&"event: session_ended\ndata: {}\n\n".into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/event-stream");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).unwrap();
    let url = web_sys::Url::create_object_url_with_blob(&blob).unwrap();

    let ended = RwSignal::new(false);
    let _container = mount(I18n::new(Locale::Zh), move || {
        LiveUpdates::open(&url, ended);
    });
    for _ in 0..50 {
        if ended.get_untracked() {
            break;
        }
        sleep_ms(100).await;
    }
    assert!(ended.get_untracked(), "session_ended was not seen");
}

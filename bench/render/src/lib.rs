//! Browser benchmarks (see `bench/render.sh`, `www/harness.js`): the app's own list row
//! components rendering many complaints, and the rules' checks, called from JS which holds
//! the clock. Everything that is not the measured work (building the data, preparing the
//! inputs) happens in separate calls before the timed one.

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::hint::black_box;

use complaint_api::{
    ComplaintId, ComplaintPage, ComplaintSummary, OrderBrief, OrderId, StatusCount,
};
use complaint_desk::components::ComplaintRows;
use complaint_desk::i18n::{I18n, Locale};
use complaint_rules::time::{HOUR_MS, MINUTE_MS};
use complaint_rules::{
    check_withdrawal, validate_withdrawal, Actor, ComplaintKind, ComplaintStatus, RealName, Role,
    UserId, UtcMillis,
};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::prelude::*;

#[path = "../../../crates/rules/benches/support/workload.rs"]
#[allow(dead_code)] // `eligible_input` is for the native benchmark
mod workload;

const OWNER: UserId = UserId(7);

/// A fixed "now" for the rows, so both renderers print the same countdowns.
const NOW: UtcMillis = workload::NOW;

const TITLES: [&str; 7] = [
    "无线降噪蓝牙耳机 Pro 2 星空黑",
    "纯棉四件套 1.8m 床 简约条纹",
    "智能电饭煲 4L 家用多功能",
    "儿童护眼台灯 LED 无频闪",
    "运动跑鞋 男款 轻量缓震 42码",
    "有机绿茶 明前龙井 250g 礼盒",
    "机械键盘 87键 茶轴 白色背光",
];

/// `n` complaints like a long list: every status, filed 7 minutes apart (newest first), so
/// the first rows count down and the later ones are past the window.
fn complaints(n: usize) -> Vec<ComplaintSummary> {
    (0..n)
        .map(|i| {
            let id = 100_000 + i as i64;
            let filed_at = UtcMillis(NOW.0 - 3 * MINUTE_MS - i as i64 * 7 * MINUTE_MS);
            ComplaintSummary {
                id: ComplaintId(id),
                number: format!("TS20261125{id:06}"),
                owner: OWNER,
                order: OrderBrief {
                    id: OrderId(id),
                    number: format!("{:016}", 7_000_000_000_000_000 + id),
                    title: TITLES[i % TITLES.len()].to_owned(),
                    shop: "星辰数码旗舰店".to_owned(),
                    amount_fen: 10_000 + i as i64 * 100,
                    image: None,
                },
                kind: ComplaintKind::ALL[i % ComplaintKind::ALL.len()],
                status: ComplaintStatus::ALL[i % ComplaintStatus::ALL.len()],
                filed_at,
                version: 1,
                assistance: None,
                ended: None,
            }
        })
        .collect()
}

/// The complaints and the viewer, as JSON, for the plain-JS renderer.
#[wasm_bindgen]
pub fn rows_json(n: usize) -> String {
    serde_json::json!({
        "now": NOW.0,
        "actor": { "id": OWNER.0, "real_name": "verified" },
        "window_ms": 24 * HOUR_MS,
        "rows": complaints(n),
    })
    .to_string()
}

struct Mounted {
    status: RwSignal<Option<ComplaintStatus>>,
    now: RwSignal<UtcMillis>,
    // Dropping the handle unmounts the view and disposes of its reactive owner.
    _handle: Box<dyn std::any::Any>,
}

thread_local! {
    static DATA: RefCell<Vec<ComplaintSummary>> = const { RefCell::new(Vec::new()) };
    static MOUNTED: RefCell<Option<Mounted>> = const { RefCell::new(None) };
}

/// Builds the rows to render (not timed).
#[wasm_bindgen]
pub fn prepare_rows(n: usize) {
    DATA.with(|data| *data.borrow_mut() = complaints(n));
}

/// Renders the prepared rows into `container` with the app's `ComplaintRows` (its
/// `ComplaintRow`s in a keyed `<For>`, as the list page does), under a `<Router>` (the rows
/// link into the app) and the Chinese catalogue. Synchronous: the rows are in the DOM when it
/// returns.
#[wasm_bindgen]
pub fn mount_rows(container: web_sys::HtmlElement) {
    let rows = DATA.with(|data| data.borrow().clone());
    let status = RwSignal::new(None::<ComplaintStatus>);
    let now = RwSignal::new(NOW);
    let actor = Signal::stored(Actor {
        id: OWNER,
        role: Role::Shopper,
        real_name: RealName::Verified,
    });
    let handle = mount_to(container, move || {
        provide_context(I18n::new(Locale::Zh));
        let rows = StoredValue::new(rows);
        let visible = move || {
            let status = status.get();
            rows.with_value(|rows| {
                rows.iter()
                    .filter(|row| status.is_none_or(|status| row.status == status))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        };
        view! {
            <Router>
                <ComplaintRows rows=Signal::derive(visible) actor now/>
            </Router>
        }
    });
    MOUNTED.with(|mounted| {
        *mounted.borrow_mut() = Some(Mounted {
            status,
            now,
            _handle: Box::new(handle),
        })
    });
}

/// Shows only the complaints of one status (`""` = all), like a status tab; resolves once
/// the DOM is updated (Leptos runs effects asynchronously).
#[wasm_bindgen]
pub async fn switch_status(code: String) {
    let status = ComplaintStatus::from_code(&code);
    MOUNTED.with(|mounted| {
        if let Some(mounted) = mounted.borrow().as_ref() {
            mounted.status.set(status);
        }
    });
    any_tick().await;
}

/// Moves the rows' clock forward (a countdown tick); resolves once the DOM is updated.
#[wasm_bindgen]
pub async fn advance_clock(ms: i64) {
    MOUNTED.with(|mounted| {
        if let Some(mounted) = mounted.borrow().as_ref() {
            mounted.now.update(|now| *now = now.plus(ms));
        }
    });
    any_tick().await;
}

/// Lets the reactive system run what a change scheduled.
#[wasm_bindgen]
pub async fn any_tick() {
    leptos::task::tick().await;
}

/// Unmounts what `mount_rows` mounted (not timed).
#[wasm_bindgen]
pub fn unmount_rows() {
    MOUNTED.with(|mounted| mounted.borrow_mut().take());
}

// --- JSON decoding ---------------------------------------------------------------------------
// The list's answer decoded two ways, for the choice of the app's decoder: serde_json in the
// wasm (what the app does) against the browser's JSON.parse mapped by serde-wasm-bindgen.

/// A list page of `n` complaints as the server sends it (`GET /api/complaints`).
#[wasm_bindgen]
pub fn list_page_json(n: usize) -> String {
    let page = ComplaintPage {
        items: complaints(n),
        next_cursor: Some("MTc2NDAwMDAwMDAwMDoxMDAwOTk".to_owned()),
        counts: ComplaintStatus::ALL
            .iter()
            .map(|&status| StatusCount { status, count: 3 })
            .collect(),
        withdrawable: 4,
    };
    serde_json::to_string(&page).expect("a list page serialises")
}

/// Decodes `text` with serde_json; returns the number of rows.
#[wasm_bindgen]
pub fn decode_with_serde_json(text: &str) -> usize {
    serde_json::from_str::<ComplaintPage>(black_box(text))
        .expect("the list page decodes")
        .items
        .len()
}

/// Decodes `text` with the browser's JSON.parse and serde-wasm-bindgen; returns the rows.
#[wasm_bindgen]
pub fn decode_with_json_parse(text: &str) -> usize {
    let value = js_sys::JSON::parse(black_box(text)).expect("the list page is JSON");
    serde_wasm_bindgen::from_value::<ComplaintPage>(value)
        .expect("the list page decodes")
        .items
        .len()
}

// --- rules -----------------------------------------------------------------------------------

thread_local! {
    static ELIGIBILITY_INPUTS: RefCell<Vec<workload::EligibilityInput>> = const { RefCell::new(Vec::new()) };
    static WITHDRAWAL_INPUTS: RefCell<Vec<workload::WithdrawalInput>> =
        const { RefCell::new(Vec::new()) };
}

/// Builds the inputs of the rules workload (not timed).
#[wasm_bindgen]
pub fn prepare_rules() {
    ELIGIBILITY_INPUTS.with(|inputs| *inputs.borrow_mut() = workload::eligibility_inputs());
    WITHDRAWAL_INPUTS.with(|inputs| *inputs.borrow_mut() = workload::withdrawal_inputs());
}

/// How many checks one call of the workload functions runs.
#[wasm_bindgen]
pub fn rules_checks() -> usize {
    workload::CHECKS
}

/// 100,000 `check_withdrawal` calls (the native benchmark's `workload_100k`); returns how many
/// were eligible, so nothing is optimised away.
#[wasm_bindgen]
pub fn check_withdrawal_batch() -> u32 {
    ELIGIBILITY_INPUTS.with(|inputs| {
        let inputs = inputs.borrow();
        let mut eligible = 0;
        for input in inputs.iter().cycle().take(workload::CHECKS) {
            let input = black_box(input);
            eligible += check_withdrawal(&input.facts, &input.actor, input.now).is_ok() as u32;
        }
        eligible
    })
}

/// 100,000 `validate_withdrawal` calls; returns how many were valid.
#[wasm_bindgen]
pub fn validate_withdrawal_batch() -> u32 {
    WITHDRAWAL_INPUTS.with(|inputs| {
        let inputs = inputs.borrow();
        let mut valid = 0;
        for input in inputs.iter().cycle().take(workload::CHECKS) {
            let input = black_box(input);
            valid += validate_withdrawal(input.reason, &input.note).is_ok() as u32;
        }
        valid
    })
}

//! Every user-visible string, in one catalogue per language. Components read the current
//! catalogue from context; none of them holds a literal string of its own.
//!
//! A catalogue is a struct, so a string missing from one language is a compile error.

mod en;
mod zh;

use complaint_api::{AssistanceStatus, TimelineEventKind, WithdrawnBy};
use complaint_rules::{
    AssistanceBlocked, AssistanceGround, Blocked, ComplaintKind, ComplaintStatus, ErrorCode,
    NextStep, PlatformMove, RealName, RevokeReason, Role, TextError, TextProblem, UtcMillis,
};
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locale {
    Zh,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Zh, Locale::En];

    /// The BCP 47 tag, for `<html lang>` and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Zh => "zh-CN",
            Locale::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|locale| locale.tag() == tag)
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::Zh => &zh::TEXTS,
            Locale::En => &en::TEXTS,
        }
    }
}

/// One language's strings. Plain fields for fixed text, functions where text depends on a
/// value (a count, a duration, a status).
pub struct Texts {
    /// The language's own name, for the language switch.
    pub language_name: &'static str,
    pub app_name: &'static str,
    pub nav_complaints: &'static str,
    pub nav_orders: &'static str,
    pub nav_help: &'static str,
    pub nav_agent: &'static str,
    pub nav_label: &'static str,
    pub switch_language: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,

    pub status: fn(ComplaintStatus) -> &'static str,
    pub reason: fn(RevokeReason) -> &'static str,
    pub reason_hint: fn(RevokeReason) -> &'static str,
    pub kind: fn(ComplaintKind) -> &'static str,

    /// Remaining self-service time, e.g. "剩余 3小时12分".
    pub window_remaining: fn(i64) -> String,
    /// Why self-service withdrawal is closed, short enough for a badge.
    pub blocked_short: fn(&Blocked) -> &'static str,
    /// A point in time, in the user's time zone.
    pub date_time: fn(UtcMillis) -> String,

    pub common: CommonTexts,
    pub list: ListTexts,
    pub detail: DetailTexts,
    pub withdraw: WithdrawTexts,
    pub receipt: ReceiptTexts,
    pub assistance: AssistanceTexts,
    pub orders: OrderTexts,
    pub file: FileTexts,
    pub agent: AgentTexts,
    pub sign_in: SignInTexts,
    pub help: HelpTexts,
}

pub struct CommonTexts {
    pub loading: &'static str,
    pub sending: &'static str,
    pub retry: &'static str,
    pub cancel: &'static str,
    pub error_title: &'static str,
    pub network_error: &'static str,
    pub unreadable_error: &'static str,
    /// One message per error code, whoever caught the error (browser or server).
    pub error: fn(ErrorCode) -> &'static str,
    pub update_available: &'static str,
    pub reload: &'static str,
    pub sign_out: &'static str,
    pub skip_to_content: &'static str,
    /// Appended to a field label.
    pub required: &'static str,
    pub optional: &'static str,
}

pub struct ListTexts {
    pub title: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_button: &'static str,
    pub tabs_label: &'static str,
    pub tab_all: &'static str,
    pub complaint_number: &'static str,
    pub order_number: &'static str,
    pub empty: &'static str,
    pub empty_search: fn(&str) -> String,
    pub go_orders: &'static str,
    pub load_more: &'static str,
}

pub struct DetailTexts {
    pub back_to_complaint: &'static str,
    pub back_to_list: &'static str,
    pub kind: &'static str,
    pub filed_at: &'static str,
    pub description: &'static str,
    pub eligibility_title: &'static str,
    pub eligible: &'static str,
    /// "Until {date}".
    pub deadline: fn(&str) -> String,
    pub withdraw: &'static str,
    /// Why self-service withdrawal is refused, in a full sentence.
    pub blocked: fn(&Blocked) -> String,
    pub next_step: fn(NextStep) -> &'static str,
    pub assistance_pending: &'static str,
    pub request_assistance: &'static str,
    pub file_again: &'static str,
    pub view_receipt: &'static str,
    pub timeline_title: &'static str,
    pub event: fn(&TimelineEventKind) -> String,
    /// Who did it: the name, and "customer service" for agents.
    pub event_actor: fn(&str, Role) -> String,
    pub assistance_title: &'static str,
    pub assistance_status: fn(AssistanceStatus) -> &'static str,
    pub rejection_reason: &'static str,
}

pub struct WithdrawTexts {
    pub title: &'static str,
    pub locked: &'static str,
    pub reason_label: &'static str,
    pub reason_missing: &'static str,
    pub note_label: &'static str,
    /// A text's validation error (any field), in a full sentence.
    pub text_error: fn(&TextError) -> String,
    pub safeguards_title: &'static str,
    pub remedy_question: &'static str,
    pub remedy_arrived: &'static str,
    pub remedy_not_yet: &'static str,
    pub remedy_not_applicable: &'static str,
    pub remedy_warning: &'static str,
    pub pressure_question: &'static str,
    pub pressure_none: &'static str,
    pub pressure_yes: &'static str,
    pub pressure_warning: &'static str,
    pub keep_complaint: &'static str,
    pub accept_risk: &'static str,
    pub answer_required: &'static str,
    pub consequences_title: &'static str,
    pub consequences: &'static [&'static str],
    pub submit: &'static str,
    pub confirm_title: &'static str,
    pub confirm_body: &'static str,
    pub confirm: &'static str,
    /// After a conflict: "It is now {status}".
    pub changed_to: fn(&str) -> String,
    pub retry_hint: &'static str,
}

pub struct ReceiptTexts {
    pub done: &'static str,
    pub title: &'static str,
    pub reference: &'static str,
    pub revoked_at: &'static str,
    pub by: &'static str,
    pub by_whom: fn(WithdrawnBy, &str) -> String,
    pub print: &'static str,
}

pub struct AssistanceTexts {
    pub title: &'static str,
    pub intro: fn(u8, u8) -> String,
    pub blocked: fn(&AssistanceBlocked) -> String,
    pub submit: &'static str,
    pub sent: &'static str,
    pub response_time: fn(u8, u8) -> String,
}

pub struct OrderTexts {
    pub title: &'static str,
    pub view_complaint: &'static str,
    pub file: &'static str,
    pub history: &'static str,
}

pub struct FileTexts {
    pub title: &'static str,
    pub kind_label: &'static str,
    pub kind_missing: &'static str,
    pub description_label: &'static str,
    pub submit: &'static str,
}

pub struct AgentTexts {
    pub queue_title: &'static str,
    pub queue_empty: &'static str,
    pub approve: &'static str,
    pub reject: &'static str,
    pub rejection_label: &'static str,
    pub reject_confirm: &'static str,
    pub moves_title: &'static str,
    pub platform_move: fn(PlatformMove) -> &'static str,
}

pub struct SignInTexts {
    pub title: &'static str,
    pub demo_notice: &'static str,
    pub account_kind: fn(Role, RealName) -> &'static str,
}

pub struct HelpTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub who_title: &'static str,
    pub who_body: &'static str,
    pub statuses_title: &'static str,
    pub statuses_withdrawable: &'static str,
    pub statuses_not_withdrawable: &'static str,
    /// Why a status cannot be withdrawn, for the help page's table.
    pub status_explanation: fn(ComplaintStatus) -> &'static str,
    pub window_title: &'static str,
    /// The window rule for a window of this many hours.
    pub window_body: fn(i64) -> String,
    pub reasons_title: &'static str,
    /// The note rule: (max characters, minimum characters when the reason is "other").
    pub note_rule: fn(usize, usize) -> String,
    pub assistance_title: &'static str,
    /// The assistance rule, with the usual response time in hours (from, to).
    pub assistance_body: fn(u8, u8) -> String,
    pub arbitration_title: &'static str,
    pub arbitration_body: &'static str,
    pub before_title: &'static str,
    pub before_items: &'static [&'static str],
    pub after_title: &'static str,
    pub after_items: &'static [&'static str],
    /// "Rules version N".
    pub policy_version: fn(u32) -> String,
}

const LOCALE_STORAGE_KEY: &str = "complaint-desk.locale";

/// The current language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
}

impl I18n {
    pub fn new(locale: Locale) -> Self {
        I18n {
            locale: RwSignal::new(locale),
        }
    }

    /// The remembered choice, else Chinese.
    pub fn from_storage() -> Self {
        let stored = local_storage()
            .and_then(|storage| storage.get_item(LOCALE_STORAGE_KEY).ok().flatten())
            .and_then(|tag| Locale::from_tag(&tag));
        Self::new(stored.unwrap_or(Locale::Zh))
    }

    /// The current catalogue; reactive.
    pub fn t(&self) -> &'static Texts {
        self.locale.get().texts()
    }

    pub fn locale(&self) -> Locale {
        self.locale.get()
    }

    /// Switches language, remembers it, and updates `<html lang>` for screen readers.
    pub fn set_locale(&self, locale: Locale) {
        self.locale.set(locale);
        if let Some(storage) = local_storage() {
            // Private browsing may refuse storage; the choice then lasts for this visit.
            let _ = storage.set_item(LOCALE_STORAGE_KEY, locale.tag());
        }
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", locale.tag());
        }
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A text of the current language, for a view or an attribute: `{tr(|t| t.list.title)}`.
/// Every text shares this one closure type, so the code that renders a reactive text is
/// generated once, not once per text: it keeps the wasm small.
pub fn tr(
    select: fn(&'static Texts) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || select(i18n.t())
}

/// A text that depends on a value (a status, a count): `{tr_with(status, |t, s| (t.status)(s))}`.
/// One closure type per argument and result type, shared by every text of that shape.
pub fn tr_with<A, R>(
    arg: A,
    select: fn(&'static Texts, A) -> R,
) -> impl Fn() -> R + Copy + Send + Sync + 'static
where
    A: Copy + Send + Sync + 'static,
    R: 'static,
{
    let i18n = use_i18n();
    move || select(i18n.t(), arg)
}

/// Splits a duration into whole hours, minutes and seconds, rounding up to the second so
/// a countdown never shows zero while time remains.
pub fn split_duration(ms: i64) -> (i64, i64, i64) {
    let seconds = (ms.max(0) + 999) / 1000;
    (seconds / 3600, seconds % 3600 / 60, seconds % 60)
}

/// The user's local time for a UTC instant, as (year, month, day, hour, minute).
pub fn local_date_time(at: UtcMillis) -> (u32, u32, u32, u32, u32) {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.0 as f64));
    (
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes(),
    )
}

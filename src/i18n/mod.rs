//! Every user-visible string, in one catalogue per language. Components read the current
//! catalogue from context; none of them holds a literal string of its own.
//!
//! A catalogue is a struct, so a string missing from one language is a compile error.

mod dates;
mod en;
mod zh;

pub use dates::{format_date, format_relative, DateStyle};

use complaint_api::{
    AssistanceStatus, ComplaintGroup, Ending, RequestKind, TimelineEventKind, WithdrawnBy,
};

use crate::routes::ListView;
use crate::withdrawal::{StateAction, Urgency, WindowPassed};
use complaint_rules::{
    ArbitrationNoteKind, AssistanceBlocked, AssistanceGround, Blocked, ComplaintKind,
    ComplaintStatus, ErrorCode, PlatformMove, PressureKind, RealName, Remedy, Role, TextError,
    TextProblem, UtcMillis, WithdrawalReason,
};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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
/// value (a count, a duration, a status). Numbers of the rules come in as arguments, read
/// from `POLICY` by the caller, never written here.
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
    /// A complaint that is not there for this account (another's, or a wrong link).
    pub complaint_not_found_title: &'static str,
    pub complaint_not_found_body: &'static str,
    pub back_home: &'static str,

    pub status: fn(ComplaintStatus) -> &'static str,
    pub reason: fn(WithdrawalReason) -> &'static str,
    pub reason_hint: fn(WithdrawalReason) -> &'static str,
    /// An answer to "has the refund or replacement arrived?".
    pub remedy: fn(Remedy) -> &'static str,
    pub kind: fn(ComplaintKind) -> &'static str,

    /// Remaining self-service time, e.g. "剩余 3小时12分".
    pub window_remaining: fn(i64) -> String,
    /// Why self-service withdrawal is closed, short enough for a row.
    pub blocked_short: fn(&Blocked) -> &'static str,
    /// A moment with its year, for records (receipts, the history).
    pub date_time: fn(UtcMillis) -> String,
    /// A moment without the year, for deadlines (always within days of now).
    pub date_short: fn(UtcMillis) -> String,
    /// A day, for orders.
    pub date_day: fn(UtcMillis) -> String,

    pub common: CommonTexts,
    pub account: AccountTexts,
    pub state: StateTexts,
    pub list: ListTexts,
    pub detail: DetailTexts,
    pub withdraw: WithdrawTexts,
    pub receipt: ReceiptTexts,
    pub assistance: AssistanceTexts,
    pub pressure: PressureTexts,
    pub conversation: ConversationTexts,
    pub arbitration: ArbitrationTexts,
    pub orders: OrderTexts,
    pub file: FileTexts,
    pub agent: AgentTexts,
    pub sign_in: SignInTexts,
    pub help: HelpTexts,
}

/// The usual customer-service response time in hours (from, to), from `POLICY`.
pub type ResponseHours = (u8, u8);

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
    /// Where a rule would decide (a row, a panel, a form) while this build's rules are outdated.
    pub rules_outdated: &'static str,
    pub reload: &'static str,
    pub sign_out: &'static str,
    pub skip_to_content: &'static str,
    /// The bar's back button, for screen readers.
    pub back: &'static str,
    /// Beside a field label.
    pub required: &'static str,
    pub optional: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    /// A sheet's close button, for screen readers.
    pub close: &'static str,
    /// Under a failed request that may not have arrived: the connection is gone…
    pub offline: &'static str,
    /// …it came back…
    pub back_online: &'static str,
    /// …or nothing is known: sending again is safe either way.
    pub retry_safe: &'static str,
}

pub struct AccountTexts {
    /// The account menu's name for screen readers.
    pub menu: &'static str,
    pub real_name: fn(RealName) -> &'static str,
}

/// A complaint's withdrawal state in words, wherever it is shown.
pub struct StateTexts {
    /// "可自助撤销 · 12月3日 04:32 前", the word changing with the urgency.
    pub open: fn(Urgency, &str) -> String,
    /// "先实名认证 · 12月3日 04:32 前可撤销".
    pub verify_first: fn(&str) -> String,
    pub assistance_pending: &'static str,
    /// Customer service did not approve the last request.
    pub assistance_rejected: &'static str,
    /// How it ended: "已撤销 · 12月7日 13:37", "客服代您撤销 · …", "投诉已完结 · …".
    pub ended: fn(ComplaintStatus, Option<Ending>) -> String,
    /// The label of the one action a state offers.
    pub action: fn(StateAction) -> &'static str,
}

pub struct ListTexts {
    pub title: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_button: &'static str,
    pub tabs_label: &'static str,
    pub chips_label: &'static str,
    /// A tab's name.
    pub view: fn(ListView) -> &'static str,
    pub chip_all: &'static str,
    pub complaint_number: &'static str,
    pub order_number: &'static str,
    pub empty_title: fn(ListView) -> String,
    pub empty_body: &'static str,
    pub empty_search: fn(&str) -> String,
    pub empty_search_body: &'static str,
    pub clear_search: &'static str,
    pub go_orders: &'static str,
    pub load_more: &'static str,
    pub pick_title: &'static str,
    pub pick_body: &'static str,
}

pub struct DetailTexts {
    pub title: &'static str,
    pub back_to_complaint: &'static str,
    pub back_to_list: &'static str,
    pub kind: &'static str,
    pub filed_at: &'static str,
    pub description: &'static str,
    pub eligibility_title: &'static str,
    /// The panel's title once the complaint has ended.
    pub outcome_title: &'static str,
    /// What an ended complaint's end means for the shopper, and what is left.
    pub ended: fn(ComplaintStatus, Option<Ending>) -> String,
    /// Open: what is left once the deadline has passed (the deadline itself is said above).
    pub eligible: &'static str,
    /// Not verified, the window still running (its deadline is said above).
    pub verify_first: &'static str,
    /// A request waiting for customer service, within the usual response time.
    pub assistance_pending: fn(ResponseHours) -> String,
    /// A request still waiting after the usual response time
    /// ([`complaint_rules::assistance_answer_expected_by`]).
    pub assistance_late: &'static str,
    /// The last request was not approved: the agent's reason, and the ways on.
    pub assistance_rejected: fn(&str) -> String,
    pub withdraw: &'static str,
    /// Why self-service withdrawal is refused, and what is left, in full sentences.
    pub blocked: fn(&Blocked) -> String,
    /// The panel's explanation under its state line, which already says that it cannot be
    /// withdrawn ([`Texts::blocked_short`]): what is left, and after the window when customer
    /// service answers.
    pub why_not: fn(&Blocked, ResponseHours) -> String,
    pub request_assistance: &'static str,
    /// After a request was not approved.
    pub request_again: &'static str,
    pub file_again: &'static str,
    pub progress_title: &'static str,
    /// Under the stepper of an open complaint: who acts next.
    pub what_next: fn(ComplaintStatus) -> &'static str,
    pub facts_title: &'static str,
    /// A step of the stepper: the status, named as reached (`current` false) or as it is now.
    pub step: fn(ComplaintStatus, bool) -> &'static str,
    /// Inside the ring: the time left in its largest unit, the number and the unit apart
    /// (`(23, "小时")`), so the ring can set the unit small under the number.
    pub ring_left: fn(i64) -> (i64, &'static str),
    /// The marker of now on the window bar.
    pub now: &'static str,
    /// The marker at the window bar's end once the window has closed (now is past it).
    pub window_closed: &'static str,
    /// The marker on the help page's example bar, from the time since filing.
    pub example_now: fn(i64) -> String,
    /// The window's name, from its length in milliseconds.
    pub window_title: fn(i64) -> String,
    /// How much of the window has passed, in percent.
    pub window_passed: fn(WindowPassed) -> String,
    pub window_start: &'static str,
    /// The window's end, from its length in milliseconds.
    pub window_end: fn(i64) -> String,
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
    pub remedy_question: &'static str,
    /// The confirmation's name for the answer to the remedy question.
    pub remedy_label: &'static str,
    pub remedy_warning: &'static str,
    pub keep_complaint: &'static str,
    pub accept_risk: &'static str,
    /// Under a question left unanswered.
    pub answer_required: &'static str,
    /// Under a checkbox left unticked.
    pub check_required: &'static str,
    pub consequences_title: &'static str,
    pub consequences: &'static [&'static str],
    pub submit: &'static str,
    pub confirm_title: &'static str,
    pub confirm_body: &'static str,
    pub confirm: &'static str,
    /// The confirmation's safe choice ("cancel" would read like "withdraw" in Chinese).
    pub think_again: &'static str,
    /// In the confirmation: the choice is the user's own, no seller may demand it.
    pub voluntary: &'static str,
    pub voluntary_report: &'static str,
    /// After a conflict: "It is now {status}".
    pub changed_to: fn(&str) -> String,
    /// Before the deadline: (less than this many milliseconds left, the deadline).
    pub warn_minutes: fn(i64, &str) -> String,
    /// Confirmed after the deadline had passed: nothing was sent.
    pub too_late: &'static str,
    pub draft_kept: &'static str,
    /// Back closed the confirmation: the form is as it was.
    pub back_kept: &'static str,
    /// Reopens the dismissed lock sheet.
    pub lock_reopen: &'static str,
}

pub struct ReceiptTexts {
    pub done: &'static str,
    pub done_sub: &'static str,
    pub title: &'static str,
    pub reference: &'static str,
    pub withdrawn_at: &'static str,
    pub by: &'static str,
    pub by_whom: fn(WithdrawnBy, &str) -> String,
    pub save_picture: &'static str,
    pub picture_alt: &'static str,
    pub picture_hint: &'static str,
    pub download: &'static str,
    pub back_to_orders: &'static str,
    /// Done: back to the complaints.
    pub finish: &'static str,
    pub again_hint: &'static str,
}

pub struct AssistanceTexts {
    pub title: &'static str,
    pub intro: fn(ResponseHours) -> String,
    pub blocked: fn(&AssistanceBlocked) -> String,
    pub submit: &'static str,
    /// The confirmation before the request goes: customer service will withdraw it.
    pub confirm_title: &'static str,
    pub sent: &'static str,
    pub response_time: fn(ResponseHours) -> String,
    /// The reason and note typed on the withdrawal form were carried over.
    pub carried: &'static str,
}

pub struct PressureTexts {
    pub title: &'static str,
    /// On the complaint: "Did the seller ask you to withdraw?"
    pub question: &'static str,
    pub report_link: &'static str,
    pub reported_note: &'static str,
    pub list_title: &'static str,
    /// A report's state: open (true) or handled.
    pub status: fn(bool) -> &'static str,
    pub promise_title: &'static str,
    pub promise_body: &'static str,
    pub kind_label: &'static str,
    pub kind_missing: &'static str,
    pub note_label: &'static str,
    pub note_hint: &'static str,
    pub evidence_label: &'static str,
    pub submit: &'static str,
    pub sent: &'static str,
    pub sent_body: &'static str,
    pub still_withdraw: &'static str,
    pub still_withdraw_link: &'static str,
}

/// 联系客服: the conversation with customer service.
pub struct ConversationTexts {
    pub title: &'static str,
    /// When customer service answers.
    pub intro: fn(ResponseHours) -> String,
    /// Under a declined request: what the shopper can do now.
    pub rejected_next: &'static str,
    /// The order and complaint numbers that travel with every message (order, complaint).
    pub attached: fn(&str, &str) -> String,
    pub empty_title: &'static str,
    pub empty_body: &'static str,
    pub message_label: &'static str,
    pub placeholder: &'static str,
    pub send: &'static str,
    pub add_pictures: &'static str,
    /// How many pictures a message takes, and how large (from `POLICY`).
    pub pictures_hint: fn(usize, usize) -> String,
    pub uploading: &'static str,
    pub remove_picture: &'static str,
    pub open_picture: &'static str,
    pub arbitration_note: fn(ArbitrationNoteKind) -> &'static str,
    pub pressure_kind: fn(PressureKind) -> &'static str,
    /// A pressure report's card: its category, when it has one.
    pub pressure_report: fn(Option<PressureKind>) -> String,
    /// Where a request stands: handled (true) or waiting.
    pub handled: fn(bool) -> &'static str,
    pub evidence_requested: &'static str,
    pub assistance_approved: &'static str,
    pub assistance_rejected: &'static str,
    pub view_receipt: &'static str,
    pub requests_title: &'static str,
    pub request_withdrawal: &'static str,
    pub settled: &'static str,
    pub appeal: &'static str,
    pub report_pressure: &'static str,
    /// New answers from customer service, on a row and in the navigation.
    pub unread: fn(u32) -> String,
    /// The way into the conversation, on a complaint.
    pub open: &'static str,
    /// Under it: the last message, or that there is none yet.
    pub none_yet: &'static str,
}

/// An arbitrated complaint cannot be withdrawn: what the owner can tell customer service.
pub struct ArbitrationTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub kind_label: &'static str,
    pub kind_hint: fn(ArbitrationNoteKind) -> &'static str,
    pub note_label: &'static str,
    pub submit: &'static str,
    pub sent: &'static str,
}

pub struct OrderTexts {
    pub title: &'static str,
    pub view_complaint: &'static str,
    pub file: &'static str,
    /// Earlier complaints on the order, with their count.
    pub history: fn(usize) -> String,
    pub empty_title: &'static str,
    pub empty_body: &'static str,
}

pub struct FileTexts {
    pub title: &'static str,
    pub kind_label: &'static str,
    pub kind_missing: &'static str,
    pub description_label: &'static str,
    pub submit: &'static str,
    /// Filed: said on the complaint's page, with what happens next.
    pub sent: &'static str,
    pub next: &'static str,
}

pub struct AgentTexts {
    pub queue_title: &'static str,
    pub queue_empty: &'static str,
    pub queue_empty_body: &'static str,
    pub approve: &'static str,
    pub approve_confirm_title: &'static str,
    pub approve_confirm_body: &'static str,
    pub reject: &'static str,
    pub rejection_label: &'static str,
    pub reject_confirm: &'static str,
    pub moves_title: &'static str,
    pub platform_move: fn(PlatformMove) -> &'static str,
    pub move_confirm_title: fn(PlatformMove) -> &'static str,
    pub move_confirm_body: &'static str,
    pub pressure_title: &'static str,
    pub pressure_empty: &'static str,
    pub pressure_handle: &'static str,
    pub conversations_title: &'static str,
    pub conversations_empty: &'static str,
    /// How long the owner has waited, against the usual response time (`POLICY`).
    pub waiting: fn(i64, ResponseHours) -> String,
    pub answered: &'static str,
    pub request_kind: fn(RequestKind) -> &'static str,
    pub open_conversation: &'static str,
    pub shops_title: &'static str,
    pub shops_empty: &'static str,
    /// A shop's reports: (all, still open, withdrawals that followed one).
    pub shop_counts: fn(u32, u32, u32) -> String,
    pub latest: &'static str,
    pub reply_placeholder: &'static str,
    pub ask_evidence: &'static str,
    pub handle_note: &'static str,
}

pub struct SignInTexts {
    pub title: &'static str,
    pub demo_notice: &'static str,
    pub account_kind: fn(Role, RealName) -> &'static str,
    /// Shown when the session ended while the app was open.
    pub session_ended: &'static str,
    pub back_where_you_were: &'static str,
    pub draft_kept: &'static str,
}

pub struct HelpTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub who_title: &'static str,
    pub who_body: &'static str,
    pub verify_steps: &'static [&'static str],
    pub statuses_title: &'static str,
    pub statuses_withdrawable: &'static str,
    pub statuses_not_withdrawable: &'static str,
    /// Why a status can or cannot be withdrawn, for the help page's list.
    pub status_explanation: fn(ComplaintStatus) -> &'static str,
    pub window_title: &'static str,
    /// The window rule for a window of this many hours.
    pub window_body: fn(i64) -> String,
    /// The picture's caption: (hours since filing, hours left) in the example.
    pub picture_caption: fn(i64, i64) -> String,
    pub reasons_title: &'static str,
    /// The note rule: (max characters, minimum characters when the reason is "other").
    pub note_rule: fn(usize, usize) -> String,
    pub assistance_title: &'static str,
    pub assistance_body: fn(ResponseHours) -> String,
    pub arbitration_title: &'static str,
    pub arbitration_body: &'static str,
    pub appeal_steps: &'static [&'static str],
    pub before_title: &'static str,
    pub before_items: &'static [&'static str],
    pub after_title: &'static str,
    pub after_items: &'static [&'static str],
}

const LOCALE_STORAGE_KEY: &str = "complaint-desk.locale";
/// The language chosen, for a server that renders pages (it renders Chinese without it).
pub const LOCALE_COOKIE: &str = "complaint-desk.locale";

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

    /// The browser's remembered choice, else Chinese.
    pub fn stored_locale() -> Locale {
        local_storage()
            .and_then(|storage| storage.get_item(LOCALE_STORAGE_KEY).ok().flatten())
            .and_then(|tag| Locale::from_tag(&tag))
            .unwrap_or(Locale::Zh)
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
        // And a cookie, the one thing a server that renders pages can read.
        if let Ok(document) = document().dyn_into::<web_sys::HtmlDocument>() {
            let _ = document.set_cookie(&format!(
                "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                locale.tag()
            ));
        }
    }

    /// Keeps the document's `lang` the current locale's, in the browser (screen readers
    /// pronounce by it); a page rendered on the server is sent with it.
    pub fn sync_document_language(self) {
        Effect::new(move |_| {
            let tag = self.locale().tag();
            if let Some(html) = document().document_element() {
                let _ = html.set_attribute("lang", tag);
            }
        });
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

/// A date with non-breaking spaces, so a line never breaks inside it ("12月3日 04:32").
pub fn unbroken(text: &str) -> String {
    text.replace(' ', "\u{a0}")
}

/// Splits a duration into whole hours, minutes and seconds, rounding up to the second so
/// a countdown never shows zero while time remains.
pub fn split_duration(ms: i64) -> (i64, i64, i64) {
    let seconds = (ms.max(0) + 999) / 1000;
    (seconds / 3600, seconds % 3600 / 60, seconds % 60)
}

//! Dates and times by the browser's `Intl`, in the user's time zone and the app's language:
//! the platform knows each language's conventions ("12月3日 04:32", "Dec 3, 04:32"), so the
//! catalogues only choose a style. Formatters are costly to create, so each (language,
//! style) pair is made once.

use std::cell::RefCell;

use complaint_rules::UtcMillis;
use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use super::Locale;

/// How much of a moment to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateStyle {
    /// Year, month, day, hour and minute: records (receipts, the timeline).
    Full,
    /// Month, day, hour and minute: deadlines, which are always within days of now.
    Short,
    /// Year, month and day: orders.
    Day,
}

impl DateStyle {
    fn options(self) -> Object {
        let options = Object::new();
        let set = |key: &str, value: &str| {
            let _ = Reflect::set(&options, &key.into(), &value.into());
        };
        if matches!(self, DateStyle::Full | DateStyle::Day) {
            set("year", "numeric");
        }
        set("month", "short");
        set("day", "numeric");
        if matches!(self, DateStyle::Full | DateStyle::Short) {
            set("hour", "2-digit");
            set("minute", "2-digit");
            set("hourCycle", "h23");
        }
        options
    }
}

thread_local! {
    /// Each formatter's bound `format` function.
    static FORMATTERS: RefCell<Vec<(Locale, DateStyle, js_sys::Function)>> =
        const { RefCell::new(Vec::new()) };
    static RELATIVE: RefCell<Vec<(Locale, Intl::RelativeTimeFormat)>> =
        const { RefCell::new(Vec::new()) };
}

/// `at` in the user's time zone, in `locale`'s conventions.
pub fn format_date(locale: Locale, style: DateStyle, at: UtcMillis) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at.0 as f64));
    FORMATTERS.with(|formatters| {
        let mut formatters = formatters.borrow_mut();
        let index = match formatters
            .iter()
            .position(|(l, s, _)| *l == locale && *s == style)
        {
            Some(index) => index,
            None => {
                let locales = Array::of1(&locale.tag().into());
                let formatter = Intl::DateTimeFormat::new(&locales, &style.options());
                formatters.push((locale, style, formatter.format()));
                formatters.len() - 1
            }
        };
        formatters[index]
            .2
            .call1(&JsValue::UNDEFINED, &date)
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_default()
    })
}

/// "3 hours ago", "in 2 hours": `ms` from now (negative: in the past), in the largest unit
/// that fits.
pub fn format_relative(locale: Locale, ms: i64) -> String {
    use complaint_rules::time::{HOUR_MS, MINUTE_MS};
    const DAY_MS: i64 = 24 * HOUR_MS;
    let (value, unit) = match ms.abs() {
        size if size >= DAY_MS => (ms / DAY_MS, "day"),
        size if size >= HOUR_MS => (ms / HOUR_MS, "hour"),
        _ => (ms / MINUTE_MS, "minute"),
    };
    RELATIVE.with(|formatters| {
        let mut formatters = formatters.borrow_mut();
        let index = match formatters.iter().position(|(l, _)| *l == locale) {
            Some(index) => index,
            None => {
                let options = Object::new();
                let _ = Reflect::set(&options, &"numeric".into(), &"auto".into());
                let locales = Array::of1(&locale.tag().into());
                formatters.push((locale, Intl::RelativeTimeFormat::new(&locales, &options)));
                formatters.len() - 1
            }
        };
        String::from(formatters[index].1.format(value as f64, unit))
    })
}

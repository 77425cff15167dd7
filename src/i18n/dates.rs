//! Dates and times by the browser's `Intl`, in the user's time zone and the app's language:
//! the platform knows each language's conventions ("12月3日 04:32", "Dec 3, 04:32"), so the
//! catalogues only choose a style. Formatters are costly to create, so each (language,
//! style) pair is made once.

//!
//! A page rendered on the server (`ssr`) has no `Intl`: it writes the same strings by hand, in
//! China Standard Time, the platform's (see [`native`]).

#[cfg(not(feature = "ssr"))]
use std::cell::RefCell;

use complaint_rules::UtcMillis;
#[cfg(not(feature = "ssr"))]
use js_sys::{Array, Intl, Object, Reflect};
#[cfg(not(feature = "ssr"))]
use wasm_bindgen::JsValue;

use super::Locale;

#[cfg(feature = "ssr")]
pub use native::{format_date, format_relative};

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

#[cfg(not(feature = "ssr"))]
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

#[cfg(not(feature = "ssr"))]
thread_local! {
    /// Each formatter's bound `format` function.
    static FORMATTERS: RefCell<Vec<(Locale, DateStyle, js_sys::Function)>> =
        const { RefCell::new(Vec::new()) };
    static RELATIVE: RefCell<Vec<(Locale, Intl::RelativeTimeFormat)>> =
        const { RefCell::new(Vec::new()) };
}

/// `at` in the user's time zone, in `locale`'s conventions.
#[cfg(not(feature = "ssr"))]
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
#[cfg(not(feature = "ssr"))]
pub fn format_relative(locale: Locale, ms: i64) -> String {
    let (value, unit) = relative_unit(ms);
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
        String::from(formatters[index].1.format(value as f64, unit.intl_name()))
    })
}

/// The value and unit [`format_relative`] shows `ms` in: the largest unit that fits.
fn relative_unit(ms: i64) -> (i64, RelativeUnit) {
    use complaint_rules::time::{HOUR_MS, MINUTE_MS};
    const DAY_MS: i64 = 24 * HOUR_MS;
    match ms.abs() {
        size if size >= DAY_MS => (ms / DAY_MS, RelativeUnit::Day),
        size if size >= HOUR_MS => (ms / HOUR_MS, RelativeUnit::Hour),
        _ => (ms / MINUTE_MS, RelativeUnit::Minute),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RelativeUnit {
    Day,
    Hour,
    Minute,
}

impl RelativeUnit {
    /// `Intl.RelativeTimeFormat`'s name of the unit.
    #[cfg(not(feature = "ssr"))]
    fn intl_name(self) -> &'static str {
        match self {
            RelativeUnit::Day => "day",
            RelativeUnit::Hour => "hour",
            RelativeUnit::Minute => "minute",
        }
    }
}

/// What `Intl` writes in the browser, written by hand for pages rendered on the server: the
/// wasm that takes a page over keeps the text it finds, so the two must agree (tested
/// against the strings Chromium's `Intl` gives, below).
#[cfg(any(feature = "ssr", test))]
mod native {
    use super::{relative_unit, DateStyle, Locale, RelativeUnit, UtcMillis};
    use complaint_rules::time::HOUR_MS;

    /// China Standard Time (UTC+8, no daylight saving): the platform's time zone, in which
    /// the server renders (the browser then shows its own zone from its first re-render).
    const RENDER_UTC_OFFSET_MS: i64 = 8 * HOUR_MS;

    const MONTHS_EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];

    pub fn format_date(locale: Locale, style: DateStyle, at: UtcMillis) -> String {
        let local_ms = at.0 + RENDER_UTC_OFFSET_MS;
        let days = local_ms.div_euclid(24 * HOUR_MS);
        let minutes_of_day = local_ms.rem_euclid(24 * HOUR_MS) / 60_000;
        let (year, month, day) = civil_from_days(days);
        let (hour, minute) = (minutes_of_day / 60, minutes_of_day % 60);
        let month_en = MONTHS_EN[(month - 1) as usize];
        match (locale, style) {
            (Locale::Zh, DateStyle::Full) => {
                format!("{year}年{month}月{day}日 {hour:02}:{minute:02}")
            }
            (Locale::Zh, DateStyle::Short) => format!("{month}月{day}日 {hour:02}:{minute:02}"),
            (Locale::Zh, DateStyle::Day) => format!("{year}年{month}月{day}日"),
            (Locale::En, DateStyle::Full) => {
                format!("{month_en} {day}, {year}, {hour:02}:{minute:02}")
            }
            (Locale::En, DateStyle::Short) => format!("{month_en} {day}, {hour:02}:{minute:02}"),
            (Locale::En, DateStyle::Day) => format!("{month_en} {day}, {year}"),
        }
    }

    pub fn format_relative(locale: Locale, ms: i64) -> String {
        let (value, unit) = relative_unit(ms);
        let count = value.abs();
        match locale {
            Locale::Zh => {
                let special = match (unit, value) {
                    (RelativeUnit::Day, -2) => Some("前天"),
                    (RelativeUnit::Day, -1) => Some("昨天"),
                    (RelativeUnit::Day, 1) => Some("明天"),
                    (RelativeUnit::Day, 2) => Some("后天"),
                    (RelativeUnit::Minute, 0) => Some("此刻"),
                    _ => None,
                };
                if let Some(special) = special {
                    return special.to_owned();
                }
                let unit = match unit {
                    RelativeUnit::Day => "天",
                    RelativeUnit::Hour => "小时",
                    RelativeUnit::Minute => "分钟",
                };
                let direction = if value < 0 { "前" } else { "后" };
                format!("{count}{unit}{direction}")
            }
            Locale::En => {
                let special = match (unit, value) {
                    (RelativeUnit::Day, -1) => Some("yesterday"),
                    (RelativeUnit::Day, 1) => Some("tomorrow"),
                    (RelativeUnit::Minute, 0) => Some("this minute"),
                    _ => None,
                };
                if let Some(special) = special {
                    return special.to_owned();
                }
                let unit = match unit {
                    RelativeUnit::Day => "day",
                    RelativeUnit::Hour => "hour",
                    RelativeUnit::Minute => "minute",
                };
                let plural = if count == 1 { "" } else { "s" };
                if value < 0 {
                    format!("{count} {unit}{plural} ago")
                } else {
                    format!("in {count} {unit}{plural}")
                }
            }
        }
    }

    /// The proleptic Gregorian (year, month, day) of a count of days since 1970-01-01
    /// (Howard Hinnant's `civil_from_days`).
    fn civil_from_days(days: i64) -> (i64, u32, u32) {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        } as u32;
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        (year, month, day)
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use complaint_rules::time::MINUTE_MS;

        // The strings are Chromium's (and Node's) `Intl` for the same moments in
        // Asia/Shanghai, written down from the browser.
        #[test]
        fn dates_read_as_intl_writes_them_in_china_standard_time() {
            // 2026-12-03T20:32Z is 12月4日 04:32 in Shanghai.
            let evening = UtcMillis(1_796_329_920_000);
            let morning = UtcMillis(1_767_920_700_000); // 2026-01-09T01:05Z
            let cases = [
                (Locale::Zh, DateStyle::Full, evening, "2026年12月4日 04:32"),
                (Locale::Zh, DateStyle::Short, morning, "1月9日 09:05"),
                (Locale::Zh, DateStyle::Day, evening, "2026年12月4日"),
                (Locale::En, DateStyle::Full, evening, "Dec 4, 2026, 04:32"),
                (Locale::En, DateStyle::Short, morning, "Jan 9, 09:05"),
                (Locale::En, DateStyle::Day, morning, "Jan 9, 2026"),
            ];
            for (locale, style, at, expected) in cases {
                assert_eq!(
                    format_date(locale, style, at),
                    expected,
                    "{locale:?} {style:?}"
                );
            }
        }

        #[test]
        fn relative_times_read_as_intl_writes_them() {
            let day = 24 * HOUR_MS;
            let cases = [
                (Locale::Zh, -3 * HOUR_MS, "3小时前"),
                (Locale::Zh, 3 * HOUR_MS, "3小时后"),
                (Locale::Zh, -day, "昨天"),
                (Locale::Zh, -2 * day, "前天"),
                (Locale::Zh, 5 * MINUTE_MS, "5分钟后"),
                (Locale::Zh, 10_000, "此刻"),
                (Locale::En, -3 * HOUR_MS, "3 hours ago"),
                (Locale::En, HOUR_MS, "in 1 hour"),
                (Locale::En, day, "tomorrow"),
                (Locale::En, -2 * day, "2 days ago"),
                (Locale::En, -MINUTE_MS, "1 minute ago"),
                (Locale::En, 0, "this minute"),
            ];
            for (locale, ms, expected) in cases {
                assert_eq!(format_relative(locale, ms), expected, "{locale:?} {ms}");
            }
        }
    }
}

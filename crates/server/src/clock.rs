//! The server is the clock: every rule is evaluated on this time, and every response
//! carries it.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use complaint_rules::UtcMillis;

/// The clock a server reads: the system's (always, in a deployment), or — for tests that
/// must decide exactly at a boundary, such as the last millisecond of the self-service
/// window — one that stands still at a time the test sets. Not settable from the command
/// line or the environment.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// None: the system clock.
    fixed: Option<Arc<AtomicI64>>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock::default()
    }

    /// A clock that reads `at` until [`Clock::set`] moves it (clones share the time).
    pub fn fixed(at: UtcMillis) -> Clock {
        Clock {
            fixed: Some(Arc::new(AtomicI64::new(at.0))),
        }
    }

    /// Moves a fixed clock to `at`; the system clock cannot be set (a no-op, logged).
    pub fn set(&self, at: UtcMillis) {
        match &self.fixed {
            Some(fixed) => fixed.store(at.0, Ordering::SeqCst),
            None => tracing::warn!("the system clock cannot be set"),
        }
    }

    pub fn now(&self) -> UtcMillis {
        match &self.fixed {
            Some(fixed) => UtcMillis(fixed.load(Ordering::SeqCst)),
            None => now(),
        }
    }
}

/// The system clock now, in UTC milliseconds.
pub fn now() -> UtcMillis {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    UtcMillis(ms)
}

/// China Standard Time (UTC+8), the time zone in which complaint and receipt numbers are
/// dated.
const CST_OFFSET_MS: i64 = 8 * 3_600_000;

/// `YYYYMMDD` of the instant in China Standard Time, for numbers like `TS20261126000123`.
pub fn cst_date_code(at: UtcMillis) -> String {
    let days = (at.0 + CST_OFFSET_MS).div_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}{month:02}{day:02}")
}

/// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_stands_still_until_set_and_clones_share_it() {
        let clock = Clock::fixed(UtcMillis(1_000));
        let clone = clock.clone();
        assert_eq!(clock.now(), UtcMillis(1_000));
        clone.set(UtcMillis(2_500));
        assert_eq!(clock.now(), UtcMillis(2_500));
        let system = Clock::system().now();
        assert!((system.0 - now().0).abs() < 60_000);
    }

    #[test]
    fn dates_are_in_china_standard_time() {
        assert_eq!(cst_date_code(UtcMillis(0)), "19700101");
        // 2026-11-25T16:00:00Z is 2026-11-26 00:00 in Beijing.
        assert_eq!(cst_date_code(UtcMillis(1_795_622_400_000)), "20261126");
        assert_eq!(cst_date_code(UtcMillis(1_795_622_399_999)), "20261125");
        // 2024-02-29 (leap day) at noon UTC.
        assert_eq!(cst_date_code(UtcMillis(1_709_208_000_000)), "20240229");
    }
}

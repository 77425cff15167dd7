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
}

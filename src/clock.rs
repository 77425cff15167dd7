//! The time the rules are evaluated at: the browser's clock corrected by the offset to the
//! server's clock, ticking once a second, so a phone with a wrong clock neither shows a false
//! countdown nor sends a doomed request.

use complaint_rules::UtcMillis;
use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Copy)]
pub struct Clock {
    /// server time − browser time, from the latest API response.
    offset_ms: RwSignal<i64>,
    /// The browser's clock at the last tick.
    browser_now: RwSignal<i64>,
}

/// The device's clock: the browser's; a page rendered on the server reads the server's.
fn browser_time_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Date::now() as i64;
    #[cfg(not(target_arch = "wasm32"))]
    return std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_millis() as i64);
}

impl Clock {
    /// A clock that ticks every second in the browser for as long as the owner lives (an
    /// effect starts the timer: rendered on the server, it is the time of the render).
    /// `server_time`: the server's clock a moment ago, when known (a page it rendered).
    pub fn ticking(server_time: Option<UtcMillis>) -> Self {
        let browser = browser_time_ms();
        let clock = Clock {
            offset_ms: RwSignal::new(server_time.map_or(0, |server| server.0 - browser)),
            browser_now: RwSignal::new(browser),
        };
        Effect::new(move |_| {
            let handle = set_interval_with_handle(
                move || clock.browser_now.set(browser_time_ms()),
                Duration::from_secs(1),
            )
            .ok();
            on_cleanup(move || {
                if let Some(handle) = handle {
                    handle.clear();
                }
            });
        });
        clock
    }

    /// Server-corrected now; reactive, updates each tick.
    pub fn now(&self) -> UtcMillis {
        UtcMillis(self.browser_now.get() + self.offset_ms.get())
    }

    /// Server-corrected now without subscribing (for event handlers).
    pub fn now_untracked(&self) -> UtcMillis {
        UtcMillis(browser_time_ms() + self.offset_ms.get_untracked())
    }

    /// Records the server's time from a response received just now.
    pub fn observe_server_time(&self, server_time: UtcMillis) {
        let browser = browser_time_ms();
        self.offset_ms.set(server_time.0 - browser);
        self.browser_now.set(browser);
    }

    /// As a signal, for components that take the time as a prop.
    pub fn signal(self) -> Signal<UtcMillis> {
        Signal::derive(move || self.now())
    }
}

pub fn use_clock() -> Clock {
    expect_context::<Clock>()
}

use complaint_rules::{check_revoke, Actor, ComplaintFacts, UtcMillis};
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// The self-service window of one complaint at the time `now`: the time left while the
/// owner may withdraw it, else why not. `check_revoke` decides; this only shows the answer,
/// and re-decides whenever `now` changes, so it flips at the deadline by itself.
#[component]
pub fn WindowBadge(
    #[prop(into)] facts: Signal<ComplaintFacts>,
    #[prop(into)] actor: Signal<Actor>,
    #[prop(into)] now: Signal<UtcMillis>,
) -> impl IntoView {
    let i18n = use_i18n();
    let decision = Memo::new(move |_| {
        check_revoke(&facts.get(), &actor.get(), now.get()).map(|eligible| eligible.deadline)
    });
    // Re-rendered only when the state changes; the countdown text alone ticks.
    let is_open = Memo::new(move |_| decision.get().is_ok());
    move || {
        if is_open.get() {
            let remaining = move || match decision.get() {
                Ok(deadline) => (i18n.t().window_remaining)(now.get().until(deadline)),
                Err(_) => String::new(),
            };
            view! {
                <span class="window-badge window-badge--open" data-testid="window-badge" data-state="open">
                    <span class="window-badge__dot" aria-hidden="true"></span>
                    <span role="timer">{remaining}</span>
                </span>
            }
            .into_any()
        } else {
            let reason = move || match decision.get() {
                Err(blocked) => (i18n.t().blocked_short)(&blocked),
                Ok(_) => "",
            };
            let code = move || decision.get().err().map(|blocked| blocked.code().as_str());
            view! {
                <span
                    class="window-badge window-badge--closed"
                    data-testid="window-badge"
                    data-state="closed"
                    data-code=code
                >
                    {reason}
                </span>
            }
            .into_any()
        }
    }
}

use complaint_rules::{check_revoke, Actor, ComplaintFacts, UtcMillis};
use leptos::prelude::*;

use super::Catalogue;
use crate::i18n::Texts;

/// The self-service window of one complaint at the time `now`: the time left while the
/// owner may withdraw it, else why not. `check_revoke` decides; this only shows the answer.
/// While the window is open it re-decides whenever `now` changes, so it flips at the
/// deadline by itself. Once `check_revoke` says closed, no later `now` can reopen it (time
/// only moves forward), so a closed badge stops following the clock; a change of the facts
/// or of the actor still re-decides.
///
/// The texts follow the current language, unless `texts` fixes them (see `StatusBadge`).
#[component]
pub fn WindowBadge(
    #[prop(into)] facts: Signal<ComplaintFacts>,
    #[prop(into)] actor: Signal<Actor>,
    #[prop(into)] now: Signal<UtcMillis>,
    #[prop(optional)] texts: Option<&'static Texts>,
) -> impl IntoView {
    let catalogue = Catalogue::new(texts);
    let decision = Memo::new(move |_| {
        let decision =
            facts.with(|facts| actor.with(|actor| check_revoke(facts, actor, now.get_untracked())));
        if decision.is_ok() {
            // Open: a later tick may close it.
            now.track();
        }
        decision.map(|eligible| eligible.deadline)
    });
    // Rendered again only when the decision changes (it closes, or gives another reason);
    // while open, only the countdown follows the clock, and its text node is written only
    // when the text changes (above an hour, once a minute).
    move || match decision.get() {
        Ok(deadline) => {
            let remaining = move || (catalogue.get().window_remaining)(now.get().until(deadline));
            view! {
                <span class="window-badge window-badge--open" data-testid="window-badge" data-state="open">
                    <span class="window-badge__dot" aria-hidden="true"></span>
                    <span role="timer">{remaining}</span>
                </span>
            }
            .into_any()
        }
        Err(blocked) => {
            let reason = catalogue.text(blocked, |t, blocked| (t.blocked_short)(&blocked));
            view! {
                <span
                    class="window-badge window-badge--closed"
                    data-testid="window-badge"
                    data-state="closed"
                    data-code=blocked.code().as_str()
                >
                    {reason}
                </span>
            }
            .into_any()
        }
    }
}

//! What the owner can do with a complaint now, decided by `check_revoke` on the
//! server-corrected clock and re-decided every tick.

use complaint_api::{AssistanceStatus, ComplaintDetail};
use complaint_rules::{check_revoke, Actor, Blocked, NextStep, UtcMillis};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::deploy::app_path;
use crate::i18n::{tr, use_i18n};

/// The eligibility panel of the complaint page: the deadline and the withdraw button, or the
/// reason and the next step.
#[component]
pub fn EligibilityPanel(
    #[prop(into)] detail: Signal<ComplaintDetail>,
    #[prop(into)] actor: Signal<Actor>,
    #[prop(into)] now: Signal<UtcMillis>,
) -> impl IntoView {
    let i18n = use_i18n();
    let decision = Memo::new(move |_| {
        check_revoke(&detail.read().summary.facts(), &actor.get(), now.get())
            .map(|eligible| eligible.deadline)
    });
    let is_open = Memo::new(move |_| decision.get().is_ok());
    let id = move || detail.read().summary.id;
    let assistance_pending = move || {
        detail
            .read()
            .assistance
            .iter()
            .any(|request| request.status == AssistanceStatus::Pending)
    };

    let open_view = move || {
        let deadline = move || decision.get().ok().unwrap_or_default();
        view! {
            <p>
                {move || (i18n.t().detail.deadline)(&(i18n.t().date_time)(deadline()))}
                " · "
                <span role="timer" data-testid="eligibility-countdown">
                    {move || (i18n.t().window_remaining)(now.get().until(deadline()))}
                </span>
            </p>
            <A href=move || app_path(&format!("/complaints/{}/withdraw", id())) attr:class="button button--primary" attr:data-testid="withdraw-link">
                {tr(|t| t.detail.withdraw)}
            </A>
        }
    };

    let blocked_view = move || {
        let blocked = move || decision.get().err().unwrap_or(Blocked::NotOwner);
        let next_step = move || {
            let step = blocked().next_step();
            let t = i18n.t();
            match step {
                NextStep::RequestAssistance | NextStep::VerifyRealName if assistance_pending() => {
                    view! { <p data-testid="assistance-pending">{t.detail.assistance_pending}</p> }
                        .into_any()
                }
                NextStep::RequestAssistance | NextStep::VerifyRealName => {
                    let href = app_path(&format!("/complaints/{}/assistance", id()));
                    view! {
                        <p>{(t.detail.next_step)(step)}</p>
                        <A href=href attr:class="button" attr:data-testid="assistance-link">
                            {t.detail.request_assistance}
                        </A>
                    }
                    .into_any()
                }
                NextStep::FileNewComplaint => {
                    let order = detail.read().summary.order.id;
                    view! {
                        <p>{(t.detail.next_step)(step)}</p>
                        <A href=app_path(&format!("/orders/{order}/complain")) attr:class="button" attr:data-testid="file-again-link">
                            {t.detail.file_again}
                        </A>
                    }
                    .into_any()
                }
                NextStep::AppealToCustomerService | NextStep::Nothing => {
                    view! { <p>{(t.detail.next_step)(step)}</p> }.into_any()
                }
            }
        };
        view! { {next_step} }
    };

    view! {
        <section class="eligibility" aria-labelledby="eligibility-title" data-testid="eligibility"
            data-state=move || if is_open.get() { "open" } else { "closed" }>
            <h2 id="eligibility-title">{tr(|t| t.detail.eligibility_title)}</h2>
            // Only the state sentence is live: it changes when the state does, not every tick.
            <p class="eligibility__state" aria-live="polite" data-testid="eligibility-state"
                data-code=move || decision.get().err().map(|blocked| blocked.code().as_str())>
                {move || match decision.get() {
                    Ok(_) => i18n.t().detail.eligible.to_owned(),
                    Err(blocked) => (i18n.t().detail.blocked)(&blocked),
                }}
            </p>
            {move || if is_open.get() { open_view().into_any() } else { blocked_view().into_any() }}
        </section>
    }
}

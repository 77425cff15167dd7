use complaint_rules::time::HOUR_MS;
use complaint_rules::{ComplaintStatus, POLICY};
use leptos::prelude::*;

use crate::components::StatusBadge;
use crate::i18n::{tr, tr_with, use_i18n};

/// The rules in plain words, every number read from `POLICY`.
#[component]
pub fn HelpPage() -> impl IntoView {
    let i18n = use_i18n();
    let help = move || &i18n.t().help;
    // Which statuses may be withdrawn is the transition table's answer, not a list here.
    let (withdrawable, not_withdrawable): (Vec<_>, Vec<_>) = ComplaintStatus::ALL
        .into_iter()
        .partition(|status| status.can_become(ComplaintStatus::Revoked));
    let status_rows = move |statuses: Vec<ComplaintStatus>| {
        statuses
            .into_iter()
            .map(|status| {
                view! {
                    <li>
                        <StatusBadge status=status/>
                        <span>{tr_with(status, |t, arg| (t.help.status_explanation)(arg))}</span>
                    </li>
                }
            })
            .collect_view()
    };
    let reasons = POLICY
        .revoke_reasons
        .iter()
        .map(|&reason| {
            view! {
                <li>
                    <strong>{tr_with(reason, |t, arg| (t.reason)(arg))}</strong>
                    " "
                    <span>{tr_with(reason, |t, arg| (t.reason_hint)(arg))}</span>
                </li>
            }
        })
        .collect_view();
    let list = |items: &'static [&'static str]| {
        items
            .iter()
            .map(|item| view! { <li>{*item}</li> })
            .collect_view()
    };
    let (response_from, response_to) = POLICY.assistance_response_hours;

    view! {
        <article class="page help" data-testid="help-page">
            <h1>{tr(|t| t.help.title)}</h1>
            <p class="lead">{tr(|t| t.help.intro)}</p>

            <section aria-labelledby="help-who">
                <h2 id="help-who">{tr(|t| t.help.who_title)}</h2>
                <p>{tr(|t| t.help.who_body)}</p>
            </section>

            <section aria-labelledby="help-statuses">
                <h2 id="help-statuses">{tr(|t| t.help.statuses_title)}</h2>
                <h3>{tr(|t| t.help.statuses_withdrawable)}</h3>
                <ul class="status-list" data-testid="withdrawable-statuses">
                    {status_rows(withdrawable)}
                </ul>
                <h3>{tr(|t| t.help.statuses_not_withdrawable)}</h3>
                <ul class="status-list">{status_rows(not_withdrawable)}</ul>
            </section>

            <section aria-labelledby="help-window">
                <h2 id="help-window">{tr(|t| t.help.window_title)}</h2>
                <p data-testid="help-window">
                    {move || (help().window_body)(POLICY.self_service_window_ms / HOUR_MS)}
                </p>
            </section>

            <section aria-labelledby="help-reasons">
                <h2 id="help-reasons">{tr(|t| t.help.reasons_title)}</h2>
                <ul>{reasons}</ul>
                <p>
                    {move || {
                        (help().note_rule)(
                            POLICY.note_for_other_reason.max_chars,
                            POLICY.note_for_other_reason.min_chars,
                        )
                    }}
                </p>
            </section>

            <section aria-labelledby="help-before">
                <h2 id="help-before">{tr(|t| t.help.before_title)}</h2>
                <ul class="checklist">{move || list(help().before_items)}</ul>
            </section>

            <section aria-labelledby="help-assistance">
                <h2 id="help-assistance">{tr(|t| t.help.assistance_title)}</h2>
                <p>{move || (help().assistance_body)(response_from, response_to)}</p>
            </section>

            <section aria-labelledby="help-arbitration">
                <h2 id="help-arbitration">{tr(|t| t.help.arbitration_title)}</h2>
                <p>{tr(|t| t.help.arbitration_body)}</p>
            </section>

            <section aria-labelledby="help-after">
                <h2 id="help-after">{tr(|t| t.help.after_title)}</h2>
                <ul>{move || list(help().after_items)}</ul>
            </section>

            <p class="muted">{move || (help().policy_version)(POLICY.version)}</p>
        </article>
    }
}

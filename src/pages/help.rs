//! The rules in plain words, with the same picture the complaint page draws; every number
//! and every status read from the rules crate.

use complaint_rules::time::HOUR_MS;
use complaint_rules::{ComplaintStatus, UtcMillis, POLICY};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::focus_element;
use crate::components::{
    set_page_title, steps_of, PageTitle, StatusBadge, StatusStepper, Step, WindowLabels,
};
use crate::i18n::{tr, tr_with, use_i18n};

/// An example complaint for the picture: just filed (the way the transition table leads
/// from there), a third of its window gone.
fn example_steps() -> (Vec<Step>, UtcMillis, UtcMillis) {
    let now = UtcMillis(POLICY.self_service_window_ms);
    let filed_at = UtcMillis(POLICY.self_service_window_ms * 2 / 3);
    (steps_of(ComplaintStatus::Pending, &[]), filed_at, now)
}

#[component]
pub fn HelpPage() -> impl IntoView {
    let i18n = use_i18n();
    set_page_title(move || Some(i18n.t().help.title.to_owned()));
    let help = move || &i18n.t().help;
    // Which statuses may be withdrawn is the transition table's answer, not a list here.
    let (withdrawable, not_withdrawable): (Vec<_>, Vec<_>) = ComplaintStatus::ALL
        .into_iter()
        .partition(|status| status.can_become(ComplaintStatus::Withdrawn));
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
        .withdrawal_reasons
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
    let hours = POLICY.assistance_response_hours;
    let (steps, filed_at, now) = example_steps();
    let since_hours = filed_at.until(now) / HOUR_MS;
    let left_hours = (POLICY.self_service_window_ms - filed_at.until(now)) / HOUR_MS;
    // A link to a section (#verify, #appeal): bring it into view once it is rendered, after
    // the router's own scrolling (which runs before the page is there).
    let location = use_location();
    Effect::new(move |_| {
        let hash = location.hash.get();
        if let Some(section) = hash.strip_prefix('#').filter(|id| !id.is_empty()) {
            let section = section.to_owned();
            request_animation_frame(move || focus_element(&section));
        }
    });

    view! {
        <article class="form-page help" data-testid="help-page">
            <PageTitle>{tr(|t| t.help.title)}</PageTitle>
            <p class="lead">{tr(|t| t.help.intro)}</p>

            <section class="panel" aria-labelledby="help-window-title">
                <h2 id="help-window-title" class="panel__title">{tr(|t| t.help.window_title)}</h2>
                <p data-testid="help-window" id="help-window">
                    {move || (help().window_body)(POLICY.self_service_window_ms / HOUR_MS)}
                </p>
                <StatusStepper steps filed_at show_window=true now=Signal::stored(now) labels=WindowLabels::Example/>
                <p class="muted">{move || (help().picture_caption)(since_hours, left_hours)}</p>
            </section>

            <section class="panel" aria-labelledby="help-statuses">
                <h2 id="help-statuses" class="panel__title">{tr(|t| t.help.statuses_title)}</h2>
                <h3>{tr(|t| t.help.statuses_withdrawable)}</h3>
                <ul class="status-list" data-testid="withdrawable-statuses">
                    {status_rows(withdrawable)}
                </ul>
                <h3>{tr(|t| t.help.statuses_not_withdrawable)}</h3>
                <ul class="status-list">{status_rows(not_withdrawable)}</ul>
            </section>

            <section class="panel" id="verify" tabindex="-1" aria-labelledby="help-who">
                <h2 id="help-who" class="panel__title">{tr(|t| t.help.who_title)}</h2>
                <p>{tr(|t| t.help.who_body)}</p>
                <ol class="steps-list">{move || list(help().verify_steps)}</ol>
            </section>

            <section class="panel" aria-labelledby="help-reasons">
                <h2 id="help-reasons" class="panel__title">{tr(|t| t.help.reasons_title)}</h2>
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

            <section class="panel" aria-labelledby="help-before">
                <h2 id="help-before" class="panel__title">{tr(|t| t.help.before_title)}</h2>
                <ul class="checklist">{move || list(help().before_items)}</ul>
            </section>

            <section class="panel" aria-labelledby="help-assistance">
                <h2 id="help-assistance" class="panel__title">{tr(|t| t.help.assistance_title)}</h2>
                <p>{move || (help().assistance_body)(hours)}</p>
            </section>

            <section class="panel" id="appeal" tabindex="-1" aria-labelledby="help-arbitration">
                <h2 id="help-arbitration" class="panel__title">{tr(|t| t.help.arbitration_title)}</h2>
                <p>{tr(|t| t.help.arbitration_body)}</p>
                <ol class="steps-list">{move || list(help().appeal_steps)}</ol>
            </section>

            <section class="panel" aria-labelledby="help-after">
                <h2 id="help-after" class="panel__title">{tr(|t| t.help.after_title)}</h2>
                <ul>{move || list(help().after_items)}</ul>
            </section>
        </article>
    }
}

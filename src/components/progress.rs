//! Pictures of where a complaint stands: the status stepper with the self-service window
//! drawn on it, and the ring of the time left. Both are drawn from the rules crate's values
//! (the transition table, the window's length), never from a list of their own.

use complaint_api::{TimelineEvent, TimelineEventKind};
use complaint_rules::{self_service_deadline, ComplaintStatus, UtcMillis, POLICY};
use leptos::prelude::*;

use super::icons::{Icon, IconName};
use crate::i18n::use_i18n;
use crate::withdrawal::WindowPassed;

/// Where a step stands relative to the complaint's current status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepState {
    Done,
    Current,
    Upcoming,
}

impl StepState {
    fn code(self) -> &'static str {
        match self {
            StepState::Done => "done",
            StepState::Current => "current",
            StepState::Upcoming => "upcoming",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub status: ComplaintStatus,
    /// When the complaint reached it, for the steps it has reached.
    pub at: Option<UtcMillis>,
    pub state: StepState,
}

/// The statuses a complaint went through (from its timeline), then the shortest way the
/// transition table leaves from where it is to `resolved`: what happened, and what may come.
pub fn steps_of(current: ComplaintStatus, timeline: &[TimelineEvent]) -> Vec<Step> {
    let mut reached: Vec<(ComplaintStatus, UtcMillis)> = Vec::new();
    for event in timeline {
        let status = match &event.event {
            TimelineEventKind::Filed => Some(ComplaintStatus::Pending),
            TimelineEventKind::StatusChanged { to, .. } => Some(*to),
            TimelineEventKind::Withdrawn { .. } => Some(ComplaintStatus::Withdrawn),
            _ => None,
        };
        if let Some(status) = status {
            if reached.last().map(|(last, _)| *last) != Some(status) {
                reached.push((status, event.at));
            }
        }
    }
    if reached.last().map(|(last, _)| *last) != Some(current) {
        // A timeline without the event of the current status (older data): the status stands.
        reached.push((current, UtcMillis::default()));
    }
    let last = reached.len() - 1;
    let mut steps: Vec<Step> = reached
        .into_iter()
        .enumerate()
        .map(|(index, (status, at))| Step {
            status,
            at: (at != UtcMillis::default()).then_some(at),
            state: if index == last {
                StepState::Current
            } else {
                StepState::Done
            },
        })
        .collect();
    steps.extend(way_to_resolved(current).into_iter().map(|status| Step {
        status,
        at: None,
        state: StepState::Upcoming,
    }));
    steps
}

/// The statuses after `from` on the shortest way to `resolved` the transition table allows
/// (empty from a terminal status): breadth-first over `ComplaintStatus::can_become`.
fn way_to_resolved(from: ComplaintStatus) -> Vec<ComplaintStatus> {
    if from.is_terminal() {
        return Vec::new();
    }
    let mut previous: Vec<Option<ComplaintStatus>> = vec![None; ComplaintStatus::ALL.len()];
    let index = |status: ComplaintStatus| {
        ComplaintStatus::ALL
            .iter()
            .position(|other| *other == status)
            .unwrap_or(0)
    };
    let mut queue = std::collections::VecDeque::from([from]);
    let mut seen = vec![from];
    while let Some(status) = queue.pop_front() {
        if status == ComplaintStatus::Resolved {
            let mut way = vec![status];
            let mut at = status;
            while let Some(before) = previous[index(at)] {
                if before == from {
                    break;
                }
                way.push(before);
                at = before;
            }
            way.reverse();
            return way;
        }
        for next in ComplaintStatus::ALL {
            if status.can_become(next) && !seen.contains(&next) {
                seen.push(next);
                previous[index(next)] = Some(status);
                queue.push_back(next);
            }
        }
    }
    Vec::new()
}

/// How the window bar labels its ends and its marker.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WindowLabels {
    /// A complaint's: the dates of filing and of the deadline, and now.
    #[default]
    Dates,
    /// An illustration (the help page): the ends named, not dated, and the marker as the
    /// example's moment (so long after filing), not "now".
    Example,
}

/// The stepper: one node per step, each with its name and when it was reached; under the
/// first steps, the self-service window from filing to its deadline with now marked, while
/// the status is one that may be withdrawn.
#[component]
pub fn StatusStepper(
    steps: Vec<Step>,
    filed_at: UtcMillis,
    /// Whether to draw the window (the status may still become `withdrawn`).
    show_window: bool,
    #[prop(into)] now: Signal<UtcMillis>,
    #[prop(optional)] labels: WindowLabels,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = steps.len();
    view! {
        <div class="stepper" data-testid="status-stepper">
            // Properties, not a style attribute: the CSP allows no inline styles.
            <ol class="stepper__steps" style:--steps=count.to_string()>
                {steps
                    .into_iter()
                    .map(|step| {
                        view! {
                            <li class="stepper__step" data-state=step.state.code() data-status=step.status.code()
                                aria-current=(step.state == StepState::Current).then_some("step")>
                                <span class="stepper__dot" aria-hidden="true">
                                    {(step.state == StepState::Done).then(|| view! { <Icon name=IconName::Check/> })}
                                </span>
                                <span class="stepper__label">
                                    {move || (i18n.t().detail.step)(step.status, step.state == StepState::Current)}
                                </span>
                                {step.at.map(|at| view! {
                                    <span class="stepper__time">{move || (i18n.t().date_short)(at)}</span>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            {show_window.then(|| view! { <WindowBar filed_at now labels/> })}
        </div>
    }
}

/// The self-service window as a bar: filing at the left, the deadline at the right, how much
/// has passed filled in, and now marked. Reads the window's length from `POLICY`.
#[component]
pub fn WindowBar(
    filed_at: UtcMillis,
    #[prop(into)] now: Signal<UtcMillis>,
    #[prop(optional)] labels: WindowLabels,
) -> impl IntoView {
    let example = labels == WindowLabels::Example;
    let i18n = use_i18n();
    let deadline = self_service_deadline(filed_at);
    let passed = move || WindowPassed::at(filed_at, now.get());
    let open = move || now.get() < deadline;
    view! {
        <div class="window-bar" data-testid="window-bar" data-open=move || open().to_string()>
            <p class="window-bar__title">
                {move || (i18n.t().detail.window_title)(POLICY.self_service_window_ms)}
            </p>
            <div class="window-bar__track" role="img"
                aria-label=move || (i18n.t().detail.window_passed)(passed())>
                <span class="window-bar__fill" style:width=move || format!("{}%", passed())></span>
                <span class="window-bar__now" style:left=move || format!("{}%", passed())></span>
                // Shifted by as much of its width as the window has passed: it starts at the
                // marker at filing, ends at it at the deadline, and never leaves the bar.
                <span class="window-bar__now-label" aria-hidden="true"
                    style:left=move || format!("{}%", passed())
                    style:transform=move || format!("translateX(-{}%)", passed())>
                    {move || match labels {
                        WindowLabels::Dates if !open() => i18n.t().detail.window_closed.to_owned(),
                        WindowLabels::Dates => i18n.t().detail.now.to_owned(),
                        WindowLabels::Example => (i18n.t().detail.example_now)(filed_at.until(now.get())),
                    }}
                </span>
            </div>
            <p class="window-bar__ends">
                <span>{move || if example { i18n.t().detail.window_start.to_owned() } else { (i18n.t().date_short)(filed_at) }}</span>
                <span>{move || if example {
                    (i18n.t().detail.window_end)(POLICY.self_service_window_ms)
                } else {
                    (i18n.t().date_short)(deadline)
                }}</span>
            </p>
        </div>
    }
}

/// The time left of the window as a ring that empties towards the deadline; the words
/// beside it say the same, so the ring itself is decorative.
#[component]
pub fn CountdownRing(filed_at: UtcMillis, #[prop(into)] now: Signal<UtcMillis>) -> impl IntoView {
    let deadline = self_service_deadline(filed_at);
    let i18n = use_i18n();
    let shown = Memo::new(move |_| (i18n.t().detail.ring_left)(now.get().until(deadline)));
    view! {
        <svg class="ring" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
            <circle class="ring__track" cx="24" cy="24" r="20"/>
            // A path length of 100 makes the dash offset the share of the window passed.
            <circle class="ring__left" cx="24" cy="24" r="20" pathLength="100"
                stroke-dasharray="100"
                stroke-dashoffset=move || WindowPassed::at(filed_at, now.get()).to_string()/>
            <text class="ring__text" x="24" y="21">{move || shown.get().0}</text>
            <text class="ring__unit" x="24" y="33">{move || shown.get().1}</text>
        </svg>
    }
}

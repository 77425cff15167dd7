use complaint_api::TimelineEvent;
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Every event of a complaint, oldest first: nothing is ever deleted, so this is its history.
#[component]
pub fn Timeline(#[prop(into)] events: Signal<Vec<TimelineEvent>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="timeline" data-testid="timeline">
            {move || {
                events
                    .get()
                    .into_iter()
                    .map(|event| {
                        let t = i18n.t();
                        view! {
                            <li class="timeline__event" data-type=event_type(&event)>
                                <p class="timeline__what">{(t.detail.event)(&event.event)}</p>
                                <p class="timeline__meta">
                                    <time>{(t.date_time)(event.at)}</time>
                                    " · "
                                    {(t.detail.event_actor)(&event.actor_name, event.actor_role)}
                                </p>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ol>
    }
}

fn event_type(event: &TimelineEvent) -> &'static str {
    event.event.code()
}

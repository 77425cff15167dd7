use complaint_rules::ComplaintStatus;
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// The complaint's status as a coloured label.
#[component]
pub fn StatusBadge(#[prop(into)] status: Signal<ComplaintStatus>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span
            class=move || format!("status-badge status-badge--{}", status.get().code())
            data-testid="status-badge"
        >
            {move || (i18n.t().status)(status.get())}
        </span>
    }
}

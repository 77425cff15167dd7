use complaint_rules::ComplaintStatus;
use leptos::prelude::*;

use super::Catalogue;
use crate::i18n::Texts;

/// The complaint's status as a coloured label. The label follows the current language,
/// unless `texts` fixes it (a view rendered again as a whole when the language changes: the
/// list's rows); the badge then holds no reactive node.
#[component]
pub fn StatusBadge(
    status: ComplaintStatus,
    #[prop(optional)] texts: Option<&'static Texts>,
) -> impl IntoView {
    let label = Catalogue::new(texts).text(status, |t, status| (t.status)(status));
    view! {
        <span class=format!("status-badge status-badge--{}", status.code()) data-testid="status-badge">
            {label}
        </span>
    }
}

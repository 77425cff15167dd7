use leptos::prelude::*;
use leptos_router::components::A;

use crate::deploy::app_path;
use crate::i18n::use_i18n;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <article class="page" data-testid="not-found-page">
            <h1>{move || i18n.t().not_found_title}</h1>
            <p>{move || i18n.t().not_found_body}</p>
            <A href=app_path("/")>{move || i18n.t().back_home}</A>
        </article>
    }
}

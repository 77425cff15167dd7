use leptos::prelude::*;
use leptos_router::components::A;

use crate::deploy::app_path;
use crate::i18n::tr;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <article class="page" data-testid="not-found-page">
            <h1>{tr(|t| t.not_found_title)}</h1>
            <p>{tr(|t| t.not_found_body)}</p>
            <A href=app_path("/")>{tr(|t| t.back_home)}</A>
        </article>
    }
}

use leptos::prelude::*;

use crate::components::{set_page_title, EmptyState, Illustration};
use crate::deploy::app_path;
use crate::i18n::{tr, use_i18n};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    set_page_title(move || Some(i18n.t().not_found_title.to_owned()));
    view! {
        <article class="form-page" data-testid="not-found-page">
            <h1 class="visually-hidden">{tr(|t| t.not_found_title)}</h1>
            <EmptyState illustration=Illustration::Search title=tr(|t| t.not_found_title)
                body=tr(|t| t.not_found_body) action_href=app_path("/") action_label=tr(|t| t.back_home)
                testid="not-found"/>
        </article>
    }
}

use leptos::prelude::*;

use crate::components::{set_page_title, EmptyState, Illustration};
use crate::i18n::{tr, use_i18n, Texts};
use crate::routes::Page;

/// What was not found: an address of no page, or a complaint this account cannot see (the
/// server answers the same for another's complaint as for none, and so does this page).
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub enum Missing {
    #[default]
    Page,
    Complaint,
}

impl Missing {
    fn title(self, t: &'static Texts) -> &'static str {
        match self {
            Missing::Page => t.not_found_title,
            Missing::Complaint => t.complaint_not_found_title,
        }
    }

    fn body(self, t: &'static Texts) -> &'static str {
        match self {
            Missing::Page => t.not_found_body,
            Missing::Complaint => t.complaint_not_found_body,
        }
    }
}

#[component]
pub fn NotFoundPage(#[prop(optional)] missing: Missing) -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    crate::server_render::set_page_status(404);
    set_page_title(move || Some(missing.title(i18n.t()).to_owned()));
    let title = move || missing.title(i18n.t());
    view! {
        <article class="form-page" data-testid="not-found-page">
            <h1 class="visually-hidden">{title}</h1>
            <EmptyState illustration=Illustration::Search title=title
                body=move || missing.body(i18n.t()) action_href=Page::HOME.href() action_label=tr(|t| t.back_home)
                testid="not-found"/>
        </article>
    }
}

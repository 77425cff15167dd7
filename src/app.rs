//! The router and the layout every page sits in.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::clock::Clock;
use crate::i18n::{use_i18n, I18n, Locale};
use crate::pages::{HelpPage, NotFoundPage};

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::from_storage();
    provide_context(i18n);
    provide_context(Clock::ticking());
    i18n.set_locale(i18n.locale());

    view! {
        <Router>
            <Header/>
            <main id="main" class="main">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HelpPage/>
                    <Route path=path!("/help") view=HelpPage/>
                </Routes>
            </main>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="app-header">
            <A href="/" attr:class="app-header__brand">{move || i18n.t().app_name}</A>
            <nav class="app-header__nav" aria-label=move || i18n.t().nav_label>
                <A href="/help">{move || i18n.t().nav_help}</A>
            </nav>
            <LanguageSwitch/>
        </header>
    }
}

/// Buttons rather than a select: one tap, and each says its language in that language.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="language-switch" role="group" aria-label=move || i18n.t().switch_language>
            {Locale::ALL
                .into_iter()
                .map(|locale| {
                    view! {
                        <button
                            type="button"
                            lang=locale.tag()
                            aria-pressed=move || (i18n.locale() == locale).to_string()
                            data-testid=format!("language-{}", locale.tag())
                            on:click=move |_| i18n.set_locale(locale)
                        >
                            {locale.texts().language_name}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

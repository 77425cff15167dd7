//! The router and the layout every page sits in.

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes, A};
use leptos_router::path;

use crate::api::{use_api, Api, LiveUpdates};
use crate::clock::Clock;
use crate::components::UpdateBanner;
use crate::deploy::app_path;
use crate::deploy::{router_base, DeployConfig};
use crate::i18n::{tr, use_i18n, I18n, Locale};
use crate::pages::{
    AgentPage, AssistancePage, ComplaintDetailPage, ComplaintListPage, FileComplaintPage, HelpPage,
    NotFoundPage, OrdersPage, ReceiptPage, SignInPage, WithdrawPage,
};
use crate::session::{use_session, Session};
use complaint_api::SignIn;

#[component]
pub fn App(config: DeployConfig, host_token: Option<String>) -> impl IntoView {
    let i18n = I18n::from_storage();
    provide_context(i18n);
    i18n.set_locale(i18n.locale());
    let clock = Clock::ticking();
    provide_context(clock);
    let api = Api::new(config.api_base, clock);
    provide_context(api.clone());
    let session = Session::new(host_token.is_none());
    provide_context(session);
    // Who am I? Asked once at start, so every page (the header too) knows; inside a host
    // app, its token is exchanged for a session first.
    leptos::task::spawn_local({
        let api = api.clone();
        async move {
            let signed_in = match host_token {
                Some(token) => api.sign_in(&SignIn::HostToken { token }).await,
                None => api.session().await,
            };
            session.set(signed_in.ok().map(|session| session.user));
        }
    });

    // A 401 anywhere means the session ended: show sign-in.
    let signed_out = api.signed_out();
    Effect::new(move |_| {
        if signed_out.get() {
            session.set(None);
        }
    });

    view! {
        <Router base=router_base()>
            <a class="skip-link" href="#main">{tr(|t| t.common.skip_to_content)}</a>
            <Header/>
            <UpdateBanner newer_policy=Signal::derive(move || use_api().newer_policy())/>
            <main id="main" class="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/help") view=HelpPage/>
                    <ParentRoute path=path!("") view=RequireSession>
                        <Route path=path!("/") view=ComplaintListPage/>
                        <Route path=path!("/complaints/:id") view=ComplaintDetailPage/>
                        <Route path=path!("/complaints/:id/withdraw") view=WithdrawPage/>
                        <Route path=path!("/complaints/:id/receipt") view=ReceiptPage/>
                        <Route path=path!("/complaints/:id/assistance") view=AssistancePage/>
                        <Route path=path!("/orders") view=OrdersPage/>
                        <Route path=path!("/orders/:id/complain") view=FileComplaintPage/>
                        <Route path=path!("/agent") view=AgentPage/>
                    </ParentRoute>
                </Routes>
            </main>
        </Router>
    }
}

/// Shows the page when signed in, sign-in when not, a loading state until known. The page
/// mounts (hidden) while "who am I?" is still asked, so that its own requests go out beside
/// that one rather than after it; a 401 on them is the same answer, sign-in. The live event
/// stream belongs to the signed-in user: opened with the page, closed on sign-out.
#[component]
fn RequireSession() -> impl IntoView {
    let session = use_session();
    let user_id = Memo::new(move |_| session.user().map(|user| user.id));
    // Signing out unmounts them, so the next user gets fresh pages and a fresh stream.
    let pages_mounted = Memo::new(move |_| session.pages_mounted());
    view! {
        <Show when=move || !session.checked()>
            <p class="page" role="status">{tr(|t| t.common.loading)}</p>
        </Show>
        <Show when=move || session.checked() && user_id.get().is_none()>
            <SignInPage/>
        </Show>
        {move || {
            pages_mounted.get().then(|| {
                provide_context(LiveUpdates::connect(&use_api()));
                view! {
                    <div class="session-pages" hidden=move || !session.checked()>
                        <Outlet/>
                    </div>
                }
            })
        }}
    }
}

#[component]
fn Header() -> impl IntoView {
    let session = use_session();
    let api = use_api();
    let sign_out = Action::new_local(move |_: &()| {
        let api = api.clone();
        async move {
            // Signed out locally whatever the network says; the server ends the session.
            let _ = api.sign_out().await;
            session.set(None);
        }
    });
    view! {
        <header class="app-header">
            <A href=app_path("/") attr:class="app-header__brand">{tr(|t| t.app_name)}</A>
            <nav class="app-header__nav" aria-label=tr(|t| t.nav_label)>
                <A href=app_path("/") exact=true>{tr(|t| t.nav_complaints)}</A>
                <A href=app_path("/orders")>{tr(|t| t.nav_orders)}</A>
                <Show when=move || session.is_agent()>
                    <A href=app_path("/agent")>{tr(|t| t.nav_agent)}</A>
                </Show>
                <A href=app_path("/help")>{tr(|t| t.nav_help)}</A>
            </nav>
            <div class="app-header__tools">
                {move || session.user().map(|user| view! {
                    <span class="app-header__user" data-testid="signed-in-user">{user.display_name}</span>
                    <button type="button" class="button button--small" data-testid="sign-out"
                        on:click=move |_| { sign_out.dispatch(()); }>
                        {tr(|t| t.common.sign_out)}
                    </button>
                })}
                <LanguageSwitch/>
            </div>
        </header>
    }
}

/// Buttons rather than a select: one tap, and each says its language in that language.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="language-switch" role="group" aria-label=tr(|t| t.switch_language)>
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

//! The router and the frame every page sits in.

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::api::{use_api, Api, LiveUpdates};
use crate::boot::{Boot, SessionStart};
use crate::clock::Clock;
use crate::components::{use_unread, BottomNav, Flash, Header, PageFrame, Unread, UpdateBanner};
use crate::deploy::Host;
use crate::i18n::{tr, I18n};
use crate::pages::{
    AgentConversationPage, AgentPage, ArbitrationNotePage, AssistancePage, ComplaintDetailPage,
    ComplaintsLayout, ConversationPage, FileComplaintPage, HelpPage, NoSelection, NotFoundPage,
    OrdersPage, PressurePage, ReceiptPage, SignInPage, WithdrawPage,
};
use crate::routes::{router_base, set_router_base};
use crate::session::{use_session, Session};
use complaint_api::SignIn;

#[component]
pub fn App(boot: Boot) -> impl IntoView {
    let Boot {
        config,
        host_token,
        embedded_in_host,
        locale,
        session,
        server_time,
        base,
        answers,
    } = boot;
    set_router_base(base);
    let i18n = I18n::new(locale);
    provide_context(i18n);
    i18n.sync_document_language();
    let clock = Clock::ticking(server_time);
    provide_context(clock);
    let host = Host::new(&config, embedded_in_host);
    provide_context(host);
    provide_context(RwSignal::new(None::<Flash>));
    provide_context(PageFrame::new());
    provide_context(Unread::new());
    let api = Api::new(config.api_base, clock, answers);
    provide_context(api.clone());
    // A page the server rendered knows who it was rendered for; else the browser asks.
    let ask_who_am_i = matches!(session, SessionStart::Unknown { .. });
    let session = Session::new(session);
    provide_context(session);
    // Who am I? Asked once, by the browser, so every page (the header too) knows: from the
    // meta answer, where "nobody" is not an error; inside a host app, its token is exchanged
    // for a session first. (An effect: it runs in the browser only, once.)
    let mut host_token = host_token;
    Effect::new({
        let api = api.clone();
        move |_| {
            let host_token = host_token.take();
            if host_token.is_none() && !ask_who_am_i {
                return;
            }
            let api = api.clone();
            leptos::task::spawn_local(async move {
                let signed_in = match host_token {
                    Some(token) => api.sign_in(&SignIn::HostToken { token }).await.ok(),
                    None => api.meta().await.ok().and_then(|meta| meta.session),
                };
                session.set(signed_in.map(|session| session.user));
            });
        }
    });

    // Says the app is running (a page the server rendered: taken over), for whoever waits for
    // its buttons to work: an end-to-end test, a host app's web view.
    Effect::new(|_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-app", "ready");
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
            {(!host.embedded).then(|| view! { <Header/> })}
            <UpdateBanner rules_outdated=Signal::derive(move || use_api().rules_outdated())/>
            <main id="main" class="main" class:main--embedded=host.embedded tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/help") view=HelpPage/>
                    <ParentRoute path=path!("") view=RequireSession>
                        <ParentRoute path=path!("") view=ComplaintsLayout>
                            <Route path=path!("/") view=NoSelection/>
                            <Route path=path!("/complaints/:id") view=ComplaintDetailPage/>
                        </ParentRoute>
                        <Route path=path!("/complaints/:id/withdraw") view=WithdrawPage/>
                        <Route path=path!("/complaints/:id/receipt") view=ReceiptPage/>
                        <Route path=path!("/complaints/:id/assistance") view=AssistancePage/>
                        <Route path=path!("/complaints/:id/pressure") view=PressurePage/>
                        <Route path=path!("/complaints/:id/conversation") view=ConversationPage/>
                        <Route path=path!("/complaints/:id/arbitration") view=ArbitrationNotePage/>
                        <Route path=path!("/orders") view=OrdersPage/>
                        <Route path=path!("/orders/:id/complain") view=FileComplaintPage/>
                        <Route path=path!("/agent") view=AgentPage/>
                        <Route path=path!("/agent/complaints/:id") view=AgentConversationPage/>
                    </ParentRoute>
                </Routes>
            </main>
            <BottomNav/>
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
            <p class="form-page" role="status">{tr(|t| t.common.loading)}</p>
        </Show>
        <Show when=move || session.checked() && user_id.get().is_none()>
            <SignInPage/>
        </Show>
        {move || {
            pages_mounted.get().then(|| {
                provide_context(LiveUpdates::connect(&use_api()));
                use_unread().connect();
                view! {
                    <div class="session-pages" hidden=move || !session.checked()>
                        <Outlet/>
                    </div>
                }
            })
        }}
    }
}

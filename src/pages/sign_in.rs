//! Sign-in. The reference server offers the seeded demo accounts (a demo, documented as
//! such); behind the platform's own login or inside a host app this page is not reached.

use complaint_api::{SignIn, UserView};
use leptos::prelude::*;

use crate::api::{use_api, ApiFailure};
use crate::components::{failure_message, set_page_title, ErrorPanel, SkeletonRows, Submission};
use crate::drafts::any_draft_kept;
use crate::i18n::{tr, use_i18n};
use crate::session::use_session;

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let signed_out = api.signed_out();
    let meta = Resource::new(|| (), {
        let api = api.clone();
        move |()| api.meta()
    });
    let sign_in = Submission::new(
        move |username: String| {
            let api = api.clone();
            async move { api.sign_in(&SignIn::Demo { username }).await }
        },
        move |signed_in: complaint_api::SessionView| session.set(Some(signed_in.user)),
    );
    let failure = sign_in.progress().failure();
    set_page_title(move || Some(i18n.t().sign_in.title.to_owned()));

    view! {
        <section class="sign-in" data-testid="sign-in-page">
            <h1>{tr(|t| t.sign_in.title)}</h1>
            // Here because the session ended (elsewhere, or it expired): say so, and that
            // signing in leads back to the same page with what was typed.
            <Show when=move || signed_out.get()>
                <div class="notice notice--info" role="status" data-testid="session-ended">
                    <p><strong>{tr(|t| t.sign_in.session_ended)}</strong></p>
                    <p>{tr(|t| t.sign_in.back_where_you_were)}</p>
                    {any_draft_kept().then(|| view! { <p>{tr(|t| t.sign_in.draft_kept)}</p> })}
                </div>
            </Show>
            <p>{tr(|t| t.sign_in.demo_notice)}</p>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                <Transition fallback=|| view! { <SkeletonRows rows=3/> }>
                    {move || Suspend::new(async move {
                        let meta = meta.await?;
                        Ok::<_, ApiFailure>(view! {
                            <ul class="plain-list">
                                {meta.demo_accounts.into_iter().map(|account| view! {
                                    <li><AccountButton account sign_in/></li>
                                }).collect_view()}
                            </ul>
                        })
                    })}
                </Transition>
            </ErrorBoundary>
            {move || failure.get().map(|failure| view! {
                <p class="notice notice--error" role="alert">{move || failure_message(i18n.t(), &failure)}</p>
            })}
        </section>
    }
}

#[component]
fn AccountButton(
    account: UserView,
    sign_in: Submission<String, complaint_api::SessionView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let username = account.username.clone();
    view! {
        <button type="button" class="button button--block account-choice" data-testid=format!("sign-in-{}", account.username)
            prop:disabled=move || sign_in.pending().get()
            on:click=move |_| sign_in.send(username.clone())>
            <strong>{account.display_name.clone()}</strong>
            <small>{move || (i18n.t().sign_in.account_kind)(account.role, account.real_name)}</small>
        </button>
    }
}

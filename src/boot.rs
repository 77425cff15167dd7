//! What the app starts from, as one value. The client-side build reads it from the browser
//! before mounting ([`Boot::from_browser`]); a page rendered on the server is given it by the
//! server, which writes what the wasm taking the page over must agree with into the page
//! ([`Rendered`]), so that rendering never reads a browser and both render the same.

use complaint_api::UserView;
use complaint_rules::UtcMillis;
use serde::{Deserialize, Serialize};

use crate::api::Answers;
use crate::deploy::DeployConfig;
use crate::i18n::Locale;

pub struct Boot {
    pub config: DeployConfig,
    /// The sign-in token a host app passed in the URL ([`crate::deploy::take_host_token`]).
    pub host_token: Option<String>,
    /// Shown inside a host app's web view ([`crate::deploy::embedded_in_host`]).
    pub embedded_in_host: bool,
    pub locale: Locale,
    pub session: SessionStart,
    /// The server's clock when it rendered the page: the app's clock starts corrected.
    pub server_time: Option<UtcMillis>,
    /// The path the app is served under: "" at the root, "/desk" under a sub-path.
    pub base: String,
    /// Where reads are answered besides the network ([`Answers`]).
    pub answers: Answers,
}

/// What is known of the session when the app starts.
#[derive(Clone, Debug, PartialEq)]
pub enum SessionStart {
    /// Not yet: "who am I?" is asked. `was_signed_in`: this browser was signed in when last
    /// here, so the pages mount while it is asked and their own requests go out beside it.
    Unknown { was_signed_in: bool },
    /// The server rendered the page for this user (or nobody).
    Known(Option<UserView>),
}

/// What a server-rendered page says about how it was rendered, for the wasm that takes it
/// over: in a `<script type="application/json" id="rendered">` (data, never run).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Rendered {
    pub locale: String,
    pub user: Option<UserView>,
    pub server_time: UtcMillis,
}

/// The id of the element that holds [`Rendered`].
pub const RENDERED_ELEMENT_ID: &str = "rendered";

impl Rendered {
    /// The language it was rendered in (Chinese, the default, for a tag this build does not
    /// know).
    pub fn locale(&self) -> Locale {
        Locale::from_tag(&self.locale).unwrap_or(Locale::Zh)
    }

    /// As the text of a `<script type="application/json">`: `<` is escaped so that no user
    /// text (a name) can end the element.
    pub fn to_script_text(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_default()
            .replace('<', "\\u003c")
    }
}

impl Boot {
    /// What a page the server renders starts from: what `rendered` says (and the wasm taking
    /// the page over reads back), at the root of the server, its reads answered by `answers`.
    pub fn rendered(rendered: &Rendered, answers: Answers) -> Boot {
        Boot {
            config: DeployConfig::default(),
            host_token: None,
            embedded_in_host: false,
            locale: rendered.locale(),
            session: SessionStart::Known(rendered.user.clone()),
            server_time: Some(rendered.server_time),
            base: String::new(),
            answers,
        }
    }
}

#[cfg(not(feature = "ssr"))]
impl Boot {
    /// Everything the app starts from, read out of the browser (`host_token` was taken out of
    /// the address first, before anything waits). A page the server rendered says itself
    /// what it was rendered with; the rest is the browser's.
    pub async fn from_browser(host_token: Option<String>) -> Self {
        use crate::deploy;
        use crate::i18n::I18n;
        use crate::session::Session;

        let rendered = rendered_by_server();
        let (locale, session, server_time) = match rendered {
            Some(rendered) => (
                rendered.locale(),
                SessionStart::Known(rendered.user),
                Some(rendered.server_time),
            ),
            None => (
                I18n::stored_locale(),
                SessionStart::Unknown {
                    was_signed_in: host_token.is_none() && Session::was_signed_in(),
                },
                None,
            ),
        };
        Boot {
            config: DeployConfig::load().await,
            embedded_in_host: deploy::embedded_in_host(host_token.is_some()),
            host_token,
            locale,
            session,
            server_time,
            base: crate::routes::base_from_document(),
            answers: Answers::preloaded(deploy::preloaded_answers().await),
        }
    }
}

/// The [`Rendered`] of a page the server rendered; none on a page the browser builds.
#[cfg(not(feature = "ssr"))]
fn rendered_by_server() -> Option<Rendered> {
    let text = leptos::prelude::document()
        .get_element_by_id(RENDERED_ELEMENT_ID)?
        .text_content()?;
    serde_json::from_str(&text).ok()
}

//! What the app starts from, as one value. The browser build reads it from the page before
//! mounting ([`Boot::from_browser`]); a page rendered on the server is given it by the server
//! (the request's language, session and base), so that rendering never reads a browser.

use crate::deploy::{self, DeployConfig};
use crate::i18n::{I18n, Locale};
use crate::routes::base_from_document;
use crate::session::Session;

pub struct Boot {
    pub config: DeployConfig,
    /// The sign-in token a host app passed in the URL ([`deploy::take_host_token`]).
    pub host_token: Option<String>,
    /// Shown inside a host app's web view ([`deploy::embedded_in_host`]).
    pub embedded_in_host: bool,
    pub locale: Locale,
    /// This browser was signed in when last here: the pages mount while "who am I?" is
    /// asked, so that their own requests go out beside it.
    pub was_signed_in: bool,
    /// The path the app is served under: "" at the root, "/desk" under a sub-path.
    pub base: String,
    /// What index.html already asked for ([`deploy::preloaded_answers`]).
    pub preloaded: Vec<(String, js_sys::Promise)>,
}

impl Boot {
    /// Everything the app starts from, read out of the browser (`host_token` was taken out of
    /// the address first, before anything waits).
    pub async fn from_browser(host_token: Option<String>) -> Self {
        Boot {
            config: DeployConfig::load().await,
            was_signed_in: host_token.is_none() && Session::was_signed_in(),
            embedded_in_host: deploy::embedded_in_host(host_token.is_some()),
            host_token,
            locale: I18n::stored_locale(),
            base: base_from_document(),
            preloaded: deploy::preloaded_answers().await,
        }
    }
}

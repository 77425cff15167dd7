//! What the deployment decides, read at start-up so one `dist/` serves every host:
//! the sub-path the app is served from, the API's location (`config.json`), and, inside a
//! mobile app's web view, the identity the host app hands over.

use leptos::prelude::*;
use serde::Deserialize;
use wasm_bindgen::JsCast;

use crate::routes::{HelpSection, Page};

/// `config.json`, next to `index.html`; edited at deploy time, never rebuilt.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeployConfig {
    /// Where `/api/...` lives: empty for the same origin (the default), else an origin such
    /// as `https://api.example.com`.
    #[serde(default)]
    pub api_base: String,
    /// Shown inside a host app's web view: the host draws the top bar (with
    /// `document.title`), so the app drops its own. Also on whenever a host token signed
    /// the user in.
    #[serde(default)]
    pub embedded: bool,
    /// Where a shopper verifies their real name (实名认证); empty: the app's own page that
    /// explains how.
    #[serde(default)]
    pub verify_real_name_url: String,
    /// Where a shopper reaches customer service, when the host has its own (an override):
    /// empty, the complaint's conversation in the app.
    #[serde(default)]
    pub customer_service_url: String,
}

impl DeployConfig {
    /// Reads `config.json` relative to the app's base; a missing or broken file means the
    /// defaults (same-origin API), so a plain copy of `dist/` works. index.html starts the
    /// request before the app downloads; without it (tests mounting components) it is made
    /// here.
    pub async fn load() -> Self {
        let text = match started_by_index_html() {
            Some(text) => text.await,
            None => Self::fetch().await,
        };
        if text.trim().is_empty() {
            return Self::default();
        }
        match serde_json::from_str::<DeployConfig>(&text) {
            Ok(config) => config,
            Err(error) => {
                leptos::logging::warn!("config.json ignored: {error}");
                Self::default()
            }
        }
    }

    async fn fetch() -> String {
        let response = gloo_net::http::Request::get("config.json")
            .cache(web_sys::RequestCache::NoCache)
            .send()
            .await;
        match response {
            Ok(response) if response.ok() => response.text().await.unwrap_or_default(),
            _ => String::new(),
        }
    }
}

/// The answers index.html asked for while the app downloaded (see its script), as
/// (path, promise of the `Response`); none when it did not (tests mounting components).
pub async fn preloaded_answers() -> Vec<(String, js_sys::Promise)> {
    let Some(promise) = js_sys::Reflect::get(&window(), &"complaintDeskPreload".into())
        .ok()
        .and_then(|value| value.dyn_into::<js_sys::Promise>().ok())
    else {
        return Vec::new();
    };
    let Ok(answers) = wasm_bindgen_futures::JsFuture::from(promise).await else {
        return Vec::new();
    };
    js_sys::Object::entries(answers.unchecked_ref())
        .iter()
        .filter_map(|entry| {
            let entry: js_sys::Array = entry.dyn_into().ok()?;
            let path = entry.get(0).as_string()?;
            let answer = entry.get(1).dyn_into::<js_sys::Promise>().ok()?;
            Some((path, answer))
        })
        .collect()
}

/// The text of `config.json` ("" when unavailable) from the request index.html started.
fn started_by_index_html() -> Option<impl std::future::Future<Output = String>> {
    let promise = js_sys::Reflect::get(&window(), &"complaintDeskConfig".into()).ok()?;
    let promise = promise.dyn_into::<js_sys::Promise>().ok()?;
    Some(async move {
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_default()
    })
}

/// The sign-in token a host app passed in the URL fragment (`#host_token=…`), removed from
/// the address bar at once so it is neither bookmarked nor shared.
pub fn take_host_token() -> Option<String> {
    let location = window().location();
    let hash = location.hash().ok()?;
    let token = hash.strip_prefix("#host_token=")?.to_owned();
    if token.is_empty() {
        return None;
    }
    let clean = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let _ = window().history().and_then(|history| {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean))
    });
    Some(token)
}

const EMBEDDED_KEY: &str = "complaint-desk.embedded";

/// What the deployment and the host app decide about the frame and the links out of the
/// app; shared through context.
/// Whether this tab shows the app inside a host app: `signed_in_by_host` (a host token came
/// with the URL) is remembered for the tab's life, because the token leaves the address bar
/// at once and a reload must stay embedded.
pub fn embedded_in_host(signed_in_by_host: bool) -> bool {
    let storage = window().session_storage().ok().flatten();
    if signed_in_by_host {
        if let Some(storage) = &storage {
            let _ = storage.set_item(EMBEDDED_KEY, "1");
        }
    }
    signed_in_by_host
        || storage
            .and_then(|storage| storage.get_item(EMBEDDED_KEY).ok().flatten())
            .is_some()
}

#[derive(Clone, Copy, Debug)]
pub struct Host {
    /// Inside a host app's web view: no brand bar of ours.
    pub embedded: bool,
    verify_real_name_url: StoredValue<String>,
    customer_service_url: StoredValue<String>,
}

impl Host {
    /// `embedded_in_host`: see [`embedded_in_host`] (the deployment may also say so).
    pub fn new(config: &DeployConfig, embedded_in_host: bool) -> Self {
        Host {
            embedded: config.embedded || embedded_in_host,
            verify_real_name_url: StoredValue::new(config.verify_real_name_url.trim().to_owned()),
            customer_service_url: StoredValue::new(config.customer_service_url.trim().to_owned()),
        }
    }

    /// Where to verify the real name: the deployment's page, else the help page's section.
    pub fn verify_real_name_href(&self) -> String {
        self.verify_real_name_url
            .with_value(|url| match url.as_str() {
                "" => Page::Help(Some(HelpSection::Verify)).href(),
                url => url.to_owned(),
            })
    }

    /// Where to reach customer service about a complaint: the complaint's conversation,
    /// unless the deployment sends shoppers to its own customer service.
    pub fn customer_service_href(&self, complaint: complaint_api::ComplaintId) -> String {
        self.customer_service_url
            .with_value(|url| match url.as_str() {
                "" => Page::Conversation(complaint).href(),
                url => url.to_owned(),
            })
    }
}

pub fn use_host() -> Host {
    use_context::<Host>().unwrap_or_else(|| Host::new(&DeployConfig::default(), false))
}

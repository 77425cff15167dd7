//! The one module that speaks HTTP: typed requests in, typed results out.
//!
//! Every response teaches the [`Clock`] the server's time and tells whether the server
//! enforces another `POLICY_VERSION` than the one compiled in; once it did, this build's
//! rules are outdated until the page is reloaded, and no mutation is sent any more.
//! Failures become [`ApiFailure`], whose `code` is the rules crate's `ErrorCode`, so the UI
//! shows one message per code whoever caught the error.

mod answers;
mod events;
mod failure;
mod upload;

pub use answers::Answers;
#[cfg(feature = "ssr")]
pub use answers::InProcess;
pub use events::{use_live_updates, LiveUpdates};
pub use failure::ApiFailure;
pub use upload::Upload;

use complaint_api::*;
use complaint_rules::{UtcMillis, POLICY_VERSION};
use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::future::Future;
#[cfg(not(feature = "ssr"))]
use wasm_bindgen::JsCast;
use web_sys::RequestCredentials;

use crate::clock::Clock;

pub type ApiResult<T> = Result<T, ApiFailure>;

/// Shared through context: where the API is, and what its responses taught us.
#[derive(Clone)]
pub struct Api {
    /// Prepended to `/api/...`: empty for same-origin, else an origin such as
    /// `https://api.example.com` (see `config.json`).
    base: String,
    clock: Clock,
    /// The first `POLICY_VERSION` a response reported that differs from ours. Never cleared:
    /// behind a load balancer during a rolling deployment, old and new servers answer in
    /// turn, and an old answer does not make this build's rules current again.
    rules_outdated: RwSignal<Option<u32>>,
    /// Set when a request answers 401, so the app shows sign-in.
    signed_out: RwSignal<bool>,
    /// Where reads are answered before (in the browser) or instead of (on the server) a
    /// request.
    answers: Answers,
}

impl Api {
    pub fn new(base: String, clock: Clock, answers: Answers) -> Self {
        Api {
            base: base.trim_end_matches('/').to_owned(),
            clock,
            rules_outdated: RwSignal::new(None),
            signed_out: RwSignal::new(false),
            answers,
        }
    }

    /// Whether a server reported another `POLICY_VERSION` than this build's since the app
    /// started; reactive. While true the app decides nothing and sends no mutation.
    pub fn rules_outdated(&self) -> bool {
        self.rules_outdated.with(Option::is_some)
    }

    pub fn signed_out(&self) -> RwSignal<bool> {
        self.signed_out
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    // --- session ---------------------------------------------------------------------------

    /// The server's clock and rules version, the demo accounts, and who is signed in.
    pub fn meta(&self) -> impl Future<Output = ApiResult<Meta>> + Send + 'static {
        self.get("/api/meta".to_owned())
    }

    /// Signing in decides nothing under the rules, so it is sent even when they are outdated.
    pub async fn sign_in(&self, sign_in: &SignIn) -> ApiResult<SessionView> {
        let request = self.mutation(Request::post(&self.url("/api/session")), None);
        let session: SessionView = self.exchange(request.json(sign_in)).await?.decode()?;
        self.signed_out.set(false);
        Ok(session)
    }

    pub async fn sign_out(&self) -> ApiResult<()> {
        let request = self.mutation(Request::delete(&self.url("/api/session")), None);
        self.exchange(request.build()).await?.expect_empty()
    }

    // --- complaints ------------------------------------------------------------------------

    pub fn complaints(
        &self,
        query: &ComplaintQuery,
    ) -> impl Future<Output = ApiResult<ComplaintPage>> + Send + 'static {
        self.get(format!("/api/complaints{}", query_string(query)))
    }

    pub fn complaint(
        &self,
        id: ComplaintId,
    ) -> impl Future<Output = ApiResult<ComplaintDetail>> + Send + 'static {
        self.get(format!("/api/complaints/{id}"))
    }

    pub async fn file_complaint(
        &self,
        request: &NewComplaintRequest,
    ) -> ApiResult<ComplaintDetail> {
        self.post("/api/complaints", request, None).await
    }

    /// Withdraws a complaint. Retrying with the same `idempotency_key` never withdraws twice.
    pub async fn withdraw(
        &self,
        id: ComplaintId,
        request: &WithdrawalRequest,
        idempotency_key: &str,
    ) -> ApiResult<ComplaintDetail> {
        let path = format!("/api/complaints/{id}/withdrawal");
        self.post(&path, request, Some(idempotency_key)).await
    }

    pub fn orders(&self) -> impl Future<Output = ApiResult<Vec<OrderView>>> + Send + 'static {
        self.get("/api/orders".to_owned())
    }

    // --- the conversation with customer service ---------------------------------------------

    pub fn conversation(
        &self,
        id: ComplaintId,
    ) -> impl Future<Output = ApiResult<ConversationView>> + Send + 'static {
        self.get(format!("/api/complaints/{id}/messages"))
    }

    /// Sends a message; retrying with the same `idempotency_key` never posts it twice.
    pub async fn send_message(
        &self,
        id: ComplaintId,
        message: &NewMessage,
        idempotency_key: &str,
    ) -> ApiResult<MessageView> {
        self.post(
            &format!("/api/complaints/{id}/messages"),
            message,
            Some(idempotency_key),
        )
        .await
    }

    /// Says the viewer's side has read the conversation up to `up_to`.
    pub async fn mark_read(&self, id: ComplaintId, up_to: MessageId) -> ApiResult<UnreadView> {
        self.post(
            &format!("/api/complaints/{id}/messages/read"),
            &ReadUpTo { up_to },
            None,
        )
        .await
    }

    /// The signed-in user's unread answers, per complaint.
    pub fn unread(&self) -> impl Future<Output = ApiResult<UnreadView>> + Send + 'static {
        self.get("/api/messages/unread".to_owned())
    }

    /// Where a stored picture is served, whole or as a thumbnail.
    pub fn image_url(&self, id: ImageId, thumb: bool) -> String {
        match thumb {
            true => self.url(&format!("/api/images/{id}/thumb")),
            false => self.url(&format!("/api/images/{id}")),
        }
    }

    // --- agent -----------------------------------------------------------------------------

    pub async fn approve_assistance(&self, id: AssistanceId) -> ApiResult<ComplaintDetail> {
        self.post(&format!("/api/agent/assistance/{id}/approve"), &(), None)
            .await
    }

    pub async fn reject_assistance(
        &self,
        id: AssistanceId,
        request: &RejectAssistance,
    ) -> ApiResult<AssistanceView> {
        self.post(&format!("/api/agent/assistance/{id}/reject"), request, None)
            .await
    }

    pub async fn handle_pressure(&self, id: PressureReportId) -> ApiResult<PressureReportView> {
        self.post(
            &format!("/api/agent/pressure-reports/{id}/handle"),
            &(),
            None,
        )
        .await
    }

    pub fn agent_conversations(
        &self,
    ) -> impl Future<Output = ApiResult<Vec<ConversationQueueItem>>> + Send + 'static {
        self.get("/api/agent/conversations".to_owned())
    }

    pub fn pressure_by_shop(
        &self,
    ) -> impl Future<Output = ApiResult<Vec<ShopPressure>>> + Send + 'static {
        self.get("/api/agent/pressure-by-shop".to_owned())
    }

    pub async fn handle_arbitration_note(
        &self,
        id: ArbitrationNoteId,
    ) -> ApiResult<ArbitrationNoteView> {
        self.post(
            &format!("/api/agent/arbitration-notes/{id}/handle"),
            &(),
            None,
        )
        .await
    }

    pub fn agent_complaints(
        &self,
        query: &ComplaintQuery,
    ) -> impl Future<Output = ApiResult<ComplaintPage>> + Send + 'static {
        self.get(format!("/api/agent/complaints{}", query_string(query)))
    }

    pub async fn transition(
        &self,
        id: ComplaintId,
        request: &TransitionRequest,
    ) -> ApiResult<ComplaintDetail> {
        self.post(
            &format!("/api/agent/complaints/{id}/transition"),
            request,
            None,
        )
        .await
    }

    // --- plumbing --------------------------------------------------------------------------

    // Generic code stops at (de)serialising: one non-generic `exchange` does every request,
    // so each response type adds a decoder to the wasm and not another copy of the fetch.

    /// A read: what pages are built from. Its future is `Send` and owns what it needs, so
    /// that a `Resource` can run it — on the server, whose render waits for it and carries the
    /// answer in the page; in the browser, where it is the only thread.
    fn get<T: DeserializeOwned + 'static>(
        &self,
        path: String,
    ) -> impl Future<Output = ApiResult<T>> + Send + 'static {
        #[cfg(feature = "ssr")]
        {
            let server = self.answers.0.clone();
            async move { Answer::from_server(server.get(&path).await).decode() }
        }
        #[cfg(not(feature = "ssr"))]
        {
            let api = self.clone();
            SendWrapper::new(async move { api.get_over_http(&path).await })
        }
    }

    #[cfg(not(feature = "ssr"))]
    async fn get_over_http<T: DeserializeOwned>(&self, path: &str) -> ApiResult<T> {
        if let Some(answer) = self.preloaded_answer(path).await {
            return answer.decode();
        }
        let request =
            abortable(Request::get(&self.url(path))).credentials(RequestCredentials::Include);
        self.exchange(request.build()).await?.decode()
    }

    /// The answer index.html asked for this path, if it did and it arrived; a failed one is
    /// asked again by the caller.
    #[cfg(not(feature = "ssr"))]
    async fn preloaded_answer(&self, path: &str) -> Option<Answer> {
        let promise = self
            .answers
            .0
            .try_update_value(|preloaded| {
                let index = preloaded.iter().position(|(asked, _)| asked == path)?;
                Some(preloaded.swap_remove(index).1)
            })
            .flatten()?;
        let response = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
        let response = Response::from(response.dyn_into::<web_sys::Response>().ok()?);
        self.read(response).await.ok()
    }

    /// A mutation under the rules: never sent while they are outdated, whatever the screen
    /// that asked for it decided.
    async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        idempotency_key: Option<&str>,
    ) -> ApiResult<T> {
        if self.rules_outdated.get_untracked().is_some() {
            return Err(ApiFailure::RulesOutdated);
        }
        let request = self.mutation(Request::post(&self.url(path)), idempotency_key);
        self.exchange(request.json(body)).await?.decode()
    }

    fn mutation(&self, request: RequestBuilder, idempotency_key: Option<&str>) -> RequestBuilder {
        let request = abortable(request)
            .credentials(RequestCredentials::Include)
            .header(CSRF_HEADER, CSRF_HEADER_VALUE);
        match idempotency_key {
            Some(key) => request.header(IDEMPOTENCY_KEY_HEADER, key),
            None => request,
        }
    }

    /// Sends one request and reads the whole answer.
    async fn exchange(&self, request: Result<Request, gloo_net::Error>) -> ApiResult<Answer> {
        let request = request.map_err(|_| ApiFailure::Network)?;
        let response = request.send().await.map_err(unanswered)?;
        self.read(response).await
    }

    /// Reads a whole answer, learning from its headers first.
    async fn read(&self, response: Response) -> ApiResult<Answer> {
        self.observe(&response);
        // A body cut short is a network failure like a missing answer: safe to retry. (Unless
        // the app cut it: a 401 signs out, which unmounts the page that asked.)
        let body = response.text().await.map_err(unanswered)?;
        Ok(Answer {
            status: response.status(),
            ok: response.ok(),
            body,
        })
    }

    /// Learns the server's clock and policy version from any response.
    fn observe(&self, response: &Response) {
        let headers = response.headers();
        self.observe_answer(response.status(), |name| headers.get(name));
    }

    /// [`Api::observe`] from a status and a way to read headers (a fetch's or an upload's).
    fn observe_answer(&self, status: u16, header: impl Fn(&str) -> Option<String>) {
        if let Some(server_time) =
            header(SERVER_TIME_HEADER).and_then(|value| value.parse::<i64>().ok())
        {
            self.clock.observe_server_time(UtcMillis(server_time));
        }
        if let Some(version) =
            header(POLICY_VERSION_HEADER).and_then(|value| value.parse::<u32>().ok())
        {
            if version != POLICY_VERSION && self.rules_outdated.get_untracked().is_none() {
                self.rules_outdated.set(Some(version));
            }
        }
        if status == 401 && !self.signed_out.get_untracked() {
            self.signed_out.set(true);
        }
    }
}

/// A response, read.
struct Answer {
    status: u16,
    ok: bool,
    body: String,
}

impl Answer {
    #[cfg(feature = "ssr")]
    fn from_server((status, body): (u16, String)) -> Self {
        Answer {
            status,
            ok: (200..300).contains(&status),
            body,
        }
    }

    /// The promised type on success, else the server's refusal with its code.
    fn decode<T: DeserializeOwned>(self) -> ApiResult<T> {
        if !self.ok {
            return Err(self.refusal());
        }
        serde_json::from_str(&self.body).map_err(|_| ApiFailure::Unreadable {
            status: self.status,
        })
    }

    /// Success without a body to read, else the server's refusal.
    fn expect_empty(self) -> ApiResult<()> {
        if self.ok {
            Ok(())
        } else {
            Err(self.refusal())
        }
    }

    fn refusal(&self) -> ApiFailure {
        let status = self.status;
        match serde_json::from_str::<ErrorBody>(&self.body) {
            Ok(body) => ApiFailure::Refused {
                status,
                error: body.error,
            },
            Err(_) => ApiFailure::Unreadable { status },
        }
    }
}

/// Why no (whole) answer came: the app called the request off, or the network failed.
fn unanswered(error: gloo_net::Error) -> ApiFailure {
    match error {
        gloo_net::Error::JsError(error) if error.name == "AbortError" => ApiFailure::Cancelled,
        _ => ApiFailure::Network,
    }
}

/// Aborts the request if the reactive owner that started it (a page, a resource run) is
/// cleaned up first: navigating away cancels what that page was loading.
fn abortable(request: RequestBuilder) -> RequestBuilder {
    let Ok(controller) = web_sys::AbortController::new() else {
        return request;
    };
    let request = request.abort_signal(Some(&controller.signal()));
    let controller = SendWrapper::new(controller);
    on_cleanup(move || controller.abort());
    request
}

/// `?status=…&group=…&q=…&cursor=…&limit=…`, with only the parts that are set (encoded as
/// `URLSearchParams` does: index.html's early requests are matched by their text).
fn query_string(query: &ComplaintQuery) -> String {
    let mut params = form_urlencoded::Serializer::new(String::new());
    if let Some(status) = query.status {
        params.append_pair("status", status.code());
    }
    if let Some(group) = query.group {
        params.append_pair("group", group.code());
    }
    if let Some(q) = query.q.as_deref().filter(|q| !q.is_empty()) {
        params.append_pair("q", q);
    }
    if let Some(cursor) = &query.cursor {
        params.append_pair("cursor", cursor);
    }
    if let Some(limit) = query.limit {
        params.append_pair("limit", &limit.to_string());
    }
    let encoded = params.finish();
    if encoded.is_empty() {
        encoded
    } else {
        format!("?{encoded}")
    }
}

/// A fresh random key for one withdrawal attempt (kept across its retries).
pub fn new_idempotency_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = window()
        .crypto()
        .and_then(|crypto| crypto.get_random_values_with_u8_array(&mut bytes))
        .is_ok();
    if !filled {
        // No Web Crypto (very old web views): time and Math.random still make collisions
        // between one user's attempts vanishingly unlikely.
        let seed = js_sys::Date::now().to_bits() ^ (js_sys::Math::random() * 1e15) as u64;
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        bytes[8..].copy_from_slice(&((js_sys::Math::random() * 1e15) as u64).to_le_bytes());
    }
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

pub fn use_api() -> Api {
    expect_context::<Api>()
}

/// [`Api::rules_outdated`] as a signal, for components that decide under the rules; always
/// false for a component mounted without an API (a browser test of that component alone).
pub fn use_rules_outdated() -> Signal<bool> {
    match use_context::<Api>() {
        Some(api) => Signal::derive(move || api.rules_outdated()),
        None => Signal::stored(false),
    }
}

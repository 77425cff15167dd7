//! The one module that speaks HTTP: typed requests in, typed results out.
//!
//! Every response teaches the [`Clock`] the server's time and tells whether the server
//! enforces another `POLICY_VERSION` than the one compiled in. Failures become [`ApiFailure`],
//! whose `code` is the rules crate's `ErrorCode`, so the UI shows one message per code
//! whoever caught the error.

mod events;

pub use events::{use_live_updates, LiveUpdates};

use complaint_api::*;
use complaint_rules::{ErrorCode, UtcMillis, POLICY_VERSION};
use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use serde::Serialize;
use web_sys::RequestCredentials;

use crate::clock::Clock;

/// Why a request did not give what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiFailure {
    /// The server refused, with a code.
    Refused { status: u16, error: ApiError },
    /// No answer: offline, DNS, CORS, connection reset…
    Network,
    /// An answer that is not what the API promises.
    Unreadable { status: u16 },
}

impl ApiFailure {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiFailure::Refused { error, .. } => Some(error.code),
            ApiFailure::Network | ApiFailure::Unreadable { .. } => None,
        }
    }

    pub fn detail(&self) -> Option<&ErrorDetail> {
        match self {
            ApiFailure::Refused { error, .. } => error.detail.as_ref(),
            _ => None,
        }
    }

    /// Worth retrying with the same idempotency key: the request may never have arrived.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiFailure::Network => true,
            ApiFailure::Refused { status, .. } | ApiFailure::Unreadable { status } => {
                matches!(status, 502..=504)
            }
        }
    }
}

impl std::fmt::Display for ApiFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiFailure::Refused { status, error } => write!(f, "{status} {}", error.code),
            ApiFailure::Network => f.write_str("network failure"),
            ApiFailure::Unreadable { status } => write!(f, "unreadable response ({status})"),
        }
    }
}

impl std::error::Error for ApiFailure {}

pub type ApiResult<T> = Result<T, ApiFailure>;

/// Shared through context: where the API is, and what its responses taught us.
#[derive(Clone)]
pub struct Api {
    /// Prepended to `/api/...`: empty for same-origin, else an origin such as
    /// `https://api.example.com` (see `config.json`).
    base: String,
    clock: Clock,
    /// The `POLICY_VERSION` of the last response, when it differs from ours.
    newer_policy: RwSignal<Option<u32>>,
    /// Set when a request answers 401, so the app shows sign-in.
    signed_out: RwSignal<bool>,
}

impl Api {
    pub fn new(base: String, clock: Clock) -> Self {
        Api {
            base: base.trim_end_matches('/').to_owned(),
            clock,
            newer_policy: RwSignal::new(None),
            signed_out: RwSignal::new(false),
        }
    }

    /// The server's `POLICY_VERSION` if it is not the one this build enforces.
    pub fn newer_policy(&self) -> Option<u32> {
        self.newer_policy.get()
    }

    pub fn signed_out(&self) -> RwSignal<bool> {
        self.signed_out
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    // --- session ---------------------------------------------------------------------------

    pub async fn meta(&self) -> ApiResult<Meta> {
        self.get("/api/meta").await
    }

    pub async fn session(&self) -> ApiResult<SessionView> {
        self.get("/api/session").await
    }

    pub async fn sign_in(&self, sign_in: &SignIn) -> ApiResult<SessionView> {
        let session: SessionView = self.post("/api/session", sign_in, None).await?;
        self.signed_out.set(false);
        Ok(session)
    }

    pub async fn sign_out(&self) -> ApiResult<()> {
        let request = self.mutation(Request::delete(&self.url("/api/session")), None);
        self.exchange(request.build()).await?.expect_empty()
    }

    // --- complaints ------------------------------------------------------------------------

    pub async fn complaints(&self, query: &ComplaintQuery) -> ApiResult<ComplaintPage> {
        self.get(&format!("/api/complaints{}", query_string(query)))
            .await
    }

    pub async fn complaint(&self, id: ComplaintId) -> ApiResult<ComplaintDetail> {
        self.get(&format!("/api/complaints/{id}")).await
    }

    pub async fn file_complaint(
        &self,
        request: &NewComplaintRequest,
    ) -> ApiResult<ComplaintDetail> {
        self.post("/api/complaints", request, None).await
    }

    /// Withdraws a complaint. Retrying with the same `idempotency_key` never withdraws twice.
    pub async fn revoke(
        &self,
        id: ComplaintId,
        request: &RevokeRequest,
        idempotency_key: &str,
    ) -> ApiResult<ComplaintDetail> {
        let path = format!("/api/complaints/{id}/revocation");
        self.post(&path, request, Some(idempotency_key)).await
    }

    pub async fn request_assistance(
        &self,
        id: ComplaintId,
        request: &AssistanceRequest,
    ) -> ApiResult<AssistanceView> {
        self.post(&format!("/api/complaints/{id}/assistance"), request, None)
            .await
    }

    pub async fn orders(&self) -> ApiResult<Vec<OrderView>> {
        self.get("/api/orders").await
    }

    // --- agent -----------------------------------------------------------------------------

    pub async fn assistance_queue(
        &self,
        status: AssistanceStatus,
    ) -> ApiResult<Vec<AssistanceQueueItem>> {
        let status = match status {
            AssistanceStatus::Pending => "pending",
            AssistanceStatus::Approved => "approved",
            AssistanceStatus::Rejected => "rejected",
        };
        self.get(&format!("/api/agent/assistance?status={status}"))
            .await
    }

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

    pub async fn agent_complaints(&self, query: &ComplaintQuery) -> ApiResult<ComplaintPage> {
        self.get(&format!("/api/agent/complaints{}", query_string(query)))
            .await
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

    async fn get<T: DeserializeOwned>(&self, path: &str) -> ApiResult<T> {
        let request =
            abortable(Request::get(&self.url(path))).credentials(RequestCredentials::Include);
        self.exchange(request.build()).await?.decode()
    }

    async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        idempotency_key: Option<&str>,
    ) -> ApiResult<T> {
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
        let response = request.send().await.map_err(|_| ApiFailure::Network)?;
        self.observe(&response);
        // A body cut short is a network failure like a missing answer: safe to retry.
        let body = response.text().await.map_err(|_| ApiFailure::Network)?;
        Ok(Answer {
            status: response.status(),
            ok: response.ok(),
            body,
        })
    }

    /// Learns the server's clock and policy version from any response.
    fn observe(&self, response: &Response) {
        let headers = response.headers();
        if let Some(server_time) = headers
            .get(SERVER_TIME_HEADER)
            .and_then(|value| value.parse::<i64>().ok())
        {
            self.clock.observe_server_time(UtcMillis(server_time));
        }
        if let Some(version) = headers
            .get(POLICY_VERSION_HEADER)
            .and_then(|value| value.parse::<u32>().ok())
        {
            let newer = (version != POLICY_VERSION).then_some(version);
            if self.newer_policy.get_untracked() != newer {
                self.newer_policy.set(newer);
            }
        }
        if response.status() == 401 && !self.signed_out.get_untracked() {
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

/// `?status=…&group=…&q=…&cursor=…&limit=…`, with only the parts that are set.
fn query_string(query: &ComplaintQuery) -> String {
    let params = web_sys::UrlSearchParams::new().expect("URLSearchParams exists");
    if let Some(status) = query.status {
        params.append("status", status.code());
    }
    if let Some(group) = query.group {
        params.append("group", group.code());
    }
    if let Some(q) = query.q.as_deref().filter(|q| !q.is_empty()) {
        params.append("q", q);
    }
    if let Some(cursor) = &query.cursor {
        params.append("cursor", cursor);
    }
    if let Some(limit) = query.limit {
        params.append("limit", &limit.to_string());
    }
    let encoded = String::from(params.to_string());
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

//! The JSON API under `/api`: each module owns its routes and their OpenAPI paths —
//! [`session`], [`complaints`] (lists, detail, filing, orders), [`withdrawal`],
//! [`conversation`] (messages, with the typed [`requests`] they carry, and unread counts),
//! evidence [`images`], [`assistance`] decisions, [`pressure`] reports, the agents' [`inbox`]
//! (conversations to answer, pressure by shop, arbitration notes), [`agent`] (every complaint,
//! the platform's moves) and [`stream`] — and this one puts them together with what their
//! handlers share: loading a complaint's detail and the tail of every write (its event, the
//! reload that is its answer, commit, publish).

mod agent;
mod assistance;
mod complaints;
mod conversation;
mod images;
mod inbox;
mod pressure;
mod requests;
mod responses;
mod session;
mod stream;
mod withdrawal;

pub use images::decoders as image_decoders;

use std::any::Any;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, MethodRouter};
use axum::{Json, Router};
use complaint_api::{
    ApiError, ComplaintChanged, ComplaintDetail, ComplaintGroup, ComplaintId, ErrorBody, MessageId,
    MessageSent, TimelineEventKind,
};
use complaint_rules::{Actor, ErrorCode, UserId, UtcMillis};
use tower_http::limit::RequestBodyLimitLayer;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::OpenApi;

use crate::auth::CurrentUser;
use crate::db::{self, Conn, WriteTx};
use crate::error::{json_response, AppResult};
use crate::events::{Change, Posted};
use crate::http::BODY_LIMIT;
use crate::AppState;

/// The API's routes, each module's own. The CSRF check and the rate limit wrap each route's
/// *methods* ([`guarded`]), so an unknown path is 404 and an unsupported method 405 before
/// either is looked at. Every body is JSON of at most [`crate::http::BODY_LIMIT`] bytes, but a
/// picture's (`POST /api/images`), which has a limit of its own.
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi_json))
        .merge(session::router(state))
        .merge(complaints::router(state))
        .merge(withdrawal::router(state))
        .merge(conversation::router(state))
        .merge(assistance::router(state))
        .merge(pressure::router(state))
        .merge(inbox::router(state))
        .merge(agent::router(state))
        .merge(stream::router())
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .merge(images::router(state))
}

/// `methods` behind the CSRF check and the mutation rate limit (both look only at mutations).
fn guarded(state: &AppState, methods: MethodRouter<AppState>) -> MethodRouter<AppState> {
    methods
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::limit::limit_mutations,
        ))
        .route_layer(axum::middleware::from_fn(crate::http::require_csrf_header))
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Complaint Desk API",
        description = "Manage the complaints you filed and withdraw (撤销) them under the platform's \
rules. Every response carries `x-server-time` (UTC ms) and `x-policy-version`; every mutation needs \
`x-complaint-desk: 1` (CSRF); errors are `{\"error\":{\"code\",\"message\",\"detail\"?}}`."
    ),
    paths(openapi_json),
    // Types only a parameter or an event names (utoipa collects what bodies name).
    components(schemas(ErrorBody, ComplaintChanged, ComplaintGroup)),
    modifiers(&Security),
    tags(
        (name = "session", description = "Meta data and signing in"),
        (name = "complaints", description = "The signed-in shopper's complaints and orders"),
        (name = "agent", description = "Customer service (role `agent`)"),
    )
)]
struct ApiDoc;

struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::SESSION_COOKIE,
                "Set by POST /api/session. In identity-header mode the reverse proxy's header \
                 identifies the user instead.",
            ))),
        );
        components.add_security_scheme(
            "csrf_header",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                complaint_api::CSRF_HEADER,
                "Required on every POST and DELETE, with the value `1`.",
            ))),
        );
    }
}

/// The OpenAPI document of this API, generated from the handlers' annotations.
pub fn api_doc() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    for part in [
        session::Doc::openapi(),
        complaints::Doc::openapi(),
        withdrawal::Doc::openapi(),
        conversation::Doc::openapi(),
        images::Doc::openapi(),
        inbox::Doc::openapi(),
        assistance::Doc::openapi(),
        pressure::Doc::openapi(),
        agent::Doc::openapi(),
        stream::Doc::openapi(),
    ] {
        doc.merge(part);
    }
    doc
}

/// The OpenAPI 3.1 document of this API.
#[utoipa::path(get, path = "/api/openapi.json", tag = "session",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json")))]
async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(api_doc())
}

/// A panic in a handler: logged, answered 500 `internal`. Should never happen.
pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown");
    tracing::error!(panic = message, "a handler panicked");
    json_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        &ErrorBody {
            error: ApiError {
                code: ErrorCode::Internal,
                message: "internal error".into(),
                detail: None,
            },
        },
    )
}

/// May this user see this complaint at all? Shoppers see their own, agents every one.
/// (Whether they may *withdraw* it is the rules crate's business.)
fn may_see(user: &CurrentUser, owner: complaint_rules::UserId) -> bool {
    user.is_agent() || owner == user.user.id
}

/// The complaint with its timeline, receipt, assistance requests and pressure reports, and
/// the eligibility the rules give `actor` at `now`.
async fn load_detail(
    conn: &mut Conn<'_>,
    id: ComplaintId,
    actor: &Actor,
    now: UtcMillis,
) -> AppResult<Option<ComplaintDetail>> {
    let Some((summary, description)) = db::complaint(conn, id).await? else {
        return Ok(None);
    };
    let timeline = db::timeline(conn, id).await?;
    let withdrawal = db::withdrawal(conn, id).await?;
    let assistance = db::assistance_of(conn, id).await?;
    // Read after the timeline: a report filed in between shows as one more event than the
    // timeline read, which `db::withdraw`'s check then catches.
    let pressure_reports = db::pressure_reports_of(conn, id).await?;
    let eligibility = complaint_api::Eligibility::evaluate(&summary.facts(), actor, now);
    Ok(Some(ComplaintDetail {
        summary,
        description,
        timeline,
        withdrawal,
        assistance,
        pressure_reports,
        eligibility,
    }))
}

/// [`load_detail`] of a complaint known to exist (it was just written in this transaction).
async fn reload_detail(
    conn: &mut Conn<'_>,
    id: ComplaintId,
    actor: &Actor,
    now: UtcMillis,
) -> AppResult<ComplaintDetail> {
    load_detail(conn, id, actor, now)
        .await?
        .ok_or_else(|| anyhow::anyhow!("complaint {id} vanished inside its transaction").into())
}

/// The live event for a committed change.
fn change_of(detail: &ComplaintDetail, at: UtcMillis) -> Change {
    Change {
        owner: detail.summary.owner,
        event: ComplaintChanged {
            complaint_id: detail.summary.id,
            status: detail.summary.status,
            version: detail.summary.version,
            at,
        },
    }
}

/// The tail of every write to a complaint, whichever it is: its timeline `event`, by `by` at
/// `now`; the complaint reloaded in the transaction as `by` sees it, so that the answer is what
/// the database holds (never one built by hand beside it); the commit; the live event.
async fn record_and_commit(
    state: &AppState,
    tx: WriteTx,
    id: ComplaintId,
    by: &CurrentUser,
    event: TimelineEventKind,
    now: UtcMillis,
) -> AppResult<ComplaintDetail> {
    record_and_commit_keyed(state, tx, id, by, event, now, None).await
}

/// The answer of a write made with an `Idempotency-Key` (a withdrawal, a message), to be
/// stored with it.
struct KeyedAnswer<'a> {
    key: &'a str,
    /// What makes two requests "the same" for the key.
    fingerprint: &'a str,
    /// The answer, when it is not the complaint reloaded (a message's): status and JSON.
    answer: Option<(StatusCode, &'a str)>,
}

/// [`record_and_commit`] that also stores the answer for `keyed`'s key, in the same
/// transaction: a retry with that key gets exactly this answer.
async fn record_and_commit_keyed(
    state: &AppState,
    tx: WriteTx,
    id: ComplaintId,
    by: &CurrentUser,
    event: TimelineEventKind,
    now: UtcMillis,
    keyed: Option<KeyedAnswer<'_>>,
) -> AppResult<ComplaintDetail> {
    let tail = Tail {
        complaint: id,
        by,
        now,
        event: Some(event),
        posted: None,
        keyed,
    };
    finish(state, tx, tail)
        .await?
        .ok_or_else(|| anyhow::anyhow!("a write with an event answers the complaint").into())
}

/// How a write to a complaint ends ([`finish`]).
struct Tail<'a> {
    complaint: ComplaintId,
    by: &'a CurrentUser,
    now: UtcMillis,
    /// The timeline event it records; none for a plain message (the timeline records that
    /// customer service was contacted, and decisions, not every message).
    event: Option<TimelineEventKind>,
    /// The message it posted in the complaint's conversation (a decision's card, or the
    /// message sent), heard live by the complaint's `owner` and every agent.
    posted: Option<(MessageId, UserId)>,
    keyed: Option<KeyedAnswer<'a>>,
}

/// The one way a write to a complaint ends: its timeline event, the complaint reloaded in the
/// transaction (when there is an event: the answer of most writes, and what the live event
/// says), the answer stored for the idempotency key, the commit, then the live events — the
/// complaint's change and the message posted.
async fn finish(
    state: &AppState,
    mut tx: WriteTx,
    tail: Tail<'_>,
) -> AppResult<Option<ComplaintDetail>> {
    let (id, by, now) = (tail.complaint, tail.by, tail.now);
    let detail = match &tail.event {
        Some(event) => {
            db::insert_event(&mut tx.conn(), id, now, by.user.id, event).await?;
            Some(reload_detail(&mut tx.conn(), id, &by.actor(), now).await?)
        }
        None => None,
    };
    if let Some(keyed) = tail.keyed {
        let (status, body) = match (keyed.answer, &detail) {
            (Some((status, body)), _) => (status, body.to_owned()),
            (None, Some(detail)) => (StatusCode::OK, serde_json::to_string(detail)?),
            (None, None) => return Err(anyhow::anyhow!("a keyed write without an answer").into()),
        };
        let stored = db::StoredResponse {
            fingerprint: keyed.fingerprint.to_owned(),
            status: status.as_u16(),
            body,
        };
        db::insert_idempotency_record(&mut tx.conn(), by.user.id, keyed.key, &stored, now).await?;
    }
    tx.commit().await?;
    if let Some(detail) = &detail {
        state.events.publish(change_of(detail, now)).await;
    }
    if let Some((message, owner)) = tail.posted {
        let event = MessageSent {
            complaint_id: id,
            message_id: message,
            author_role: by.user.role,
            at: now,
        };
        state.events.publish_message(Posted { owner, event }).await;
    }
    Ok(detail)
}

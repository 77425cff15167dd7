//! The conversation with customer service (客服对话): one per complaint, between its owner and
//! the agents. Reading it, sending a message (idempotently, with pictures and, from the owner,
//! a typed request: [`super::requests`]), and what each side has not read yet.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use complaint_api::{
    ComplaintId, ConversationView, ErrorBody, MessageView, NewMessage, ReadUpTo, TimelineEventKind,
    UnreadCount, UnreadView,
};
use complaint_rules::{check_image_count, check_message, validate_message, Role, UtcMillis};
use sha2::{Digest, Sha256};
use utoipa::OpenApi;

use super::requests;
use super::responses::{Csrf, Limits, SignedIn};
use super::{finish, guarded, KeyedAnswer, Tail};
use crate::auth::CurrentUser;
use crate::db::{self, CardRef, Conn, StoredResponse};
use crate::error::{AppError, AppResult, NO_SUCH_COMPLAINT};
use crate::http::{idempotency_key, raw_json, ApiJson, ApiPath};
use crate::AppState;

pub(super) fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route(
            "/complaints/{id}/messages",
            get(conversation).merge(guarded(state, post(send))),
        )
        .route(
            "/complaints/{id}/messages/read",
            guarded(state, post(mark_read)),
        )
        .route("/messages/unread", get(unread))
}

#[derive(OpenApi)]
#[openapi(paths(conversation, send, mark_read, unread))]
pub(super) struct Doc;

/// The complaint's owner (it must be `user`), or 404 as for a complaint that does not exist;
/// agents may read and write in every conversation (`check_message`).
async fn complaint_for(
    conn: &mut Conn<'_>,
    id: ComplaintId,
    user: &CurrentUser,
) -> AppResult<complaint_api::ComplaintSummary> {
    let Some((summary, _)) = db::complaint(conn, id).await? else {
        return Err(AppError::NotFound(NO_SUCH_COMPLAINT));
    };
    check_message(&summary.facts(), &user.actor()).map_err(AppError::Blocked)?;
    Ok(summary)
}

/// How many messages of the other side `user`'s side has not read in the conversation.
async fn unread_in(conn: &mut Conn<'_>, id: ComplaintId, user: &CurrentUser) -> AppResult<u32> {
    let counts = db::unread(conn, user.user.role, None, Some(id)).await?;
    Ok(counts.first().map_or(0, |(_, unread)| *unread))
}

/// The complaint's conversation, oldest first. Each card shows its request in its current
/// state (a request card says `pending` until an agent decides it). To the owner and agents;
/// anyone else is answered 404.
#[utoipa::path(get, path = "/api/complaints/{id}/messages", tag = "complaints",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, minimum = 1, description = "Complaint id")),
    responses(
        (status = 200, body = ConversationView),
        (status = 400, description = "`invalid_request`: the id is not a 64-bit integer", body = ErrorBody),
        (status = 404, description = "`not_found`: no such complaint, or not the user's", body = ErrorBody),
        SignedIn,
    ))]
pub async fn conversation(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<ConversationView>> {
    let id = ComplaintId(id);
    let mut conn = state.db.read().await?;
    complaint_for(&mut conn.conn(), id, &user).await?;
    let messages = db::conversation(&mut conn.conn(), id).await?;
    let unread = unread_in(&mut conn.conn(), id, &user).await?;
    Ok(Json(ConversationView {
        complaint_id: id,
        messages,
        unread,
    }))
}

/// Sends a message in the complaint's conversation, as its owner or an agent. Requires an
/// `Idempotency-Key` header: a retry with the same key and body gets the stored answer
/// (`idempotent-replayed: true`) and posts nothing; the same key with another body is `422
/// idempotency_key_reused`.
///
/// The text is trimmed, at most `POLICY.message` characters, and may be empty only when the
/// message carries pictures, a request or a request for evidence (`message_empty`). Pictures:
/// at most `POLICY.evidence.max_images_per_message` (`too_many_images`), each an upload of the
/// sender's own not sent yet (`image_not_found`). `asks_for_evidence` is an agent's (a shopper:
/// `403 forbidden`), `request` the owner's (an agent: `403 forbidden`): an assisted withdrawal
/// (the rules of `check_assistance` and `validate_withdrawal`, and `check_safeguards`), an
/// arbitration note (`check_arbitration_note`: `not_in_arbitration`), a pressure report
/// (`check_pressure_report`; while a report is open, the message is posted showing that
/// report, and no second report is made). The timeline records each request, and the owner's
/// first message (`customer_service_contacted`), not every message. Sending marks the
/// sender's side as having read the conversation up to this message.
#[utoipa::path(post, path = "/api/complaints/{id}/messages", tag = "complaints",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(
        ("id" = i64, Path, minimum = 1, description = "Complaint id"),
        ("idempotency-key" = String, Header, description = "1–128 visible ASCII characters, new for each message",
            min_length = 1, max_length = 128, pattern = r"^[!-~]{1,128}$"),
    ),
    request_body = NewMessage,
    responses(
        (status = 201, description = "Posted (or, replayed for its key, posted before)", body = MessageView),
        (status = 400, description = "`invalid_request`", body = ErrorBody),
        (status = 403, description = "`forbidden`: the CSRF header is missing, a shopper asks for evidence, an agent sends a request", body = ErrorBody),
        (status = 404, description = "`not_found`: no such complaint, or not the user's", body = ErrorBody),
        (status = 422, description = "`message_empty`, `message_too_long`, `message_invalid_character`, `too_many_images`, `image_not_found`, `idempotency_key_reused`; an assisted withdrawal's `window_still_open`, `assistance_already_requested`, `already_withdrawn`, `in_arbitration`, `finished`, `note_*`, `remedy_required`, `risk_not_accepted`; an arbitration note's `not_in_arbitration`, `arbitration_note_*`; a pressure report's `already_withdrawn`, `finished`, `pressure_note_*`", body = ErrorBody),
        SignedIn, Limits,
    ))]
pub async fn send(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    ApiJson(message): ApiJson<NewMessage>,
) -> AppResult<Response> {
    let id = ComplaintId(id);
    let key = idempotency_key(&headers)?;
    let fingerprint = {
        let mut hasher = Sha256::new();
        hasher.update(format!("POST /api/complaints/{id}/messages\n"));
        hasher.update(serde_json::to_vec(&message)?);
        hex::encode(hasher.finalize())
    };
    let now = state.now();
    let mut tx = state.db.write().await?;
    if let Some(stored) = db::idempotency_record(&mut tx.conn(), user.user.id, &key).await? {
        drop(tx);
        return replay(stored, &fingerprint);
    }
    let summary = complaint_for(&mut tx.conn(), id, &user).await?;
    let role = user.user.role;
    if message.asks_for_evidence && role != Role::Agent {
        return Err(AppError::Forbidden(
            "only customer service asks for evidence",
        ));
    }
    if message.request.is_some() && role == Role::Agent {
        return Err(AppError::Forbidden("requests are the complaint owner's"));
    }
    check_image_count(message.images.len()).map_err(AppError::Image)?;
    let carries =
        !message.images.is_empty() || message.request.is_some() || message.asks_for_evidence;
    let text = validate_message(&message.text, carries).map_err(AppError::Text)?;
    if !db::all_unattached(&mut tx.conn(), user.user.id, &message.images).await? {
        return Err(AppError::ImageNotFound);
    }
    let (card, event) = match &message.request {
        Some(request) => {
            let filed = requests::file(&mut tx, &summary, &user, request, now).await?;
            (Some(filed.card), filed.event)
        }
        None if message.asks_for_evidence => (Some(CardRef::EvidenceRequested), None),
        // The timeline records that customer service was contacted: the owner's first message.
        None if role == Role::Shopper
            && !db::has_written(&mut tx.conn(), id, Role::Shopper).await? =>
        {
            (None, Some(TimelineEventKind::CustomerServiceContacted))
        }
        None => (None, None),
    };
    let message_id = db::insert_message(
        &mut tx.conn(),
        &db::NewMessage {
            complaint: id,
            author: user.user.id,
            role,
            text: &text,
            card,
            sent_at: now,
        },
    )
    .await?;
    db::attach_images(&mut tx.conn(), message_id, user.user.id, &message.images).await?;
    db::mark_read(&mut tx.conn(), id, role, message_id, now).await?;
    let view = db::message(&mut tx.conn(), message_id).await?;
    let body = serde_json::to_string(&view)?;
    let tail = Tail {
        complaint: id,
        by: &user,
        now,
        event,
        posted: Some((message_id, summary.owner)),
        keyed: Some(KeyedAnswer {
            key: &key,
            fingerprint: &fingerprint,
            answer: Some((StatusCode::CREATED, &body)),
        }),
    };
    finish(&state, tx, tail).await?;
    tracing::info!(complaint = %id, user = %user.user.username, message = %message_id, "message sent");
    Ok(raw_json(StatusCode::CREATED, body))
}

/// The answer stored for the key, if this is the same message again.
fn replay(stored: StoredResponse, fingerprint: &str) -> AppResult<Response> {
    if stored.fingerprint != fingerprint {
        return Err(AppError::IdempotencyKeyReused);
    }
    let status = StatusCode::from_u16(stored.status)
        .map_err(|error| anyhow::anyhow!("a stored status: {error}"))?;
    let mut response = raw_json(status, stored.body);
    response
        .headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    Ok(response)
}

/// The viewer's side (the owner; or the agents, all of them) has read the conversation up to
/// the message `up_to` (a marker only moves forward). Answers the viewer's unread counts, as
/// `GET /api/messages/unread`.
#[utoipa::path(post, path = "/api/complaints/{id}/messages/read", tag = "complaints",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, minimum = 1, description = "Complaint id")),
    request_body = ReadUpTo,
    responses(
        (status = 200, body = UnreadView),
        (status = 400, description = "`invalid_request`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such complaint (or not the user's), or no such message in its conversation", body = ErrorBody),
        SignedIn, Csrf, Limits,
    ))]
pub async fn mark_read(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(read): ApiJson<ReadUpTo>,
) -> AppResult<Json<UnreadView>> {
    let id = ComplaintId(id);
    let now = state.now();
    let mut tx = state.db.write().await?;
    complaint_for(&mut tx.conn(), id, &user).await?;
    if !db::message_in(&mut tx.conn(), id, read.up_to).await? {
        return Err(AppError::NotFound("no such message in this conversation"));
    }
    db::mark_read(&mut tx.conn(), id, user.user.role, read.up_to, now).await?;
    let view = unread_view(&mut tx.conn(), &user).await?;
    tx.commit().await?;
    Ok(Json(view))
}

/// What the signed-in user's side has not read: a shopper, the answers of customer service on
/// their complaints; an agent, the owners' messages in every conversation. Per complaint
/// (only those with any), and in all.
#[utoipa::path(get, path = "/api/messages/unread", tag = "complaints",
    security(("session_cookie" = [])),
    responses((status = 200, body = UnreadView), SignedIn))]
pub async fn unread(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<UnreadView>> {
    let mut conn = state.db.read().await?;
    Ok(Json(unread_view(&mut conn.conn(), &user).await?))
}

async fn unread_view(conn: &mut Conn<'_>, user: &CurrentUser) -> AppResult<UnreadView> {
    let owner = (user.user.role == Role::Shopper).then_some(user.user.id);
    let counts = db::unread(conn, user.user.role, owner, None).await?;
    Ok(UnreadView {
        total: counts.iter().map(|(_, unread)| unread).sum(),
        complaints: counts
            .into_iter()
            .map(|(complaint_id, unread)| UnreadCount {
                complaint_id,
                unread,
            })
            .collect(),
    })
}

/// Posts an agent's decision in the conversation: a card, no words of its own (a rejection's
/// reason is on the request the card shows). Returns the message, for the write's tail.
pub(super) async fn post_card(
    conn: &mut Conn<'_>,
    complaint: ComplaintId,
    agent: &CurrentUser,
    card: CardRef,
    now: UtcMillis,
) -> AppResult<complaint_api::MessageId> {
    let message = db::insert_message(
        conn,
        &db::NewMessage {
            complaint,
            author: agent.user.id,
            role: agent.user.role,
            text: "",
            card: Some(card),
            sent_at: now,
        },
    )
    .await?;
    db::mark_read(conn, complaint, agent.user.role, message, now).await?;
    Ok(message)
}

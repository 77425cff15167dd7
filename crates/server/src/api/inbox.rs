//! The agents' console across conversations: the conversations in the order they should be
//! answered, pressure reports by shop, and handling an arbitration note.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use complaint_api::{
    ArbitrationNoteId, ArbitrationNoteStatus, ArbitrationNoteView, ConversationQueueItem,
    ErrorBody, ShopPressure, TimelineEventKind,
};
use utoipa::OpenApi;

use super::conversation::post_card;
use super::responses::{AgentCsrf, Limits, NotAgent, SignedIn};
use super::{finish, guarded, Tail};
use crate::auth::Agent;
use crate::db::{self, CardRef};
use crate::error::{AppError, AppResult};
use crate::http::ApiPath;
use crate::AppState;

pub(super) fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/agent/conversations", get(conversations))
        .route("/agent/pressure-by-shop", get(pressure_by_shop))
        .route(
            "/agent/arbitration-notes/{id}/handle",
            guarded(state, post(handle_note)),
        )
}

#[derive(OpenApi)]
#[openapi(paths(conversations, pressure_by_shop, handle_note))]
pub(super) struct Doc;

const NO_SUCH_NOTE: &str = "no such arbitration note";

/// Every conversation (at most 500): first those waiting for an answer (the owner wrote after
/// the last agent's message), the longest waiting first (`waiting_since`, the owner's oldest
/// message no agent has answered since); then the others, the latest message first. Each with
/// its last message, the owner's messages the agents have not read, and the requests that
/// wait for an agent's decision.
#[utoipa::path(get, path = "/api/agent/conversations", tag = "agent",
    security(("session_cookie" = [])),
    responses((status = 200, body = Vec<ConversationQueueItem>), SignedIn, NotAgent))]
pub async fn conversations(
    State(state): State<AppState>,
    _agent: Agent,
) -> AppResult<Json<Vec<ConversationQueueItem>>> {
    let mut conn = state.db.read().await?;
    let queued = db::conversation_queue(&mut conn.conn()).await?;
    let ids: Vec<_> = queued.iter().map(|item| item.last_message).collect();
    let mut last = db::messages_by_ids(&mut conn.conn(), &ids)
        .await?
        .into_iter();
    let mut items = Vec::with_capacity(queued.len());
    for item in queued {
        let last_message = last
            .next()
            .filter(|message| message.id == item.last_message)
            .ok_or_else(|| anyhow::anyhow!("message {} vanished", item.last_message))?;
        items.push(ConversationQueueItem {
            complaint: item.complaint,
            owner_name: item.owner_name,
            waiting_since: item.waiting_since,
            last_message,
            unread: item.unread,
            open_requests: item.open_requests,
        });
    }
    Ok(Json(items))
}

/// Pressure reports by the shop of the complaint's order (at most 500 shops, the most
/// reported first): how many, how many still open, the latest, and how many of the
/// complaints were withdrawn after a report on them — the pressure that worked.
#[utoipa::path(get, path = "/api/agent/pressure-by-shop", tag = "agent",
    security(("session_cookie" = [])),
    responses((status = 200, body = Vec<ShopPressure>), SignedIn, NotAgent))]
pub async fn pressure_by_shop(
    State(state): State<AppState>,
    _agent: Agent,
) -> AppResult<Json<Vec<ShopPressure>>> {
    let mut conn = state.db.read().await?;
    Ok(Json(db::pressure_by_shop(&mut conn.conn()).await?))
}

/// Marks an arbitration note handled by this agent: a card in the conversation
/// (`arbitration_note_handled`), the timeline's `arbitration_note_handled`. What the platform
/// does about the arbitration is a platform move (`…/transition`). The complaint's version does
/// not change.
#[utoipa::path(post, path = "/api/agent/arbitration-notes/{id}/handle", tag = "agent",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, minimum = 1, description = "Arbitration note id")),
    responses(
        (status = 200, description = "Handled", body = ArbitrationNoteView),
        (status = 400, description = "`invalid_request`: the id is not a 64-bit integer", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`arbitration_note_already_handled`", body = ErrorBody),
        SignedIn, AgentCsrf, Limits,
    ))]
pub async fn handle_note(
    State(state): State<AppState>,
    Agent(agent): Agent,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<ArbitrationNoteView>> {
    let id = ArbitrationNoteId(id);
    let now = state.now();
    let mut tx = state.db.write().await?;
    let note = db::arbitration_note(&mut tx.conn(), id)
        .await?
        .ok_or(AppError::NotFound(NO_SUCH_NOTE))?;
    if note.status != ArbitrationNoteStatus::Open {
        return Err(AppError::ArbitrationNoteAlreadyHandled);
    }
    db::handle_arbitration_note(&mut tx.conn(), id, agent.user.id, now).await??;
    let complaint = note.complaint_id;
    let Some((summary, _)) = db::complaint(&mut tx.conn(), complaint).await? else {
        return Err(anyhow::anyhow!("arbitration note {id} has no complaint").into());
    };
    let message = post_card(
        &mut tx.conn(),
        complaint,
        &agent,
        CardRef::ArbitrationNoteHandled(id),
        now,
    )
    .await?;
    let view = db::arbitration_note(&mut tx.conn(), id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("arbitration note {id} vanished"))?;
    let tail = Tail {
        complaint,
        by: &agent,
        now,
        event: Some(TimelineEventKind::ArbitrationNoteHandled),
        posted: Some((message, summary.owner)),
        keyed: None,
    };
    finish(&state, tx, tail).await?;
    tracing::info!(complaint = %complaint, agent = %agent.user.username, "arbitration note handled");
    Ok(Json(view))
}

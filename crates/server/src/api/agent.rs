//! Customer service (role `agent`) beyond the queues: every complaint, and the platform's
//! status moves.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use complaint_api::{
    ComplaintDetail, ComplaintId, ComplaintPage, ComplaintQuery, ErrorBody, TimelineEventKind,
    TransitionRequest,
};
use complaint_rules::check_platform_move;
use utoipa::OpenApi;

use super::complaints::{page, PageOrder};
use super::responses::{AgentCsrf, Limits, NotAgent, SignedIn};
use super::{guarded, load_detail, record_and_commit};
use crate::auth::Agent;
use crate::db;
use crate::error::{AppError, AppResult, NO_SUCH_COMPLAINT};
use crate::http::{ApiJson, ApiPath, ApiQuery};
use crate::AppState;

pub(super) fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/agent/complaints", get(complaints))
        .route(
            "/agent/complaints/{id}/transition",
            guarded(state, post(transition)),
        )
}

#[derive(OpenApi)]
#[openapi(paths(complaints, transition))]
pub(super) struct Doc;

/// Every user's complaints, newest first; the same parameters and answer as
/// `GET /api/complaints` (`withdrawable` counts everyone's).
#[utoipa::path(get, path = "/api/agent/complaints", tag = "agent",
    security(("session_cookie" = [])),
    params(ComplaintQuery),
    responses(
        (status = 200, body = ComplaintPage),
        (status = 400, description = "`invalid_request`: a bad parameter, or `status` and `group` together", body = ErrorBody),
        SignedIn, NotAgent,
    ))]
pub async fn complaints(
    State(state): State<AppState>,
    _agent: Agent,
    ApiQuery(query): ApiQuery<ComplaintQuery>,
) -> AppResult<Json<ComplaintPage>> {
    Ok(Json(
        page(&state, None, PageOrder::NewestFirst, query).await?,
    ))
}

/// Moves a complaint as the platform: start processing, escalate to arbitration, resolve,
/// close. Compare-and-set on `expected_version` (409 `conflict`); a move the transition
/// table does not allow is 422 `invalid_transition`. A pending assistance request stays
/// pending: the agent rejects it explicitly.
#[utoipa::path(post, path = "/api/agent/complaints/{id}/transition", tag = "agent",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, minimum = 1, description = "Complaint id")),
    request_body = TransitionRequest,
    responses(
        (status = 200, body = ComplaintDetail),
        (status = 400, description = "`invalid_request`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`conflict`, `detail.current` is the complaint now", body = ErrorBody),
        (status = 422, description = "`invalid_transition`", body = ErrorBody),
        SignedIn, AgentCsrf, Limits,
    ))]
pub async fn transition(
    State(state): State<AppState>,
    Agent(agent): Agent,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<TransitionRequest>,
) -> AppResult<Json<ComplaintDetail>> {
    let id = ComplaintId(id);
    let now = state.now();
    let actor = agent.actor();
    let mut tx = state.db.write().await?;
    let Some(current) = load_detail(&mut tx.conn(), id, &actor, now).await? else {
        return Err(AppError::NotFound(NO_SUCH_COMPLAINT));
    };
    if current.summary.version != request.expected_version {
        return Err(AppError::Conflict(Box::new(current)));
    }
    let from = current.summary.status;
    let to = check_platform_move(from, request.platform_move).map_err(AppError::Transition)?;
    db::set_status(&mut tx.conn(), id, request.expected_version, to, now).await??;
    let event = TimelineEventKind::StatusChanged { from, to };
    let detail = record_and_commit(&state, tx, id, &agent, event, now).await?;
    tracing::info!(complaint = %id, agent = %agent.user.username, ?to, "complaint moved");
    Ok(Json(detail))
}

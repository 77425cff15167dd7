//! Customer-service assisted withdrawal (客服协助撤销): the owner asks; an agent sees the
//! queue and withdraws the complaint on the owner's behalf or rejects the request, once.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use complaint_api::{
    AssistanceId, AssistanceQueueItem, AssistanceRequest, AssistanceStatus, AssistanceView,
    ComplaintDetail, ComplaintId, ErrorBody, RejectAssistance, TimelineEventKind, WithdrawnBy,
};
use complaint_rules::{
    assistance_ground, check_assistance, check_assistance_decision, check_assisted_revoke,
    validate_rejection_reason, validate_revocation, ComplaintStatus,
};
use serde::Deserialize;
use utoipa::OpenApi;

use super::responses::{AgentCsrf, Csrf, Limits, NotAgent, SignedIn};
use super::{guarded, record_and_commit};
use crate::auth::{Agent, CurrentUser};
use crate::db::{self, WriteTx};
use crate::error::{AppError, AppResult, NO_SUCH_COMPLAINT};
use crate::http::{ApiJson, ApiPath, ApiQuery};
use crate::numbering::revocation_reference;
use crate::AppState;

pub(super) fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route(
            "/complaints/{id}/assistance",
            guarded(state, post(request_assistance)),
        )
        .route("/agent/assistance", get(queue))
        .route(
            "/agent/assistance/{id}/approve",
            guarded(state, post(approve)),
        )
        .route(
            "/agent/assistance/{id}/reject",
            guarded(state, post(reject)),
        )
}

#[derive(OpenApi)]
#[openapi(paths(request_assistance, queue, approve, reject))]
pub(super) struct Doc;

const NO_SUCH_REQUEST: &str = "no such assistance request";

/// Asks customer service to withdraw the complaint (客服协助撤销): once the self-service
/// window has expired, or when self-service failed. The reason and note are what the agent
/// will record, validated like a withdrawal's. The ground recorded is the server's
/// (`assistance_ground`), whatever the request says; a request that claims the window has
/// expired while it is open is `422 window_still_open`.
#[utoipa::path(post, path = "/api/complaints/{id}/assistance", tag = "complaints",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, minimum = 1, description = "Complaint id")),
    request_body = AssistanceRequest,
    responses(
        (status = 201, body = AssistanceView),
        (status = 400, description = "`invalid_request`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 422, description = "`window_still_open`, `assistance_already_requested`, `already_revoked`, `in_arbitration`, `finished`, `note_*`", body = ErrorBody),
        SignedIn, Csrf, Limits,
    ))]
pub async fn request_assistance(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<AssistanceRequest>,
) -> AppResult<impl IntoResponse> {
    let id = ComplaintId(id);
    let now = state.now();
    let actor = user.actor();
    let mut tx = state.db.write().await?;
    let Some((summary, _)) = db::complaint(&mut tx.conn(), id).await? else {
        return Err(AppError::NotFound(NO_SUCH_COMPLAINT));
    };
    let facts = summary.facts();
    let ground = assistance_ground(&facts, &actor, now);
    let pending = db::assistance_pending(&mut tx.conn(), id).await?;
    check_assistance(
        &facts,
        &actor,
        now,
        request.ground.unwrap_or(ground),
        pending,
    )
    .map_err(AppError::Assistance)?;
    let valid = validate_revocation(request.reason, &request.note).map_err(AppError::Text)?;
    let request_id = db::insert_assistance(
        &mut tx.conn(),
        &db::NewAssistance {
            complaint: id,
            ground,
            reason: valid.reason,
            note: &valid.note,
            requested_at: now,
        },
    )
    .await?;
    db::touch(&mut tx.conn(), id, summary.version, now).await??;
    let view = reread(&mut tx, request_id).await?;
    let event = TimelineEventKind::AssistanceRequested { ground };
    record_and_commit(&state, tx, id, &user, event, now).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// `GET /api/agent/assistance?status=`
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// `pending` (default, oldest first), `approved` or `rejected` (latest decisions first).
    pub status: Option<AssistanceStatus>,
}

/// The assistance requests with a status, with their complaints.
#[utoipa::path(get, path = "/api/agent/assistance", tag = "agent",
    security(("session_cookie" = [])),
    params(QueueQuery),
    responses(
        (status = 200, body = Vec<AssistanceQueueItem>),
        (status = 400, description = "`invalid_request`: an unknown status", body = ErrorBody),
        SignedIn, NotAgent,
    ))]
pub async fn queue(
    State(state): State<AppState>,
    _agent: Agent,
    ApiQuery(query): ApiQuery<QueueQuery>,
) -> AppResult<Json<Vec<AssistanceQueueItem>>> {
    let status = query.status.unwrap_or(AssistanceStatus::Pending);
    let mut conn = state.db.read().await?;
    Ok(Json(db::assistance_queue(&mut conn.conn(), status).await?))
}

/// Withdraws the complaint on its owner's behalf, as the request asked (reason and note),
/// recorded as `agent_on_behalf` by this agent. If the complaint can no longer be withdrawn
/// (`check_assisted_revoke`), answers 422 with the refusal's code and leaves the request
/// pending, for the agent to reject.
#[utoipa::path(post, path = "/api/agent/assistance/{id}/approve", tag = "agent",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, minimum = 1, description = "Assistance request id")),
    responses(
        (status = 200, description = "Withdrawn on the owner's behalf", body = ComplaintDetail),
        (status = 400, description = "`invalid_request`: the id is not a 64-bit integer", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`assistance_already_decided`", body = ErrorBody),
        (status = 422, description = "`already_revoked`, `in_arbitration`, `finished`", body = ErrorBody),
        SignedIn, AgentCsrf, Limits,
    ))]
pub async fn approve(
    State(state): State<AppState>,
    Agent(agent): Agent,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<ComplaintDetail>> {
    let now = state.now();
    let mut tx = state.db.write().await?;
    let (request, summary) = undecided(&mut tx, AssistanceId(id)).await?;
    check_assisted_revoke(&summary.facts()).map_err(AppError::Blocked)?;
    let valid = validate_revocation(request.reason, &request.note).map_err(AppError::Text)?;
    let complaint_id = request.complaint_id;
    db::set_status(
        &mut tx.conn(),
        complaint_id,
        summary.version,
        ComplaintStatus::Revoked,
        now,
    )
    .await??;
    db::insert_revocation(
        &mut tx.conn(),
        &db::NewRevocation {
            complaint: complaint_id,
            reference: &revocation_reference(now, complaint_id),
            revoked_at: now,
            reason: valid.reason,
            note: &valid.note,
            by: WithdrawnBy::AgentOnBehalf,
            actor: agent.user.id,
        },
    )
    .await?;
    db::decide_assistance(
        &mut tx.conn(),
        request.id,
        AssistanceStatus::Approved,
        agent.user.id,
        now,
        None,
    )
    .await??;
    let event = TimelineEventKind::Revoked {
        reason: valid.reason,
        note: valid.note,
        by: WithdrawnBy::AgentOnBehalf,
    };
    let detail = record_and_commit(&state, tx, complaint_id, &agent, event, now).await?;
    tracing::info!(complaint = %complaint_id, agent = %agent.user.username, "withdrawn on the owner's behalf");
    Ok(Json(detail))
}

/// Rejects an assistance request with a reason the owner will read.
#[utoipa::path(post, path = "/api/agent/assistance/{id}/reject", tag = "agent",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, minimum = 1, description = "Assistance request id")),
    request_body = RejectAssistance,
    responses(
        (status = 200, body = AssistanceView),
        (status = 400, description = "`invalid_request`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`assistance_already_decided`", body = ErrorBody),
        (status = 422, description = "`rejection_reason_too_short`, `rejection_reason_too_long`, `rejection_reason_invalid_character`", body = ErrorBody),
        SignedIn, AgentCsrf, Limits,
    ))]
pub async fn reject(
    State(state): State<AppState>,
    Agent(agent): Agent,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<RejectAssistance>,
) -> AppResult<Json<AssistanceView>> {
    let now = state.now();
    let mut tx = state.db.write().await?;
    let (request, summary) = undecided(&mut tx, AssistanceId(id)).await?;
    let reason = validate_rejection_reason(&body.reason).map_err(AppError::Text)?;
    let complaint_id = request.complaint_id;
    db::decide_assistance(
        &mut tx.conn(),
        request.id,
        AssistanceStatus::Rejected,
        agent.user.id,
        now,
        Some(&reason),
    )
    .await??;
    db::touch(&mut tx.conn(), complaint_id, summary.version, now).await??;
    let view = reread(&mut tx, request.id).await?;
    let event = TimelineEventKind::AssistanceRejected { reason };
    record_and_commit(&state, tx, complaint_id, &agent, event, now).await?;
    Ok(Json(view))
}

/// The request `id` and its complaint, if an agent may still decide it (a request is
/// decided once: `check_assistance_decision`).
async fn undecided(
    tx: &mut WriteTx,
    id: AssistanceId,
) -> AppResult<(AssistanceView, complaint_api::ComplaintSummary)> {
    let request = db::assistance(&mut tx.conn(), id)
        .await?
        .ok_or(AppError::NotFound(NO_SUCH_REQUEST))?;
    check_assistance_decision(request.status).map_err(|_| AppError::AssistanceAlreadyDecided)?;
    let Some((summary, _)) = db::complaint(&mut tx.conn(), request.complaint_id).await? else {
        return Err(anyhow::anyhow!("assistance request {id} has no complaint").into());
    };
    Ok((request, summary))
}

/// The request as just written in this transaction.
async fn reread(tx: &mut WriteTx, id: AssistanceId) -> AppResult<AssistanceView> {
    Ok(db::assistance(&mut tx.conn(), id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("assistance request {id} vanished"))?)
}

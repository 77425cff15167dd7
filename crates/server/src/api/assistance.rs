//! Customer-service assisted withdrawal (客服协助撤销): the owner asks in the conversation (a
//! typed message: `super::requests`); an agent sees the queue and withdraws the complaint on
//! the owner's behalf or rejects the request, once, and the decision is posted in the
//! conversation as a card.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use complaint_api::{
    AssistanceId, AssistanceQueueItem, AssistanceStatus, AssistanceView, ComplaintDetail,
    ErrorBody, RejectAssistance, TimelineEventKind, WithdrawnBy,
};
use complaint_rules::{
    check_assistance_decision, check_assisted_withdrawal, validate_rejection_reason,
    validate_withdrawal, ComplaintStatus,
};
use serde::Deserialize;
use utoipa::OpenApi;

use super::conversation::post_card;
use super::responses::{AgentCsrf, Limits, NotAgent, SignedIn};
use super::{finish, guarded, Tail};
use crate::auth::Agent;
use crate::db::{self, CardRef, WriteTx};
use crate::error::{AppError, AppResult};
use crate::http::{ApiJson, ApiPath, ApiQuery};
use crate::numbering::withdrawal_reference;
use crate::AppState;

pub(super) fn router(state: &AppState) -> Router<AppState> {
    Router::new()
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
#[openapi(paths(queue, approve, reject))]
pub(super) struct Doc;

const NO_SUCH_REQUEST: &str = "no such assistance request";

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

/// Withdraws the complaint on its owner's behalf, as the request asked (reason, note and the
/// safeguards' answer, `remedy`), recorded as `agent_on_behalf` by this agent; the decision is
/// posted in the conversation (a card `assistance_decided`). If the complaint can no longer be withdrawn
/// (`check_assisted_withdrawal`), answers 422 with the refusal's code and leaves the request
/// pending, for the agent to reject.
#[utoipa::path(post, path = "/api/agent/assistance/{id}/approve", tag = "agent",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, minimum = 1, description = "Assistance request id")),
    responses(
        (status = 200, description = "Withdrawn on the owner's behalf", body = ComplaintDetail),
        (status = 400, description = "`invalid_request`: the id is not a 64-bit integer", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`assistance_already_decided`", body = ErrorBody),
        (status = 422, description = "`already_withdrawn`, `in_arbitration`, `finished`", body = ErrorBody),
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
    check_assisted_withdrawal(&summary.facts()).map_err(AppError::Blocked)?;
    let valid = validate_withdrawal(request.reason, &request.note).map_err(AppError::Text)?;
    let complaint_id = request.complaint_id;
    db::set_status(
        &mut tx.conn(),
        complaint_id,
        summary.version,
        ComplaintStatus::Withdrawn,
        now,
    )
    .await??;
    db::insert_withdrawal(
        &mut tx.conn(),
        &db::NewWithdrawal {
            complaint: complaint_id,
            reference: &withdrawal_reference(now, complaint_id),
            withdrawn_at: now,
            reason: valid.reason,
            note: &valid.note,
            by: WithdrawnBy::AgentOnBehalf,
            actor: agent.user.id,
            remedy: request.remedy,
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
    let card = CardRef::AssistanceDecided(request.id);
    let message = post_card(&mut tx.conn(), complaint_id, &agent, card, now).await?;
    let tail = Tail {
        complaint: complaint_id,
        by: &agent,
        now,
        event: Some(TimelineEventKind::Withdrawn {
            reason: valid.reason,
            note: valid.note,
            by: WithdrawnBy::AgentOnBehalf,
        }),
        posted: Some((message, summary.owner)),
        keyed: None,
    };
    let detail = finish(&state, tx, tail)
        .await?
        .ok_or_else(|| anyhow::anyhow!("a withdrawal answers the complaint"))?;
    tracing::info!(complaint = %complaint_id, agent = %agent.user.username, "withdrawn on the owner's behalf");
    Ok(Json(detail))
}

/// Rejects an assistance request with a reason the owner will read, in the conversation (a
/// card `assistance_decided` showing the request with its `rejection_reason`) and at the top
/// of the complaint.
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
    let card = CardRef::AssistanceDecided(request.id);
    let message = post_card(&mut tx.conn(), complaint_id, &agent, card, now).await?;
    let tail = Tail {
        complaint: complaint_id,
        by: &agent,
        now,
        event: Some(TimelineEventKind::AssistanceRejected { reason }),
        posted: Some((message, summary.owner)),
        keyed: None,
    };
    finish(&state, tx, tail).await?;
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

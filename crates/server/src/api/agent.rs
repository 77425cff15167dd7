//! Customer service (role `agent`): the assistance queue, withdrawing on the owner's behalf
//! or rejecting, the pressure reports, every complaint, and the platform's status moves.

use axum::extract::State;
use axum::Json;
use complaint_api::{
    AssistanceId, AssistanceQueueItem, AssistanceStatus, AssistanceView, ComplaintDetail,
    ComplaintGroup, ComplaintId, ComplaintPage, ComplaintQuery, ErrorBody, PressureQueueItem,
    PressureReportId, PressureReportStatus, PressureReportView, RejectAssistance,
    TimelineEventKind, TransitionRequest, WithdrawnBy,
};
use complaint_rules::{
    check_assisted_revoke, check_platform_move, validate_rejection_reason, validate_revocation,
    ComplaintStatus,
};
use serde::Deserialize;

use super::complaints::page;
use super::{change_of, load_detail, reload_detail};
use crate::auth::Agent;
use crate::db;
use crate::error::{AppError, AppResult, NO_SUCH_COMPLAINT};
use crate::http::{ApiJson, ApiPath, ApiQuery};
use crate::numbering::revocation_reference;
use crate::AppState;

const NO_SUCH_REQUEST: &str = "no such assistance request";
const NO_SUCH_REPORT: &str = "no such pressure report";

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
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an agent", body = ErrorBody),
    ))]
pub async fn queue(
    State(state): State<AppState>,
    _agent: Agent,
    ApiQuery(query): ApiQuery<QueueQuery>,
) -> AppResult<Json<Vec<AssistanceQueueItem>>> {
    let status = query.status.unwrap_or(AssistanceStatus::Pending);
    let mut conn = state.db.read().await?;
    let items = db::assistance_queue(&mut conn.conn(), status)
        .await?
        .into_iter()
        .map(|(request, complaint, owner_name)| AssistanceQueueItem {
            request,
            complaint,
            owner_name,
        })
        .collect();
    Ok(Json(items))
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
        (status = 403, description = "`forbidden`: not an agent", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`assistance_already_decided`", body = ErrorBody),
        (status = 422, description = "`already_revoked`, `in_arbitration`, `finished`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many changes in a short time; retry after `Retry-After` seconds", body = ErrorBody,
            headers(("retry-after" = u32, description = "Seconds to wait"))),
        (status = 401, description = "`unauthenticated`: no session, or it ended or expired", body = ErrorBody),
    ))]
pub async fn approve(
    State(state): State<AppState>,
    Agent(agent): Agent,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<ComplaintDetail>> {
    let now = state.now();
    let actor = agent.actor();
    let mut tx = state.db.write().await?;
    let request = db::assistance(&mut tx.conn(), AssistanceId(id))
        .await?
        .ok_or(AppError::NotFound(NO_SUCH_REQUEST))?;
    if request.status != AssistanceStatus::Pending {
        return Err(AppError::AssistanceAlreadyDecided);
    }
    let complaint_id = request.complaint_id;
    let Some((summary, _)) = db::complaint(&mut tx.conn(), complaint_id).await? else {
        return Err(anyhow::anyhow!("assistance request {id} has no complaint").into());
    };
    check_assisted_revoke(&summary.facts()).map_err(AppError::Blocked)?;
    let valid = validate_revocation(request.reason, &request.note).map_err(AppError::Text)?;
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
    db::insert_event(
        &mut tx.conn(),
        complaint_id,
        now,
        agent.user.id,
        &TimelineEventKind::Revoked {
            reason: valid.reason,
            note: valid.note,
            by: WithdrawnBy::AgentOnBehalf,
        },
    )
    .await?;
    let detail = reload_detail(&mut tx.conn(), complaint_id, &actor, now).await?;
    tx.commit().await?;
    tracing::info!(complaint = %complaint_id, agent = %agent.user.username, "withdrawn on the owner's behalf");
    state.events.publish(change_of(&detail, now)).await;
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
        (status = 403, description = "`forbidden`: not an agent", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`assistance_already_decided`", body = ErrorBody),
        (status = 422, description = "`rejection_reason_too_short`, `rejection_reason_too_long`, `rejection_reason_invalid_character`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many changes in a short time; retry after `Retry-After` seconds", body = ErrorBody,
            headers(("retry-after" = u32, description = "Seconds to wait"))),
        (status = 401, description = "`unauthenticated`: no session, or it ended or expired", body = ErrorBody),
        (status = 413, description = "`payload_too_large`: the body is over 16 KiB", body = ErrorBody),
    ))]
pub async fn reject(
    State(state): State<AppState>,
    Agent(agent): Agent,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<RejectAssistance>,
) -> AppResult<Json<AssistanceView>> {
    let now = state.now();
    let mut tx = state.db.write().await?;
    let request = db::assistance(&mut tx.conn(), AssistanceId(id))
        .await?
        .ok_or(AppError::NotFound(NO_SUCH_REQUEST))?;
    if request.status != AssistanceStatus::Pending {
        return Err(AppError::AssistanceAlreadyDecided);
    }
    let reason = validate_rejection_reason(&body.reason).map_err(AppError::Text)?;
    let complaint_id = request.complaint_id;
    let Some((summary, _)) = db::complaint(&mut tx.conn(), complaint_id).await? else {
        return Err(anyhow::anyhow!("assistance request {id} has no complaint").into());
    };
    db::decide_assistance(
        &mut tx.conn(),
        request.id,
        AssistanceStatus::Rejected,
        agent.user.id,
        now,
        Some(&reason),
    )
    .await??;
    db::insert_event(
        &mut tx.conn(),
        complaint_id,
        now,
        agent.user.id,
        &TimelineEventKind::AssistanceRejected { reason },
    )
    .await?;
    db::touch(&mut tx.conn(), complaint_id, summary.version, now).await??;
    let view = db::assistance(&mut tx.conn(), request.id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("assistance request {id} vanished"))?;
    let detail = reload_detail(&mut tx.conn(), complaint_id, &agent.actor(), now).await?;
    tx.commit().await?;
    state.events.publish(change_of(&detail, now)).await;
    Ok(Json(view))
}

/// `GET /api/agent/pressure-reports?status=`
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PressureQueueQuery {
    /// `open` (default, oldest first) or `handled` (latest handled first).
    pub status: Option<PressureReportStatus>,
}

/// The pressure reports with a status (sellers who demanded, induced or pressured a
/// withdrawal), with their complaints and owners.
#[utoipa::path(get, path = "/api/agent/pressure-reports", tag = "agent",
    security(("session_cookie" = [])),
    params(PressureQueueQuery),
    responses(
        (status = 200, body = Vec<PressureQueueItem>),
        (status = 400, description = "`invalid_request`: an unknown status", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an agent", body = ErrorBody),
    ))]
pub async fn pressure_queue(
    State(state): State<AppState>,
    _agent: Agent,
    ApiQuery(query): ApiQuery<PressureQueueQuery>,
) -> AppResult<Json<Vec<PressureQueueItem>>> {
    let status = query.status.unwrap_or(PressureReportStatus::Open);
    let mut conn = state.db.read().await?;
    let items = db::pressure_queue(&mut conn.conn(), status)
        .await?
        .into_iter()
        .map(|(report, complaint, owner_name)| PressureQueueItem {
            report,
            complaint,
            owner_name,
        })
        .collect();
    Ok(Json(items))
}

/// Marks a pressure report handled by this agent (`handled_at`, a `pressure_handled` event on
/// the complaint's timeline). The complaint itself is unchanged (its version too); what the
/// agent did about the seller is outside this API.
#[utoipa::path(post, path = "/api/agent/pressure-reports/{id}/handle", tag = "agent",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, minimum = 1, description = "Pressure report id")),
    responses(
        (status = 200, description = "Handled", body = PressureReportView),
        (status = 400, description = "`invalid_request`: the id is not a 64-bit integer", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an agent, or the CSRF header is missing", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`pressure_report_already_handled`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many changes in a short time; retry after `Retry-After` seconds", body = ErrorBody,
            headers(("retry-after" = u32, description = "Seconds to wait"))),
        (status = 401, description = "`unauthenticated`: no session, or it ended or expired", body = ErrorBody),
        (status = 413, description = "`payload_too_large`: the body is over 16 KiB", body = ErrorBody),
    ))]
pub async fn handle_pressure(
    State(state): State<AppState>,
    Agent(agent): Agent,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<PressureReportView>> {
    let id = PressureReportId(id);
    let now = state.now();
    let mut tx = state.db.write().await?;
    // No status changes: the counts and the sessions stay valid.
    tx.keep(db::Keep::AllBut {
        counts_of: None,
        session: None,
    });
    let report = db::pressure_report(&mut tx.conn(), id)
        .await?
        .ok_or(AppError::NotFound(NO_SUCH_REPORT))?;
    if report.status != PressureReportStatus::Open {
        return Err(AppError::PressureReportAlreadyHandled);
    }
    db::handle_pressure_report(&mut tx.conn(), id, agent.user.id, now).await??;
    let complaint_id = report.complaint_id;
    db::insert_event(
        &mut tx.conn(),
        complaint_id,
        now,
        agent.user.id,
        &TimelineEventKind::PressureHandled,
    )
    .await?;
    let view = db::pressure_report(&mut tx.conn(), id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("pressure report {id} vanished"))?;
    // Like the report, no version bump (see `complaints::report_pressure`).
    let detail = reload_detail(&mut tx.conn(), complaint_id, &agent.actor(), now).await?;
    tx.commit().await?;
    tracing::info!(complaint = %complaint_id, agent = %agent.user.username, "pressure report handled");
    state.events.publish(change_of(&detail, now)).await;
    Ok(Json(view))
}

/// Every user's complaints, newest first; the same parameters and answer as
/// `GET /api/complaints` (`withdrawable` counts everyone's).
#[utoipa::path(get, path = "/api/agent/complaints", tag = "agent",
    security(("session_cookie" = [])),
    params(
        ("status" = Option<ComplaintStatus>, Query, description = "Only complaints with this status (the counts ignore it); not together with `group`"),
        ("group" = Option<ComplaintGroup>, Query, description = "Only complaints in this group: `withdrawable` (pending or processing, self-service window open now), `open` (not terminal), `ended` (terminal); not together with `status`"),
        ("q" = Option<String>, Query, max_length = 100, pattern = r"^[^\u0000]*$", description = "A substring of the complaint number or the order number, matched literally (ASCII letters regardless of case) after trimming; at most 100 characters, no NUL"),
        ("cursor" = Option<String>, Query, pattern = r"^(-?[0-9]{1,18}_-?[0-9]{1,18})?$", description = "`next_cursor` of the previous page (opaque)"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 100, description = "Page size, 1–100, default 20"),
    ),
    responses(
        (status = 200, body = ComplaintPage),
        (status = 400, description = "`invalid_request`: a bad parameter, or `status` and `group` together", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an agent", body = ErrorBody),
        (status = 401, description = "`unauthenticated`: no session, or it ended or expired", body = ErrorBody),
    ))]
pub async fn complaints(
    State(state): State<AppState>,
    _agent: Agent,
    ApiQuery(query): ApiQuery<ComplaintQuery>,
) -> AppResult<Json<ComplaintPage>> {
    Ok(Json(page(&state, None, query).await?))
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
        (status = 403, description = "`forbidden`: not an agent", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`conflict`, `detail.current` is the complaint now", body = ErrorBody),
        (status = 422, description = "`invalid_transition`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many changes in a short time; retry after `Retry-After` seconds", body = ErrorBody,
            headers(("retry-after" = u32, description = "Seconds to wait"))),
        (status = 401, description = "`unauthenticated`: no session, or it ended or expired", body = ErrorBody),
        (status = 413, description = "`payload_too_large`: the body is over 16 KiB", body = ErrorBody),
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
    db::insert_event(
        &mut tx.conn(),
        id,
        now,
        agent.user.id,
        &TimelineEventKind::StatusChanged { from, to },
    )
    .await?;
    let detail = reload_detail(&mut tx.conn(), id, &actor, now).await?;
    tx.commit().await?;
    tracing::info!(complaint = %id, agent = %agent.user.username, ?to, "complaint moved");
    state.events.publish(change_of(&detail, now)).await;
    Ok(Json(detail))
}

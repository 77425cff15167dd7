//! Pressure reports (举报商家施压): the owner reports a seller who demanded, induced or
//! pressured a withdrawal; agents see the queue and handle each report once.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use complaint_api::{
    ComplaintDetail, ComplaintId, ErrorBody, PressureQueueItem, PressureReportId,
    PressureReportRequest, PressureReportStatus, PressureReportView, TimelineEventKind,
};
use complaint_rules::{check_pressure_report, validate_pressure_note};
use serde::Deserialize;
use utoipa::OpenApi;

use super::responses::{AgentCsrf, Csrf, Limits, NotAgent, SignedIn};
use super::{guarded, record_and_commit, reload_detail};
use crate::auth::{Agent, CurrentUser};
use crate::db;
use crate::error::{AppError, AppResult, NO_SUCH_COMPLAINT};
use crate::http::{ApiJson, ApiPath, ApiQuery};
use crate::AppState;

pub(super) fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route(
            "/complaints/{id}/pressure-report",
            guarded(state, post(report_pressure)),
        )
        .route("/agent/pressure-reports", get(pressure_queue))
        .route(
            "/agent/pressure-reports/{id}/handle",
            guarded(state, post(handle_pressure)),
        )
}

#[derive(OpenApi)]
#[openapi(paths(report_pressure, pressure_queue, handle_pressure))]
pub(super) struct Doc;

const NO_SUCH_REPORT: &str = "no such pressure report";

/// Reports that the seller demanded, induced or pressured the owner to withdraw the complaint
/// (举报商家施压), with an optional note; it goes to the agents' pressure queue and the
/// complaint's timeline (`pressure_reported`). Allowed to the owner while the complaint is
/// open, in arbitration too; real-name verification is not required (`check_pressure_report`).
///
/// Idempotent: while the complaint has an open report, reporting again answers the same
/// complaint and stores nothing (no second report, no second event). The complaint's
/// `version` does not change, so a withdrawal form open meanwhile still succeeds with its
/// `expected_version`.
#[utoipa::path(post, path = "/api/complaints/{id}/pressure-report", tag = "complaints",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, minimum = 1, description = "Complaint id")),
    request_body = PressureReportRequest,
    responses(
        (status = 200, description = "Reported, or already reported and still open (nothing new stored): the complaint, with `pressure_reports` newest first", body = ComplaintDetail),
        (status = 400, description = "`invalid_request`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such complaint, or not the user's", body = ErrorBody),
        (status = 422, description = "`already_revoked`, `finished`, `pressure_note_too_long`, `pressure_note_invalid_character`", body = ErrorBody),
        SignedIn, Csrf, Limits,
    ))]
pub async fn report_pressure(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<PressureReportRequest>,
) -> AppResult<Json<ComplaintDetail>> {
    let id = ComplaintId(id);
    let now = state.now();
    let actor = user.actor();
    let mut tx = state.db.write().await?;
    let Some((summary, _)) = db::complaint(&mut tx.conn(), id).await? else {
        return Err(AppError::NotFound(NO_SUCH_COMPLAINT));
    };
    check_pressure_report(&summary.facts(), &actor).map_err(AppError::Blocked)?;
    let note = validate_pressure_note(&request.note).map_err(AppError::Text)?;
    if db::pressure_report_open(&mut tx.conn(), id).await? {
        // Reported already and not handled yet: the same answer, nothing written.
        let detail = reload_detail(&mut tx.conn(), id, &actor, now).await?;
        return Ok(Json(detail));
    }
    db::insert_pressure_report(
        &mut tx.conn(),
        &db::NewPressureReport {
            complaint: id,
            note: &note,
            reported_at: now,
            reported_by: user.user.id,
        },
    )
    .await?;
    // No `db::touch`: the version is what a withdrawal (or a platform move) is compared
    // with, and a report changes nothing they decide on — bumping it would turn the owner's
    // withdrawal form, open at the same time, into a 409 `conflict`. The live event below
    // still tells the agents' console (and the owner's other tabs) to reload; a withdrawal
    // decided on a read from before the report notices the extra timeline event instead
    // (`db::withdraw`).
    let event = TimelineEventKind::PressureReported;
    let detail = record_and_commit(&state, tx, id, &user, event, now).await?;
    tracing::info!(complaint = %id, user = %user.user.username, "pressure reported");
    Ok(Json(detail))
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
        SignedIn, NotAgent,
    ))]
pub async fn pressure_queue(
    State(state): State<AppState>,
    _agent: Agent,
    ApiQuery(query): ApiQuery<PressureQueueQuery>,
) -> AppResult<Json<Vec<PressureQueueItem>>> {
    let status = query.status.unwrap_or(PressureReportStatus::Open);
    let mut conn = state.db.read().await?;
    Ok(Json(db::pressure_queue(&mut conn.conn(), status).await?))
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
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`pressure_report_already_handled`", body = ErrorBody),
        SignedIn, AgentCsrf, Limits,
    ))]
pub async fn handle_pressure(
    State(state): State<AppState>,
    Agent(agent): Agent,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<PressureReportView>> {
    let id = PressureReportId(id);
    let now = state.now();
    let mut tx = state.db.write().await?;
    let report = db::pressure_report(&mut tx.conn(), id)
        .await?
        .ok_or(AppError::NotFound(NO_SUCH_REPORT))?;
    if report.status != PressureReportStatus::Open {
        return Err(AppError::PressureReportAlreadyHandled);
    }
    db::handle_pressure_report(&mut tx.conn(), id, agent.user.id, now).await??;
    let complaint_id = report.complaint_id;
    let view = db::pressure_report(&mut tx.conn(), id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("pressure report {id} vanished"))?;
    // Like the report, no version bump (see `report_pressure`).
    let event = TimelineEventKind::PressureHandled;
    record_and_commit(&state, tx, complaint_id, &agent, event, now).await?;
    tracing::info!(complaint = %complaint_id, agent = %agent.user.username, "pressure report handled");
    Ok(Json(view))
}

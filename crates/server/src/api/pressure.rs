//! Pressure reports (举报商家施压): the owner reports, in the conversation (a typed message:
//! `super::requests`), a seller who demanded, induced or pressured a withdrawal; agents see the
//! queue and handle each report once, which is posted in the conversation as a card.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use complaint_api::{
    ErrorBody, PressureQueueItem, PressureReportId, PressureReportStatus, PressureReportView,
    TimelineEventKind,
};
use serde::Deserialize;
use utoipa::OpenApi;

use super::conversation::post_card;
use super::responses::{AgentCsrf, Limits, NotAgent, SignedIn};
use super::{finish, guarded, Tail};
use crate::auth::Agent;
use crate::db::{self, CardRef};
use crate::error::{AppError, AppResult};
use crate::http::{ApiPath, ApiQuery};
use crate::AppState;

pub(super) fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/agent/pressure-reports", get(pressure_queue))
        .route(
            "/agent/pressure-reports/{id}/handle",
            guarded(state, post(handle_pressure)),
        )
}

#[derive(OpenApi)]
#[openapi(paths(pressure_queue, handle_pressure))]
pub(super) struct Doc;

const NO_SUCH_REPORT: &str = "no such pressure report";

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
/// the complaint's timeline, a card `pressure_handled` in its conversation). The complaint itself is unchanged (its version too); what the
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
    let Some((summary, _)) = db::complaint(&mut tx.conn(), complaint_id).await? else {
        return Err(anyhow::anyhow!("pressure report {id} has no complaint").into());
    };
    let card = CardRef::PressureHandled(id);
    let message = post_card(&mut tx.conn(), complaint_id, &agent, card, now).await?;
    // Like the report, no version bump (see `api::requests`).
    let tail = Tail {
        complaint: complaint_id,
        by: &agent,
        now,
        event: Some(TimelineEventKind::PressureHandled),
        posted: Some((message, summary.owner)),
        keyed: None,
    };
    finish(&state, tx, tail).await?;
    tracing::info!(complaint = %complaint_id, agent = %agent.user.username, "pressure report handled");
    Ok(Json(view))
}

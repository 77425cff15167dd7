//! Pressure reports (举报商家施压): filed by the owner, handled once by an agent. Neither
//! bumps the complaint's version (see `withdraw`).

use complaint_api::{
    ComplaintId, ComplaintSummary, PressureQueueItem, PressureReportId, PressureReportStatus,
    PressureReportView,
};
use complaint_rules::{PressureKind, UserId, UtcMillis};

use super::queue::{self, Queued};
use super::{cas, parse, Cas, Conn, DbRow};

impl Queued for PressureReportView {
    const TABLE: &'static str = "pressure_reports";
    const ALIAS: &'static str = "p";
    const COLUMNS: &'static str = "p.id, p.complaint_id, p.status AS pressure_status,
         p.kind AS pressure_kind, p.note, p.reported_at,
         p.handled_at";
    const NEWEST_FIRST: &'static str = "p.reported_at DESC, p.id DESC";

    type Item = PressureQueueItem;

    fn from_row(row: &impl DbRow) -> anyhow::Result<Self> {
        Ok(PressureReportView {
            id: PressureReportId(row.int("id")?),
            complaint_id: ComplaintId(row.int("complaint_id")?),
            status: parse(&row.text("pressure_status")?)?,
            note: row.text("note")?,
            reported_at: UtcMillis(row.int("reported_at")?),
            handled_at: row.opt_int("handled_at")?.map(UtcMillis),
            kind: row
                .opt_text("pressure_kind")?
                .as_deref()
                .map(parse)
                .transpose()?,
        })
    }

    fn item(self, complaint: ComplaintSummary, owner_name: String) -> PressureQueueItem {
        PressureQueueItem {
            report: self,
            complaint,
            owner_name,
        }
    }

    fn complaint_id(&self) -> ComplaintId {
        self.complaint_id
    }

    fn set_id(&mut self, id: i64) {
        self.id = PressureReportId(id);
    }
}

/// The complaint's pressure reports, newest first.
pub async fn pressure_reports_of(
    conn: &mut Conn<'_>,
    complaint: ComplaintId,
) -> anyhow::Result<Vec<PressureReportView>> {
    queue::of_complaint(conn, complaint).await
}

pub async fn pressure_report(
    conn: &mut Conn<'_>,
    id: PressureReportId,
) -> anyhow::Result<Option<PressureReportView>> {
    queue::by_id(conn, id.0).await
}

/// The complaint's open report, if any.
pub async fn open_pressure_report(
    conn: &mut Conn<'_>,
    complaint: ComplaintId,
) -> anyhow::Result<Option<PressureReportView>> {
    let reports: Vec<PressureReportView> = queue::of_complaint(conn, complaint).await?;
    Ok(reports
        .into_iter()
        .find(|report| report.status == PressureReportStatus::Open))
}

pub struct NewPressureReport<'a> {
    pub complaint: ComplaintId,
    pub kind: PressureKind,
    pub note: &'a str,
    pub reported_at: UtcMillis,
    pub reported_by: UserId,
}

/// An open report (the partial unique index refuses a second open one).
pub async fn insert_pressure_report(
    conn: &mut Conn<'_>,
    report: &NewPressureReport<'_>,
) -> anyhow::Result<PressureReportId> {
    let sql = "INSERT INTO pressure_reports (complaint_id, status, note, reported_at, reported_by,
                                             kind)
               VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    let id: i64 = on!(conn, |c| sqlx::query_scalar(sql)
        .bind(report.complaint.0)
        .bind(PressureReportStatus::Open.code())
        .bind(report.note)
        .bind(report.reported_at.0)
        .bind(report.reported_by.0)
        .bind(report.kind.code())
        .fetch_one(&mut **c)
        .await?);
    Ok(PressureReportId(id))
}

/// Compare-and-set: marks a report that is still open handled by `agent`.
pub async fn handle_pressure_report(
    conn: &mut Conn<'_>,
    id: PressureReportId,
    agent: UserId,
    now: UtcMillis,
) -> anyhow::Result<Cas> {
    let sql = "UPDATE pressure_reports SET status = $1, handled_at = $2, handled_by = $3
               WHERE id = $4 AND status = $5";
    let done = on!(conn, |c| sqlx::query(sql)
        .bind(PressureReportStatus::Handled.code())
        .bind(now.0)
        .bind(agent.0)
        .bind(id.0)
        .bind(PressureReportStatus::Open.code())
        .execute(&mut **c)
        .await?
        .rows_affected());
    Ok(cas(done, "pressure report", id.0))
}

/// The agents' pressure queue: reports with `status` with their complaints, open ones
/// oldest first, handled ones latest handled first.
pub async fn pressure_queue(
    conn: &mut Conn<'_>,
    status: PressureReportStatus,
) -> anyhow::Result<Vec<PressureQueueItem>> {
    let order = match status {
        PressureReportStatus::Open => "p.reported_at ASC, p.id ASC",
        PressureReportStatus::Handled => "p.handled_at DESC, p.id DESC",
    };
    queue::queue::<PressureReportView>(conn, status.code(), order).await
}

//! Assistance requests (客服协助撤销): filed by the owner, decided once by an agent.

use complaint_api::{
    AssistanceId, AssistanceQueueItem, AssistanceStatus, AssistanceView, ComplaintId,
    ComplaintSummary,
};
use complaint_rules::{AssistanceGround, Remedy, UserId, UtcMillis, WithdrawalReason};

use super::queue::{self, Queued};
use super::{cas, parse, Cas, Conn, DbRow};

impl Queued for AssistanceView {
    const TABLE: &'static str = "assistance_requests";
    const ALIAS: &'static str = "a";
    const COLUMNS: &'static str = "a.id, a.complaint_id, a.status AS assistance_status, a.ground,
        a.reason, a.note, a.remedy, a.requested_at, a.decided_at, a.rejection_reason";
    const NEWEST_FIRST: &'static str = "a.requested_at DESC, a.id DESC";

    type Item = AssistanceQueueItem;

    fn from_row(row: &impl DbRow) -> anyhow::Result<Self> {
        Ok(AssistanceView {
            id: AssistanceId(row.int("id")?),
            complaint_id: ComplaintId(row.int("complaint_id")?),
            status: parse(&row.text("assistance_status")?)?,
            ground: parse(&row.text("ground")?)?,
            reason: parse(&row.text("reason")?)?,
            note: row.text("note")?,
            requested_at: UtcMillis(row.int("requested_at")?),
            decided_at: row.opt_int("decided_at")?.map(UtcMillis),
            rejection_reason: row.opt_text("rejection_reason")?,
            remedy: row.opt_text("remedy")?.as_deref().map(parse).transpose()?,
        })
    }

    fn item(self, complaint: ComplaintSummary, owner_name: String) -> AssistanceQueueItem {
        AssistanceQueueItem {
            request: self,
            complaint,
            owner_name,
        }
    }

    fn complaint_id(&self) -> ComplaintId {
        self.complaint_id
    }

    fn set_id(&mut self, id: i64) {
        self.id = AssistanceId(id);
    }
}

/// The complaint's assistance requests, newest first.
pub async fn assistance_of(
    conn: &mut Conn<'_>,
    complaint: ComplaintId,
) -> anyhow::Result<Vec<AssistanceView>> {
    queue::of_complaint(conn, complaint).await
}

pub async fn assistance(
    conn: &mut Conn<'_>,
    id: AssistanceId,
) -> anyhow::Result<Option<AssistanceView>> {
    queue::by_id(conn, id.0).await
}

/// Whether a request of the complaint waits for an agent.
pub async fn assistance_pending(
    conn: &mut Conn<'_>,
    complaint: ComplaintId,
) -> anyhow::Result<bool> {
    queue::any_with_status::<AssistanceView>(conn, complaint, AssistanceStatus::Pending.code())
        .await
}

pub struct NewAssistance<'a> {
    pub complaint: ComplaintId,
    pub ground: AssistanceGround,
    pub reason: WithdrawalReason,
    pub note: &'a str,
    /// The safeguards' answer (`check_safeguards`): for a settlement, had the remedy arrived?
    pub remedy: Option<Remedy>,
    pub requested_at: UtcMillis,
}

/// A pending request.
pub async fn insert_assistance(
    conn: &mut Conn<'_>,
    request: &NewAssistance<'_>,
) -> anyhow::Result<AssistanceId> {
    let sql = "INSERT INTO assistance_requests (complaint_id, status, ground, reason, note,
                                                requested_at, remedy)
               VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
    let id: i64 = on!(conn, |c| sqlx::query_scalar(sql)
        .bind(request.complaint.0)
        .bind(AssistanceStatus::Pending.code())
        .bind(request.ground.code())
        .bind(request.reason.code())
        .bind(request.note)
        .bind(request.requested_at.0)
        .bind(request.remedy.map(Remedy::code))
        .fetch_one(&mut **c)
        .await?);
    Ok(AssistanceId(id))
}

/// Compare-and-set: records an agent's decision on a request that is still pending.
pub async fn decide_assistance(
    conn: &mut Conn<'_>,
    id: AssistanceId,
    status: AssistanceStatus,
    agent: UserId,
    now: UtcMillis,
    rejection_reason: Option<&str>,
) -> anyhow::Result<Cas> {
    let sql = "UPDATE assistance_requests SET status = $1, decided_at = $2, decided_by = $3,
                      rejection_reason = $4
               WHERE id = $5 AND status = $6";
    let done = on!(conn, |c| sqlx::query(sql)
        .bind(status.code())
        .bind(now.0)
        .bind(agent.0)
        .bind(rejection_reason)
        .bind(id.0)
        .bind(AssistanceStatus::Pending.code())
        .execute(&mut **c)
        .await?
        .rows_affected());
    Ok(cas(done, "assistance request", id.0))
}

/// The agents' queue: requests with `status` with their complaints, pending ones oldest
/// first, decided ones latest decided first.
pub async fn assistance_queue(
    conn: &mut Conn<'_>,
    status: AssistanceStatus,
) -> anyhow::Result<Vec<AssistanceQueueItem>> {
    let order = match status {
        AssistanceStatus::Pending => "a.requested_at ASC, a.id ASC",
        AssistanceStatus::Approved | AssistanceStatus::Rejected => "a.decided_at DESC, a.id DESC",
    };
    queue::queue::<AssistanceView>(conn, status.code(), order).await
}

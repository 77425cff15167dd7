//! What the agents' console reads across conversations: the conversations in the order they
//! should be answered, and pressure reports by shop.

use complaint_api::{
    ArbitrationNoteStatus, AssistanceStatus, ComplaintSummary, MessageId, PressureReportStatus,
    RequestKind, ShopPressure,
};
use complaint_rules::{Role, UtcMillis};
use sqlx::QueryBuilder;

use super::complaints::{push_summary_columns, summary_from_row};
use super::{Conn, DbRow};

/// A conversation as the agents' queue lists it, its last message to be looked up.
pub struct QueuedConversation {
    pub complaint: ComplaintSummary,
    pub owner_name: String,
    pub waiting_since: Option<UtcMillis>,
    pub last_message: MessageId,
    pub unread: u32,
    pub open_requests: Vec<RequestKind>,
}

/// Every complaint with a conversation: those waiting for an answer first (the owner wrote
/// after the last agent's message), the longest waiting first; then the others, the latest
/// message first. At most 500.
pub async fn conversation_queue(conn: &mut Conn<'_>) -> anyhow::Result<Vec<QueuedConversation>> {
    let (shopper, agent) = (Role::Shopper.code(), Role::Agent.code());
    on!(conn, |c| {
        let mut query = QueryBuilder::new("SELECT ");
        push_summary_columns(&mut query);
        query
            .push(
                ", u.display_name AS owner_name, q.last_id, q.waiting_since, q.unread,
                 (SELECT COUNT(*) FROM assistance_requests a2
                  WHERE a2.complaint_id = c.id AND a2.status = ",
            )
            .push_bind(AssistanceStatus::Pending.code())
            .push(
                ") AS open_assistance,
                 (SELECT COUNT(*) FROM arbitration_notes n2
                  WHERE n2.complaint_id = c.id AND n2.status = ",
            )
            .push_bind(ArbitrationNoteStatus::Open.code())
            .push(
                ") AS open_notes,
                 (SELECT COUNT(*) FROM pressure_reports p2
                  WHERE p2.complaint_id = c.id AND p2.status = ",
            )
            .push_bind(PressureReportStatus::Open.code())
            .push(
                ") AS open_reports
                 FROM (SELECT m.complaint_id, MAX(m.id) AS last_id,
                              MIN(CASE WHEN m.author_role = ",
            )
            .push_bind(shopper)
            .push(
                " AND m.id > COALESCE(answered.last_agent, 0) THEN m.sent_at END)
                                  AS waiting_since,
                              SUM(CASE WHEN m.author_role = ",
            )
            .push_bind(shopper)
            .push(
                " AND m.id > COALESCE(r.up_to, 0) THEN 1 ELSE 0 END) AS unread
                       FROM messages m
                       LEFT JOIN (SELECT complaint_id, MAX(id) AS last_agent FROM messages
                                  WHERE author_role = ",
            )
            .push_bind(agent)
            .push(
                " GROUP BY complaint_id) answered ON answered.complaint_id = m.complaint_id
                       LEFT JOIN conversation_reads r
                              ON r.complaint_id = m.complaint_id AND r.side = ",
            )
            .push_bind(agent)
            .push(
                " GROUP BY m.complaint_id) q
                 JOIN complaints c ON c.id = q.complaint_id
                 JOIN orders o ON o.id = c.order_id
                 JOIN users u ON u.id = c.owner_id
                 ORDER BY (q.waiting_since IS NULL), q.waiting_since, q.last_id DESC
                 LIMIT 500",
            );
        let rows = query.build().fetch_all(&mut **c).await?;
        rows.iter()
            .map(|row| {
                let mut open_requests = Vec::new();
                for (column, kind) in [
                    ("open_assistance", RequestKind::AssistedWithdrawal),
                    ("open_notes", RequestKind::ArbitrationNote),
                    ("open_reports", RequestKind::PressureReport),
                ] {
                    if row.int(column)? > 0 {
                        open_requests.push(kind);
                    }
                }
                Ok(QueuedConversation {
                    complaint: summary_from_row(row)?,
                    owner_name: row.text("owner_name")?,
                    waiting_since: row.opt_int("waiting_since")?.map(UtcMillis),
                    last_message: MessageId(row.int("last_id")?),
                    unread: u32::try_from(row.int("unread")?)?,
                    open_requests,
                })
            })
            .collect()
    })
}

/// Pressure reports by the shop of the complaint's order: how many, how many open, the
/// latest, and how many complaints were withdrawn after a report on them. The most reported
/// first.
pub async fn pressure_by_shop(conn: &mut Conn<'_>) -> anyhow::Result<Vec<ShopPressure>> {
    on!(conn, |c| {
        let mut query =
            QueryBuilder::new("SELECT o.shop, COUNT(*) AS reports, SUM(CASE WHEN p.status = ");
        query.push_bind(PressureReportStatus::Open.code()).push(
            " THEN 1 ELSE 0 END) AS open, MAX(p.reported_at) AS latest,
                 (SELECT COUNT(*) FROM complaints c2
                  JOIN orders o2 ON o2.id = c2.order_id
                  JOIN withdrawals r ON r.complaint_id = c2.id
                  WHERE o2.shop = o.shop AND EXISTS
                      (SELECT 1 FROM pressure_reports p2
                       WHERE p2.complaint_id = c2.id AND p2.reported_at <= r.withdrawn_at))
                  AS withdrawn_after_report
                 FROM pressure_reports p
                 JOIN complaints c ON c.id = p.complaint_id
                 JOIN orders o ON o.id = c.order_id
                 GROUP BY o.shop
                 ORDER BY reports DESC, latest DESC, o.shop
                 LIMIT 500",
        );
        let rows = query.build().fetch_all(&mut **c).await?;
        rows.iter()
            .map(|row| {
                Ok(ShopPressure {
                    shop: row.text("shop")?,
                    reports: u32::try_from(row.int("reports")?)?,
                    open: u32::try_from(row.int("open")?)?,
                    latest: UtcMillis(row.int("latest")?),
                    withdrawn_after_report: u32::try_from(row.int("withdrawn_after_report")?)?,
                })
            })
            .collect()
    })
}

//! One complaint: its summary and description, its timeline, and the writes that file it
//! and move it (compare-and-set on its version).

use anyhow::Context as _;
use complaint_api::{
    ComplaintId, ComplaintSummary, Ending, OrderBrief, OrderId, TimelineEvent, TimelineEventKind,
    FIRST_VERSION,
};
use complaint_rules::{ComplaintKind, ComplaintStatus, UserId, UtcMillis};
use sqlx::{Database, QueryBuilder};

use super::{cas, parse, Cas, Conn, DbRow};

/// The names of the columns [`push_summary_columns`] selects, in its order: the elements of
/// [`push_summary_array`] and the fields of [`SummaryRecord`], in the same order.
const SUMMARY_COLUMNS: [&str; 16] = [
    "id",
    "number",
    "owner_id",
    "order_id",
    "order_number",
    "order_title",
    "order_shop",
    "order_amount_fen",
    "order_image",
    "kind",
    "status",
    "filed_at",
    "version",
    "assistance",
    "ended_at",
    "withdrawn_by",
];

/// A [`ComplaintSummary`]'s columns (`c` a complaint, `o` its order), named as in
/// [`SUMMARY_COLUMNS`], for [`summary_from_row`].
pub(super) fn push_summary_columns<'a, DB>(query: &mut QueryBuilder<'a, DB>)
where
    DB: Database,
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    query
        .push(
            "c.id, c.number, c.owner_id, c.order_id, o.number AS order_number,
             o.title AS order_title, o.shop AS order_shop, o.amount_fen AS order_amount_fen,
             o.image AS order_image, c.kind, c.status, c.filed_at, c.version,
             (SELECT a.status FROM assistance_requests a WHERE a.complaint_id = c.id
              ORDER BY a.id DESC LIMIT 1) AS assistance,",
        )
        // Only an ended complaint looks further: its last status change (or withdrawal) is
        // when it ended; a withdrawal's record says who made it.
        .push(
            " CASE WHEN c.status IN ('resolved', 'closed', 'withdrawn') THEN
                 (SELECT MAX(t.at) FROM timeline_events t
                  WHERE t.complaint_id = c.id AND t.kind IN ('status_changed', 'withdrawn'))
             END AS ended_at,
             CASE WHEN c.status = 'withdrawn' THEN
                 (SELECT r.withdrawn_by FROM withdrawals r WHERE r.complaint_id = c.id)
             END AS withdrawn_by",
        );
}

/// A row of [`push_summary_columns`] as one JSON array, `{array}(id, number, …)` with the
/// backend's [`Conn::json_functions`], for [`SummaryRecord`]. The columns must be in scope by
/// their names, as in a query over a subquery of them.
pub(super) fn push_summary_array<DB: Database>(query: &mut QueryBuilder<'_, DB>, array: &str) {
    query
        .push(array)
        .push("(")
        .push(SUMMARY_COLUMNS.join(", "))
        .push(")");
}

/// A row of [`push_summary_columns`] as stored, read by column name from a row, or by
/// position from a JSON array of [`push_summary_array`] (its fields are in the order of
/// [`SUMMARY_COLUMNS`]).
#[derive(Debug, serde::Deserialize)]
pub(super) struct SummaryRecord {
    id: i64,
    number: String,
    owner_id: i64,
    order_id: i64,
    order_number: String,
    order_title: String,
    order_shop: String,
    order_amount_fen: i64,
    order_image: Option<String>,
    kind: String,
    status: String,
    filed_at: i64,
    version: i64,
    assistance: Option<String>,
    ended_at: Option<i64>,
    withdrawn_by: Option<String>,
}

impl SummaryRecord {
    fn from_row(row: &impl DbRow) -> sqlx::Result<SummaryRecord> {
        Ok(SummaryRecord {
            id: row.int("id")?,
            number: row.text("number")?,
            owner_id: row.int("owner_id")?,
            order_id: row.int("order_id")?,
            order_number: row.text("order_number")?,
            order_title: row.text("order_title")?,
            order_shop: row.text("order_shop")?,
            order_amount_fen: row.int("order_amount_fen")?,
            order_image: row.opt_text("order_image")?,
            kind: row.text("kind")?,
            status: row.text("status")?,
            filed_at: row.int("filed_at")?,
            version: row.int("version")?,
            assistance: row.opt_text("assistance")?,
            ended_at: row.opt_int("ended_at")?,
            withdrawn_by: row.opt_text("withdrawn_by")?,
        })
    }

    pub(super) fn into_summary(self) -> anyhow::Result<ComplaintSummary> {
        Ok(ComplaintSummary {
            id: ComplaintId(self.id),
            number: self.number,
            owner: UserId(self.owner_id),
            order: OrderBrief {
                id: OrderId(self.order_id),
                number: self.order_number,
                title: self.order_title,
                shop: self.order_shop,
                amount_fen: self.order_amount_fen,
                image: self.order_image,
            },
            kind: parse(&self.kind)?,
            status: parse::<ComplaintStatus>(&self.status)?,
            filed_at: UtcMillis(self.filed_at),
            version: self.version,
            assistance: self.assistance.as_deref().map(parse).transpose()?,
            ended: match self.ended_at {
                Some(at) => Some(Ending {
                    at: UtcMillis(at),
                    withdrawn_by: self.withdrawn_by.as_deref().map(parse).transpose()?,
                }),
                None => None,
            },
        })
    }
}

pub(super) fn summary_from_row(row: &impl DbRow) -> anyhow::Result<ComplaintSummary> {
    SummaryRecord::from_row(row)?.into_summary()
}

/// A complaint and its description.
pub async fn complaint(
    conn: &mut Conn<'_>,
    id: ComplaintId,
) -> anyhow::Result<Option<(ComplaintSummary, String)>> {
    on!(conn, |c| {
        let mut query = QueryBuilder::new("SELECT ");
        push_summary_columns(&mut query);
        query
            .push(", c.description FROM complaints c JOIN orders o ON o.id = c.order_id")
            .push(" WHERE c.id = ")
            .push_bind(id.0);
        let row = query.build().fetch_optional(&mut **c).await?;
        match row {
            Some(row) => Ok(Some((summary_from_row(&row)?, row.text("description")?))),
            None => Ok(None),
        }
    })
}

/// How many timeline events the complaint has.
pub async fn timeline_len(conn: &mut Conn<'_>, id: ComplaintId) -> anyhow::Result<usize> {
    let sql = "SELECT COUNT(*) FROM timeline_events WHERE complaint_id = $1";
    let count: i64 = on!(conn, |c| sqlx::query_scalar(sql)
        .bind(id.0)
        .fetch_one(&mut **c)
        .await?);
    Ok(usize::try_from(count)?)
}

pub async fn timeline(conn: &mut Conn<'_>, id: ComplaintId) -> anyhow::Result<Vec<TimelineEvent>> {
    let sql = "SELECT t.at, u.display_name, u.role, t.event FROM timeline_events t
               JOIN users u ON u.id = t.actor_id WHERE t.complaint_id = $1 ORDER BY t.at, t.id";
    on!(conn, |c| {
        let rows = sqlx::query(sql).bind(id.0).fetch_all(&mut **c).await?;
        rows.iter()
            .map(|row| {
                Ok(TimelineEvent {
                    at: UtcMillis(row.int("at")?),
                    actor_name: row.text("display_name")?,
                    actor_role: parse(&row.text("role")?)?,
                    event: serde_json::from_str(&row.text("event")?)
                        .context("a timeline event in the database")?,
                })
            })
            .collect()
    })
}

pub async fn insert_event(
    conn: &mut Conn<'_>,
    complaint: ComplaintId,
    at: UtcMillis,
    actor: UserId,
    event: &TimelineEventKind,
) -> anyhow::Result<()> {
    let json = serde_json::to_string(event)?;
    let sql = "INSERT INTO timeline_events (complaint_id, at, actor_id, kind, event)
               VALUES ($1, $2, $3, $4, $5)";
    on!(conn, |c| sqlx::query(sql)
        .bind(complaint.0)
        .bind(at.0)
        .bind(actor.0)
        .bind(event.code())
        .bind(&json)
        .execute(&mut **c)
        .await?
        .rows_affected());
    Ok(())
}

/// A new complaint, at [`FIRST_VERSION`]; its number is given by the caller.
pub struct NewComplaint<'a> {
    pub order: OrderId,
    pub owner: UserId,
    pub kind: ComplaintKind,
    pub description: &'a str,
    pub status: ComplaintStatus,
    pub filed_at: UtcMillis,
}

pub async fn insert_complaint(
    conn: &mut Conn<'_>,
    complaint: &NewComplaint<'_>,
    number: impl Fn(ComplaintId) -> String,
) -> anyhow::Result<ComplaintId> {
    // The number derives from the id, known only after the insert: a placeholder first,
    // unique within the transaction that holds the write lock.
    let sql = "INSERT INTO complaints (number, order_id, owner_id, kind, description, status,
                                       filed_at, version, updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
    let id: i64 = on!(conn, |c| sqlx::query_scalar(sql)
        .bind("")
        .bind(complaint.order.0)
        .bind(complaint.owner.0)
        .bind(complaint.kind.code())
        .bind(complaint.description)
        .bind(complaint.status.code())
        .bind(complaint.filed_at.0)
        .bind(FIRST_VERSION)
        .bind(complaint.filed_at.0)
        .fetch_one(&mut **c)
        .await?);
    let id = ComplaintId(id);
    let number = number(id);
    let sql = "UPDATE complaints SET number = $1 WHERE id = $2";
    on!(conn, |c| sqlx::query(sql)
        .bind(&number)
        .bind(id.0)
        .execute(&mut **c)
        .await?
        .rows_affected());
    Ok(id)
}

/// Compare-and-set: moves the complaint to `status` and bumps its version, if its version is
/// still `expected_version`.
pub async fn set_status(
    conn: &mut Conn<'_>,
    id: ComplaintId,
    expected_version: i64,
    status: ComplaintStatus,
    now: UtcMillis,
) -> anyhow::Result<Cas> {
    bump(conn, id, expected_version, Some(status), now).await
}

/// Compare-and-set: bumps the version of a complaint whose status did not change (an
/// assistance request was filed or decided), if it is still `expected_version`.
pub async fn touch(
    conn: &mut Conn<'_>,
    id: ComplaintId,
    expected_version: i64,
    now: UtcMillis,
) -> anyhow::Result<Cas> {
    bump(conn, id, expected_version, None, now).await
}

/// The one compare-and-set on a complaint's version: a new version, and `status` if any.
async fn bump(
    conn: &mut Conn<'_>,
    id: ComplaintId,
    expected_version: i64,
    status: Option<ComplaintStatus>,
    now: UtcMillis,
) -> anyhow::Result<Cas> {
    let sql = "UPDATE complaints
               SET status = COALESCE($1, status), version = version + 1, updated_at = $2
               WHERE id = $3 AND version = $4";
    let done = on!(conn, |c| sqlx::query(sql)
        .bind(status.map(ComplaintStatus::code))
        .bind(now.0)
        .bind(id.0)
        .bind(expected_version)
        .execute(&mut **c)
        .await?
        .rows_affected());
    Ok(cas(done, "complaint", id.0))
}

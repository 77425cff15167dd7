//! What assistance requests, pressure reports and arbitration notes share: rows of a table of their own, each
//! about a complaint, with a status, read one at a time, by complaint, and as an agents' queue.

use complaint_api::{ComplaintId, ComplaintSummary};
use sqlx::QueryBuilder;

use super::complaints::{push_summary_columns, summary_from_row};
use super::{Conn, DbRow};

/// A kind of record an agents' queue holds.
pub(super) trait Queued: Sized {
    /// The table and its alias in [`Queued::COLUMNS`], e.g. `assistance_requests a`.
    const TABLE: &'static str;
    const ALIAS: &'static str;
    /// The columns [`Queued::from_row`] reads, prefixed by the alias; the status is named
    /// apart from the complaint's (`… AS assistance_status`).
    const COLUMNS: &'static str;
    /// How one complaint's records are ordered: newest first.
    const NEWEST_FIRST: &'static str;

    /// A row of the queue: the record, its complaint, the owner's display name.
    type Item;

    fn from_row(row: &impl DbRow) -> anyhow::Result<Self>;
    fn item(self, complaint: ComplaintSummary, owner_name: String) -> Self::Item;
    fn complaint_id(&self) -> ComplaintId;
    /// Its id, when read from a row whose `id` is the complaint's.
    fn set_id(&mut self, id: i64);
}

/// The record `id`.
pub(super) async fn by_id<T: Queued>(conn: &mut Conn<'_>, id: i64) -> anyhow::Result<Option<T>> {
    let sql = format!(
        "SELECT {} FROM {} {} WHERE {}.id = $1",
        T::COLUMNS,
        T::TABLE,
        T::ALIAS,
        T::ALIAS
    );
    on!(conn, |c| {
        let row = sqlx::query(&sql).bind(id).fetch_optional(&mut **c).await?;
        row.as_ref().map(T::from_row).transpose()
    })
}

/// The records `ids` (in no particular order; those that do not exist are left out).
pub(super) async fn by_ids<T: Queued>(conn: &mut Conn<'_>, ids: &[i64]) -> anyhow::Result<Vec<T>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    on!(conn, |c| {
        let mut query = QueryBuilder::new(format!(
            "SELECT {} FROM {} {} WHERE {}.id IN (",
            T::COLUMNS,
            T::TABLE,
            T::ALIAS,
            T::ALIAS
        ));
        let mut list = query.separated(", ");
        for id in ids {
            list.push_bind(*id);
        }
        query.push(")");
        let rows = query.build().fetch_all(&mut **c).await?;
        rows.iter().map(T::from_row).collect()
    })
}

/// The complaint's records, newest first.
pub(super) async fn of_complaint<T: Queued>(
    conn: &mut Conn<'_>,
    complaint: ComplaintId,
) -> anyhow::Result<Vec<T>> {
    let sql = format!(
        "SELECT {} FROM {} {} WHERE {}.complaint_id = $1 ORDER BY {}",
        T::COLUMNS,
        T::TABLE,
        T::ALIAS,
        T::ALIAS,
        T::NEWEST_FIRST
    );
    on!(conn, |c| {
        let rows = sqlx::query(&sql)
            .bind(complaint.0)
            .fetch_all(&mut **c)
            .await?;
        rows.iter().map(T::from_row).collect()
    })
}

/// Whether the complaint has a record with `status`.
pub(super) async fn any_with_status<T: Queued>(
    conn: &mut Conn<'_>,
    complaint: ComplaintId,
    status: &str,
) -> anyhow::Result<bool> {
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM {} WHERE complaint_id = $1 AND status = $2)",
        T::TABLE
    );
    Ok(on!(conn, |c| sqlx::query_scalar(&sql)
        .bind(complaint.0)
        .bind(status)
        .fetch_one(&mut **c)
        .await?))
}

/// An agents' queue: the records with `status` in `order`, each with its complaint and the
/// owner's display name (at most 500).
pub(super) async fn queue<T: Queued>(
    conn: &mut Conn<'_>,
    status: &str,
    order: &str,
) -> anyhow::Result<Vec<T::Item>> {
    let alias = T::ALIAS;
    on!(conn, |c| {
        let mut query = QueryBuilder::new(format!("SELECT {}, ", T::COLUMNS));
        push_summary_columns(&mut query);
        query
            .push(format!(
                ", u.display_name AS owner_name FROM {} {alias}
                 JOIN complaints c ON c.id = {alias}.complaint_id
                 JOIN orders o ON o.id = c.order_id
                 JOIN users u ON u.id = c.owner_id
                 WHERE {alias}.status = ",
                T::TABLE
            ))
            .push_bind(status.to_owned())
            .push(format!(" ORDER BY {order} LIMIT 500"));
        let rows = query.build().fetch_all(&mut **c).await?;
        rows.iter()
            .map(|row| {
                let mut record = T::from_row(row)?;
                // Its `id` and the complaint's share a name in the row: its own comes first.
                record.set_id(row.int_at(0)?);
                let mut complaint = summary_from_row(row)?;
                complaint.id = record.complaint_id();
                Ok(record.item(complaint, row.text("owner_name")?))
            })
            .collect()
    })
}

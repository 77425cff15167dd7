//! The lists: which complaints a page shows ([`ListFilter`], with the search of
//! [`super::search`]), the page, and its counts per status and in the `withdrawable` group.

use anyhow::Context as _;
use complaint_api::{ComplaintGroup, ComplaintId, ComplaintSummary, StatusCount};
use complaint_rules::{self_service_deadline, ComplaintStatus, UserId, UtcMillis};
use sqlx::{Database, QueryBuilder};

use super::complaints::{push_summary_array, push_summary_columns, SummaryRecord};
use super::search::{push_matches, SearchText};
use super::{parse, Conn, Db, DbRow};

/// Which complaints a list shows.
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    /// `None`: every user's (the agent console).
    pub owner: Option<UserId>,
    /// Only complaints in one of these statuses (`None`: any).
    pub statuses: Option<Vec<ComplaintStatus>>,
    /// Only complaints filed at or after this (the `withdrawable` group's window).
    pub filed_since: Option<UtcMillis>,
    /// Text in the complaint number, or the order's number, product title or shop name.
    pub q: Option<SearchText>,
    pub order: ListOrder,
    /// Keyset: strictly after this key in `order`.
    pub after: Option<ListKey>,
    pub limit: u32,
}

/// How a list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ListOrder {
    /// `filed_at`, then `id`, descending (the agents' console).
    #[default]
    NewestFirst,
    /// The shopper's: first the complaints in the `withdrawable` group as of `since` (a
    /// status the rules let become `withdrawn`, filed at or after `since`, see
    /// [`ComplaintGroup::filed_since`]), the soonest self-service deadline first; then the
    /// others, newest first. Every deadline is `filed_at` plus the same policy window, so
    /// soonest deadline first is `filed_at` ascending (then `id`).
    ///
    /// `since` is fixed for all the pages of one list (the cursor carries it): a window
    /// that closes while the shopper scrolls moves nothing between pages, so no complaint
    /// is skipped or shown twice.
    WithdrawableFirst { since: UtcMillis },
}

/// The part of a [`ListOrder`] a complaint is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListPart {
    /// In the `withdrawable` group (only in [`ListOrder::WithdrawableFirst`]).
    Withdrawable,
    /// Everything else (every complaint in [`ListOrder::NewestFirst`]).
    Rest,
}

/// A complaint's place in a [`ListOrder`]: the keyset a page continues after.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListKey {
    pub part: ListPart,
    pub filed_at: UtcMillis,
    pub id: ComplaintId,
}

impl ListOrder {
    /// The place of `complaint` in this order.
    pub fn key_of(self, complaint: &ComplaintSummary) -> ListKey {
        let withdrawable = match self {
            ListOrder::NewestFirst => false,
            ListOrder::WithdrawableFirst { since } => {
                ComplaintGroup::Withdrawable.admits(complaint.status) && complaint.filed_at >= since
            }
        };
        ListKey {
            part: if withdrawable {
                ListPart::Withdrawable
            } else {
                ListPart::Rest
            },
            filed_at: complaint.filed_at,
            id: complaint.id,
        }
    }
}

/// ` WHERE …` of a list and its counts: the owner's complaints (`None`: everyone's) that
/// match `q`.
fn push_owner_and_q<'a, DB>(
    builder: &mut QueryBuilder<'a, DB>,
    owner: Option<UserId>,
    q: Option<&SearchText>,
    like: &str,
) where
    DB: Database,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    builder.push(" WHERE 1 = 1");
    if let Some(owner) = owner {
        builder.push(" AND c.owner_id = ").push_bind(owner.0);
    }
    if let Some(q) = q {
        push_matches(builder, q, like);
    }
}

fn push_list_filters<'a, DB>(builder: &mut QueryBuilder<'a, DB>, filter: &ListFilter, like: &str)
where
    DB: Database,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    push_owner_and_q(builder, filter.owner, filter.q.as_ref(), like);
    if let Some(statuses) = &filter.statuses {
        if statuses.is_empty() {
            builder.push(" AND 1 = 0");
        } else {
            builder.push(" AND c.status IN (");
            let mut separated = builder.separated(", ");
            for status in statuses {
                separated.push_bind(status.code().to_owned());
            }
            builder.push(")");
        }
    }
    if let Some(filed_since) = filter.filed_since {
        builder.push(" AND c.filed_at >= ").push_bind(filed_since.0);
    }
    match filter.order {
        ListOrder::NewestFirst => push_newest_first(builder, filter.after),
        ListOrder::WithdrawableFirst { since } => {
            push_withdrawable_first(builder, since, filter.after)
        }
    }
    builder.push(" LIMIT ").push_bind(i64::from(filter.limit));
}

/// `(c.filed_at, c.id)` before `key` (older).
fn push_older_than<'a, DB>(builder: &mut QueryBuilder<'a, DB>, key: ListKey)
where
    DB: Database,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    push_compared(builder, key, " < ");
}

/// `(c.filed_at, c.id)` after `key` (newer).
fn push_newer_than<'a, DB>(builder: &mut QueryBuilder<'a, DB>, key: ListKey)
where
    DB: Database,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    push_compared(builder, key, " > ");
}

fn push_compared<'a, DB>(builder: &mut QueryBuilder<'a, DB>, key: ListKey, op: &str)
where
    DB: Database,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    builder
        .push(format!("(c.filed_at{op}"))
        .push_bind(key.filed_at.0)
        .push(" OR (c.filed_at = ")
        .push_bind(key.filed_at.0)
        .push(format!(" AND c.id{op}"))
        .push_bind(key.id.0)
        .push("))");
}

/// [`ListOrder::NewestFirst`]: after the cursor's key, newest first (the index's order, which
/// [`push_sort_keys`] repeats for the page).
fn push_newest_first<'a, DB>(builder: &mut QueryBuilder<'a, DB>, after: Option<ListKey>)
where
    DB: Database,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    match after {
        // Nothing comes after the withdrawable part here but the whole list.
        None
        | Some(ListKey {
            part: ListPart::Withdrawable,
            ..
        }) => {}
        Some(key) => {
            builder.push(" AND ");
            push_older_than(builder, key);
        }
    }
    builder.push(" ORDER BY c.filed_at DESC, c.id DESC");
}

/// Whether a row is in the `withdrawable` group as of `since` (a boolean SQL expression).
fn push_in_window<'a, DB>(builder: &mut QueryBuilder<'a, DB>, since: UtcMillis)
where
    DB: Database,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    builder.push("(c.status IN (");
    let mut separated = builder.separated(", ");
    for status in ComplaintGroup::Withdrawable.statuses() {
        separated.push_bind(status.code().to_owned());
    }
    builder
        .push(") AND c.filed_at >= ")
        .push_bind(since.0)
        .push(")");
}

/// [`ListOrder::WithdrawableFirst`]: after the cursor's key, by the keys of
/// [`push_sort_keys`] (which must be in the select list).
fn push_withdrawable_first<'a, DB>(
    builder: &mut QueryBuilder<'a, DB>,
    since: UtcMillis,
    after: Option<ListKey>,
) where
    DB: Database,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    match after {
        None => {}
        Some(
            key @ ListKey {
                part: ListPart::Withdrawable,
                ..
            },
        ) => {
            // Later in the withdrawable part, or anywhere in the rest.
            builder.push(" AND (NOT ");
            push_in_window(builder, since);
            builder.push(" OR ");
            push_newer_than(builder, key);
            builder.push(")");
        }
        Some(
            key @ ListKey {
                part: ListPart::Rest,
                ..
            },
        ) => {
            builder.push(" AND NOT ");
            push_in_window(builder, since);
            builder.push(" AND ");
            push_older_than(builder, key);
        }
    }
    builder.push(" ORDER BY sort_part, sort_at, sort_id");
}

/// The keys of `order`, ascending, as the columns `sort_part`, `sort_at` and `sort_id`: the
/// part (0 the withdrawable one, 1 the rest), then `filed_at` and `id`, ascending in the
/// withdrawable part and descending in the rest (negated, so both backends sort the same
/// way without NULLs).
fn push_sort_keys<'a, DB>(builder: &mut QueryBuilder<'a, DB>, order: ListOrder)
where
    DB: Database,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    match order {
        ListOrder::NewestFirst => {
            builder.push(", 1 AS sort_part, -c.filed_at AS sort_at, -c.id AS sort_id");
        }
        ListOrder::WithdrawableFirst { since } => {
            builder.push(", CASE WHEN ");
            push_in_window(builder, since);
            builder.push(" THEN 0 ELSE 1 END AS sort_part, CASE WHEN ");
            push_in_window(builder, since);
            builder.push(" THEN c.filed_at ELSE -c.filed_at END AS sort_at, CASE WHEN ");
            push_in_window(builder, since);
            builder.push(" THEN c.id ELSE -c.id END AS sort_id");
        }
    }
}

/// One page of complaints, in `filter.order`.
///
/// The database builds the page as one value, a JSON array of `[complaint, sort keys…]`, so
/// that it crosses from the driver's connection to the request once rather than once per
/// complaint (a quarter more list requests per second on SQLite: BENCHMARKS.md, "The list
/// page as one value"). An aggregate promises no order, so the page is put in order here by
/// the keys the query sorted by ([`push_sort_keys`]), which costs less than the aggregate's
/// own `ORDER BY` on SQLite.
pub async fn list_complaints(
    conn: &mut Conn<'_>,
    filter: &ListFilter,
) -> anyhow::Result<Vec<ComplaintSummary>> {
    let like = conn.like();
    let (aggregate, array) = conn.json_functions();
    let page: String = on!(conn, |c| {
        let mut builder = QueryBuilder::new(format!("SELECT COALESCE(CAST({aggregate}({array}("));
        push_summary_array(&mut builder, array);
        builder.push(", sort_part, sort_at, sort_id)) AS TEXT), '[]') AS page FROM (SELECT ");
        push_summary_columns(&mut builder);
        push_sort_keys(&mut builder, filter.order);
        builder.push(" FROM complaints c JOIN orders o ON o.id = c.order_id");
        push_list_filters(&mut builder, filter, like);
        builder.push(") AS page_rows");
        builder.build().fetch_one(&mut **c).await?.text("page")?
    });
    let mut rows: Vec<(SummaryRecord, i64, i64, i64)> =
        serde_json::from_str(&page).context("a list page as the database built it")?;
    rows.sort_unstable_by_key(|&(_, part, at, id)| (part, at, id));
    rows.into_iter()
        .map(|(record, ..)| record.into_summary())
        .collect()
}

/// The counts of a list: per status, and in the `withdrawable` group, honouring owner and q.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counts {
    /// Every status, zeros included.
    pub by_status: Vec<StatusCount>,
    /// In the `withdrawable` group at `at`.
    pub withdrawable: u32,
    /// When they were counted (on the server's clock).
    pub at: UtcMillis,
    /// When the first of the `withdrawable` ones leaves the group (its window closes); None
    /// when there are none. Until then, and as long as nothing is written, they stay exact:
    /// a complaint joins the group only by being filed or moved (a write), and leaves it by
    /// a write or by its window closing.
    pub withdrawable_until: Option<UtcMillis>,
}

impl Counts {
    /// Whether these counts are still exact at `now`, if nothing was written since they
    /// were counted (a clock that went back may bring complaints back into the window).
    pub fn hold_at(&self, now: UtcMillis) -> bool {
        self.at <= now && self.withdrawable_until.is_none_or(|until| now < until)
    }
}

impl Db {
    /// The counts at `now` ([`Counts`]), from the cache when it still holds (SQLite, without
    /// `q`: nothing written since, and the `withdrawable` count still exact at `now`).
    pub async fn count_by_status(
        &self,
        conn: &mut Conn<'_>,
        owner: Option<UserId>,
        q: Option<&SearchText>,
        now: UtcMillis,
    ) -> anyhow::Result<Counts> {
        if q.is_some() {
            return count(conn, owner, q, now).await;
        }
        let stamp = match self.cache.counts(owner, now) {
            Ok(counts) => return Ok(counts),
            Err(stamp) => stamp,
        };
        let counts = count(conn, owner, None, now).await?;
        if let Some(stamp) = stamp {
            self.cache.store_counts(stamp, owner, &counts);
        }
        Ok(counts)
    }
}

/// How many complaints per status (every status, zeros included) and in the `withdrawable`
/// group at `now`, honouring owner and q: one query, which counts per status the ones filed
/// within the window (`window_open_since`); the rules say which statuses are withdrawable.
async fn count(
    conn: &mut Conn<'_>,
    owner: Option<UserId>,
    q: Option<&SearchText>,
    now: UtcMillis,
) -> anyhow::Result<Counts> {
    let like = conn.like();
    let since = ComplaintGroup::Withdrawable
        .filed_since(now)
        .context("the withdrawable group has a window")?;
    type Found = (String, i64, i64, Option<i64>);
    let found: Vec<Found> = on!(conn, |c| {
        let mut builder =
            QueryBuilder::new("SELECT c.status, COUNT(*) AS n, SUM(CASE WHEN c.filed_at >= ");
        builder
            .push_bind(since.0)
            .push(" THEN 1 ELSE 0 END) AS in_window, MIN(CASE WHEN c.filed_at >= ")
            .push_bind(since.0)
            .push(
                " THEN c.filed_at END) AS first_in_window
                 FROM complaints c JOIN orders o ON o.id = c.order_id",
            );
        push_owner_and_q(&mut builder, owner, q, like);
        builder.push(" GROUP BY c.status");
        let rows = builder.build().fetch_all(&mut **c).await?;
        rows.iter()
            .map(|row| {
                Ok((
                    row.text("status")?,
                    row.int("n")?,
                    row.int("in_window")?,
                    row.opt_int("first_in_window")?,
                ))
            })
            .collect::<anyhow::Result<_>>()?
    });
    let mut by_status: Vec<StatusCount> = ComplaintStatus::ALL
        .into_iter()
        .map(|status| StatusCount { status, count: 0 })
        .collect();
    let mut withdrawable = 0u32;
    let mut first_in_window: Option<UtcMillis> = None;
    for (status, n, in_window, first) in found {
        let status = parse::<ComplaintStatus>(&status)?;
        if let Some(entry) = by_status.iter_mut().find(|entry| entry.status == status) {
            entry.count = u32::try_from(n).unwrap_or(u32::MAX);
        }
        if ComplaintGroup::Withdrawable.admits(status) {
            withdrawable =
                withdrawable.saturating_add(u32::try_from(in_window).unwrap_or(u32::MAX));
            if let Some(first) = first.map(UtcMillis) {
                first_in_window = Some(first_in_window.map_or(first, |earlier| earlier.min(first)));
            }
        }
    }
    Ok(Counts {
        by_status,
        withdrawable,
        at: now,
        withdrawable_until: first_in_window.map(self_service_deadline),
    })
}

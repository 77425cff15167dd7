//! All SQL lives here (SQLite). The rest of the server sees plain functions that take a
//! connection and return the API's types, so another backend (PostgreSQL) can be added
//! behind the same functions. Every value is a bound parameter.
//!
//! Writes go through [`Db::write`]: one transaction that takes SQLite's write lock up front
//! (`BEGIN IMMEDIATE`), behind an in-process gate, so concurrent mutations serialize instead
//! of failing with `SQLITE_BUSY`, and each one re-reads the state it decides on.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use complaint_api::{
    AssistanceId, AssistanceStatus, AssistanceView, ComplaintBrief, ComplaintId, ComplaintSummary,
    OrderBrief, OrderId, OrderView, Revocation, StatusCount, TimelineEvent, TimelineEventKind,
    UserView, WithdrawnBy,
};
use complaint_rules::{
    AssistanceGround, ComplaintKind, ComplaintStatus, RevokeReason, UserId, UtcMillis,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection, SqlitePool, Transaction};
use tokio::sync::{Mutex, OwnedMutexGuard};

/// A connection to run queries on: a pooled connection or an open transaction.
pub type Conn = SqliteConnection;

#[derive(Clone)]
pub struct Db {
    pool: SqlitePool,
    write_gate: Arc<Mutex<()>>,
}

/// An open write transaction holding the write lock. Dropped without [`WriteTx::commit`],
/// it rolls back.
pub struct WriteTx {
    tx: Transaction<'static, Sqlite>,
    _gate: OwnedMutexGuard<()>,
}

impl WriteTx {
    pub fn conn(&mut self) -> &mut Conn {
        &mut self.tx
    }

    pub async fn commit(self) -> sqlx::Result<()> {
        self.tx.commit().await
    }
}

impl Db {
    /// Opens (creating the file and its directory if needed) and migrates the database.
    pub async fn connect(database_url: &str) -> anyhow::Result<Db> {
        if database_url.starts_with("postgres:") || database_url.starts_with("postgresql:") {
            anyhow::bail!("PostgreSQL is not supported yet; use a sqlite:// URL or a file path");
        }
        let options = if database_url.starts_with("sqlite:") {
            SqliteConnectOptions::from_str(database_url)
                .with_context(|| format!("invalid database URL {database_url:?}"))?
        } else {
            SqliteConnectOptions::new().filename(database_url)
        };
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let file = options.get_filename();
        if let Some(parent) = file.parent() {
            if !parent.as_os_str().is_empty() && file.to_str() != Some(":memory:") {
                std::fs::create_dir_all(parent).with_context(|| {
                    format!(
                        "could not create the database directory {}",
                        parent.display()
                    )
                })?;
            }
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options)
            .await
            .with_context(|| format!("could not open the database {database_url:?}"))?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .context("could not migrate the database")?;
        Ok(Db {
            pool,
            write_gate: Arc::new(Mutex::new(())),
        })
    }

    /// A connection for reads (WAL: readers never wait for the writer).
    pub async fn read(&self) -> sqlx::Result<sqlx::pool::PoolConnection<Sqlite>> {
        self.pool.acquire().await
    }

    /// Begins a write transaction holding the write lock until commit or drop.
    pub async fn write(&self) -> sqlx::Result<WriteTx> {
        let gate = Arc::clone(&self.write_gate).lock_owned().await;
        let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        Ok(WriteTx { tx, _gate: gate })
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

// --- enumerations are stored as their wire codes ---------------------------------------------

/// The snake_case code serde gives a unit enum variant.
pub fn code_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(code)) => code,
        other => unreachable!("not a unit enum variant: {other:?}"),
    }
}

fn parse_code<T: DeserializeOwned>(code: &str) -> anyhow::Result<T> {
    serde_json::from_value(serde_json::Value::String(code.to_owned()))
        .with_context(|| format!("unexpected code {code:?} in the database"))
}

fn parse_status(code: &str) -> anyhow::Result<ComplaintStatus> {
    ComplaintStatus::from_code(code)
        .with_context(|| format!("unexpected status {code:?} in the database"))
}

// --- users and sessions ----------------------------------------------------------------------

const USER_COLUMNS: &str = "u.id, u.username, u.display_name, u.role, u.real_name";

fn user_from_row(row: &SqliteRow) -> anyhow::Result<UserView> {
    Ok(UserView {
        id: UserId(row.try_get("id")?),
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        role: parse_code(row.try_get("role")?)?,
        real_name: parse_code(row.try_get("real_name")?)?,
    })
}

pub async fn user_count(conn: &mut Conn) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(conn)
        .await?)
}

pub async fn user_by_username(conn: &mut Conn, username: &str) -> anyhow::Result<Option<UserView>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.username = ?");
    let row = sqlx::query(&sql)
        .bind(username)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(user_from_row).transpose()
}

/// The demo account `username`, if it is one.
pub async fn demo_user(conn: &mut Conn, username: &str) -> anyhow::Result<Option<UserView>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.username = ? AND u.demo = 1");
    let row = sqlx::query(&sql)
        .bind(username)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(user_from_row).transpose()
}

pub async fn demo_users(conn: &mut Conn) -> anyhow::Result<Vec<UserView>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.demo = 1 ORDER BY u.id");
    let rows = sqlx::query(&sql).fetch_all(conn).await?;
    rows.iter().map(user_from_row).collect()
}

pub async fn insert_user(
    conn: &mut Conn,
    user: &UserView,
    demo: bool,
    now: UtcMillis,
) -> anyhow::Result<UserId> {
    let id = sqlx::query(
        "INSERT INTO users (username, display_name, role, real_name, demo, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(&user.username)
    .bind(&user.display_name)
    .bind(code_of(&user.role))
    .bind(code_of(&user.real_name))
    .bind(demo)
    .bind(now.0)
    .execute(conn)
    .await?
    .last_insert_rowid();
    Ok(UserId(id))
}

pub async fn insert_session(
    conn: &mut Conn,
    token_hash: &str,
    user: UserId,
    now: UtcMillis,
    expires_at: UtcMillis,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
    )
    .bind(token_hash)
    .bind(user.0)
    .bind(now.0)
    .bind(expires_at.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// The user of a live session, and when it expires.
pub async fn session_user(
    conn: &mut Conn,
    token_hash: &str,
    now: UtcMillis,
) -> anyhow::Result<Option<(UserView, UtcMillis)>> {
    let sql = format!(
        "SELECT {USER_COLUMNS}, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.revoked = 0 AND s.expires_at > ?"
    );
    let row = sqlx::query(&sql)
        .bind(token_hash)
        .bind(now.0)
        .fetch_optional(conn)
        .await?;
    match row {
        Some(row) => Ok(Some((
            user_from_row(&row)?,
            UtcMillis(row.try_get("expires_at")?),
        ))),
        None => Ok(None),
    }
}

pub async fn end_session(conn: &mut Conn, token_hash: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE sessions SET revoked = 1 WHERE token_hash = ?")
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

// --- complaints ------------------------------------------------------------------------------

const SUMMARY_COLUMNS: &str = "c.id, c.number, c.owner_id, c.order_id, o.number AS order_number,
    o.title AS order_title, c.kind, c.status, c.filed_at, c.version,
    EXISTS (SELECT 1 FROM assistance_requests a
            WHERE a.complaint_id = c.id AND a.status = 'pending') AS assistance_pending";

fn summary_from_row(row: &SqliteRow) -> anyhow::Result<ComplaintSummary> {
    let kind: String = row.try_get("kind")?;
    Ok(ComplaintSummary {
        id: ComplaintId(row.try_get("id")?),
        number: row.try_get("number")?,
        owner: UserId(row.try_get("owner_id")?),
        order: OrderBrief {
            id: OrderId(row.try_get("order_id")?),
            number: row.try_get("order_number")?,
            title: row.try_get("order_title")?,
        },
        kind: ComplaintKind::from_code(&kind)
            .with_context(|| format!("unexpected kind {kind:?} in the database"))?,
        status: parse_status(row.try_get("status")?)?,
        filed_at: UtcMillis(row.try_get("filed_at")?),
        version: row.try_get("version")?,
        assistance_pending: row.try_get("assistance_pending")?,
    })
}

/// A complaint and its description.
pub async fn complaint(
    conn: &mut Conn,
    id: ComplaintId,
) -> anyhow::Result<Option<(ComplaintSummary, String)>> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, c.description FROM complaints c
         JOIN orders o ON o.id = c.order_id WHERE c.id = ?"
    );
    let row = sqlx::query(&sql).bind(id.0).fetch_optional(conn).await?;
    match row {
        Some(row) => Ok(Some((summary_from_row(&row)?, row.try_get("description")?))),
        None => Ok(None),
    }
}

/// Which complaints a list shows.
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    /// `None`: every user's (the agent console).
    pub owner: Option<UserId>,
    pub status: Option<ComplaintStatus>,
    /// Substring of the complaint number or the order number.
    pub q: Option<String>,
    /// Keyset: strictly after this `(filed_at, id)` in newest-first order.
    pub after: Option<(UtcMillis, ComplaintId)>,
    pub limit: u32,
}

/// `LIKE` pattern matching `text` anywhere, with `%`, `_` and `\` taken literally.
fn contains_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

fn push_owner_and_q<'a>(
    builder: &mut QueryBuilder<'a, Sqlite>,
    owner: Option<UserId>,
    q: Option<&str>,
) {
    builder.push(" WHERE 1 = 1");
    if let Some(owner) = owner {
        builder.push(" AND c.owner_id = ").push_bind(owner.0);
    }
    if let Some(q) = q {
        let pattern = contains_pattern(q);
        builder
            .push(" AND (c.number LIKE ")
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\' OR o.number LIKE ")
            .push_bind(pattern)
            .push(" ESCAPE '\\')");
    }
}

/// One page of complaints, newest first (`filed_at` then `id`, descending).
pub async fn list_complaints(
    conn: &mut Conn,
    filter: &ListFilter,
) -> anyhow::Result<Vec<ComplaintSummary>> {
    let mut builder = QueryBuilder::<Sqlite>::new(format!(
        "SELECT {SUMMARY_COLUMNS} FROM complaints c JOIN orders o ON o.id = c.order_id"
    ));
    push_owner_and_q(&mut builder, filter.owner, filter.q.as_deref());
    if let Some(status) = filter.status {
        builder.push(" AND c.status = ").push_bind(status.code());
    }
    if let Some((filed_at, id)) = filter.after {
        builder
            .push(" AND (c.filed_at < ")
            .push_bind(filed_at.0)
            .push(" OR (c.filed_at = ")
            .push_bind(filed_at.0)
            .push(" AND c.id < ")
            .push_bind(id.0)
            .push("))");
    }
    builder
        .push(" ORDER BY c.filed_at DESC, c.id DESC LIMIT ")
        .push_bind(i64::from(filter.limit));
    let rows = builder.build().fetch_all(conn).await?;
    rows.iter().map(summary_from_row).collect()
}

/// How many complaints per status (every status, zeros included), honouring owner and q.
pub async fn count_by_status(
    conn: &mut Conn,
    owner: Option<UserId>,
    q: Option<&str>,
) -> anyhow::Result<Vec<StatusCount>> {
    let mut builder = QueryBuilder::<Sqlite>::new(
        "SELECT c.status, COUNT(*) AS n FROM complaints c JOIN orders o ON o.id = c.order_id",
    );
    push_owner_and_q(&mut builder, owner, q);
    builder.push(" GROUP BY c.status");
    let rows = builder.build().fetch_all(conn).await?;
    let mut counts: Vec<StatusCount> = ComplaintStatus::ALL
        .into_iter()
        .map(|status| StatusCount { status, count: 0 })
        .collect();
    for row in rows {
        let status = parse_status(row.try_get("status")?)?;
        let n: i64 = row.try_get("n")?;
        if let Some(entry) = counts.iter_mut().find(|entry| entry.status == status) {
            entry.count = u32::try_from(n).unwrap_or(u32::MAX);
        }
    }
    Ok(counts)
}

pub async fn timeline(conn: &mut Conn, id: ComplaintId) -> anyhow::Result<Vec<TimelineEvent>> {
    let rows = sqlx::query(
        "SELECT t.at, u.display_name, u.role, t.event FROM timeline_events t
         JOIN users u ON u.id = t.actor_id WHERE t.complaint_id = ? ORDER BY t.at, t.id",
    )
    .bind(id.0)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            let event: String = row.try_get("event")?;
            Ok(TimelineEvent {
                at: UtcMillis(row.try_get("at")?),
                actor_name: row.try_get("display_name")?,
                actor_role: parse_code(row.try_get("role")?)?,
                event: serde_json::from_str(&event).context("a timeline event in the database")?,
            })
        })
        .collect()
}

pub async fn insert_event(
    conn: &mut Conn,
    complaint: ComplaintId,
    at: UtcMillis,
    actor: UserId,
    event: &TimelineEventKind,
) -> anyhow::Result<()> {
    let json = serde_json::to_value(event)?;
    let kind = json
        .get("type")
        .and_then(|kind| kind.as_str())
        .unwrap_or_default()
        .to_owned();
    sqlx::query(
        "INSERT INTO timeline_events (complaint_id, at, actor_id, kind, event) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(complaint.0)
    .bind(at.0)
    .bind(actor.0)
    .bind(kind)
    .bind(json.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

/// A new complaint, `TS` + date + sequence, at version 1.
pub struct NewComplaint<'a> {
    pub order: OrderId,
    pub owner: UserId,
    pub kind: ComplaintKind,
    pub description: &'a str,
    pub status: ComplaintStatus,
    pub filed_at: UtcMillis,
}

pub async fn insert_complaint(
    conn: &mut Conn,
    complaint: &NewComplaint<'_>,
    number: impl Fn(ComplaintId) -> String,
) -> anyhow::Result<ComplaintId> {
    // The number derives from the id, known only after the insert: a placeholder first,
    // unique within the transaction that holds the write lock.
    let id = sqlx::query(
        "INSERT INTO complaints (number, order_id, owner_id, kind, description, status, filed_at,
                                 version, updated_at)
         VALUES ('', ?, ?, ?, ?, ?, ?, 1, ?)",
    )
    .bind(complaint.order.0)
    .bind(complaint.owner.0)
    .bind(complaint.kind.code())
    .bind(complaint.description)
    .bind(complaint.status.code())
    .bind(complaint.filed_at.0)
    .bind(complaint.filed_at.0)
    .execute(&mut *conn)
    .await?
    .last_insert_rowid();
    let id = ComplaintId(id);
    sqlx::query("UPDATE complaints SET number = ? WHERE id = ?")
        .bind(number(id))
        .bind(id.0)
        .execute(conn)
        .await?;
    Ok(id)
}

/// Compare-and-set: moves the complaint to `status` and bumps its version, if its version is
/// still `expected`. Returns whether it did.
pub async fn set_status(
    conn: &mut Conn,
    id: ComplaintId,
    expected_version: i64,
    status: ComplaintStatus,
    now: UtcMillis,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE complaints SET status = ?, version = version + 1, updated_at = ?
         WHERE id = ? AND version = ?",
    )
    .bind(status.code())
    .bind(now.0)
    .bind(id.0)
    .bind(expected_version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Bumps the version of a complaint whose status did not change (an assistance request was
/// filed or decided), if it is still `expected`.
pub async fn touch(
    conn: &mut Conn,
    id: ComplaintId,
    expected_version: i64,
    now: UtcMillis,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE complaints SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
    )
    .bind(now.0)
    .bind(id.0)
    .bind(expected_version)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

// --- revocations -----------------------------------------------------------------------------

pub async fn revocation(conn: &mut Conn, id: ComplaintId) -> anyhow::Result<Option<Revocation>> {
    let row = sqlx::query(
        "SELECT r.reference, r.revoked_at, r.reason, r.note, r.withdrawn_by, u.display_name
         FROM revocations r JOIN users u ON u.id = r.actor_id WHERE r.complaint_id = ?",
    )
    .bind(id.0)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let reason: String = row.try_get("reason")?;
    Ok(Some(Revocation {
        reference: row.try_get("reference")?,
        revoked_at: UtcMillis(row.try_get("revoked_at")?),
        reason: RevokeReason::from_code(&reason)
            .with_context(|| format!("unexpected reason {reason:?} in the database"))?,
        note: row.try_get("note")?,
        by: parse_code(row.try_get("withdrawn_by")?)?,
        actor_name: row.try_get("display_name")?,
    }))
}

pub struct NewRevocation<'a> {
    pub complaint: ComplaintId,
    pub reference: &'a str,
    pub revoked_at: UtcMillis,
    pub reason: RevokeReason,
    pub note: &'a str,
    pub by: WithdrawnBy,
    pub actor: UserId,
}

pub async fn insert_revocation(
    conn: &mut Conn,
    revocation: &NewRevocation<'_>,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO revocations (complaint_id, reference, revoked_at, reason, note, withdrawn_by,
                                  actor_id)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(revocation.complaint.0)
    .bind(revocation.reference)
    .bind(revocation.revoked_at.0)
    .bind(revocation.reason.code())
    .bind(revocation.note)
    .bind(code_of(&revocation.by))
    .bind(revocation.actor.0)
    .execute(conn)
    .await?;
    Ok(())
}

// --- assistance requests ---------------------------------------------------------------------

const ASSISTANCE_COLUMNS: &str = "a.id, a.complaint_id, a.status AS assistance_status, a.ground,
    a.reason, a.note, a.requested_at, a.decided_at, a.rejection_reason";

fn assistance_from_row(row: &SqliteRow) -> anyhow::Result<AssistanceView> {
    let reason: String = row.try_get("reason")?;
    Ok(AssistanceView {
        id: AssistanceId(row.try_get("id")?),
        complaint_id: ComplaintId(row.try_get("complaint_id")?),
        status: parse_code(row.try_get("assistance_status")?)?,
        ground: parse_code(row.try_get("ground")?)?,
        reason: RevokeReason::from_code(&reason)
            .with_context(|| format!("unexpected reason {reason:?} in the database"))?,
        note: row.try_get("note")?,
        requested_at: UtcMillis(row.try_get("requested_at")?),
        decided_at: row.try_get::<Option<i64>, _>("decided_at")?.map(UtcMillis),
        rejection_reason: row.try_get("rejection_reason")?,
    })
}

/// The complaint's assistance requests, newest first.
pub async fn assistance_of(
    conn: &mut Conn,
    complaint: ComplaintId,
) -> anyhow::Result<Vec<AssistanceView>> {
    let sql = format!(
        "SELECT {ASSISTANCE_COLUMNS} FROM assistance_requests a WHERE a.complaint_id = ?
         ORDER BY a.requested_at DESC, a.id DESC"
    );
    let rows = sqlx::query(&sql).bind(complaint.0).fetch_all(conn).await?;
    rows.iter().map(assistance_from_row).collect()
}

pub async fn assistance(
    conn: &mut Conn,
    id: AssistanceId,
) -> anyhow::Result<Option<AssistanceView>> {
    let sql = format!("SELECT {ASSISTANCE_COLUMNS} FROM assistance_requests a WHERE a.id = ?");
    let row = sqlx::query(&sql).bind(id.0).fetch_optional(conn).await?;
    row.as_ref().map(assistance_from_row).transpose()
}

pub async fn assistance_pending(conn: &mut Conn, complaint: ComplaintId) -> anyhow::Result<bool> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM assistance_requests
                        WHERE complaint_id = ? AND status = 'pending')",
    )
    .bind(complaint.0)
    .fetch_one(conn)
    .await?)
}

pub struct NewAssistance<'a> {
    pub complaint: ComplaintId,
    pub ground: AssistanceGround,
    pub reason: RevokeReason,
    pub note: &'a str,
    pub requested_at: UtcMillis,
}

pub async fn insert_assistance(
    conn: &mut Conn,
    request: &NewAssistance<'_>,
) -> anyhow::Result<AssistanceId> {
    let id = sqlx::query(
        "INSERT INTO assistance_requests (complaint_id, status, ground, reason, note, requested_at)
         VALUES (?, 'pending', ?, ?, ?, ?)",
    )
    .bind(request.complaint.0)
    .bind(code_of(&request.ground))
    .bind(request.reason.code())
    .bind(request.note)
    .bind(request.requested_at.0)
    .execute(conn)
    .await?
    .last_insert_rowid();
    Ok(AssistanceId(id))
}

/// Records an agent's decision on a pending request. Returns whether it was still pending.
pub async fn decide_assistance(
    conn: &mut Conn,
    id: AssistanceId,
    status: AssistanceStatus,
    agent: UserId,
    now: UtcMillis,
    rejection_reason: Option<&str>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE assistance_requests SET status = ?, decided_at = ?, decided_by = ?,
                rejection_reason = ?
         WHERE id = ? AND status = 'pending'",
    )
    .bind(code_of(&status))
    .bind(now.0)
    .bind(agent.0)
    .bind(rejection_reason)
    .bind(id.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The agent's queue: requests with `status`, oldest first, with their complaints.
pub async fn assistance_queue(
    conn: &mut Conn,
    status: AssistanceStatus,
) -> anyhow::Result<Vec<(AssistanceView, ComplaintSummary, String)>> {
    let order = if status == AssistanceStatus::Pending {
        "a.requested_at ASC, a.id ASC"
    } else {
        "a.decided_at DESC, a.id DESC"
    };
    let sql = format!(
        "SELECT {ASSISTANCE_COLUMNS}, {SUMMARY_COLUMNS}, u.display_name AS owner_name
         FROM assistance_requests a
         JOIN complaints c ON c.id = a.complaint_id
         JOIN orders o ON o.id = c.order_id
         JOIN users u ON u.id = c.owner_id
         WHERE a.status = ? ORDER BY {order} LIMIT 500"
    );
    let rows = sqlx::query(&sql)
        .bind(code_of(&status))
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|row| {
            let mut request = assistance_from_row(row)?;
            // `a.id` and `c.id` share a name in the row: read the request's id explicitly.
            request.id = AssistanceId(row.try_get(0)?);
            let mut complaint = summary_from_row(row)?;
            complaint.id = request.complaint_id;
            Ok((request, complaint, row.try_get("owner_name")?))
        })
        .collect()
}

// --- orders ----------------------------------------------------------------------------------

const ORDER_COLUMNS: &str = "id, number, title, shop, amount_fen, placed_at, owner_id";

fn order_from_row(row: &SqliteRow) -> anyhow::Result<OrderView> {
    Ok(OrderView {
        id: OrderId(row.try_get("id")?),
        number: row.try_get("number")?,
        title: row.try_get("title")?,
        shop: row.try_get("shop")?,
        amount_fen: row.try_get("amount_fen")?,
        placed_at: UtcMillis(row.try_get("placed_at")?),
        owner: UserId(row.try_get("owner_id")?),
        complaints: Vec::new(),
    })
}

fn brief_from_row(row: &SqliteRow) -> anyhow::Result<(OrderId, ComplaintBrief)> {
    Ok((
        OrderId(row.try_get("order_id")?),
        ComplaintBrief {
            id: ComplaintId(row.try_get("id")?),
            number: row.try_get("number")?,
            status: parse_status(row.try_get("status")?)?,
        },
    ))
}

/// The user's orders, newest first, each with its complaints, newest first.
pub async fn orders_of(conn: &mut Conn, owner: UserId) -> anyhow::Result<Vec<OrderView>> {
    let sql = format!(
        "SELECT {ORDER_COLUMNS} FROM orders WHERE owner_id = ? ORDER BY placed_at DESC, id DESC"
    );
    let rows = sqlx::query(&sql)
        .bind(owner.0)
        .fetch_all(&mut *conn)
        .await?;
    let mut orders = rows
        .iter()
        .map(order_from_row)
        .collect::<anyhow::Result<Vec<_>>>()?;
    let rows = sqlx::query(
        "SELECT id, number, status, order_id FROM complaints WHERE owner_id = ?
         ORDER BY filed_at DESC, id DESC",
    )
    .bind(owner.0)
    .fetch_all(conn)
    .await?;
    for row in &rows {
        let (order_id, brief) = brief_from_row(row)?;
        if let Some(order) = orders.iter_mut().find(|order| order.id == order_id) {
            order.complaints.push(brief);
        }
    }
    Ok(orders)
}

/// One order with its complaints, newest first.
pub async fn order(conn: &mut Conn, id: OrderId) -> anyhow::Result<Option<OrderView>> {
    let sql = format!("SELECT {ORDER_COLUMNS} FROM orders WHERE id = ?");
    let row = sqlx::query(&sql)
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let mut order = order_from_row(&row)?;
    let rows = sqlx::query(
        "SELECT id, number, status, order_id FROM complaints WHERE order_id = ?
         ORDER BY filed_at DESC, id DESC",
    )
    .bind(id.0)
    .fetch_all(conn)
    .await?;
    for row in &rows {
        order.complaints.push(brief_from_row(row)?.1);
    }
    Ok(Some(order))
}

pub struct NewOrder<'a> {
    pub number: &'a str,
    pub title: &'a str,
    pub shop: &'a str,
    pub amount_fen: i64,
    pub placed_at: UtcMillis,
    pub owner: UserId,
}

pub async fn insert_order(conn: &mut Conn, order: &NewOrder<'_>) -> anyhow::Result<OrderId> {
    let id = sqlx::query(
        "INSERT INTO orders (number, title, shop, amount_fen, placed_at, owner_id)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(order.number)
    .bind(order.title)
    .bind(order.shop)
    .bind(order.amount_fen)
    .bind(order.placed_at.0)
    .bind(order.owner.0)
    .execute(conn)
    .await?
    .last_insert_rowid();
    Ok(OrderId(id))
}

// --- idempotency -----------------------------------------------------------------------------

/// A stored answer to a mutation made with an `Idempotency-Key`.
#[derive(Clone, Debug)]
pub struct StoredResponse {
    pub fingerprint: String,
    pub status: u16,
    pub body: String,
}

pub async fn idempotency_record(
    conn: &mut Conn,
    user: UserId,
    key: &str,
) -> anyhow::Result<Option<StoredResponse>> {
    let row = sqlx::query(
        "SELECT fingerprint, status, body FROM idempotency_records WHERE user_id = ? AND idem_key = ?",
    )
    .bind(user.0)
    .bind(key)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let status: i64 = row.try_get("status")?;
    Ok(Some(StoredResponse {
        fingerprint: row.try_get("fingerprint")?,
        status: u16::try_from(status).context("a stored status")?,
        body: row.try_get("body")?,
    }))
}

pub async fn insert_idempotency_record(
    conn: &mut Conn,
    user: UserId,
    key: &str,
    response: &StoredResponse,
    now: UtcMillis,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO idempotency_records (user_id, idem_key, fingerprint, status, body, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(user.0)
    .bind(key)
    .bind(&response.fingerprint)
    .bind(i64::from(response.status))
    .bind(&response.body)
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}

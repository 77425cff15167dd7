//! All SQL lives here, for both backends: SQLite (the embedded default) and PostgreSQL (for
//! several stateless servers behind a load balancer). The rest of the server sees plain
//! functions that take a connection ([`Conn`]) and return the API's types. Every value is a
//! bound parameter.
//!
//! The SQL is written once: `$1, $2, …` placeholders (which SQLite accepts too), `RETURNING
//! id` instead of `last_insert_rowid()`, `TRUE`/`FALSE` for flags. Each function runs the same
//! statement on whichever connection it gets ([`on!`]), and rows are read through [`DbRow`], so
//! a query cannot drift between the backends. Where they differ, [`Conn::like`] (case-insensitive
//! search) and [`Db::write`] (how the write lock is taken) say so.
//!
//! Writes go through [`Db::write`]: one transaction holding *the* write lock — SQLite's
//! (`BEGIN IMMEDIATE`), or on PostgreSQL a transaction-level advisory lock shared by every
//! server on the database — behind an in-process gate, so concurrent mutations serialize
//! (across processes too) and each one re-reads the state it decides on.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use complaint_api::{
    AssistanceId, AssistanceStatus, AssistanceView, ComplaintBrief, ComplaintGroup, ComplaintId,
    ComplaintSummary, OrderBrief, OrderId, OrderView, PressureReportId, PressureReportStatus,
    PressureReportView, Revocation, StatusCount, TimelineEvent, TimelineEventKind, UserView,
    WithdrawnBy,
};
use complaint_rules::{
    self_service_deadline, AssistanceGround, ComplaintKind, ComplaintStatus, RevokeReason, UserId,
    UtcMillis,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions, PgRow, Postgres};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteRow, SqliteSynchronous,
};
use sqlx::{Database, QueryBuilder, Row, Sqlite, Transaction};
use tokio::sync::{Mutex, OwnedMutexGuard};

pub use crate::cache::Keep;
use crate::cache::ReadCache;

/// The advisory lock every PostgreSQL write transaction takes ("CDWRITE1"): whoever holds
/// it (another server, or maintenance run by hand) holds every server's writes back.
pub const PG_WRITE_LOCK: i64 = 0x4344_5752_4954_4531;

/// A connection to run queries on: a pooled connection or an open transaction, of either
/// backend.
pub enum Conn<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

impl Conn<'_> {
    /// The case-insensitive `LIKE` (SQLite's `LIKE` already ignores ASCII case).
    fn like(&self) -> &'static str {
        match self {
            Conn::Sqlite(_) => "LIKE",
            Conn::Postgres(_) => "ILIKE",
        }
    }
}

/// Runs `$body` with `$c` bound to the backend's connection (`&mut &mut …Connection`; use
/// `&mut **$c` as the executor). The body is compiled once per backend, so it must produce a
/// backend-independent value.
macro_rules! on {
    ($conn:expr, |$c:ident| $body:expr) => {
        match &mut *$conn {
            Conn::Sqlite($c) => $body,
            Conn::Postgres($c) => $body,
        }
    };
}

/// Reading a column, the same way for both backends' rows.
trait DbRow {
    fn int(&self, column: &str) -> sqlx::Result<i64>;
    fn int_at(&self, index: usize) -> sqlx::Result<i64>;
    fn opt_int(&self, column: &str) -> sqlx::Result<Option<i64>>;
    fn text(&self, column: &str) -> sqlx::Result<String>;
    fn opt_text(&self, column: &str) -> sqlx::Result<Option<String>>;
    fn flag(&self, column: &str) -> sqlx::Result<bool>;
}

macro_rules! db_row {
    ($row:ty) => {
        impl DbRow for $row {
            fn int(&self, column: &str) -> sqlx::Result<i64> {
                self.try_get(column)
            }
            fn int_at(&self, index: usize) -> sqlx::Result<i64> {
                self.try_get(index)
            }
            fn opt_int(&self, column: &str) -> sqlx::Result<Option<i64>> {
                self.try_get(column)
            }
            fn text(&self, column: &str) -> sqlx::Result<String> {
                self.try_get(column)
            }
            fn opt_text(&self, column: &str) -> sqlx::Result<Option<String>> {
                self.try_get(column)
            }
            fn flag(&self, column: &str) -> sqlx::Result<bool> {
                self.try_get(column)
            }
        }
    };
}

db_row!(SqliteRow);
db_row!(PgRow);

#[derive(Clone)]
enum Pool {
    /// Reads on any of several connections; writes on one connection of their own, whose
    /// page cache stays valid from one write to the next (a connection that another one
    /// wrote behind drops its whole cache).
    Sqlite {
        read: SqlitePool,
        write: SqlitePool,
    },
    Postgres(PgPool),
}

#[derive(Clone)]
pub struct Db {
    pool: Pool,
    write_gate: Arc<Mutex<()>>,
    /// Sessions and counts per status, on SQLite ([`ReadCache`]).
    cache: Arc<ReadCache>,
}

/// A pooled connection for reads.
pub enum ReadConn {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

impl ReadConn {
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            ReadConn::Sqlite(conn) => Conn::Sqlite(conn),
            ReadConn::Postgres(conn) => Conn::Postgres(conn),
        }
    }
}

enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// An open write transaction holding the write lock. Dropped without [`WriteTx::commit`],
/// it rolls back.
pub struct WriteTx {
    tx: Tx,
    cache: Arc<ReadCache>,
    keep: Keep,
    _gate: OwnedMutexGuard<()>,
}

impl WriteTx {
    pub fn conn(&mut self) -> Conn<'_> {
        match &mut self.tx {
            Tx::Sqlite(tx) => Conn::Sqlite(tx),
            Tx::Postgres(tx) => Conn::Postgres(tx),
        }
    }

    /// Says what this transaction changed, so that the cached reads it cannot have changed
    /// stay valid after its commit (without it, the cache starts over).
    pub fn keep(&mut self, keep: Keep) {
        self.keep = keep;
    }

    pub async fn commit(self) -> sqlx::Result<()> {
        match self.tx {
            Tx::Sqlite(tx) => {
                if !self.cache.is_on() {
                    return tx.commit().await;
                }
                // Holding the write lock: nobody else commits before this one.
                let before = self.cache.stamp();
                let committed = tx.commit().await;
                let after = self.cache.stamp();
                let keep = if committed.is_ok() {
                    self.keep
                } else {
                    Keep::Nothing
                };
                self.cache.committed(before, after, keep);
                committed
            }
            Tx::Postgres(tx) => tx.commit().await,
        }
    }
}

/// Whether `url` names a PostgreSQL database.
pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres:") || url.starts_with("postgresql:")
}

/// The URL without its password, for logs and the start-up banner.
pub fn redacted(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.split_once('@') {
            Some((credentials, host)) => {
                let user = credentials.split(':').next().unwrap_or_default();
                if credentials.contains(':') {
                    format!("{scheme}://{user}:***@{host}")
                } else {
                    url.to_owned()
                }
            }
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

impl Db {
    /// The user of a live session, and when it expires: from the cache when it still holds
    /// (SQLite), else from the database.
    pub async fn session_user(
        &self,
        token_hash: &str,
        now: UtcMillis,
    ) -> anyhow::Result<Option<(UserView, UtcMillis)>> {
        let stamp = match self.cache.session(token_hash, now) {
            Ok(found) => return Ok(Some(found)),
            Err(stamp) => stamp,
        };
        let mut conn = self.read().await?;
        let found = session_user(&mut conn.conn(), token_hash, now).await?;
        if let (Some(stamp), Some((user, expires_at))) = (stamp, &found) {
            self.cache
                .store_session(stamp, token_hash, user, *expires_at);
        }
        Ok(found)
    }

    /// [`count_by_status`] at `now`, from the cache when it still holds (SQLite, without
    /// `q`: nothing written since, and the `withdrawable` count still exact at `now`).
    pub async fn count_by_status(
        &self,
        conn: &mut Conn<'_>,
        owner: Option<UserId>,
        q: Option<&SearchText>,
        now: UtcMillis,
    ) -> anyhow::Result<Counts> {
        if q.is_some() {
            return count_by_status(conn, owner, q, now).await;
        }
        let stamp = match self.cache.counts(owner, now) {
            Ok(counts) => return Ok(counts),
            Err(stamp) => stamp,
        };
        let counts = count_by_status(conn, owner, None, now).await?;
        if let Some(stamp) = stamp {
            self.cache.store_counts(stamp, owner, &counts);
        }
        Ok(counts)
    }

    /// Opens and migrates the database: SQLite (creating the file and its directory if
    /// needed) or, for a `postgres://` URL, PostgreSQL (the database must exist).
    pub async fn connect(database_url: &str) -> anyhow::Result<Db> {
        let write_gate = Arc::new(Mutex::new(()));
        let (pool, cache) = if is_postgres(database_url) {
            (
                Pool::Postgres(connect_postgres(database_url).await?),
                ReadCache::off(),
            )
        } else {
            let (read, write, cache) = connect_sqlite(database_url, &write_gate).await?;
            (Pool::Sqlite { read, write }, cache)
        };
        Ok(Db {
            pool,
            write_gate,
            cache: Arc::new(cache),
        })
    }

    /// The PostgreSQL pool, when that is the backend (for LISTEN/NOTIFY).
    pub fn postgres(&self) -> Option<&PgPool> {
        match &self.pool {
            Pool::Postgres(pool) => Some(pool),
            Pool::Sqlite { .. } => None,
        }
    }

    /// A connection for reads (SQLite's WAL and PostgreSQL's MVCC: readers never wait for
    /// the writer).
    pub async fn read(&self) -> sqlx::Result<ReadConn> {
        Ok(match &self.pool {
            Pool::Sqlite { read, .. } => ReadConn::Sqlite(read.acquire().await?),
            Pool::Postgres(pool) => ReadConn::Postgres(pool.acquire().await?),
        })
    }

    /// Begins a write transaction holding the write lock until commit or drop.
    pub async fn write(&self) -> sqlx::Result<WriteTx> {
        let gate = Arc::clone(&self.write_gate).lock_owned().await;
        let tx = match &self.pool {
            Pool::Sqlite { write, .. } => Tx::Sqlite(write.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                // Every server on this database serializes its writes on this lock; it is
                // released at commit or rollback.
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(PG_WRITE_LOCK)
                    .execute(&mut *tx)
                    .await?;
                Tx::Postgres(tx)
            }
        };
        Ok(WriteTx {
            tx,
            cache: Arc::clone(&self.cache),
            keep: Keep::Nothing,
            _gate: gate,
        })
    }

    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite { read, write } => {
                read.close().await;
                write.close().await;
            }
            Pool::Postgres(pool) => pool.close().await,
        }
    }
}

async fn connect_sqlite(
    database_url: &str,
    write_gate: &Arc<Mutex<()>>,
) -> anyhow::Result<(SqlitePool, SqlitePool, ReadCache)> {
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
        .busy_timeout(Duration::from_secs(10))
        // Checkpoints run in the background (checkpoint_in_background); a commit runs one
        // itself, holding the write gate, only past this many WAL pages (a backstop).
        .pragma("wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES.to_string())
        .pragma("journal_size_limit", WAL_SIZE_LIMIT_BYTES.to_string());
    let file = options.get_filename().to_owned();
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
    let write = SqlitePoolOptions::new()
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(options.clone())
        .await
        .with_context(|| format!("could not open the database {database_url:?}"))?;
    sqlx::migrate!("./migrations/sqlite")
        .run(&write)
        .await
        .context("could not migrate the database")?;
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(options.clone())
        .await
        .with_context(|| format!("could not open the database {database_url:?}"))?;
    // An in-memory database has no `-shm` (so no cache) and no WAL to checkpoint.
    let cache = ReadCache::sqlite(&file);
    if cache.is_on() {
        let checkpointer = sqlx::ConnectOptions::connect(&options)
            .await
            .with_context(|| format!("could not open the database {database_url:?}"))?;
        tokio::spawn(checkpoint_in_background(
            checkpointer,
            pool.clone(),
            Arc::clone(write_gate),
        ));
    }
    Ok((pool, write, cache))
}

/// WAL pages past which a commit checkpoints itself (SQLite's default is 1,000): a backstop,
/// should the background checkpoints fall behind.
const WAL_AUTOCHECKPOINT_PAGES: u32 = 32_000;
/// What the WAL file is truncated to after a checkpoint has emptied it.
const WAL_SIZE_LIMIT_BYTES: u64 = 64 << 20;
/// How often the background checkpoint runs.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(100);
/// How often, at most, it finishes a checkpoint behind the write gate.
const FINISH_CHECKPOINT_EVERY: Duration = Duration::from_millis(500);

/// Copies the WAL into the database in the background, on a connection of its own, so that
/// commits do not wait for checkpoints. SQLite's automatic checkpoint (every 1,000 pages by
/// default) runs inside the committing request, while it holds the write gate, and syncs the
/// WAL and the database file: two `fsync`s of ~4 ms each on this kind of disk, for every
/// ~100 withdrawals.
///
/// Every [`CHECKPOINT_EVERY`], a `PASSIVE` checkpoint without the gate (it never waits for
/// readers or the writer) copies what has been committed: ~10 ms for 100 ms of withdrawals
/// at full speed (~18 pages each). Under a steady stream of writes it never catches up with
/// the end of the WAL, and SQLite starts the WAL over (instead of growing it) only after a
/// checkpoint that did; so every [`FINISH_CHECKPOINT_EVERY`] a second one runs right after
/// it behind the write gate, where only the pages committed meanwhile are left (~3.5 ms,
/// measured, instead of a ~30 ms automatic checkpoint inside a commit).
/// Durability is SQLite's as before (WAL, `synchronous = NORMAL`: a commit is in the WAL file
/// before it is acknowledged; checkpoints sync the WAL before they copy it). Ends when the
/// pool is closed. This connection, open as long as the server runs, also keeps the `-shm`
/// file that the read cache watches.
async fn checkpoint_in_background(
    mut conn: SqliteConnection,
    pool: SqlitePool,
    write_gate: Arc<Mutex<()>>,
) {
    async fn checkpoint(conn: &mut SqliteConnection) -> sqlx::Result<()> {
        sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&mut *conn)
            .await
            .map(|_| ())
    }
    let mut ticks = tokio::time::interval(CHECKPOINT_EVERY);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut finished_at = tokio::time::Instant::now();
    loop {
        ticks.tick().await;
        if pool.is_closed() {
            break;
        }
        let mut result = checkpoint(&mut conn).await;
        if result.is_ok() && finished_at.elapsed() >= FINISH_CHECKPOINT_EVERY {
            // What was committed while the checkpoint above ran: a few pages.
            let _gate = write_gate.lock().await;
            result = checkpoint(&mut conn).await;
            finished_at = tokio::time::Instant::now();
        }
        if let Err(error) = result {
            tracing::warn!(%error, "background checkpoint failed");
        }
    }
    let _ = sqlx::Connection::close(conn).await;
}

async fn connect_postgres(database_url: &str) -> anyhow::Result<PgPool> {
    let options = PgConnectOptions::from_str(database_url)
        .with_context(|| format!("invalid database URL {:?}", redacted(database_url)))?
        .application_name("complaint-server");
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(options)
        .await
        .with_context(|| format!("could not connect to {:?}", redacted(database_url)))?;
    // sqlx takes an advisory lock while migrating: servers starting together wait in turn.
    sqlx::migrate!("./migrations/postgres")
        .run(&pool)
        .await
        .context("could not migrate the database")?;
    Ok(pool)
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

fn parse_reason(code: &str) -> anyhow::Result<RevokeReason> {
    RevokeReason::from_code(code)
        .with_context(|| format!("unexpected reason {code:?} in the database"))
}

// --- users and sessions ----------------------------------------------------------------------

const USER_COLUMNS: &str = "u.id, u.username, u.display_name, u.role, u.real_name";

fn user_from_row(row: &impl DbRow) -> anyhow::Result<UserView> {
    Ok(UserView {
        id: UserId(row.int("id")?),
        username: row.text("username")?,
        display_name: row.text("display_name")?,
        role: parse_code(&row.text("role")?)?,
        real_name: parse_code(&row.text("real_name")?)?,
    })
}

pub async fn user_count(conn: &mut Conn<'_>) -> anyhow::Result<i64> {
    let sql = "SELECT COUNT(*) FROM users";
    Ok(on!(conn, |c| sqlx::query_scalar(sql)
        .fetch_one(&mut **c)
        .await?))
}

pub async fn user_by_username(
    conn: &mut Conn<'_>,
    username: &str,
) -> anyhow::Result<Option<UserView>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.username = $1");
    on!(conn, |c| {
        let row = sqlx::query(&sql)
            .bind(username)
            .fetch_optional(&mut **c)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    })
}

/// The demo account `username`, if it is one.
pub async fn demo_user(conn: &mut Conn<'_>, username: &str) -> anyhow::Result<Option<UserView>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.username = $1 AND u.demo = TRUE");
    on!(conn, |c| {
        let row = sqlx::query(&sql)
            .bind(username)
            .fetch_optional(&mut **c)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    })
}

pub async fn demo_users(conn: &mut Conn<'_>) -> anyhow::Result<Vec<UserView>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.demo = TRUE ORDER BY u.id");
    on!(conn, |c| {
        let rows = sqlx::query(&sql).fetch_all(&mut **c).await?;
        rows.iter().map(user_from_row).collect()
    })
}

pub async fn insert_user(
    conn: &mut Conn<'_>,
    user: &UserView,
    demo: bool,
    now: UtcMillis,
) -> anyhow::Result<UserId> {
    let sql = "INSERT INTO users (username, display_name, role, real_name, demo, created_at)
               VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    let id: i64 = on!(conn, |c| sqlx::query_scalar(sql)
        .bind(&user.username)
        .bind(&user.display_name)
        .bind(code_of(&user.role))
        .bind(code_of(&user.real_name))
        .bind(demo)
        .bind(now.0)
        .fetch_one(&mut **c)
        .await?);
    Ok(UserId(id))
}

pub async fn insert_session(
    conn: &mut Conn<'_>,
    token_hash: &str,
    user: UserId,
    now: UtcMillis,
    expires_at: UtcMillis,
) -> anyhow::Result<()> {
    let sql = "INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
               VALUES ($1, $2, $3, $4)";
    on!(conn, |c| sqlx::query(sql)
        .bind(token_hash)
        .bind(user.0)
        .bind(now.0)
        .bind(expires_at.0)
        .execute(&mut **c)
        .await?
        .rows_affected());
    Ok(())
}

/// The user of a live session, and when it expires.
pub async fn session_user(
    conn: &mut Conn<'_>,
    token_hash: &str,
    now: UtcMillis,
) -> anyhow::Result<Option<(UserView, UtcMillis)>> {
    let sql = format!(
        "SELECT {USER_COLUMNS}, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.revoked = FALSE AND s.expires_at > $2"
    );
    on!(conn, |c| {
        let row = sqlx::query(&sql)
            .bind(token_hash)
            .bind(now.0)
            .fetch_optional(&mut **c)
            .await?;
        match row {
            Some(row) => Ok(Some((
                user_from_row(&row)?,
                UtcMillis(row.int("expires_at")?),
            ))),
            None => Ok(None),
        }
    })
}

pub async fn end_session(conn: &mut Conn<'_>, token_hash: &str) -> anyhow::Result<()> {
    let sql = "UPDATE sessions SET revoked = TRUE WHERE token_hash = $1";
    on!(conn, |c| sqlx::query(sql)
        .bind(token_hash)
        .execute(&mut **c)
        .await?
        .rows_affected());
    Ok(())
}

// --- complaints ------------------------------------------------------------------------------

const SUMMARY_COLUMNS: &str = "c.id, c.number, c.owner_id, c.order_id, o.number AS order_number,
    o.title AS order_title, o.shop AS order_shop, o.amount_fen AS order_amount_fen,
    o.image AS order_image, c.kind, c.status, c.filed_at, c.version,
    EXISTS (SELECT 1 FROM assistance_requests a
            WHERE a.complaint_id = c.id AND a.status = 'pending') AS assistance_pending";

fn summary_from_row(row: &impl DbRow) -> anyhow::Result<ComplaintSummary> {
    let kind = row.text("kind")?;
    Ok(ComplaintSummary {
        id: ComplaintId(row.int("id")?),
        number: row.text("number")?,
        owner: UserId(row.int("owner_id")?),
        order: OrderBrief {
            id: OrderId(row.int("order_id")?),
            number: row.text("order_number")?,
            title: row.text("order_title")?,
            shop: row.text("order_shop")?,
            amount_fen: row.int("order_amount_fen")?,
            image: row.opt_text("order_image")?,
        },
        kind: ComplaintKind::from_code(&kind)
            .with_context(|| format!("unexpected kind {kind:?} in the database"))?,
        status: parse_status(&row.text("status")?)?,
        filed_at: UtcMillis(row.int("filed_at")?),
        version: row.int("version")?,
        assistance_pending: row.flag("assistance_pending")?,
    })
}

/// A complaint and its description.
pub async fn complaint(
    conn: &mut Conn<'_>,
    id: ComplaintId,
) -> anyhow::Result<Option<(ComplaintSummary, String)>> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, c.description FROM complaints c
         JOIN orders o ON o.id = c.order_id WHERE c.id = $1"
    );
    on!(conn, |c| {
        let row = sqlx::query(&sql)
            .bind(id.0)
            .fetch_optional(&mut **c)
            .await?;
        match row {
            Some(row) => Ok(Some((summary_from_row(&row)?, row.text("description")?))),
            None => Ok(None),
        }
    })
}

/// Which complaints a list shows.
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    /// `None`: every user's (the agent console).
    pub owner: Option<UserId>,
    /// Only complaints in one of these statuses (`None`: any).
    pub statuses: Option<Vec<ComplaintStatus>>,
    /// Only complaints filed at or after this (the `withdrawable` group's window).
    pub filed_since: Option<UtcMillis>,
    /// Substring of the complaint number or the order number.
    pub q: Option<SearchText>,
    /// Keyset: strictly after this `(filed_at, id)` in newest-first order.
    pub after: Option<(UtcMillis, ComplaintId)>,
    pub limit: u32,
}

/// What the lists search for (`q`): a piece of a complaint number or an order number, found
/// literally (ASCII letters regardless of case), the same on both backends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchText(String);

/// Why a `q` cannot be searched for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SearchRefused {
    #[error("q is longer than {} characters", SearchText::MAX_CHARS)]
    TooLong,
    /// NUL is the one character neither backend can search for: SQLite's `LIKE` ends its
    /// pattern there (so `%00zzzz` would match everything), PostgreSQL's `text` cannot hold
    /// it. No number contains it, and dropping it would search for something else.
    #[error("q contains NUL (U+0000), which no complaint or order number contains")]
    Nul,
}

impl SearchText {
    /// The longest `q`, in characters as sent (before trimming).
    pub const MAX_CHARS: usize = 100;

    /// `q` as sent: trimmed; `None` when nothing is left (no search).
    pub fn parse(raw: &str) -> Result<Option<SearchText>, SearchRefused> {
        if raw.chars().count() > Self::MAX_CHARS {
            return Err(SearchRefused::TooLong);
        }
        if raw.contains('\0') {
            return Err(SearchRefused::Nul);
        }
        let text = raw.trim();
        Ok((!text.is_empty()).then(|| SearchText(text.to_owned())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `LIKE` pattern matching `text` anywhere, with `%`, `_` and `\` taken literally.
fn contains_pattern(text: &SearchText) -> String {
    let text = text.as_str();
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
        let pattern = contains_pattern(q);
        builder
            .push(format!(" AND (c.number {like} "))
            .push_bind(pattern.clone())
            .push(format!(" ESCAPE '\\' OR o.number {like} "))
            .push_bind(pattern)
            .push(" ESCAPE '\\')");
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
}

/// One page of complaints, newest first (`filed_at` then `id`, descending).
pub async fn list_complaints(
    conn: &mut Conn<'_>,
    filter: &ListFilter,
) -> anyhow::Result<Vec<ComplaintSummary>> {
    let like = conn.like();
    let select =
        format!("SELECT {SUMMARY_COLUMNS} FROM complaints c JOIN orders o ON o.id = c.order_id");
    on!(conn, |c| {
        let mut builder = QueryBuilder::new(select.as_str());
        push_list_filters(&mut builder, filter, like);
        let rows = builder.build().fetch_all(&mut **c).await?;
        rows.iter().map(summary_from_row).collect()
    })
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

/// How many complaints per status (every status, zeros included) and in the `withdrawable`
/// group at `now`, honouring owner and q: one query, which counts per status the ones filed
/// within the window (`window_open_since`); the rules say which statuses are withdrawable.
pub async fn count_by_status(
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
        let status = parse_status(&status)?;
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
                    actor_role: parse_code(&row.text("role")?)?,
                    event: serde_json::from_str(&row.text("event")?)
                        .context("a timeline event in the database")?,
                })
            })
            .collect()
    })
}

/// A timeline event's `kind` and `event` (JSON) columns.
fn event_columns(event: &TimelineEventKind) -> anyhow::Result<(String, String)> {
    let json = serde_json::to_value(event)?;
    let kind = json
        .get("type")
        .and_then(|kind| kind.as_str())
        .unwrap_or_default()
        .to_owned();
    Ok((kind, json.to_string()))
}

pub async fn insert_event(
    conn: &mut Conn<'_>,
    complaint: ComplaintId,
    at: UtcMillis,
    actor: UserId,
    event: &TimelineEventKind,
) -> anyhow::Result<()> {
    let (kind, json) = event_columns(event)?;
    let sql = "INSERT INTO timeline_events (complaint_id, at, actor_id, kind, event)
               VALUES ($1, $2, $3, $4, $5)";
    on!(conn, |c| sqlx::query(sql)
        .bind(complaint.0)
        .bind(at.0)
        .bind(actor.0)
        .bind(&kind)
        .bind(&json)
        .execute(&mut **c)
        .await?
        .rows_affected());
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
    conn: &mut Conn<'_>,
    complaint: &NewComplaint<'_>,
    number: impl Fn(ComplaintId) -> String,
) -> anyhow::Result<ComplaintId> {
    // The number derives from the id, known only after the insert: a placeholder first,
    // unique within the transaction that holds the write lock.
    let sql = "INSERT INTO complaints (number, order_id, owner_id, kind, description, status,
                                       filed_at, version, updated_at)
               VALUES ('', $1, $2, $3, $4, $5, $6, 1, $7) RETURNING id";
    let id: i64 = on!(conn, |c| sqlx::query_scalar(sql)
        .bind(complaint.order.0)
        .bind(complaint.owner.0)
        .bind(complaint.kind.code())
        .bind(complaint.description)
        .bind(complaint.status.code())
        .bind(complaint.filed_at.0)
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
/// still `expected`. Returns whether it did.
pub async fn set_status(
    conn: &mut Conn<'_>,
    id: ComplaintId,
    expected_version: i64,
    status: ComplaintStatus,
    now: UtcMillis,
) -> anyhow::Result<bool> {
    let sql = "UPDATE complaints SET status = $1, version = version + 1, updated_at = $2
               WHERE id = $3 AND version = $4";
    let done = on!(conn, |c| sqlx::query(sql)
        .bind(status.code())
        .bind(now.0)
        .bind(id.0)
        .bind(expected_version)
        .execute(&mut **c)
        .await?
        .rows_affected());
    Ok(done == 1)
}

/// Bumps the version of a complaint whose status did not change (an assistance request was
/// filed or decided), if it is still `expected`.
pub async fn touch(
    conn: &mut Conn<'_>,
    id: ComplaintId,
    expected_version: i64,
    now: UtcMillis,
) -> anyhow::Result<bool> {
    let sql = "UPDATE complaints SET version = version + 1, updated_at = $1
               WHERE id = $2 AND version = $3";
    let done = on!(conn, |c| sqlx::query(sql)
        .bind(now.0)
        .bind(id.0)
        .bind(expected_version)
        .execute(&mut **c)
        .await?
        .rows_affected());
    Ok(done == 1)
}

// --- revocations -----------------------------------------------------------------------------

pub async fn revocation(
    conn: &mut Conn<'_>,
    id: ComplaintId,
) -> anyhow::Result<Option<Revocation>> {
    let sql = "SELECT r.reference, r.revoked_at, r.reason, r.note, r.withdrawn_by, u.display_name
               FROM revocations r JOIN users u ON u.id = r.actor_id WHERE r.complaint_id = $1";
    on!(conn, |c| {
        let row = sqlx::query(sql).bind(id.0).fetch_optional(&mut **c).await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(Revocation {
            reference: row.text("reference")?,
            revoked_at: UtcMillis(row.int("revoked_at")?),
            reason: parse_reason(&row.text("reason")?)?,
            note: row.text("note")?,
            by: parse_code(&row.text("withdrawn_by")?)?,
            actor_name: row.text("display_name")?,
        }))
    })
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
    conn: &mut Conn<'_>,
    revocation: &NewRevocation<'_>,
) -> anyhow::Result<()> {
    let sql = "INSERT INTO revocations (complaint_id, reference, revoked_at, reason, note,
                                        withdrawn_by, actor_id)
               VALUES ($1, $2, $3, $4, $5, $6, $7)";
    let by = code_of(&revocation.by);
    on!(conn, |c| sqlx::query(sql)
        .bind(revocation.complaint.0)
        .bind(revocation.reference)
        .bind(revocation.revoked_at.0)
        .bind(revocation.reason.code())
        .bind(revocation.note)
        .bind(&by)
        .bind(revocation.actor.0)
        .execute(&mut **c)
        .await?
        .rows_affected());
    Ok(())
}

/// A withdrawal's writes ([`withdraw`]): the status, the revocation, its timeline event and
/// the answer stored for the idempotency key, all by `actor` at `at`.
pub struct Withdrawal<'a> {
    pub complaint: ComplaintId,
    pub expected_version: i64,
    /// How many timeline events the complaint had when the withdrawal was decided.
    pub expected_events: i64,
    pub at: UtcMillis,
    pub actor: UserId,
    pub reference: &'a str,
    pub reason: RevokeReason,
    pub note: &'a str,
    pub by: WithdrawnBy,
    pub event: &'a TimelineEventKind,
    pub key: &'a str,
    pub response: &'a StoredResponse,
}

/// Withdraws the complaint in one round trip — a compare-and-set and the rows that go with
/// it — if it is still at `expected_version` with `expected_events` timeline events and
/// `actor` has not used the idempotency key. Returns whether it did; if not, it wrote nothing.
///
/// Whoever decided the answer on a read made outside the write lock can rely on this: every
/// change to a complaint, its timeline, revocation or assistance requests bumps its version;
/// a pressure report, filed or handled, does not (a withdrawal form open meanwhile must not
/// get a 409 for it) but adds a timeline event. So an unchanged version and number of events
/// mean the complaint is exactly as read.
///
/// SQLite runs the statements one after the other in one call, each insert only if the
/// statement before it changed a row (`changes()`); PostgreSQL runs them as one statement,
/// the inserts fed by the `UPDATE … RETURNING` in a `WITH`.
pub async fn withdraw(conn: &mut Conn<'_>, withdrawal: &Withdrawal<'_>) -> anyhow::Result<bool> {
    // $1 complaint, $2 expected version, $3 at, $4 actor, $5 key, $16 expected events.
    const UPDATE: &str = "UPDATE complaints SET status = $6, version = version + 1, updated_at = $3
        WHERE id = $1 AND version = $2
          AND (SELECT COUNT(*) FROM timeline_events WHERE complaint_id = $1) = $16
          AND NOT EXISTS
            (SELECT 1 FROM idempotency_records WHERE user_id = $4 AND idem_key = $5)";
    const INSERTS: [&str; 3] = [
        "INSERT INTO revocations (complaint_id, reference, revoked_at, reason, note,
                                  withdrawn_by, actor_id)
         SELECT $1, $7, $3, $8, $9, $10, $4",
        "INSERT INTO timeline_events (complaint_id, at, actor_id, kind, event)
         SELECT $1, $3, $4, $11, $12",
        "INSERT INTO idempotency_records (user_id, idem_key, fingerprint, status, body,
                                          created_at)
         SELECT $4, $5, $13, $14, $15, $3",
    ];
    let (kind, event) = event_columns(withdrawal.event)?;
    let by = code_of(&withdrawal.by);
    let response = withdrawal.response;
    let (sql, rows_if_done) = match conn {
        Conn::Sqlite(_) => {
            let mut sql = UPDATE.to_owned();
            for insert in INSERTS {
                sql.push_str(";\n");
                sql.push_str(insert);
                sql.push_str(" WHERE changes() = 1");
            }
            (sql, 1 + INSERTS.len() as u64)
        }
        Conn::Postgres(_) => {
            let mut sql = format!("WITH changed AS ({UPDATE} RETURNING id)");
            let (last, others) = INSERTS.split_last().expect("inserts");
            for (i, insert) in others.iter().enumerate() {
                sql.push_str(&format!(",\n inserted_{i} AS ({insert} FROM changed)"));
            }
            sql.push_str(&format!("\n{last} FROM changed"));
            (sql, 1)
        }
    };
    let rows = on!(conn, |c| sqlx::query(&sql)
        .bind(withdrawal.complaint.0)
        .bind(withdrawal.expected_version)
        .bind(withdrawal.at.0)
        .bind(withdrawal.actor.0)
        .bind(withdrawal.key)
        .bind(ComplaintStatus::Revoked.code())
        .bind(withdrawal.reference)
        .bind(withdrawal.reason.code())
        .bind(withdrawal.note)
        .bind(&by)
        .bind(&kind)
        .bind(&event)
        .bind(&response.fingerprint)
        .bind(i64::from(response.status))
        .bind(&response.body)
        .bind(withdrawal.expected_events)
        .execute(&mut **c)
        .await?
        .rows_affected());
    match rows {
        0 => Ok(false),
        rows if rows == rows_if_done => Ok(true),
        rows => anyhow::bail!(
            "a withdrawal of {} changed {rows} rows",
            withdrawal.complaint
        ),
    }
}

// --- assistance requests ---------------------------------------------------------------------

const ASSISTANCE_COLUMNS: &str = "a.id, a.complaint_id, a.status AS assistance_status, a.ground,
    a.reason, a.note, a.requested_at, a.decided_at, a.rejection_reason";

fn assistance_from_row(row: &impl DbRow) -> anyhow::Result<AssistanceView> {
    Ok(AssistanceView {
        id: AssistanceId(row.int("id")?),
        complaint_id: ComplaintId(row.int("complaint_id")?),
        status: parse_code(&row.text("assistance_status")?)?,
        ground: parse_code(&row.text("ground")?)?,
        reason: parse_reason(&row.text("reason")?)?,
        note: row.text("note")?,
        requested_at: UtcMillis(row.int("requested_at")?),
        decided_at: row.opt_int("decided_at")?.map(UtcMillis),
        rejection_reason: row.opt_text("rejection_reason")?,
    })
}

/// The complaint's assistance requests, newest first.
pub async fn assistance_of(
    conn: &mut Conn<'_>,
    complaint: ComplaintId,
) -> anyhow::Result<Vec<AssistanceView>> {
    let sql = format!(
        "SELECT {ASSISTANCE_COLUMNS} FROM assistance_requests a WHERE a.complaint_id = $1
         ORDER BY a.requested_at DESC, a.id DESC"
    );
    on!(conn, |c| {
        let rows = sqlx::query(&sql)
            .bind(complaint.0)
            .fetch_all(&mut **c)
            .await?;
        rows.iter().map(assistance_from_row).collect()
    })
}

pub async fn assistance(
    conn: &mut Conn<'_>,
    id: AssistanceId,
) -> anyhow::Result<Option<AssistanceView>> {
    let sql = format!("SELECT {ASSISTANCE_COLUMNS} FROM assistance_requests a WHERE a.id = $1");
    on!(conn, |c| {
        let row = sqlx::query(&sql)
            .bind(id.0)
            .fetch_optional(&mut **c)
            .await?;
        row.as_ref().map(assistance_from_row).transpose()
    })
}

pub async fn assistance_pending(
    conn: &mut Conn<'_>,
    complaint: ComplaintId,
) -> anyhow::Result<bool> {
    let sql = "SELECT EXISTS (SELECT 1 FROM assistance_requests
                              WHERE complaint_id = $1 AND status = 'pending')";
    Ok(on!(conn, |c| sqlx::query_scalar(sql)
        .bind(complaint.0)
        .fetch_one(&mut **c)
        .await?))
}

pub struct NewAssistance<'a> {
    pub complaint: ComplaintId,
    pub ground: AssistanceGround,
    pub reason: RevokeReason,
    pub note: &'a str,
    pub requested_at: UtcMillis,
}

pub async fn insert_assistance(
    conn: &mut Conn<'_>,
    request: &NewAssistance<'_>,
) -> anyhow::Result<AssistanceId> {
    let sql = "INSERT INTO assistance_requests (complaint_id, status, ground, reason, note,
                                                requested_at)
               VALUES ($1, 'pending', $2, $3, $4, $5) RETURNING id";
    let ground = code_of(&request.ground);
    let id: i64 = on!(conn, |c| sqlx::query_scalar(sql)
        .bind(request.complaint.0)
        .bind(&ground)
        .bind(request.reason.code())
        .bind(request.note)
        .bind(request.requested_at.0)
        .fetch_one(&mut **c)
        .await?);
    Ok(AssistanceId(id))
}

/// Records an agent's decision on a pending request. Returns whether it was still pending.
pub async fn decide_assistance(
    conn: &mut Conn<'_>,
    id: AssistanceId,
    status: AssistanceStatus,
    agent: UserId,
    now: UtcMillis,
    rejection_reason: Option<&str>,
) -> anyhow::Result<bool> {
    let sql = "UPDATE assistance_requests SET status = $1, decided_at = $2, decided_by = $3,
                      rejection_reason = $4
               WHERE id = $5 AND status = 'pending'";
    let status = code_of(&status);
    let done = on!(conn, |c| sqlx::query(sql)
        .bind(&status)
        .bind(now.0)
        .bind(agent.0)
        .bind(rejection_reason)
        .bind(id.0)
        .execute(&mut **c)
        .await?
        .rows_affected());
    Ok(done == 1)
}

/// The agent's queue: requests with `status`, oldest first, with their complaints.
pub async fn assistance_queue(
    conn: &mut Conn<'_>,
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
         WHERE a.status = $1 ORDER BY {order} LIMIT 500"
    );
    let status = code_of(&status);
    on!(conn, |c| {
        let rows = sqlx::query(&sql).bind(&status).fetch_all(&mut **c).await?;
        rows.iter()
            .map(|row| {
                let mut request = assistance_from_row(row)?;
                // `a.id` and `c.id` share a name in the row: read the request's id explicitly.
                request.id = AssistanceId(row.int_at(0)?);
                let mut complaint = summary_from_row(row)?;
                complaint.id = request.complaint_id;
                Ok((request, complaint, row.text("owner_name")?))
            })
            .collect()
    })
}

// --- pressure reports ------------------------------------------------------------------------

const PRESSURE_COLUMNS: &str = "p.id, p.complaint_id, p.status AS pressure_status, p.note,
    p.reported_at, p.handled_at";

fn pressure_from_row(row: &impl DbRow) -> anyhow::Result<PressureReportView> {
    Ok(PressureReportView {
        id: PressureReportId(row.int("id")?),
        complaint_id: ComplaintId(row.int("complaint_id")?),
        status: parse_code(&row.text("pressure_status")?)?,
        note: row.text("note")?,
        reported_at: UtcMillis(row.int("reported_at")?),
        handled_at: row.opt_int("handled_at")?.map(UtcMillis),
    })
}

/// The complaint's pressure reports, newest first.
pub async fn pressure_reports_of(
    conn: &mut Conn<'_>,
    complaint: ComplaintId,
) -> anyhow::Result<Vec<PressureReportView>> {
    let sql = format!(
        "SELECT {PRESSURE_COLUMNS} FROM pressure_reports p WHERE p.complaint_id = $1
         ORDER BY p.reported_at DESC, p.id DESC"
    );
    on!(conn, |c| {
        let rows = sqlx::query(&sql)
            .bind(complaint.0)
            .fetch_all(&mut **c)
            .await?;
        rows.iter().map(pressure_from_row).collect()
    })
}

pub async fn pressure_report(
    conn: &mut Conn<'_>,
    id: PressureReportId,
) -> anyhow::Result<Option<PressureReportView>> {
    let sql = format!("SELECT {PRESSURE_COLUMNS} FROM pressure_reports p WHERE p.id = $1");
    on!(conn, |c| {
        let row = sqlx::query(&sql)
            .bind(id.0)
            .fetch_optional(&mut **c)
            .await?;
        row.as_ref().map(pressure_from_row).transpose()
    })
}

/// Whether the complaint has a pressure report waiting for an agent.
pub async fn pressure_report_open(
    conn: &mut Conn<'_>,
    complaint: ComplaintId,
) -> anyhow::Result<bool> {
    let sql = "SELECT EXISTS (SELECT 1 FROM pressure_reports
                              WHERE complaint_id = $1 AND status = 'open')";
    Ok(on!(conn, |c| sqlx::query_scalar(sql)
        .bind(complaint.0)
        .fetch_one(&mut **c)
        .await?))
}

pub struct NewPressureReport<'a> {
    pub complaint: ComplaintId,
    pub note: &'a str,
    pub reported_at: UtcMillis,
    pub reported_by: UserId,
}

/// An open report (the partial unique index refuses a second open one).
pub async fn insert_pressure_report(
    conn: &mut Conn<'_>,
    report: &NewPressureReport<'_>,
) -> anyhow::Result<PressureReportId> {
    let sql = "INSERT INTO pressure_reports (complaint_id, status, note, reported_at, reported_by)
               VALUES ($1, 'open', $2, $3, $4) RETURNING id";
    let id: i64 = on!(conn, |c| sqlx::query_scalar(sql)
        .bind(report.complaint.0)
        .bind(report.note)
        .bind(report.reported_at.0)
        .bind(report.reported_by.0)
        .fetch_one(&mut **c)
        .await?);
    Ok(PressureReportId(id))
}

/// Marks an open report handled by `agent`. Returns whether it was still open.
pub async fn handle_pressure_report(
    conn: &mut Conn<'_>,
    id: PressureReportId,
    agent: UserId,
    now: UtcMillis,
) -> anyhow::Result<bool> {
    let sql = "UPDATE pressure_reports SET status = 'handled', handled_at = $1, handled_by = $2
               WHERE id = $3 AND status = 'open'";
    let done = on!(conn, |c| sqlx::query(sql)
        .bind(now.0)
        .bind(agent.0)
        .bind(id.0)
        .execute(&mut **c)
        .await?
        .rows_affected());
    Ok(done == 1)
}

/// The agents' pressure queue: reports with `status` with their complaints, open ones
/// oldest first, handled ones latest handled first.
pub async fn pressure_queue(
    conn: &mut Conn<'_>,
    status: PressureReportStatus,
) -> anyhow::Result<Vec<(PressureReportView, ComplaintSummary, String)>> {
    let order = match status {
        PressureReportStatus::Open => "p.reported_at ASC, p.id ASC",
        PressureReportStatus::Handled => "p.handled_at DESC, p.id DESC",
    };
    let sql = format!(
        "SELECT {PRESSURE_COLUMNS}, {SUMMARY_COLUMNS}, u.display_name AS owner_name
         FROM pressure_reports p
         JOIN complaints c ON c.id = p.complaint_id
         JOIN orders o ON o.id = c.order_id
         JOIN users u ON u.id = c.owner_id
         WHERE p.status = $1 ORDER BY {order} LIMIT 500"
    );
    let status = code_of(&status);
    on!(conn, |c| {
        let rows = sqlx::query(&sql).bind(&status).fetch_all(&mut **c).await?;
        rows.iter()
            .map(|row| {
                let mut report = pressure_from_row(row)?;
                // `p.id` and `c.id` share a name in the row: read the report's id explicitly.
                report.id = PressureReportId(row.int_at(0)?);
                let mut complaint = summary_from_row(row)?;
                complaint.id = report.complaint_id;
                Ok((report, complaint, row.text("owner_name")?))
            })
            .collect()
    })
}

// --- orders ----------------------------------------------------------------------------------

const ORDER_COLUMNS: &str = "id, number, title, shop, amount_fen, image, placed_at, owner_id";

fn order_from_row(row: &impl DbRow) -> anyhow::Result<OrderView> {
    Ok(OrderView {
        id: OrderId(row.int("id")?),
        number: row.text("number")?,
        title: row.text("title")?,
        shop: row.text("shop")?,
        amount_fen: row.int("amount_fen")?,
        image: row.opt_text("image")?,
        placed_at: UtcMillis(row.int("placed_at")?),
        owner: UserId(row.int("owner_id")?),
        complaints: Vec::new(),
    })
}

fn brief_from_row(row: &impl DbRow) -> anyhow::Result<(OrderId, ComplaintBrief)> {
    Ok((
        OrderId(row.int("order_id")?),
        ComplaintBrief {
            id: ComplaintId(row.int("id")?),
            number: row.text("number")?,
            status: parse_status(&row.text("status")?)?,
        },
    ))
}

/// The user's orders, newest first, each with its complaints, newest first.
pub async fn orders_of(conn: &mut Conn<'_>, owner: UserId) -> anyhow::Result<Vec<OrderView>> {
    let sql = format!(
        "SELECT {ORDER_COLUMNS} FROM orders WHERE owner_id = $1 ORDER BY placed_at DESC, id DESC"
    );
    let mut orders: Vec<OrderView> = on!(conn, |c| {
        let rows = sqlx::query(&sql).bind(owner.0).fetch_all(&mut **c).await?;
        rows.iter()
            .map(order_from_row)
            .collect::<anyhow::Result<_>>()?
    });
    let sql = "SELECT id, number, status, order_id FROM complaints WHERE owner_id = $1
               ORDER BY filed_at DESC, id DESC";
    let briefs: Vec<(OrderId, ComplaintBrief)> = on!(conn, |c| {
        let rows = sqlx::query(sql).bind(owner.0).fetch_all(&mut **c).await?;
        rows.iter()
            .map(brief_from_row)
            .collect::<anyhow::Result<_>>()?
    });
    for (order_id, brief) in briefs {
        if let Some(order) = orders.iter_mut().find(|order| order.id == order_id) {
            order.complaints.push(brief);
        }
    }
    Ok(orders)
}

/// One order with its complaints, newest first.
pub async fn order(conn: &mut Conn<'_>, id: OrderId) -> anyhow::Result<Option<OrderView>> {
    let sql = format!("SELECT {ORDER_COLUMNS} FROM orders WHERE id = $1");
    let order: Option<OrderView> = on!(conn, |c| {
        let row = sqlx::query(&sql)
            .bind(id.0)
            .fetch_optional(&mut **c)
            .await?;
        row.as_ref().map(order_from_row).transpose()?
    });
    let Some(mut order) = order else {
        return Ok(None);
    };
    let sql = "SELECT id, number, status, order_id FROM complaints WHERE order_id = $1
               ORDER BY filed_at DESC, id DESC";
    let briefs: Vec<(OrderId, ComplaintBrief)> = on!(conn, |c| {
        let rows = sqlx::query(sql).bind(id.0).fetch_all(&mut **c).await?;
        rows.iter()
            .map(brief_from_row)
            .collect::<anyhow::Result<_>>()?
    });
    order
        .complaints
        .extend(briefs.into_iter().map(|(_, brief)| brief));
    Ok(Some(order))
}

pub struct NewOrder<'a> {
    pub number: &'a str,
    pub title: &'a str,
    pub shop: &'a str,
    pub amount_fen: i64,
    /// The product picture ([`OrderView::image`]).
    pub image: Option<&'a str>,
    pub placed_at: UtcMillis,
    pub owner: UserId,
}

pub async fn insert_order(conn: &mut Conn<'_>, order: &NewOrder<'_>) -> anyhow::Result<OrderId> {
    let sql = "INSERT INTO orders (number, title, shop, amount_fen, image, placed_at, owner_id)
               VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
    let id: i64 = on!(conn, |c| sqlx::query_scalar(sql)
        .bind(order.number)
        .bind(order.title)
        .bind(order.shop)
        .bind(order.amount_fen)
        .bind(order.image)
        .bind(order.placed_at.0)
        .bind(order.owner.0)
        .fetch_one(&mut **c)
        .await?);
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
    conn: &mut Conn<'_>,
    user: UserId,
    key: &str,
) -> anyhow::Result<Option<StoredResponse>> {
    let sql = "SELECT fingerprint, status, body FROM idempotency_records
               WHERE user_id = $1 AND idem_key = $2";
    on!(conn, |c| {
        let row = sqlx::query(sql)
            .bind(user.0)
            .bind(key)
            .fetch_optional(&mut **c)
            .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(StoredResponse {
            fingerprint: row.text("fingerprint")?,
            status: u16::try_from(row.int("status")?).context("a stored status")?,
            body: row.text("body")?,
        }))
    })
}

pub async fn insert_idempotency_record(
    conn: &mut Conn<'_>,
    user: UserId,
    key: &str,
    response: &StoredResponse,
    now: UtcMillis,
) -> anyhow::Result<()> {
    let sql = "INSERT INTO idempotency_records (user_id, idem_key, fingerprint, status, body,
                                                created_at)
               VALUES ($1, $2, $3, $4, $5, $6)";
    on!(conn, |c| sqlx::query(sql)
        .bind(user.0)
        .bind(key)
        .bind(&response.fingerprint)
        .bind(i64::from(response.status))
        .bind(&response.body)
        .bind(now.0)
        .execute(&mut **c)
        .await?
        .rows_affected());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redacted("postgres://cd:secret@db.example:5432/cd"),
            "postgres://cd:***@db.example:5432/cd"
        );
        assert_eq!(
            redacted("postgres://cd@localhost/cd"),
            "postgres://cd@localhost/cd"
        );
        assert_eq!(redacted("sqlite://data/cd.db"), "sqlite://data/cd.db");
    }

    #[test]
    fn search_patterns_are_literal() {
        let text = SearchText::parse("a%b_c\\").unwrap().unwrap();
        assert_eq!(contains_pattern(&text), "%a\\%b\\_c\\\\%");
    }

    #[test]
    fn search_text_is_trimmed_and_refused_when_it_cannot_be_searched() {
        assert_eq!(
            SearchText::parse("  TS2026 ").unwrap().unwrap().as_str(),
            "TS2026"
        );
        assert_eq!(SearchText::parse(" \u{3000} ").unwrap(), None);
        assert_eq!(SearchText::parse("\0zzzz"), Err(SearchRefused::Nul));
        assert_eq!(SearchText::parse(" \0 "), Err(SearchRefused::Nul));
        let longest = "投".repeat(SearchText::MAX_CHARS);
        assert!(SearchText::parse(&longest).unwrap().is_some());
        assert_eq!(
            SearchText::parse(&format!("{longest} ")),
            Err(SearchRefused::TooLong)
        );
    }
}

//! What only SQLite does: opening (and migrating) the file in WAL mode with a pool for
//! reads and one connection for writes, and the background checkpointer.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::Connection as _;
use tokio::sync::Mutex;

use super::cache::{ReadCache, WriteLog};

/// Migrates on a connection of its own with foreign keys off, then, if a migration ran,
/// checks every reference (a scan of every table: not on each start). A migration that
/// changes a table's constraints rebuilds the table (SQLite cannot alter a CHECK), which
/// SQLite allows only with foreign keys off; sqlx runs each migration in a transaction,
/// inside which that pragma cannot change, so it is off for the connection.
async fn migrate(options: &SqliteConnectOptions) -> anyhow::Result<()> {
    let conn = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options.clone().foreign_keys(false))
        .await
        .context("could not open the database to migrate it")?;
    let applied_before = applied_migrations(&conn).await?;
    sqlx::migrate!("./migrations/sqlite")
        .run(&conn)
        .await
        .context("could not migrate the database")?;
    if applied_migrations(&conn).await? > applied_before {
        let broken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pragma_foreign_key_check")
            .fetch_one(&conn)
            .await?;
        anyhow::ensure!(
            broken == 0,
            "after migrating, {broken} rows refer to rows that do not exist"
        );
    }
    conn.close().await;
    Ok(())
}

/// How many migrations the database has applied (none before sqlx made its table).
async fn applied_migrations(conn: &SqlitePool) -> sqlx::Result<i64> {
    let tracked: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations')",
    )
    .fetch_one(conn)
    .await?;
    if !tracked {
        return Ok(0);
    }
    sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(conn)
        .await
}

/// Opens the database (creating the file and its directory if needed) and migrates it: the
/// pool for reads, the one connection for writes, and the read cache watching its `-shm`.
pub(super) async fn connect(
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
    migrate(&options).await?;
    // Every row the writer changes is reported to the read cache, which keeps what the rows
    // written cannot have changed.
    let writes = WriteLog::default();
    let log = writes.clone();
    let write = SqlitePoolOptions::new()
        .after_connect(move |conn, _| {
            let log = log.clone();
            Box::pin(async move {
                conn.lock_handle()
                    .await?
                    .set_update_hook(move |row| log.record(row.operation, row.table));
                Ok(())
            })
        })
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(options.clone())
        .await
        .with_context(|| format!("could not open the database {database_url:?}"))?;
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(options.clone())
        .await
        .with_context(|| format!("could not open the database {database_url:?}"))?;
    // An in-memory database has no `-shm` (so no cache) and no WAL to checkpoint.
    let cache = ReadCache::sqlite(&file, writes);
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
    let _ = conn.close().await;
}

//! What only PostgreSQL does: connecting (and migrating), and the advisory lock that
//! serializes the writes of every server on the database.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context as _;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Postgres, Transaction};

use super::redacted;

/// The advisory lock every PostgreSQL write transaction takes ("CDWRITE1"): whoever holds
/// it (another server, or maintenance run by hand) holds every server's writes back.
pub const PG_WRITE_LOCK: i64 = 0x4344_5752_4954_4531;

/// Connects to the database (which must exist) and migrates it.
pub(super) async fn connect(database_url: &str) -> anyhow::Result<PgPool> {
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

/// Takes the write lock for the rest of `tx`: every server on this database serializes its
/// writes on it; it is released at commit or rollback.
pub(super) async fn lock_writes(tx: &mut Transaction<'static, Postgres>) -> sqlx::Result<()> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(PG_WRITE_LOCK)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

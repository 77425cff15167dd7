//! All SQL, for both backends: SQLite (the embedded default) and PostgreSQL (for several
//! stateless servers behind a load balancer), by aggregate — [`users`] and sessions,
//! [`complaints`] (one complaint, its timeline, its compare-and-set writes), [`list`] (pages
//! and counts) with its [`search`], [`withdrawals`] (withdrawals, the withdrawal's
//! compare-and-set, idempotency records), [`assistance`], [`pressure`] reports and [`orders`];
//! what only one backend does is in [`sqlite`] (WAL, the background checkpointer) and
//! [`postgres`] (the advisory write lock). The rest of the server sees plain functions that
//! take a connection ([`Conn`]) and return the API's types. Every value is a bound parameter,
//! the closed sets' codes too.
//!
//! The SQL is written once: `$1, $2, …` placeholders (which SQLite accepts too), `RETURNING
//! id` instead of `last_insert_rowid()`, `TRUE`/`FALSE` for flags. Each function runs the same
//! statement on whichever connection it gets ([`on!`]), and rows are read through [`DbRow`], so
//! a query cannot drift between the backends. Where they differ, [`Conn::like`] (search that
//! folds ASCII case only) and [`Db::write`] (how the write lock is taken) say so. A closed set
//! is stored as its code ([`Vocabulary`]) and read back by [`parse`].
//!
//! Writes go through [`Db::write`]: one transaction holding *the* write lock — SQLite's
//! (`BEGIN IMMEDIATE`), or on PostgreSQL a transaction-level advisory lock shared by every
//! server on the database — behind an in-process gate, so concurrent mutations serialize
//! (across processes too) and each one re-reads the state it decides on. A compare-and-set
//! that finds its row changed writes nothing and says so: [`Stale`].

use std::sync::Arc;

use complaint_rules::Vocabulary;
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnection, PgPool, PgRow, Postgres};
use sqlx::sqlite::{SqliteConnection, SqlitePool, SqliteRow};
use sqlx::{Row, Sqlite, Transaction};
use tokio::sync::{Mutex, OwnedMutexGuard};

use cache::ReadCache;

/// A connection to run queries on: a pooled connection or an open transaction, of either
/// backend.
pub enum Conn<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

impl Conn<'_> {
    /// The `LIKE` that ignores the case of ASCII letters, and of nothing else: SQLite's `LIKE`
    /// does that; PostgreSQL's `ILIKE` follows the database's locale (`K`, the Kelvin sign,
    /// would find the `k` of "1.5kg", `İ` the `i` of "AirPods") except in the "C" collation.
    fn like(&self) -> &'static str {
        match self {
            Conn::Sqlite(_) => "LIKE",
            Conn::Postgres(_) => "COLLATE \"C\" ILIKE",
        }
    }

    /// The functions that build JSON in a query: the aggregate of a JSON array (`NULL` for no
    /// rows on PostgreSQL: wrap it in `COALESCE`) and the JSON array of its arguments.
    fn json_functions(&self) -> (&'static str, &'static str) {
        match self {
            Conn::Sqlite(_) => ("json_group_array", "json_array"),
            Conn::Postgres(_) => ("json_agg", "json_build_array"),
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
    fn bytes(&self, column: &str) -> sqlx::Result<Vec<u8>>;
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
            fn bytes(&self, column: &str) -> sqlx::Result<Vec<u8>> {
                self.try_get(column)
            }
        }
    };
}

db_row!(SqliteRow);
db_row!(PgRow);

/// A closed set's value from its stored code.
fn parse<T: Vocabulary>(code: &str) -> anyhow::Result<T> {
    T::from_code(code).ok_or_else(|| {
        anyhow::anyhow!(
            "unexpected {} {code:?} in the database",
            std::any::type_name::<T>()
        )
    })
}

/// A compare-and-set found its row changed since it was read (another version, a decision
/// already taken): it wrote nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{what} {id} changed under the write lock")]
pub struct Stale {
    pub what: &'static str,
    pub id: i64,
}

/// What a compare-and-set did: wrote, or found its row [`Stale`].
pub type Cas = Result<(), Stale>;

/// The [`Cas`] of a statement that changes the row `id` of `what` (one row) if still as read.
fn cas(rows_affected: u64, what: &'static str, id: i64) -> Cas {
    match rows_affected {
        0 => Err(Stale { what, id }),
        _ => Ok(()),
    }
}

mod arbitration;
mod assistance;
mod cache;
mod complaints;
mod images;
mod inbox;
mod list;
mod messages;
mod orders;
mod postgres;
mod pressure;
mod queue;
mod search;
mod sqlite;
mod users;
mod withdrawals;

pub use arbitration::*;
pub use assistance::*;
pub use complaints::*;
pub use images::*;
pub use inbox::*;
pub use list::*;
pub use messages::*;
pub use orders::*;
pub use postgres::PG_WRITE_LOCK;
pub use pressure::*;
pub use search::SearchText;
pub use users::*;
pub use withdrawals::*;

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
    _gate: OwnedMutexGuard<()>,
}

impl WriteTx {
    pub fn conn(&mut self) -> Conn<'_> {
        match &mut self.tx {
            Tx::Sqlite(tx) => Conn::Sqlite(tx),
            Tx::Postgres(tx) => Conn::Postgres(tx),
        }
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
                let after = committed.as_ref().ok().and_then(|()| self.cache.stamp());
                self.cache.committed(before, after);
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
    /// Opens and migrates the database: SQLite (creating the file and its directory if
    /// needed) or, for a `postgres://` URL, PostgreSQL (the database must exist).
    pub async fn connect(database_url: &str) -> anyhow::Result<Db> {
        let write_gate = Arc::new(Mutex::new(()));
        let (pool, cache) = if is_postgres(database_url) {
            (
                Pool::Postgres(postgres::connect(database_url).await?),
                ReadCache::off(),
            )
        } else {
            let (read, write, cache) = sqlite::connect(database_url, &write_gate).await?;
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
            Pool::Sqlite { write, .. } => {
                let tx = write.begin_with("BEGIN IMMEDIATE").await?;
                self.cache.begin_write();
                Tx::Sqlite(tx)
            }
            Pool::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                postgres::lock_writes(&mut tx).await?;
                Tx::Postgres(tx)
            }
        };
        Ok(WriteTx {
            tx,
            cache: Arc::clone(&self.cache),
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
}

//! Reads kept in memory, on SQLite only: the session behind a cookie and the counts per
//! status of the list. Each is exactly what the database says *now*, or it is not used.
//!
//! Why it is kept: it is what holds the list's goal (≥ 5,000 requests/s for a page of 20 rows
//! of 100). `GET /api/complaints` makes one query (the page) instead of three (the session,
//! the page, the counts), and every other request one query fewer. Measured with
//! `bench/server.sh` (20 rows of 100, 32 connections) on the 2-core machine, this build and
//! the same build without the cache (`ReadCache::off()`), alternating with main's, 3 runs
//! each: with it 5,076–5,429 requests/s (median 5,338; 238–342 µs of server CPU per
//! request), without it 3,242–4,870 (median 3,503; 349–509 µs), main 5,060–5,613.
//!
//! How: SQLite's WAL index (the `-shm` file every connection maps) begins with a header that
//! every commit rewrites — by this server or by any other process (`sqlite3`, a test, a
//! script) — and whose `iChange` counts the commits (documented in SQLite's "WAL-mode file
//! format"). Reading its 96 bytes (the header is kept twice; a torn read shows as two
//! different copies) is one `pread`, far cheaper than a query. An entry is stored under the
//! header read *before* its query, and used only while the header is still the same: any
//! commit since, anywhere, makes every entry a miss.
//!
//! The server's own commits would then empty the cache on every mutation. So the writer
//! connection reports every row it changes (SQLite's update hook, [`Written::record`]), and a
//! committed write transaction carries over what the tables it changed cannot have changed:
//! it reads the header just before its commit (it holds the write lock, nobody else can
//! commit) and just after; if `iChange` moved by exactly one, the commit was its own alone,
//! and the entries that do not depend on what it wrote carry over to the new header. No
//! handler says what it changed: a write can only leave stale an entry that SQLite did not
//! see it write. Anything else (a foreign commit in between, a torn read) empties the cache.
//!
//! On PostgreSQL nothing is cached: two servers share the database, and a sign-out on one
//! must be refused on the other at once (see the README).

use std::collections::HashMap;
use std::fs::File;
use std::os::unix::fs::FileExt as _;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use complaint_api::UserView;
use complaint_rules::{UserId, UtcMillis};
use sqlx::sqlite::SqliteOperation;

use super::Counts;

/// The WAL-index header, as read (one copy of it).
pub type Stamp = [u8; 48];

/// At most this many sessions are kept (then the map starts over).
const MAX_SESSIONS: usize = 10_000;
/// At most this many count lists are kept (then the map starts over).
const MAX_COUNTS: usize = 10_000;

/// Which cached reads a write transaction may have changed, from the rows it wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Complaints or orders: what the counts are counted from.
    pub counts: bool,
    /// A session changed (ended), or a user: what a session lookup returns.
    pub sessions: bool,
}

impl Written {
    /// SQLite changed a row of `table`.
    pub fn record(&mut self, operation: SqliteOperation, table: &str) {
        match (table, operation) {
            ("complaints" | "orders", _) => self.counts = true,
            // A new session changes no cached lookup: only sessions found are cached.
            ("sessions", SqliteOperation::Insert) => {}
            ("sessions" | "users", _) => self.sessions = true,
            // Timelines, receipts, requests, reports, idempotency records, and the
            // conversations' messages, pictures, read markers and arbitration notes: nothing
            // cached is read from them (unread counts are never cached).
            _ => {}
        }
    }
}

/// What the writer connection has written in the current transaction, reported by SQLite
/// row by row (the update hook that `db::sqlite` installs on every writer connection).
#[derive(Clone, Default)]
pub struct WriteLog(Arc<Mutex<Written>>);

impl WriteLog {
    pub fn record(&self, operation: SqliteOperation, table: &str) {
        lock(&self.0).record(operation, table);
    }

    /// What was written since the last call, and a fresh start.
    pub fn take(&self) -> Written {
        std::mem::take(&mut *lock(&self.0))
    }
}

/// A panic while holding one of these locks cannot leave a wrong value (updates are whole).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[derive(Default)]
struct Entries {
    stamp: Option<Stamp>,
    sessions: HashMap<String, (UserView, UtcMillis)>,
    counts: HashMap<Option<UserId>, Counts>,
}

impl Entries {
    /// Makes the entries those of `stamp` (emptied when they were another's).
    fn at(&mut self, stamp: Stamp) {
        if self.stamp != Some(stamp) {
            self.sessions.clear();
            self.counts.clear();
            self.stamp = Some(stamp);
        }
    }
}

pub struct ReadCache {
    /// The `-shm` file; None: caching is off (PostgreSQL, an in-memory database).
    shm: Option<File>,
    entries: Mutex<Entries>,
    /// What the writer connection wrote in the transaction being committed.
    writes: WriteLog,
}

impl ReadCache {
    pub fn off() -> ReadCache {
        ReadCache {
            shm: None,
            entries: Mutex::new(Entries::default()),
            writes: WriteLog::default(),
        }
    }

    /// The cache of the SQLite database `file` (in WAL mode, with a connection open, so its
    /// `-shm` exists and lives as long as the server keeps a connection). Off when the file
    /// cannot be read or its header is not there.
    /// `writes` is what the writer connections report.
    pub fn sqlite(file: &Path, writes: WriteLog) -> ReadCache {
        let mut shm = file.as_os_str().to_owned();
        shm.push("-shm");
        let cache = ReadCache {
            shm: File::open(&shm).ok(),
            entries: Mutex::new(Entries::default()),
            writes,
        };
        if cache.shm.is_some() && cache.stamp().is_none() {
            tracing::warn!(path = ?shm, "no WAL-index header: reads are not cached");
            return ReadCache::off();
        }
        cache
    }

    pub fn is_on(&self) -> bool {
        self.shm.is_some()
    }

    /// The WAL-index header now, if it reads whole and initialised.
    pub fn stamp(&self) -> Option<Stamp> {
        let shm = self.shm.as_ref()?;
        let mut both = [0u8; 96];
        shm.read_exact_at(&mut both, 0).ok()?;
        let (first, second) = both.split_at(48);
        // isInit (byte 12) is set once the header is valid; the copies differ while a
        // commit is rewriting them.
        if first != second || first[12] != 1 {
            return None;
        }
        first.try_into().ok()
    }

    fn entries(&self) -> MutexGuard<'_, Entries> {
        lock(&self.entries)
    }

    /// The cached live session of `token_hash` at `now`, or the stamp to store it under
    /// after the query (None: do not store).
    pub fn session(
        &self,
        token_hash: &str,
        now: UtcMillis,
    ) -> Result<(UserView, UtcMillis), Option<Stamp>> {
        let stamp = self.stamp().ok_or(None)?;
        let entries = self.entries();
        if entries.stamp == Some(stamp) {
            if let Some((user, expires_at)) = entries.sessions.get(token_hash) {
                if *expires_at > now {
                    return Ok((user.clone(), *expires_at));
                }
            }
        }
        Err(Some(stamp))
    }

    pub fn store_session(
        &self,
        stamp: Stamp,
        token_hash: &str,
        user: &UserView,
        expires: UtcMillis,
    ) {
        let mut entries = self.entries();
        entries.at(stamp);
        if entries.sessions.len() >= MAX_SESSIONS {
            entries.sessions.clear();
        }
        entries
            .sessions
            .insert(token_hash.to_owned(), (user.clone(), expires));
    }

    /// The cached counts of `owner` (None: everyone's) if they still hold at `now` — nothing
    /// committed since, and no `withdrawable` complaint's window closed since
    /// ([`Counts::hold_at`]) — or the stamp to store them under.
    pub fn counts(&self, owner: Option<UserId>, now: UtcMillis) -> Result<Counts, Option<Stamp>> {
        let stamp = self.stamp().ok_or(None)?;
        let entries = self.entries();
        if entries.stamp == Some(stamp) {
            if let Some(counts) = entries.counts.get(&owner) {
                if counts.hold_at(now) {
                    return Ok(counts.clone());
                }
            }
        }
        Err(Some(stamp))
    }

    pub fn store_counts(&self, stamp: Stamp, owner: Option<UserId>, counts: &Counts) {
        let mut entries = self.entries();
        entries.at(stamp);
        if entries.counts.len() >= MAX_COUNTS {
            entries.counts.clear();
        }
        entries.counts.insert(owner, counts.clone());
    }

    /// A write transaction begins: what an earlier one wrote and rolled back is forgotten.
    pub fn begin_write(&self) {
        self.writes.take();
    }

    /// After a commit whose header was `before` (read holding the write lock) and is `after`
    /// (None: unreadable, or the commit failed): carries over what the rows it wrote cannot
    /// have changed, if the commit was the only one in between.
    pub fn committed(&self, before: Option<Stamp>, after: Option<Stamp>) {
        self.carry_over(before, after, self.writes.take());
    }

    fn carry_over(&self, before: Option<Stamp>, after: Option<Stamp>, written: Written) {
        let mut entries = self.entries();
        let own_commit_only = match (before, after) {
            (Some(before), Some(after)) => {
                change_counter(&after) == change_counter(&before).wrapping_add(1)
            }
            _ => false,
        };
        if !own_commit_only || entries.stamp != before {
            *entries = Entries::default();
            return;
        }
        if written.counts {
            entries.counts.clear();
        }
        if written.sessions {
            entries.sessions.clear();
        }
        entries.stamp = after;
    }
}

/// `iChange`, the header's commit counter (native byte order, bytes 8–11).
fn change_counter(stamp: &Stamp) -> u32 {
    u32::from_ne_bytes([stamp[8], stamp[9], stamp[10], stamp[11]])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(counter: u32, salt: u8) -> Stamp {
        let mut stamp = [0u8; 48];
        stamp[8..12].copy_from_slice(&counter.to_ne_bytes());
        stamp[12] = 1;
        stamp[40] = salt;
        stamp
    }

    fn user(id: i64) -> UserView {
        UserView {
            id: UserId(id),
            username: format!("u{id}"),
            display_name: "U".into(),
            role: complaint_rules::Role::Shopper,
            real_name: complaint_rules::RealName::Verified,
        }
    }

    #[test]
    fn own_commits_carry_over_what_they_did_not_change() {
        let cache = ReadCache::off();
        let s1 = stamp(7, 0);
        cache.store_session(s1, "a", &user(1), UtcMillis(100));
        cache.store_session(s1, "b", &user(2), UtcMillis(100));
        let counts = counts(UtcMillis(0), None);
        cache.store_counts(s1, Some(UserId(1)), &counts);
        cache.store_counts(s1, Some(UserId(2)), &counts);
        cache.store_counts(s1, None, &counts);
        // A withdrawal: complaints, a timeline event, a receipt, an idempotency record.
        let mut written = Written::default();
        for table in [
            "complaints",
            "withdrawals",
            "timeline_events",
            "idempotency_records",
        ] {
            written.record(SqliteOperation::Update, table);
        }
        let s2 = stamp(8, 1);
        cache.carry_over(Some(s1), Some(s2), written);
        {
            let entries = cache.entries();
            assert_eq!(entries.stamp, Some(s2));
            assert_eq!(entries.sessions.len(), 2);
            assert!(entries.counts.is_empty());
        }
        // A sign-in keeps everything; a sign-out, the counts.
        let mut sign_in = Written::default();
        sign_in.record(SqliteOperation::Insert, "sessions");
        assert_eq!(sign_in, Written::default());
        cache.store_counts(s2, None, &counts);
        let mut sign_out = Written::default();
        sign_out.record(SqliteOperation::Update, "sessions");
        let s3 = stamp(9, 2);
        cache.carry_over(Some(s2), Some(s3), sign_out);
        let entries = cache.entries();
        assert_eq!(entries.stamp, Some(s3));
        assert!(entries.sessions.is_empty());
        assert!(entries.counts.contains_key(&None));
    }

    #[test]
    fn a_foreign_commit_in_between_or_a_torn_read_empties_the_cache() {
        for after in [Some(stamp(9, 0)), None] {
            let cache = ReadCache::off();
            let s1 = stamp(7, 0);
            cache.store_session(s1, "a", &user(1), UtcMillis(100));
            cache.carry_over(Some(s1), after, Written::default());
            let entries = cache.entries();
            assert!(entries.sessions.is_empty() && entries.stamp.is_none());
        }
    }

    fn counts(at: UtcMillis, withdrawable_until: Option<UtcMillis>) -> Counts {
        Counts {
            by_status: Vec::new(),
            withdrawable: u32::from(withdrawable_until.is_some()),
            at,
            withdrawable_until,
        }
    }

    /// A cache on a `-shm` file holding a valid WAL-index header (both copies equal), so
    /// that it has a stamp to compare.
    fn sqlite_cache() -> (tempfile::TempDir, ReadCache) {
        let dir = tempfile::tempdir().unwrap();
        let header = stamp(3, 0);
        std::fs::write(dir.path().join("db-shm"), [header, header].concat()).unwrap();
        let cache = ReadCache::sqlite(&dir.path().join("db"), WriteLog::default());
        (dir, cache)
    }

    #[test]
    fn counts_are_used_only_until_the_first_withdrawable_window_closes() {
        let (_dir, cache) = sqlite_cache();
        assert!(cache.is_on());
        let stamp = cache.stamp().unwrap();
        let (counted, closes) = (UtcMillis(1_000), UtcMillis(5_000));
        cache.store_counts(stamp, None, &counts(counted, Some(closes)));
        cache.store_counts(stamp, Some(UserId(1)), &counts(counted, None));
        assert!(cache.counts(None, counted).is_ok());
        assert!(cache.counts(None, UtcMillis(4_999)).is_ok());
        assert_eq!(cache.counts(None, closes).unwrap_err(), Some(stamp));
        // No withdrawable complaint: nothing closes, but a clock that went back may open one.
        assert!(cache.counts(Some(UserId(1)), UtcMillis(i64::MAX)).is_ok());
        assert!(cache.counts(Some(UserId(1)), UtcMillis(999)).is_err());
        assert!(cache.counts(None, UtcMillis(999)).is_err());
    }

    #[test]
    fn a_store_under_another_stamp_starts_over() {
        let cache = ReadCache::off();
        cache.store_session(stamp(1, 0), "a", &user(1), UtcMillis(100));
        cache.store_session(stamp(2, 0), "b", &user(2), UtcMillis(100));
        let entries = cache.entries();
        assert_eq!(entries.sessions.len(), 1);
        assert!(entries.sessions.contains_key("b"));
    }
}

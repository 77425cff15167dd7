//! Withdrawals: the revocation (the receipt), the one-round-trip withdrawal, and the answers
//! stored for idempotency keys.

use anyhow::Context as _;
use complaint_api::{ComplaintId, Revocation, TimelineEventKind, WithdrawnBy};
use complaint_rules::{ComplaintStatus, RevokeReason, UserId, UtcMillis};

use super::complaints::{event_columns, EVENT_INSERT};
use super::{parse, Cas, Conn, DbRow, Stale};

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
            reason: parse::<RevokeReason>(&row.text("reason")?)?,
            note: row.text("note")?,
            by: parse(&row.text("withdrawn_by")?)?,
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

/// How a revocation is written, here and in [`withdraw`].
const REVOCATION_INSERT: &str = "INSERT INTO revocations (complaint_id, reference, revoked_at,
    reason, note, withdrawn_by, actor_id)";

pub async fn insert_revocation(
    conn: &mut Conn<'_>,
    revocation: &NewRevocation<'_>,
) -> anyhow::Result<()> {
    let sql = format!("{REVOCATION_INSERT} VALUES ($1, $2, $3, $4, $5, $6, $7)");
    let by = revocation.by.code();
    on!(conn, |c| sqlx::query(&sql)
        .bind(revocation.complaint.0)
        .bind(revocation.reference)
        .bind(revocation.revoked_at.0)
        .bind(revocation.reason.code())
        .bind(revocation.note)
        .bind(by)
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
/// `actor` has not used the idempotency key; if not, it wrote nothing ([`Stale`]).
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
pub async fn withdraw(conn: &mut Conn<'_>, withdrawal: &Withdrawal<'_>) -> anyhow::Result<Cas> {
    // $1 complaint, $2 expected version, $3 at, $4 actor, $5 key, $16 expected events.
    const UPDATE: &str = "UPDATE complaints SET status = $6, version = version + 1, updated_at = $3
        WHERE id = $1 AND version = $2
          AND (SELECT COUNT(*) FROM timeline_events WHERE complaint_id = $1) = $16
          AND NOT EXISTS
            (SELECT 1 FROM idempotency_records WHERE user_id = $4 AND idem_key = $5)";
    let inserts = [
        format!("{REVOCATION_INSERT} SELECT $1, $7, $3, $8, $9, $10, $4"),
        format!("{EVENT_INSERT} SELECT $1, $3, $4, $11, $12"),
        format!("{IDEMPOTENCY_INSERT} SELECT $4, $5, $13, $14, $15, $3"),
    ];
    let (kind, event) = event_columns(withdrawal.event)?;
    let by = withdrawal.by.code();
    let response = withdrawal.response;
    let (sql, rows_if_done) = match conn {
        Conn::Sqlite(_) => {
            let mut sql = UPDATE.to_owned();
            for insert in &inserts {
                sql.push_str(";\n");
                sql.push_str(insert);
                sql.push_str(" WHERE changes() = 1");
            }
            (sql, 1 + inserts.len() as u64)
        }
        Conn::Postgres(_) => {
            let mut sql = format!("WITH changed AS ({UPDATE} RETURNING id)");
            let (last, others) = inserts.split_last().expect("inserts");
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
        .bind(by)
        .bind(kind)
        .bind(&event)
        .bind(&response.fingerprint)
        .bind(i64::from(response.status))
        .bind(&response.body)
        .bind(withdrawal.expected_events)
        .execute(&mut **c)
        .await?
        .rows_affected());
    match rows {
        0 => Ok(Err(Stale {
            what: "complaint",
            id: withdrawal.complaint.0,
        })),
        rows if rows == rows_if_done => Ok(Ok(())),
        rows => anyhow::bail!(
            "a withdrawal of {} changed {rows} rows",
            withdrawal.complaint
        ),
    }
}

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

/// How an idempotency record is written, here and in [`withdraw`].
const IDEMPOTENCY_INSERT: &str = "INSERT INTO idempotency_records (user_id, idem_key, fingerprint,
    status, body, created_at)";

pub async fn insert_idempotency_record(
    conn: &mut Conn<'_>,
    user: UserId,
    key: &str,
    response: &StoredResponse,
    now: UtcMillis,
) -> anyhow::Result<()> {
    let sql = format!("{IDEMPOTENCY_INSERT} VALUES ($1, $2, $3, $4, $5, $6)");
    on!(conn, |c| sqlx::query(&sql)
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

//! Withdrawals: the withdrawal (the receipt), the one-round-trip compare-and-set of a
//! withdrawal, and the answers stored for idempotency keys.

use anyhow::Context as _;
use complaint_api::{ComplaintId, WithdrawalRecord, WithdrawnBy};
use complaint_rules::{ComplaintStatus, Remedy, UserId, UtcMillis, WithdrawalReason};

use super::{parse, Cas, Conn, DbRow, Stale};

pub async fn withdrawal(
    conn: &mut Conn<'_>,
    id: ComplaintId,
) -> anyhow::Result<Option<WithdrawalRecord>> {
    let sql = "SELECT r.reference, r.withdrawn_at, r.reason, r.note, r.withdrawn_by, r.remedy,
                      u.display_name
               FROM withdrawals r JOIN users u ON u.id = r.actor_id WHERE r.complaint_id = $1";
    on!(conn, |c| {
        let row = sqlx::query(sql).bind(id.0).fetch_optional(&mut **c).await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(WithdrawalRecord {
            reference: row.text("reference")?,
            withdrawn_at: UtcMillis(row.int("withdrawn_at")?),
            reason: parse::<WithdrawalReason>(&row.text("reason")?)?,
            note: row.text("note")?,
            by: parse(&row.text("withdrawn_by")?)?,
            actor_name: row.text("display_name")?,
            remedy: row.opt_text("remedy")?.as_deref().map(parse).transpose()?,
        }))
    })
}

pub struct NewWithdrawal<'a> {
    pub complaint: ComplaintId,
    pub reference: &'a str,
    pub withdrawn_at: UtcMillis,
    pub reason: WithdrawalReason,
    pub note: &'a str,
    pub by: WithdrawnBy,
    pub actor: UserId,
    /// The safeguards' answer (`check_safeguards`).
    pub remedy: Option<Remedy>,
}

/// How a withdrawal is written, here and in [`withdraw`].
const WITHDRAWAL_INSERT: &str = "INSERT INTO withdrawals (complaint_id, reference, withdrawn_at,
    reason, note, withdrawn_by, actor_id, remedy)";

pub async fn insert_withdrawal(
    conn: &mut Conn<'_>,
    withdrawal: &NewWithdrawal<'_>,
) -> anyhow::Result<()> {
    let sql = format!("{WITHDRAWAL_INSERT} VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
    let by = withdrawal.by.code();
    on!(conn, |c| sqlx::query(&sql)
        .bind(withdrawal.complaint.0)
        .bind(withdrawal.reference)
        .bind(withdrawal.withdrawn_at.0)
        .bind(withdrawal.reason.code())
        .bind(withdrawal.note)
        .bind(by)
        .bind(withdrawal.actor.0)
        .bind(withdrawal.remedy.map(Remedy::code))
        .execute(&mut **c)
        .await?
        .rows_affected());
    Ok(())
}

/// A withdrawal's compare-and-set ([`withdraw`]): the status and the withdrawal, by `actor` at
/// `at`. Its timeline event and the answer stored for its key follow in the same transaction
/// (`api::record_and_commit_keyed`), as every write ends.
pub struct Withdrawal<'a> {
    pub complaint: ComplaintId,
    pub expected_version: i64,
    /// How many timeline events the complaint had when the withdrawal was decided.
    pub expected_events: i64,
    pub at: UtcMillis,
    pub actor: UserId,
    pub reference: &'a str,
    pub reason: WithdrawalReason,
    pub note: &'a str,
    pub by: WithdrawnBy,
    pub remedy: Option<Remedy>,
    /// The request's idempotency key, which `actor` must not have used yet.
    pub key: &'a str,
}

/// Withdraws the complaint — the new status and version, and the withdrawal — in one round
/// trip, if it is still at `expected_version` with `expected_events` timeline events and
/// `actor` has not used the idempotency key; if not, it wrote nothing ([`Stale`]).
///
/// Whoever decided the withdrawal on a read made outside the write lock can rely on this:
/// every change to a complaint, its timeline, withdrawal or assistance requests bumps its
/// version; a pressure report, filed or handled, does not (a withdrawal form open meanwhile
/// must not get a 409 for it) but adds a timeline event. So an unchanged version and number
/// of events mean the complaint is exactly as read.
///
/// SQLite runs the two statements one after the other in one call, the insert only if the
/// update changed a row (`changes()`); PostgreSQL runs them as one statement, the insert fed
/// by the `UPDATE … RETURNING` in a `WITH`.
pub async fn withdraw(conn: &mut Conn<'_>, withdrawal: &Withdrawal<'_>) -> anyhow::Result<Cas> {
    // $1 complaint, $2 expected version, $3 at, $4 actor, $5 key, $11 expected events,
    // $12 the remedy.
    const UPDATE: &str = "UPDATE complaints SET status = $6, version = version + 1, updated_at = $3
        WHERE id = $1 AND version = $2
          AND (SELECT COUNT(*) FROM timeline_events WHERE complaint_id = $1) = $11
          AND NOT EXISTS
            (SELECT 1 FROM idempotency_records WHERE user_id = $4 AND idem_key = $5)";
    let insert = format!("{WITHDRAWAL_INSERT} SELECT $1, $7, $3, $8, $9, $10, $4, $12");
    let (sql, rows_if_done) = match conn {
        Conn::Sqlite(_) => (format!("{UPDATE};\n{insert} WHERE changes() = 1"), 2),
        Conn::Postgres(_) => (
            format!("WITH changed AS ({UPDATE} RETURNING id)\n{insert} FROM changed"),
            1,
        ),
    };
    let by = withdrawal.by.code();
    let rows = on!(conn, |c| sqlx::query(&sql)
        .bind(withdrawal.complaint.0)
        .bind(withdrawal.expected_version)
        .bind(withdrawal.at.0)
        .bind(withdrawal.actor.0)
        .bind(withdrawal.key)
        .bind(ComplaintStatus::Withdrawn.code())
        .bind(withdrawal.reference)
        .bind(withdrawal.reason.code())
        .bind(withdrawal.note)
        .bind(by)
        .bind(withdrawal.expected_events)
        .bind(withdrawal.remedy.map(Remedy::code))
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

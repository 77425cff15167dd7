//! Arbitration notes: the owner of a complaint in arbitration says it is settled with the
//! seller, or appeals; an agent handles each note once. Neither bumps the complaint's version
//! (like a pressure report: nothing a withdrawal or a platform move decides on changes).

use complaint_api::{
    ArbitrationNoteId, ArbitrationNoteStatus, ArbitrationNoteView, ComplaintId, ComplaintSummary,
};
use complaint_rules::{ArbitrationNoteKind, UserId, UtcMillis};

use super::queue::{self, Queued};
use super::{cas, parse, Cas, Conn, DbRow};

impl Queued for ArbitrationNoteView {
    const TABLE: &'static str = "arbitration_notes";
    const ALIAS: &'static str = "n";
    const COLUMNS: &'static str =
        "n.id, n.complaint_id, n.kind AS note_kind, n.note, n.status AS note_status, n.sent_at, n.handled_at";
    const NEWEST_FIRST: &'static str = "n.sent_at DESC, n.id DESC";

    /// No queue of their own: agents find them in the conversations' queue.
    type Item = ArbitrationNoteView;

    fn from_row(row: &impl DbRow) -> anyhow::Result<Self> {
        Ok(ArbitrationNoteView {
            id: ArbitrationNoteId(row.int("id")?),
            complaint_id: ComplaintId(row.int("complaint_id")?),
            kind: parse(&row.text("note_kind")?)?,
            note: row.text("note")?,
            status: parse(&row.text("note_status")?)?,
            sent_at: UtcMillis(row.int("sent_at")?),
            handled_at: row.opt_int("handled_at")?.map(UtcMillis),
        })
    }

    fn item(self, _complaint: ComplaintSummary, _owner_name: String) -> ArbitrationNoteView {
        self
    }

    fn complaint_id(&self) -> ComplaintId {
        self.complaint_id
    }

    fn set_id(&mut self, id: i64) {
        self.id = ArbitrationNoteId(id);
    }
}

pub async fn arbitration_note(
    conn: &mut Conn<'_>,
    id: ArbitrationNoteId,
) -> anyhow::Result<Option<ArbitrationNoteView>> {
    queue::by_id(conn, id.0).await
}

pub struct NewArbitrationNote<'a> {
    pub complaint: ComplaintId,
    pub kind: ArbitrationNoteKind,
    pub note: &'a str,
    pub sent_at: UtcMillis,
    pub sent_by: UserId,
}

/// An open note.
pub async fn insert_arbitration_note(
    conn: &mut Conn<'_>,
    note: &NewArbitrationNote<'_>,
) -> anyhow::Result<ArbitrationNoteId> {
    let sql = "INSERT INTO arbitration_notes (complaint_id, kind, note, status, sent_at, sent_by)
               VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    let id: i64 = on!(conn, |c| sqlx::query_scalar(sql)
        .bind(note.complaint.0)
        .bind(note.kind.code())
        .bind(note.note)
        .bind(ArbitrationNoteStatus::Open.code())
        .bind(note.sent_at.0)
        .bind(note.sent_by.0)
        .fetch_one(&mut **c)
        .await?);
    Ok(ArbitrationNoteId(id))
}

/// Compare-and-set: marks a note that is still open handled by `agent`.
pub async fn handle_arbitration_note(
    conn: &mut Conn<'_>,
    id: ArbitrationNoteId,
    agent: UserId,
    now: UtcMillis,
) -> anyhow::Result<Cas> {
    let sql = "UPDATE arbitration_notes SET status = $1, handled_at = $2, handled_by = $3
               WHERE id = $4 AND status = $5";
    let done = on!(conn, |c| sqlx::query(sql)
        .bind(ArbitrationNoteStatus::Handled.code())
        .bind(now.0)
        .bind(agent.0)
        .bind(id.0)
        .bind(ArbitrationNoteStatus::Open.code())
        .execute(&mut **c)
        .await?
        .rows_affected());
    Ok(cas(done, "arbitration note", id.0))
}

//! The conversation of a complaint: its messages in order, each with its pictures and its
//! card (read in the current state of the request or decision it shows), and how far each
//! side has read.

use std::collections::HashMap;

use complaint_api::{
    ArbitrationNoteId, ArbitrationNoteView, AssistanceId, AssistanceView, ComplaintId, MessageCard,
    MessageId, MessageView, PressureReportId, PressureReportView,
};
use complaint_rules::{Role, UserId, UtcMillis};
use sqlx::QueryBuilder;

use super::queue::{self};
use super::{images_of, parse, Conn, DbRow};

/// What a message shows besides its words: a card and the row it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardRef {
    AssistanceRequested(AssistanceId),
    AssistanceDecided(AssistanceId),
    ArbitrationNote(ArbitrationNoteId),
    ArbitrationNoteHandled(ArbitrationNoteId),
    PressureReported(PressureReportId),
    PressureHandled(PressureReportId),
    EvidenceRequested,
}

impl CardRef {
    /// The card's code, and the row it names in each of the three request tables.
    fn columns(self) -> (&'static str, Option<i64>, Option<i64>, Option<i64>) {
        use CardRef::*;
        match self {
            AssistanceRequested(id) => ("assistance_requested", Some(id.0), None, None),
            AssistanceDecided(id) => ("assistance_decided", Some(id.0), None, None),
            ArbitrationNote(id) => ("arbitration_note", None, Some(id.0), None),
            ArbitrationNoteHandled(id) => ("arbitration_note_handled", None, Some(id.0), None),
            PressureReported(id) => ("pressure_reported", None, None, Some(id.0)),
            PressureHandled(id) => ("pressure_handled", None, None, Some(id.0)),
            EvidenceRequested => ("evidence_requested", None, None, None),
        }
    }
}

pub struct NewMessage<'a> {
    pub complaint: ComplaintId,
    pub author: UserId,
    pub role: Role,
    pub text: &'a str,
    pub card: Option<CardRef>,
    pub sent_at: UtcMillis,
}

pub async fn insert_message(
    conn: &mut Conn<'_>,
    message: &NewMessage<'_>,
) -> anyhow::Result<MessageId> {
    let sql = "INSERT INTO messages (complaint_id, author_id, author_role, text, card,
                                     assistance_id, arbitration_note_id, pressure_report_id,
                                     sent_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
    let (card, assistance, note, report) = match message.card {
        Some(card) => {
            let (code, assistance, note, report) = card.columns();
            (Some(code), assistance, note, report)
        }
        None => (None, None, None, None),
    };
    let id: i64 = on!(conn, |c| sqlx::query_scalar(sql)
        .bind(message.complaint.0)
        .bind(message.author.0)
        .bind(message.role.code())
        .bind(message.text)
        .bind(card)
        .bind(assistance)
        .bind(note)
        .bind(report)
        .bind(message.sent_at.0)
        .fetch_one(&mut **c)
        .await?);
    Ok(MessageId(id))
}

/// A message as stored, before its pictures and card are looked up.
struct MessageRow {
    id: MessageId,
    complaint: ComplaintId,
    sent_at: UtcMillis,
    role: Role,
    author_name: String,
    text: String,
    card: Option<String>,
    assistance: Option<i64>,
    note: Option<i64>,
    report: Option<i64>,
}

const MESSAGE_COLUMNS: &str = "m.id, m.complaint_id, m.sent_at, m.author_role,
    u.display_name AS author_name, m.text, m.card, m.assistance_id, m.arbitration_note_id,
    m.pressure_report_id";

impl MessageRow {
    fn from_row(row: &impl DbRow) -> anyhow::Result<MessageRow> {
        Ok(MessageRow {
            id: MessageId(row.int("id")?),
            complaint: ComplaintId(row.int("complaint_id")?),
            sent_at: UtcMillis(row.int("sent_at")?),
            role: parse(&row.text("author_role")?)?,
            author_name: row.text("author_name")?,
            text: row.text("text")?,
            card: row.opt_text("card")?,
            assistance: row.opt_int("assistance_id")?,
            note: row.opt_int("arbitration_note_id")?,
            report: row.opt_int("pressure_report_id")?,
        })
    }
}

/// The conversation of `complaint`, oldest first.
pub async fn conversation(
    conn: &mut Conn<'_>,
    complaint: ComplaintId,
) -> anyhow::Result<Vec<MessageView>> {
    let sql = format!(
        "SELECT {MESSAGE_COLUMNS} FROM messages m JOIN users u ON u.id = m.author_id
         WHERE m.complaint_id = $1 ORDER BY m.id"
    );
    let rows = on!(conn, |c| {
        let rows = sqlx::query(&sql)
            .bind(complaint.0)
            .fetch_all(&mut **c)
            .await?;
        rows.iter()
            .map(MessageRow::from_row)
            .collect::<anyhow::Result<Vec<_>>>()?
    });
    views(conn, rows).await
}

/// The messages `ids`, in the order of `ids` (those that do not exist are left out).
pub async fn messages_by_ids(
    conn: &mut Conn<'_>,
    ids: &[MessageId],
) -> anyhow::Result<Vec<MessageView>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = on!(conn, |c| {
        let mut query = QueryBuilder::new(format!(
            "SELECT {MESSAGE_COLUMNS} FROM messages m JOIN users u ON u.id = m.author_id
             WHERE m.id IN ("
        ));
        let mut list = query.separated(", ");
        for id in ids {
            list.push_bind(id.0);
        }
        query.push(")");
        let rows = query.build().fetch_all(&mut **c).await?;
        rows.iter()
            .map(MessageRow::from_row)
            .collect::<anyhow::Result<Vec<_>>>()?
    });
    let mut views: HashMap<MessageId, MessageView> = views(conn, rows)
        .await?
        .into_iter()
        .map(|view| (view.id, view))
        .collect();
    Ok(ids.iter().filter_map(|id| views.remove(id)).collect())
}

/// One message, known to exist (just written in this transaction).
pub async fn message(conn: &mut Conn<'_>, id: MessageId) -> anyhow::Result<MessageView> {
    messages_by_ids(conn, &[id])
        .await?
        .pop()
        .ok_or_else(|| anyhow::anyhow!("message {id} vanished"))
}

/// `rows` with their pictures and cards: one query for the pictures, one per kind of card.
async fn views(conn: &mut Conn<'_>, rows: Vec<MessageRow>) -> anyhow::Result<Vec<MessageView>> {
    let ids: Vec<MessageId> = rows.iter().map(|row| row.id).collect();
    let mut images: HashMap<MessageId, Vec<_>> = HashMap::new();
    for (message, image) in images_of(conn, &ids).await? {
        images.entry(message).or_default().push(image);
    }
    let wanted = |pick: fn(&MessageRow) -> Option<i64>| -> Vec<i64> {
        let mut ids: Vec<i64> = rows.iter().filter_map(pick).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let requests: HashMap<i64, AssistanceView> =
        queue::by_ids::<AssistanceView>(conn, &wanted(|row| row.assistance))
            .await?
            .into_iter()
            .map(|view| (view.id.0, view))
            .collect();
    let notes: HashMap<i64, ArbitrationNoteView> =
        queue::by_ids::<ArbitrationNoteView>(conn, &wanted(|row| row.note))
            .await?
            .into_iter()
            .map(|view| (view.id.0, view))
            .collect();
    let reports: HashMap<i64, PressureReportView> =
        queue::by_ids::<PressureReportView>(conn, &wanted(|row| row.report))
            .await?
            .into_iter()
            .map(|view| (view.id.0, view))
            .collect();
    rows.into_iter()
        .map(|row| {
            let missing = || anyhow::anyhow!("message {} shows a card that is not stored", row.id);
            let request = || row.assistance.and_then(|id| requests.get(&id).cloned());
            let note = || row.note.and_then(|id| notes.get(&id).cloned());
            let report = || row.report.and_then(|id| reports.get(&id).cloned());
            let card = match row.card.as_deref() {
                None => None,
                Some("assistance_requested") => Some(MessageCard::AssistanceRequested {
                    request: request().ok_or_else(missing)?,
                }),
                Some("assistance_decided") => Some(MessageCard::AssistanceDecided {
                    request: request().ok_or_else(missing)?,
                }),
                Some("arbitration_note") => Some(MessageCard::ArbitrationNote {
                    note: note().ok_or_else(missing)?,
                }),
                Some("arbitration_note_handled") => Some(MessageCard::ArbitrationNoteHandled {
                    note: note().ok_or_else(missing)?,
                }),
                Some("pressure_reported") => Some(MessageCard::PressureReported {
                    report: report().ok_or_else(missing)?,
                }),
                Some("pressure_handled") => Some(MessageCard::PressureHandled {
                    report: report().ok_or_else(missing)?,
                }),
                Some("evidence_requested") => Some(MessageCard::EvidenceRequested),
                Some(other) => anyhow::bail!("unexpected card {other:?} in the database"),
            };
            Ok(MessageView {
                id: row.id,
                complaint_id: row.complaint,
                sent_at: row.sent_at,
                author_role: row.role,
                author_name: row.author_name,
                text: row.text,
                images: images.remove(&row.id).unwrap_or_default(),
                card,
            })
        })
        .collect()
}

/// Whether the message `id` is in the conversation of `complaint`.
pub async fn message_in(
    conn: &mut Conn<'_>,
    complaint: ComplaintId,
    id: MessageId,
) -> anyhow::Result<bool> {
    let sql = "SELECT EXISTS (SELECT 1 FROM messages WHERE id = $1 AND complaint_id = $2)";
    Ok(on!(conn, |c| sqlx::query_scalar(sql)
        .bind(id.0)
        .bind(complaint.0)
        .fetch_one(&mut **c)
        .await?))
}

/// Whether someone of `role` has written in the conversation of `complaint`.
pub async fn has_written(
    conn: &mut Conn<'_>,
    complaint: ComplaintId,
    role: Role,
) -> anyhow::Result<bool> {
    let sql = "SELECT EXISTS (SELECT 1 FROM messages WHERE complaint_id = $1 AND author_role = $2)";
    Ok(on!(conn, |c| sqlx::query_scalar(sql)
        .bind(complaint.0)
        .bind(role.code())
        .fetch_one(&mut **c)
        .await?))
}

/// The side of a reader: the owner reads the agents' messages, the agents (all of them, one
/// marker) the owner's.
fn side(reader: Role) -> (&'static str, &'static str) {
    match reader {
        Role::Shopper => ("shopper", "agent"),
        Role::Agent => ("agent", "shopper"),
    }
}

/// `reader`'s side has read the conversation up to `up_to` (never back: a marker only moves
/// forward).
pub async fn mark_read(
    conn: &mut Conn<'_>,
    complaint: ComplaintId,
    reader: Role,
    up_to: MessageId,
    at: UtcMillis,
) -> anyhow::Result<()> {
    let sql = "INSERT INTO conversation_reads (complaint_id, side, up_to, read_at)
               VALUES ($1, $2, $3, $4)
               ON CONFLICT (complaint_id, side) DO UPDATE SET
                   up_to = CASE WHEN excluded.up_to > conversation_reads.up_to
                                THEN excluded.up_to ELSE conversation_reads.up_to END,
                   read_at = excluded.read_at";
    on!(conn, |c| sqlx::query(sql)
        .bind(complaint.0)
        .bind(side(reader).0)
        .bind(up_to.0)
        .bind(at.0)
        .execute(&mut **c)
        .await?
        .rows_affected());
    Ok(())
}

/// The messages of the other side that `reader`'s side has not read, per complaint (only
/// those with any): the owner `Some(owner)`'s complaints, or (agents) every complaint.
pub async fn unread(
    conn: &mut Conn<'_>,
    reader: Role,
    owner: Option<UserId>,
    complaint: Option<ComplaintId>,
) -> anyhow::Result<Vec<(ComplaintId, u32)>> {
    let (mine, theirs) = side(reader);
    on!(conn, |c| {
        let mut query = QueryBuilder::new(
            "SELECT m.complaint_id, COUNT(*) AS unread FROM messages m
             JOIN complaints c ON c.id = m.complaint_id
             LEFT JOIN conversation_reads r ON r.complaint_id = m.complaint_id AND r.side = ",
        );
        query
            .push_bind(mine)
            .push(" WHERE m.author_role = ")
            .push_bind(theirs)
            .push(" AND m.id > COALESCE(r.up_to, 0)");
        if let Some(owner) = owner {
            query.push(" AND c.owner_id = ").push_bind(owner.0);
        }
        if let Some(complaint) = complaint {
            query.push(" AND m.complaint_id = ").push_bind(complaint.0);
        }
        query.push(" GROUP BY m.complaint_id ORDER BY m.complaint_id");
        let rows = query.build().fetch_all(&mut **c).await?;
        rows.iter()
            .map(|row| {
                Ok((
                    ComplaintId(row.int_at(0)?),
                    u32::try_from(row.int("unread")?)?,
                ))
            })
            .collect()
    })
}

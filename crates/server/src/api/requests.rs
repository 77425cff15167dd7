//! The typed requests a message of the owner carries ([`ServiceRequest`]), each decided by the
//! rules and stored in its own table, shown in the thread as a card that an agent acts on:
//! the assisted withdrawal (客服协助撤销), the arbitration note, the pressure report.

use complaint_api::{ComplaintSummary, ServiceRequest, TimelineEventKind};
use complaint_rules::{
    assistance_ground, check_arbitration_note, check_assistance, check_pressure_report,
    check_safeguards, validate_arbitration_note, validate_pressure_note, validate_withdrawal,
    UtcMillis,
};

use crate::auth::CurrentUser;
use crate::db::{self, CardRef, WriteTx};
use crate::error::{AppError, AppResult};

/// What a request wrote: the card of its message, and the timeline event to record (none
/// for a pressure report made while one is open: it changes nothing).
pub(super) struct Filed {
    pub card: CardRef,
    pub event: Option<TimelineEventKind>,
}

/// Decides and stores `request` of `user` about the complaint `summary`, in the transaction of
/// the message that carries it.
pub(super) async fn file(
    tx: &mut WriteTx,
    summary: &ComplaintSummary,
    user: &CurrentUser,
    request: &ServiceRequest,
    now: UtcMillis,
) -> AppResult<Filed> {
    let (id, facts, actor) = (summary.id, summary.facts(), user.actor());
    match request {
        // Exactly what `POST …/assistance` asked before the conversation, and the safeguards
        // self-service asks: the ground is the server's, the reason and note are validated as
        // a withdrawal's, and a settlement says whether the remedy arrived.
        ServiceRequest::AssistedWithdrawal {
            reason,
            note,
            remedy,
            accepted_risk,
        } => {
            let ground = assistance_ground(&facts, &actor, now);
            let pending = db::assistance_pending(&mut tx.conn(), id).await?;
            check_assistance(&facts, &actor, now, ground, pending).map_err(AppError::Assistance)?;
            let valid = validate_withdrawal(*reason, note).map_err(AppError::Text)?;
            let remedy = check_safeguards(valid.reason, *remedy, *accepted_risk)
                .map_err(AppError::Safeguard)?;
            let request = db::insert_assistance(
                &mut tx.conn(),
                &db::NewAssistance {
                    complaint: id,
                    ground,
                    reason: valid.reason,
                    note: &valid.note,
                    remedy,
                    requested_at: now,
                },
            )
            .await?;
            // A request changes what the complaint shows (`assistance`): a new version.
            db::touch(&mut tx.conn(), id, summary.version, now).await??;
            Ok(Filed {
                card: CardRef::AssistanceRequested(request),
                event: Some(TimelineEventKind::AssistanceRequested { ground }),
            })
        }
        ServiceRequest::ArbitrationNote { kind, note } => {
            check_arbitration_note(&facts, &actor).map_err(AppError::ArbitrationNote)?;
            let note = validate_arbitration_note(*kind, note).map_err(AppError::Text)?;
            let note_id = db::insert_arbitration_note(
                &mut tx.conn(),
                &db::NewArbitrationNote {
                    complaint: id,
                    kind: *kind,
                    note: &note,
                    sent_at: now,
                    sent_by: user.user.id,
                },
            )
            .await?;
            // No version bump, like a pressure report: nothing a platform move decides on
            // changes (and an agent's console open on the complaint keeps its version).
            Ok(Filed {
                card: CardRef::ArbitrationNote(note_id),
                event: Some(TimelineEventKind::ArbitrationNoteSent { kind: *kind }),
            })
        }
        ServiceRequest::PressureReport { kind, note } => {
            check_pressure_report(&facts, &actor).map_err(AppError::Blocked)?;
            let note = validate_pressure_note(note).map_err(AppError::Text)?;
            // Reported already and not handled yet: no second report and no second event;
            // the message (its words and pictures: more evidence) still goes into the thread,
            // showing the open report.
            if let Some(open) = db::open_pressure_report(&mut tx.conn(), id).await? {
                return Ok(Filed {
                    card: CardRef::PressureReported(open.id),
                    event: None,
                });
            }
            let report = db::insert_pressure_report(
                &mut tx.conn(),
                &db::NewPressureReport {
                    complaint: id,
                    kind: *kind,
                    note: &note,
                    reported_at: now,
                    reported_by: user.user.id,
                },
            )
            .await?;
            // No version bump (see `db::withdraw`): a withdrawal form open meanwhile must not
            // get a 409 for it; the timeline event tells a withdrawal decided before it.
            Ok(Filed {
                card: CardRef::PressureReported(report),
                event: Some(TimelineEventKind::PressureReported),
            })
        }
    }
}

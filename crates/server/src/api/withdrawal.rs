//! `POST /api/complaints/{id}/withdrawal`: the owner withdraws (撤销) a complaint.
//!
//! The path reads top to bottom: the handler makes one [`Attempt`] (who, which complaint, the
//! key, the request, when); the attempt is decided by the rules ([`Attempt::decide`]) on a
//! read made before taking the write lock and, if that read is no longer current, again
//! holding it; written by the withdrawals storage in one round trip ([`Attempt::write`],
//! `db::withdraw`); and answered as every write is, with the complaint reloaded in its
//! transaction, that answer stored for the key ([`Attempt::answer`]); or refused with its
//! answer stored for the key ([`Attempt::refuse`]).

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::response::Response;
use axum::routing::post;
use axum::{Json, Router};
use complaint_api::{
    ComplaintDetail, ComplaintId, ComplaintSummary, ErrorBody, TimelineEventKind,
    WithdrawalRequest, WithdrawnBy,
};
use complaint_rules::{
    check_safeguards, check_withdrawal, validate_withdrawal, Blocked, Remedy, UtcMillis,
    WithdrawalReason,
};
use sha2::{Digest, Sha256};
use utoipa::OpenApi;

use super::responses::{Csrf, Limits, SignedIn};
use super::{guarded, load_detail, record_and_commit_keyed, KeyedAnswer};
use crate::auth::CurrentUser;
use crate::db::{self, Cas, StoredResponse, WriteTx};
use crate::error::{AppError, AppResult, NO_SUCH_COMPLAINT};
use crate::http::{idempotency_key, raw_json, ApiJson, ApiPath};
use crate::numbering::withdrawal_reference;
use crate::AppState;

pub(super) fn router(state: &AppState) -> Router<AppState> {
    Router::new().route(
        "/complaints/{id}/withdrawal",
        guarded(state, post(withdraw)),
    )
}

#[derive(OpenApi)]
#[openapi(paths(withdraw))]
pub(super) struct Doc;

/// Withdraws (撤销) the complaint. Requires an `Idempotency-Key` header.
///
/// In one transaction holding the write lock: an earlier answer to the same key is replayed
/// verbatim (a different request with that key is `422 idempotency_key_reused`); a complaint
/// that is not the user's is `404 not_found`; a version other than `expected_version` is
/// `409 conflict` with the current complaint; then `check_withdrawal` at the server's time
/// (`422` with the refusal's code), the note's validation (`422`) and the safeguards
/// (`check_safeguards`: for `resolved`, `remedy` is required — `422 remedy_required` — and
/// `not_yet` needs `accepted_risk` — `422 risk_not_accepted`); the remedy is recorded on the
/// receipt. The final answer of a
/// request that got this far — success or refusal — is stored for its key.
///
/// So that the lock is held briefly, a withdrawal is first decided on a read made before
/// taking it, and written, in one round trip, only if that read is still current (the same
/// version, the key unused); anything else is decided again holding the lock, as above.
#[utoipa::path(post, path = "/api/complaints/{id}/withdrawal", tag = "complaints",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(
        ("id" = i64, Path, minimum = 1, description = "Complaint id"),
        ("idempotency-key" = String, Header, description = "1–128 visible ASCII characters, new for each withdrawal attempt",
            min_length = 1, max_length = 128, pattern = r"^[!-~]{1,128}$"),
    ),
    request_body = WithdrawalRequest,
    responses(
        (status = 200, description = "Withdrawn; `withdrawal` is the receipt", body = ComplaintDetail),
        (status = 400, description = "`invalid_request`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`conflict`, `detail.current` is the complaint now", body = ErrorBody),
        (status = 422, description = "`not_verified`, `already_withdrawn`, `in_arbitration`, `finished`, `window_expired`, `note_too_short`, `note_too_long`, `note_invalid_character`, `remedy_required`, `risk_not_accepted`, `idempotency_key_reused`", body = ErrorBody),
        SignedIn, Csrf, Limits,
    ))]
pub async fn withdraw(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<WithdrawalRequest>,
) -> AppResult<Response> {
    let attempt = Attempt::new(&user, ComplaintId(id), &headers, request, state.now())?;
    // First decided on a read outside the write lock: if it allows the withdrawal, the lock
    // is held for its write (which lands only if the complaint is still as read) and answer.
    let early = {
        let mut conn = state.db.read().await?;
        attempt.glance(&mut conn.conn()).await?
    }
    .and_then(|(summary, events)| attempt.decide(&summary, events).ok());
    let mut tx = state.db.write().await?;
    if let Some(withdrawal) = early {
        if attempt.write(&mut tx, &withdrawal).await?.is_ok() {
            return attempt.answer(&state, tx, withdrawal).await;
        }
    }
    // A refusal, a replay, or a read that is no longer current: everything again, holding
    // the write lock.
    if let Some(stored) =
        db::idempotency_record(&mut tx.conn(), attempt.user.user.id, &attempt.key).await?
    {
        drop(tx);
        return attempt.replay(stored);
    }
    let decided = match attempt.load(&mut tx.conn()).await? {
        Some(current) => attempt
            .decide(&current.summary, current.timeline.len())
            .map_err(|refusal| refusal.answered_with(current)),
        None => Err(AppError::NotFound(NO_SUCH_COMPLAINT)),
    };
    match decided {
        Ok(withdrawal) => {
            attempt.write(&mut tx, &withdrawal).await??;
            attempt.answer(&state, tx, withdrawal).await
        }
        // A bug or an I/O failure: roll back, store nothing, so a retry can succeed.
        Err(error @ AppError::Internal(_)) => Err(error),
        Err(refusal) => attempt.refuse(tx, refusal).await,
    }
}

/// One withdrawal attempt: who withdraws which complaint, with which key and request, when.
struct Attempt<'a> {
    user: &'a CurrentUser,
    complaint: ComplaintId,
    key: String,
    /// What makes two requests "the same" for the key: the endpoint and the body.
    fingerprint: String,
    request: WithdrawalRequest,
    now: UtcMillis,
}

/// A withdrawal decided on the complaint as loaded: what it writes.
struct DecidedWithdrawal {
    /// The receipt's number, and the reason and note as validated.
    reference: String,
    reason: WithdrawalReason,
    note: String,
    /// The safeguards' answer, recorded on the receipt.
    remedy: Option<Remedy>,
    event: TimelineEventKind,
    /// The number of timeline events it was decided on (a pressure report adds one without
    /// bumping the version: `db::withdraw`).
    expected_events: i64,
}

/// Why [`Attempt::decide`] refuses a withdrawal.
enum Refusal {
    /// The complaint is no longer at `expected_version`: `409 conflict` with the complaint as
    /// it is now ([`Refusal::answered_with`]).
    Stale,
    Refused(AppError),
}

impl Refusal {
    /// The answer, given the complaint the decision was made on.
    fn answered_with(self, current: ComplaintDetail) -> AppError {
        match self {
            Refusal::Stale => AppError::Conflict(Box::new(current)),
            Refusal::Refused(error) => error,
        }
    }
}

impl<T: Into<AppError>> From<T> for Refusal {
    fn from(error: T) -> Self {
        Refusal::Refused(error.into())
    }
}

impl<'a> Attempt<'a> {
    fn new(
        user: &'a CurrentUser,
        complaint: ComplaintId,
        headers: &HeaderMap,
        request: WithdrawalRequest,
        now: UtcMillis,
    ) -> AppResult<Self> {
        let key = idempotency_key(headers)?;
        let mut hasher = Sha256::new();
        hasher.update(format!("POST /api/complaints/{complaint}/withdrawal\n"));
        hasher.update(serde_json::to_vec(&request)?);
        Ok(Attempt {
            user,
            complaint,
            key,
            fingerprint: hex::encode(hasher.finalize()),
            request,
            now,
        })
    }

    /// The complaint as the user sees it now.
    async fn load(&self, conn: &mut db::Conn<'_>) -> AppResult<Option<ComplaintDetail>> {
        load_detail(conn, self.complaint, &self.user.actor(), self.now).await
    }

    /// What a withdrawal is decided on, read in two queries rather than the detail's five:
    /// the complaint's summary, then how many timeline events it has (an event committed in
    /// between is counted, and then the withdrawal's write finds it changed or it was a
    /// pressure report, which decides nothing).
    async fn glance(
        &self,
        conn: &mut db::Conn<'_>,
    ) -> AppResult<Option<(ComplaintSummary, usize)>> {
        let Some((summary, _)) = db::complaint(conn, self.complaint).await? else {
            return Ok(None);
        };
        let events = db::timeline_len(conn, self.complaint).await?;
        Ok(Some((summary, events)))
    }

    /// The decisions, on the complaint as loaded (its `summary`, and `events` timeline
    /// events), in the order the API promises: not the owner (`404`), the version (`409`),
    /// the rules, the note, the safeguards (`check_safeguards`).
    fn decide(
        &self,
        summary: &ComplaintSummary,
        events: usize,
    ) -> Result<DecidedWithdrawal, Refusal> {
        let (user, now) = (&self.user.user, self.now);
        let actor = user.actor();
        let eligibility = check_withdrawal(&summary.facts(), &actor, now);
        // Not the owner: the same 404 as a missing complaint, before anything else is revealed.
        if let Err(Blocked::NotOwner) = eligibility {
            return Err(AppError::Blocked(Blocked::NotOwner).into());
        }
        if summary.version != self.request.expected_version {
            return Err(Refusal::Stale);
        }
        eligibility.map_err(AppError::Blocked)?;
        let valid =
            validate_withdrawal(self.request.reason, &self.request.note).map_err(AppError::Text)?;
        let remedy = check_safeguards(
            valid.reason,
            self.request.remedy,
            self.request.accepted_risk,
        )
        .map_err(AppError::Safeguard)?;
        let event = TimelineEventKind::Withdrawn {
            reason: valid.reason,
            note: valid.note.clone(),
            by: WithdrawnBy::Owner,
        };
        // The answer is not built here: it is the complaint reloaded after the write.
        Ok(DecidedWithdrawal {
            reference: withdrawal_reference(now, self.complaint),
            reason: valid.reason,
            note: valid.note,
            remedy,
            event,
            expected_events: i64::try_from(events).map_err(anyhow::Error::from)?,
        })
    }

    /// Writes the withdrawal — if the complaint is still as it was decided on and the key
    /// unused; otherwise writes nothing ([`db::Stale`]).
    async fn write(&self, tx: &mut WriteTx, withdrawal: &DecidedWithdrawal) -> AppResult<Cas> {
        let written = db::withdraw(
            &mut tx.conn(),
            &db::Withdrawal {
                complaint: self.complaint,
                expected_version: self.request.expected_version,
                expected_events: withdrawal.expected_events,
                at: self.now,
                actor: self.user.user.id,
                reference: &withdrawal.reference,
                reason: withdrawal.reason,
                note: &withdrawal.note,
                by: WithdrawnBy::Owner,
                remedy: withdrawal.remedy,
                key: &self.key,
            },
        )
        .await?;
        Ok(written)
    }

    /// Ends a written withdrawal as every write ends — its timeline event, the complaint
    /// reloaded as the answer, the commit, the live event — with that answer stored for the
    /// key.
    async fn answer(
        &self,
        state: &AppState,
        tx: WriteTx,
        withdrawal: DecidedWithdrawal,
    ) -> AppResult<Response> {
        let keyed = KeyedAnswer {
            key: &self.key,
            fingerprint: &self.fingerprint,
            answer: None,
        };
        let detail = record_and_commit_keyed(
            state,
            tx,
            self.complaint,
            self.user,
            withdrawal.event,
            self.now,
            Some(keyed),
        )
        .await?;
        tracing::info!(complaint = %self.complaint, user = %self.user.user.username, "complaint withdrawn");
        Ok(Json(detail).into_response())
    }

    /// The answer stored for the key, if this is the same request again.
    fn replay(&self, stored: StoredResponse) -> AppResult<Response> {
        if stored.fingerprint != self.fingerprint {
            return Err(AppError::IdempotencyKeyReused);
        }
        let status = StatusCode::from_u16(stored.status)
            .map_err(|error| anyhow::anyhow!("a stored status: {error}"))?;
        let mut response = raw_json(status, stored.body);
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
        Ok(response)
    }

    /// Answers a refusal, stored for the key: the final answer of a request that got this far.
    async fn refuse(self, mut tx: WriteTx, refusal: AppError) -> AppResult<Response> {
        let stored = StoredResponse {
            fingerprint: self.fingerprint,
            status: refusal.status().as_u16(),
            body: serde_json::to_string(&refusal.body())?,
        };
        db::insert_idempotency_record(
            &mut tx.conn(),
            self.user.user.id,
            &self.key,
            &stored,
            self.now,
        )
        .await?;
        tx.commit().await?;
        Ok(raw_json(refusal.status(), stored.body))
    }
}

//! The shopper's complaints: list, detail, file, withdraw, ask for assistance; and orders.
//! Every decision is the rules crate's; this module loads the facts, asks, and writes.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use complaint_api::{
    AssistanceRequest, AssistanceView, ComplaintDetail, ComplaintGroup, ComplaintId, ComplaintPage,
    ComplaintQuery, Eligibility, ErrorBody, NewComplaintRequest, OrderView, PressureReportRequest,
    Revocation, RevokeRequest, TimelineEvent, TimelineEventKind, WithdrawnBy,
};
use complaint_rules::{
    check_assistance, check_pressure_report, check_revoke, validate_complaint,
    validate_pressure_note, validate_revocation, Blocked, ComplaintStatus, FilingBlocked, UserId,
    UtcMillis,
};
use sha2::{Digest, Sha256};

use super::{change_of, load_detail, may_see, reload_detail};
use crate::auth::CurrentUser;
use crate::db::{self, Cas, ListFilter, SearchText, StoredResponse, WriteTx};
use crate::error::{AppError, AppResult, NO_SUCH_COMPLAINT};
use crate::http::{idempotency_key, raw_json, ApiJson, ApiPath, ApiQuery};
use crate::numbering::{complaint_number, revocation_reference};
use crate::AppState;

const DEFAULT_PAGE: u32 = 20;
const MAX_PAGE: u32 = 100;

/// A keyset cursor: the `(filed_at, id)` of the last item of the previous page.
fn encode_cursor(filed_at: UtcMillis, id: ComplaintId) -> String {
    format!("{}_{}", filed_at.0, id.0)
}

/// Exactly the cursors the OpenAPI document's pattern allows, `^(-?[0-9]{1,18}_-?[0-9]{1,18})?$`
/// (the empty one is no cursor): two numbers of at most 18 digits, which always fit an `i64`.
fn decode_cursor(cursor: &str) -> Option<(UtcMillis, ComplaintId)> {
    let number = |text: &str| {
        let digits = text.strip_prefix('-').unwrap_or(text);
        let plain = (1..=18).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
        plain.then(|| text.parse::<i64>().ok()).flatten()
    };
    let (filed_at, id) = cursor.split_once('_')?;
    Some((UtcMillis(number(filed_at)?), ComplaintId(number(id)?)))
}

/// One page of complaints (`owner` None: everyone's), newest first, with counts per status
/// and the number in the `withdrawable` group.
pub(super) async fn page(
    state: &AppState,
    owner: Option<UserId>,
    query: ComplaintQuery,
) -> AppResult<ComplaintPage> {
    let limit = query.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(AppError::InvalidRequest(format!(
            "limit must be between 1 and {MAX_PAGE}"
        )));
    }
    // The limit applies to the text as sent (what the OpenAPI document says), then it is
    // trimmed.
    let q = match query.q.as_deref() {
        Some(raw) => SearchText::parse(raw)
            .map_err(|refused| AppError::InvalidRequest(refused.to_string()))?,
        None => None,
    };
    let after = match query.cursor.as_deref().filter(|cursor| !cursor.is_empty()) {
        Some(cursor) => Some(
            decode_cursor(cursor)
                .ok_or_else(|| AppError::InvalidRequest("invalid cursor".into()))?,
        ),
        None => None,
    };
    let now = state.now();
    // A group is the rules' statuses (and, for `withdrawable`, the window at `now`).
    let (statuses, filed_since) = match (query.status, query.group) {
        (Some(_), Some(_)) => {
            return Err(AppError::InvalidRequest(
                "status and group cannot be combined: send one of them".into(),
            ))
        }
        (Some(status), None) => (Some(vec![status]), None),
        (None, Some(group)) => (Some(group.statuses().collect()), group.filed_since(now)),
        (None, None) => (None, None),
    };
    let filter = ListFilter {
        owner,
        statuses,
        filed_since,
        q,
        after,
        limit: limit + 1,
    };
    let mut conn = state.db.read().await?;
    let mut items = db::list_complaints(&mut conn.conn(), &filter).await?;
    let next_cursor = if items.len() > limit as usize {
        items.truncate(limit as usize);
        items
            .last()
            .map(|last| encode_cursor(last.filed_at, last.id))
    } else {
        None
    };
    let counts = state
        .db
        .count_by_status(&mut conn.conn(), owner, filter.q.as_ref(), now)
        .await?;
    Ok(ComplaintPage {
        items,
        next_cursor,
        counts: counts.by_status,
        withdrawable: counts.withdrawable,
    })
}

/// The signed-in user's complaints, newest first.
///
/// `status` or `group` (not both) filters the items (not the counts); `q` matches a
/// substring of the complaint number or the order number (items and counts), literally (`%`,
/// `_`, `\` are characters like any other; ASCII letters match regardless of case), after
/// trimming; a `q` longer than 100 characters, or with a NUL (which no number contains), is
/// `400 invalid_request`; `cursor` is the previous page's `next_cursor` (with the same
/// filters); `limit` is 1–100 (default 20).
/// `withdrawable` counts the `withdrawable` group now, honouring `q`.
#[utoipa::path(get, path = "/api/complaints", tag = "complaints",
    security(("session_cookie" = [])),
    params(
        ("status" = Option<ComplaintStatus>, Query, description = "Only complaints with this status (the counts ignore it); not together with `group`"),
        ("group" = Option<ComplaintGroup>, Query, description = "Only complaints in this group: `withdrawable` (pending or processing, self-service window open now), `open` (not terminal), `ended` (terminal); not together with `status`"),
        ("q" = Option<String>, Query, max_length = 100, pattern = r"^[^\u0000]*$", description = "A substring of the complaint number or the order number, matched literally (ASCII letters regardless of case) after trimming; at most 100 characters, no NUL"),
        ("cursor" = Option<String>, Query, pattern = r"^(-?[0-9]{1,18}_-?[0-9]{1,18})?$", description = "`next_cursor` of the previous page (opaque)"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 100, description = "Page size, 1–100, default 20"),
    ),
    responses(
        (status = 200, body = ComplaintPage),
        (status = 400, description = "`invalid_request`: a bad parameter, or `status` and `group` together", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<ComplaintQuery>,
) -> AppResult<Json<ComplaintPage>> {
    Ok(Json(page(&state, Some(user.user.id), query).await?))
}

/// One complaint with its timeline, withdrawal receipt, assistance requests, and the
/// self-service eligibility the server computes for the signed-in user now.
///
/// Another shopper's complaint is `404 not_found`, exactly like a missing one. Agents may
/// read any complaint.
#[utoipa::path(get, path = "/api/complaints/{id}", tag = "complaints",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, minimum = 1, description = "Complaint id")),
    responses(
        (status = 200, body = ComplaintDetail),
        (status = 400, description = "`invalid_request`: the id is not a 64-bit integer", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
    ))]
pub async fn detail(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<ComplaintDetail>> {
    let mut conn = state.db.read().await?;
    let detail = load_detail(
        &mut conn.conn(),
        ComplaintId(id),
        &user.actor(),
        state.now(),
    )
    .await?
    .filter(|detail| may_see(&user, detail.summary.owner))
    .ok_or(AppError::NotFound(NO_SUCH_COMPLAINT))?;
    Ok(Json(detail))
}

/// Files a complaint against one of the user's orders (allowed when the order has no open
/// complaint, so again after a withdrawal). The description is stored trimmed.
#[utoipa::path(post, path = "/api/complaints", tag = "complaints",
    security(("session_cookie" = [], "csrf_header" = [])),
    request_body = NewComplaintRequest,
    responses(
        (status = 201, body = ComplaintDetail),
        (status = 400, description = "`invalid_request`", body = ErrorBody),
        (status = 404, description = "`order_not_found`: no such order, or not the user's", body = ErrorBody),
        (status = 422, description = "`complaint_already_open`, `description_too_short`, …", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many changes in a short time; retry after `Retry-After` seconds", body = ErrorBody,
            headers(("retry-after" = u32, description = "Seconds to wait"))),
        (status = 401, description = "`unauthenticated`: no session, or it ended or expired", body = ErrorBody),
        (status = 403, description = "`forbidden`: the CSRF header is missing", body = ErrorBody),
        (status = 413, description = "`payload_too_large`: the body is over 16 KiB", body = ErrorBody),
    ))]
pub async fn file(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(request): ApiJson<NewComplaintRequest>,
) -> AppResult<impl IntoResponse> {
    let now = state.now();
    let actor = user.actor();
    let mut tx = state.db.write().await?;
    tx.keep(db::Keep::AllBut {
        counts_of: Some(user.user.id),
        session: None,
    });
    // A missing order is answered like another user's (the rules' `order_not_found`).
    let Some(order) = db::order(&mut tx.conn(), request.order_id).await? else {
        return Err(AppError::Filing(FilingBlocked::OrderNotFound));
    };
    order.check_filing(&actor).map_err(AppError::Filing)?;
    let valid = validate_complaint(request.kind, &request.description).map_err(AppError::Text)?;
    let id = db::insert_complaint(
        &mut tx.conn(),
        &db::NewComplaint {
            order: order.id,
            owner: user.user.id,
            kind: valid.kind,
            description: &valid.description,
            status: ComplaintStatus::Pending,
            filed_at: now,
        },
        |id| complaint_number(now, id),
    )
    .await?;
    db::insert_event(
        &mut tx.conn(),
        id,
        now,
        user.user.id,
        &TimelineEventKind::Filed,
    )
    .await?;
    let detail = reload_detail(&mut tx.conn(), id, &actor, now).await?;
    tx.commit().await?;
    state.events.publish(change_of(&detail, now)).await;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// What makes two requests "the same" for an idempotency key: the endpoint and the body.
fn fingerprint(path: &str, request: &impl serde::Serialize) -> AppResult<String> {
    let mut hasher = Sha256::new();
    hasher.update(b"POST ");
    hasher.update(path.as_bytes());
    hasher.update(b"\n");
    hasher.update(serde_json::to_vec(request)?);
    Ok(hex::encode(hasher.finalize()))
}

/// Withdraws (撤销) the complaint. Requires an `Idempotency-Key` header.
///
/// In one transaction holding the write lock: an earlier answer to the same key is replayed
/// verbatim (a different request with that key is `422 idempotency_key_reused`); a complaint
/// that is not the user's is `404 not_found`; a version other than `expected_version` is
/// `409 conflict` with the current complaint; then `check_revoke` at the server's time
/// (`422` with the refusal's code) and the note's validation (`422`). The final answer of a
/// request that got this far — success or refusal — is stored for its key.
///
/// So that the lock is held briefly, a withdrawal is first decided on a read made before
/// taking it, and written, in one round trip, only if that read is still current (the same
/// version, the key unused); anything else is decided again holding the lock, as above.
#[utoipa::path(post, path = "/api/complaints/{id}/revocation", tag = "complaints",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(
        ("id" = i64, Path, minimum = 1, description = "Complaint id"),
        ("idempotency-key" = String, Header, description = "1–128 visible ASCII characters, new for each withdrawal attempt",
            min_length = 1, max_length = 128, pattern = r"^[!-~]{1,128}$"),
    ),
    request_body = RevokeRequest,
    responses(
        (status = 200, description = "Withdrawn; `revocation` is the receipt", body = ComplaintDetail),
        (status = 400, description = "`invalid_request`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`conflict`, `detail.current` is the complaint now", body = ErrorBody),
        (status = 422, description = "`not_verified`, `already_revoked`, `in_arbitration`, `finished`, `window_expired`, `note_too_short`, `note_too_long`, `note_invalid_character`, `idempotency_key_reused`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many changes in a short time; retry after `Retry-After` seconds", body = ErrorBody,
            headers(("retry-after" = u32, description = "Seconds to wait"))),
        (status = 401, description = "`unauthenticated`: no session, or it ended or expired", body = ErrorBody),
        (status = 403, description = "`forbidden`: the CSRF header is missing", body = ErrorBody),
        (status = 413, description = "`payload_too_large`: the body is over 16 KiB", body = ErrorBody),
    ))]
pub async fn revoke(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<RevokeRequest>,
) -> AppResult<Response> {
    let key = idempotency_key(&headers)?;
    let id = ComplaintId(id);
    let fingerprint = fingerprint(&format!("/api/complaints/{id}/revocation"), &request)?;
    let now = state.now();
    let actor = user.actor();
    // First decided on a read outside the write lock: if it allows the withdrawal, the lock
    // is held for one write, which lands only if the complaint is still at the version read
    // and the key unused (`db::withdraw`).
    let early = {
        let mut conn = state.db.read().await?;
        load_detail(&mut conn.conn(), id, &actor, now).await?
    }
    .and_then(|current| withdrawal_of(current, &user, &request, now).ok());
    let mut tx = state.db.write().await?;
    // Only a complaint of this user can change (any other is refused before writing).
    tx.keep(db::Keep::AllBut {
        counts_of: Some(user.user.id),
        session: None,
    });
    if let Some(withdrawal) = early {
        if write_withdrawal(&mut tx, &user, &key, &fingerprint, &withdrawal, now)
            .await?
            .is_ok()
        {
            return withdrawn(&state, tx, &user, withdrawal, now).await;
        }
    }
    // A refusal, a replay, or a read that is no longer current: everything again, holding
    // the write lock.
    if let Some(stored) = db::idempotency_record(&mut tx.conn(), user.user.id, &key).await? {
        drop(tx);
        if stored.fingerprint != fingerprint {
            return Err(AppError::IdempotencyKeyReused);
        }
        let status = StatusCode::from_u16(stored.status)
            .map_err(|error| anyhow::anyhow!("a stored status: {error}"))?;
        let mut response = raw_json(status, stored.body);
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
        return Ok(response);
    }
    let outcome = match load_detail(&mut tx.conn(), id, &actor, now).await? {
        Some(current) => withdrawal_of(current, &user, &request, now),
        None => Err(AppError::NotFound(NO_SUCH_COMPLAINT)),
    };
    let refusal = match outcome {
        Ok(withdrawal) => {
            write_withdrawal(&mut tx, &user, &key, &fingerprint, &withdrawal, now).await??;
            return withdrawn(&state, tx, &user, withdrawal, now).await;
        }
        // A bug or an I/O failure: roll back, store nothing, so a retry can succeed.
        Err(error @ AppError::Internal(_)) => return Err(error),
        Err(refusal) => refusal,
    };
    // The final answer of a request that got this far is stored for its key.
    let stored = StoredResponse {
        fingerprint,
        status: refusal.status().as_u16(),
        body: serde_json::to_string(&refusal.body())?,
    };
    db::insert_idempotency_record(&mut tx.conn(), user.user.id, &key, &stored, now).await?;
    tx.commit().await?;
    Ok(raw_json(refusal.status(), stored.body))
}

/// A withdrawal decided on the complaint as loaded: its answer, and what it writes.
struct Withdrawal {
    /// The complaint after the withdrawal, and as the answer's body.
    detail: ComplaintDetail,
    body: String,
    /// Its revocation (the receipt) and timeline event.
    revocation: Revocation,
    event: TimelineEventKind,
    expected_version: i64,
    /// The number of timeline events it was decided on (a pressure report adds one without
    /// bumping the version: `db::withdraw`).
    expected_events: i64,
}

/// The decisions of a withdrawal, on the complaint as loaded (`current`), in the order the
/// API promises: not the owner (`404`), the version (`409`), the rules, the note.
fn withdrawal_of(
    current: ComplaintDetail,
    user: &CurrentUser,
    request: &RevokeRequest,
    now: UtcMillis,
) -> AppResult<Withdrawal> {
    let actor = user.actor();
    let eligibility = check_revoke(&current.summary.facts(), &actor, now);
    // Not the owner: the same 404 as a missing complaint, before anything else is revealed.
    if let Err(Blocked::NotOwner) = eligibility {
        return Err(AppError::Blocked(Blocked::NotOwner));
    }
    if current.summary.version != request.expected_version {
        return Err(AppError::Conflict(Box::new(current)));
    }
    eligibility.map_err(AppError::Blocked)?;
    let valid = validate_revocation(request.reason, &request.note).map_err(AppError::Text)?;
    let id = current.summary.id;
    let event = TimelineEventKind::Revoked {
        reason: valid.reason,
        note: valid.note.clone(),
        by: WithdrawnBy::Owner,
    };
    let revocation = Revocation {
        reference: revocation_reference(now, id),
        revoked_at: now,
        reason: valid.reason,
        note: valid.note,
        by: WithdrawnBy::Owner,
        actor_name: user.user.display_name.clone(),
    };
    // The answer is what was loaded plus this change, not a second load of the same rows
    // inside the write lock (debug builds check that the two agree).
    let expected_events = i64::try_from(current.timeline.len()).map_err(anyhow::Error::from)?;
    let mut detail = current;
    detail.summary.status = ComplaintStatus::Revoked;
    detail.summary.version += 1;
    // Timelines are ordered by (at, id), and the new event has the largest id.
    let position = detail.timeline.partition_point(|earlier| earlier.at <= now);
    detail.timeline.insert(
        position,
        TimelineEvent {
            at: now,
            actor_name: user.user.display_name.clone(),
            actor_role: user.user.role,
            event: event.clone(),
        },
    );
    detail.revocation = Some(revocation.clone());
    detail.eligibility = Eligibility::evaluate(&detail.summary.facts(), &actor, now);
    Ok(Withdrawal {
        body: serde_json::to_string(&detail)?,
        detail,
        revocation,
        event,
        expected_version: request.expected_version,
        expected_events,
    })
}

/// Writes the withdrawal and its answer for the key — if the complaint is still at the
/// version it was decided on and the key unused; otherwise writes nothing ([`db::Stale`]).
async fn write_withdrawal(
    tx: &mut WriteTx,
    user: &CurrentUser,
    key: &str,
    fingerprint: &str,
    withdrawal: &Withdrawal,
    now: UtcMillis,
) -> AppResult<Cas> {
    let id = withdrawal.detail.summary.id;
    let revocation = &withdrawal.revocation;
    let written = db::withdraw(
        &mut tx.conn(),
        &db::Withdrawal {
            complaint: id,
            expected_version: withdrawal.expected_version,
            expected_events: withdrawal.expected_events,
            at: now,
            actor: user.user.id,
            reference: &revocation.reference,
            reason: revocation.reason,
            note: &revocation.note,
            by: revocation.by,
            event: &withdrawal.event,
            key,
            response: &StoredResponse {
                fingerprint: fingerprint.to_owned(),
                status: StatusCode::OK.as_u16(),
                body: withdrawal.body.clone(),
            },
        },
    )
    .await?;
    #[cfg(debug_assertions)]
    if written.is_ok() {
        let reloaded = reload_detail(&mut tx.conn(), id, &user.actor(), now).await?;
        assert_eq!(
            withdrawal.detail, reloaded,
            "a withdrawal's answer differs from its reload"
        );
    }
    Ok(written)
}

/// Commits a written withdrawal, announces it and answers.
async fn withdrawn(
    state: &AppState,
    tx: WriteTx,
    user: &CurrentUser,
    withdrawal: Withdrawal,
    now: UtcMillis,
) -> AppResult<Response> {
    tx.commit().await?;
    let id = withdrawal.detail.summary.id;
    tracing::info!(complaint = %id, user = %user.user.username, "complaint withdrawn");
    state
        .events
        .publish(change_of(&withdrawal.detail, now))
        .await;
    Ok(raw_json(StatusCode::OK, withdrawal.body))
}

/// Asks customer service to withdraw the complaint (客服协助撤销): once the self-service
/// window has expired, or when self-service failed. The reason and note are what the agent
/// will record, validated like a withdrawal's.
#[utoipa::path(post, path = "/api/complaints/{id}/assistance", tag = "complaints",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, minimum = 1, description = "Complaint id")),
    request_body = AssistanceRequest,
    responses(
        (status = 201, body = AssistanceView),
        (status = 400, description = "`invalid_request`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 422, description = "`window_still_open`, `assistance_already_requested`, `already_revoked`, `in_arbitration`, `finished`, `note_*`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many changes in a short time; retry after `Retry-After` seconds", body = ErrorBody,
            headers(("retry-after" = u32, description = "Seconds to wait"))),
        (status = 401, description = "`unauthenticated`: no session, or it ended or expired", body = ErrorBody),
        (status = 403, description = "`forbidden`: the CSRF header is missing", body = ErrorBody),
        (status = 413, description = "`payload_too_large`: the body is over 16 KiB", body = ErrorBody),
    ))]
pub async fn request_assistance(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<AssistanceRequest>,
) -> AppResult<impl IntoResponse> {
    let id = ComplaintId(id);
    let now = state.now();
    let actor = user.actor();
    let mut tx = state.db.write().await?;
    let Some((summary, _)) = db::complaint(&mut tx.conn(), id).await? else {
        return Err(AppError::NotFound(NO_SUCH_COMPLAINT));
    };
    let pending = db::assistance_pending(&mut tx.conn(), id).await?;
    check_assistance(&summary.facts(), &actor, now, request.ground, pending)
        .map_err(AppError::Assistance)?;
    let valid = validate_revocation(request.reason, &request.note).map_err(AppError::Text)?;
    let request_id = db::insert_assistance(
        &mut tx.conn(),
        &db::NewAssistance {
            complaint: id,
            ground: request.ground,
            reason: valid.reason,
            note: &valid.note,
            requested_at: now,
        },
    )
    .await?;
    db::insert_event(
        &mut tx.conn(),
        id,
        now,
        user.user.id,
        &TimelineEventKind::AssistanceRequested {
            ground: request.ground,
        },
    )
    .await?;
    db::touch(&mut tx.conn(), id, summary.version, now).await??;
    let view = db::assistance(&mut tx.conn(), request_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("assistance request {request_id} vanished"))?;
    let detail = reload_detail(&mut tx.conn(), id, &actor, now).await?;
    tx.commit().await?;
    state.events.publish(change_of(&detail, now)).await;
    Ok((StatusCode::CREATED, Json::<AssistanceView>(view)))
}

/// Reports that the seller demanded, induced or pressured the owner to withdraw the complaint
/// (举报商家施压), with an optional note; it goes to the agents' pressure queue and the
/// complaint's timeline (`pressure_reported`). Allowed to the owner while the complaint is
/// open, in arbitration too; real-name verification is not required (`check_pressure_report`).
///
/// Idempotent: while the complaint has an open report, reporting again answers the same
/// complaint and stores nothing (no second report, no second event). The complaint's
/// `version` does not change, so a withdrawal form open meanwhile still succeeds with its
/// `expected_version`.
#[utoipa::path(post, path = "/api/complaints/{id}/pressure-report", tag = "complaints",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(("id" = i64, Path, minimum = 1, description = "Complaint id")),
    request_body = PressureReportRequest,
    responses(
        (status = 200, description = "Reported, or already reported and still open (nothing new stored): the complaint, with `pressure_reports` newest first", body = ComplaintDetail),
        (status = 400, description = "`invalid_request`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such complaint, or not the user's", body = ErrorBody),
        (status = 422, description = "`already_revoked`, `finished`, `pressure_note_too_long`, `pressure_note_invalid_character`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many changes in a short time; retry after `Retry-After` seconds", body = ErrorBody,
            headers(("retry-after" = u32, description = "Seconds to wait"))),
        (status = 401, description = "`unauthenticated`: no session, or it ended or expired", body = ErrorBody),
        (status = 403, description = "`forbidden`: the CSRF header is missing", body = ErrorBody),
        (status = 413, description = "`payload_too_large`: the body is over 16 KiB", body = ErrorBody),
    ))]
pub async fn report_pressure(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<PressureReportRequest>,
) -> AppResult<Json<ComplaintDetail>> {
    let id = ComplaintId(id);
    let now = state.now();
    let actor = user.actor();
    let mut tx = state.db.write().await?;
    // No status changes: the counts and the sessions stay valid.
    tx.keep(db::Keep::AllBut {
        counts_of: None,
        session: None,
    });
    let Some((summary, _)) = db::complaint(&mut tx.conn(), id).await? else {
        return Err(AppError::NotFound(NO_SUCH_COMPLAINT));
    };
    check_pressure_report(&summary.facts(), &actor).map_err(AppError::Blocked)?;
    let note = validate_pressure_note(&request.note).map_err(AppError::Text)?;
    if db::pressure_report_open(&mut tx.conn(), id).await? {
        // Reported already and not handled yet: the same answer, nothing written.
        let detail = reload_detail(&mut tx.conn(), id, &actor, now).await?;
        return Ok(Json(detail));
    }
    db::insert_pressure_report(
        &mut tx.conn(),
        &db::NewPressureReport {
            complaint: id,
            note: &note,
            reported_at: now,
            reported_by: user.user.id,
        },
    )
    .await?;
    db::insert_event(
        &mut tx.conn(),
        id,
        now,
        user.user.id,
        &TimelineEventKind::PressureReported,
    )
    .await?;
    // No `db::touch`: the version is what a withdrawal (or a platform move) is compared
    // with, and a report changes nothing they decide on — bumping it would turn the owner's
    // withdrawal form, open at the same time, into a 409 `conflict`. The live event below
    // still tells the agents' console (and the owner's other tabs) to reload; a withdrawal
    // decided on a read from before the report notices the extra timeline event instead
    // (`db::withdraw`).
    let detail = reload_detail(&mut tx.conn(), id, &actor, now).await?;
    tx.commit().await?;
    tracing::info!(complaint = %id, user = %user.user.username, "pressure reported");
    state.events.publish(change_of(&detail, now)).await;
    Ok(Json(detail))
}

/// The user's orders (已买到的宝贝), newest first, each with its complaints.
#[utoipa::path(get, path = "/api/orders", tag = "complaints",
    security(("session_cookie" = [])),
    responses(
        (status = 200, body = Vec<OrderView>),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
    ))]
pub async fn orders(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<OrderView>>> {
    let mut conn = state.db.read().await?;
    Ok(Json(db::orders_of(&mut conn.conn(), user.user.id).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_decode_exactly_when_the_documented_pattern_allows_them() {
        assert_eq!(
            decode_cursor(&encode_cursor(
                UtcMillis(1_795_622_400_000),
                ComplaintId(42)
            )),
            Some((UtcMillis(1_795_622_400_000), ComplaintId(42)))
        );
        let pattern = regex::Regex::new(r"^(-?[0-9]{1,18}_-?[0-9]{1,18})$").unwrap();
        for cursor in [
            "1_2",
            "-1_-2",
            "007_0",
            "999999999999999999_1",
            "9999999999999999999_1",
            "-071040086570748367653_8080",
            "+1_2",
            "1_",
            "_1",
            "1_2_3",
            "a_1",
            "1 _2",
            "１_2",
        ] {
            assert_eq!(
                decode_cursor(cursor).is_some(),
                pattern.is_match(cursor),
                "{cursor}"
            );
        }
    }
}

//! The shopper's complaints and orders: the lists (also the agents', [`page`]), one
//! complaint, filing one. Every decision is the rules crate's; this module loads the facts,
//! asks, and writes.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use complaint_api::{
    ComplaintDetail, ComplaintId, ComplaintPage, ComplaintQuery, ErrorBody, NewComplaintRequest,
    OrderView, TimelineEventKind,
};
use complaint_rules::{validate_complaint, ComplaintStatus, FilingBlocked, UserId, UtcMillis};
use utoipa::OpenApi;

use super::responses::{Csrf, Limits, SignedIn};
use super::{guarded, load_detail, may_see, record_and_commit};
use crate::auth::CurrentUser;
use crate::db::{self, Keep, ListFilter, SearchText};
use crate::error::{AppError, AppResult, NO_SUCH_COMPLAINT};
use crate::http::{ApiJson, ApiPath, ApiQuery};
use crate::numbering::complaint_number;
use crate::AppState;

pub(super) fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/complaints", guarded(state, get(list).post(file)))
        .route("/complaints/{id}", get(detail))
        .route("/orders", get(orders))
}

#[derive(OpenApi)]
#[openapi(paths(list, detail, file, orders))]
pub(super) struct Doc;

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
    let limit = query.limit.unwrap_or(ComplaintQuery::DEFAULT_LIMIT);
    if !(1..=ComplaintQuery::MAX_LIMIT).contains(&limit) {
        return Err(AppError::InvalidRequest(format!(
            "limit must be between 1 and {}",
            ComplaintQuery::MAX_LIMIT
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
    params(ComplaintQuery),
    responses(
        (status = 200, body = ComplaintPage),
        (status = 400, description = "`invalid_request`: a bad parameter, or `status` and `group` together", body = ErrorBody),
        SignedIn,
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
        (status = 404, description = "`not_found`", body = ErrorBody),
        SignedIn,
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
        SignedIn, Csrf, Limits,
    ))]
pub async fn file(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(request): ApiJson<NewComplaintRequest>,
) -> AppResult<impl IntoResponse> {
    let now = state.now();
    let actor = user.actor();
    let mut tx = state.db.write().await?;
    tx.keep(Keep::all_but_counts_of(user.user.id));
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
    let detail = record_and_commit(&state, tx, id, &user, TimelineEventKind::Filed, now).await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// The user's orders (已买到的宝贝), newest first, each with its complaints.
#[utoipa::path(get, path = "/api/orders", tag = "complaints",
    security(("session_cookie" = [])),
    responses(
        (status = 200, body = Vec<OrderView>),
        SignedIn,
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

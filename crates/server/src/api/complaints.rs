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
use complaint_rules::{
    validate_complaint, window_open_since, ComplaintStatus, FilingBlocked, UserId, UtcMillis,
};
use utoipa::OpenApi;

use super::responses::{Csrf, Limits, SignedIn};
use super::{guarded, load_detail, may_see, record_and_commit};
use crate::auth::CurrentUser;
use crate::db::{self, ListFilter, ListKey, ListOrder, ListPart, SearchText};
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

/// A keyset cursor: the instant that fixes the list's order (`since`, see
/// [`ListOrder::WithdrawableFirst`]) and the place of the previous page's last item,
/// `{since}_{part}_{filed_at}_{id}` with part `0` (withdrawable) or `1` (the rest).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cursor {
    since: UtcMillis,
    after: ListKey,
}

impl Cursor {
    fn encode(self) -> String {
        let part = match self.after.part {
            ListPart::Withdrawable => 0,
            ListPart::Rest => 1,
        };
        let ListKey { filed_at, id, .. } = self.after;
        format!("{}_{part}_{}_{}", self.since.0, filed_at.0, id.0)
    }

    /// Exactly the cursors the OpenAPI document's pattern allows,
    /// `^(-?[0-9]{1,18}_[01]_-?[0-9]{1,18}_-?[0-9]{1,18})?$` (the empty one is no cursor):
    /// numbers of at most 18 digits, which always fit an `i64`.
    fn decode(cursor: &str) -> Option<Cursor> {
        let number = |text: &str| {
            let digits = text.strip_prefix('-').unwrap_or(text);
            let plain =
                (1..=18).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
            plain.then(|| text.parse::<i64>().ok()).flatten()
        };
        let mut fields = cursor.split('_');
        let since = UtcMillis(number(fields.next()?)?);
        let part = match fields.next()? {
            "0" => ListPart::Withdrawable,
            "1" => ListPart::Rest,
            _ => return None,
        };
        let filed_at = UtcMillis(number(fields.next()?)?);
        let id = ComplaintId(number(fields.next()?)?);
        fields.next().is_none().then_some(Cursor {
            since,
            after: ListKey { part, filed_at, id },
        })
    }
}

/// How a list is ordered ([`ListOrder`], before the instant that fixes it is known).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PageOrder {
    /// The agents' console: newest first.
    NewestFirst,
    /// The shopper's list: what can still be withdrawn first, the soonest deadline first.
    WithdrawableFirst,
}

impl PageOrder {
    fn at(self, since: UtcMillis) -> ListOrder {
        match self {
            PageOrder::NewestFirst => ListOrder::NewestFirst,
            PageOrder::WithdrawableFirst => ListOrder::WithdrawableFirst { since },
        }
    }
}

/// One page of complaints (`owner` None: everyone's) in `order`, with counts per status
/// and the number in the `withdrawable` group.
pub(super) async fn page(
    state: &AppState,
    owner: Option<UserId>,
    order: PageOrder,
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
    let cursor = match query.cursor.as_deref().filter(|cursor| !cursor.is_empty()) {
        Some(cursor) => Some(
            Cursor::decode(cursor)
                .ok_or_else(|| AppError::InvalidRequest("invalid cursor".into()))?,
        ),
        None => None,
    };
    let now = state.now();
    // The first page fixes the order's instant; the next ones keep it (the cursor).
    let since = cursor.map_or_else(|| window_open_since(now), |cursor| cursor.since);
    let list_order = order.at(since);
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
        order: list_order,
        after: cursor.map(|cursor| cursor.after),
        limit: limit + 1,
    };
    let mut conn = state.db.read().await?;
    let mut items = db::list_complaints(&mut conn.conn(), &filter).await?;
    let next_cursor = if items.len() > limit as usize {
        items.truncate(limit as usize);
        items.last().map(|last| {
            Cursor {
                since,
                after: list_order.key_of(last),
            }
            .encode()
        })
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

/// The signed-in user's complaints: first the ones in the `withdrawable` group, the soonest
/// self-service deadline first (the oldest filed first), then the others, newest first.
///
/// `status` or `group` (not both) filters the items (not the counts); `q` matches a
/// substring of the complaint number, or of the order's number, product title or shop name
/// (items and counts), literally (`%`, `_`, `\` are characters like any other; ASCII letters
/// match regardless of case), after trimming; a `q` longer than 100 characters, or with a NUL
/// (which no complaint or order contains), is `400 invalid_request`; `cursor` is the previous
/// page's `next_cursor` (with the same filters; it keeps the order of the first page, so a
/// window that closes meanwhile neither skips nor repeats a complaint); `limit` is 1–100
/// (default 20).
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
    Ok(Json(
        page(
            &state,
            Some(user.user.id),
            PageOrder::WithdrawableFirst,
            query,
        )
        .await?,
    ))
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
        for part in [ListPart::Withdrawable, ListPart::Rest] {
            let cursor = Cursor {
                since: UtcMillis(1_795_536_000_001),
                after: ListKey {
                    part,
                    filed_at: UtcMillis(1_795_622_400_000),
                    id: ComplaintId(42),
                },
            };
            assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        }
        let pattern =
            regex::Regex::new(r"^(-?[0-9]{1,18}_[01]_-?[0-9]{1,18}_-?[0-9]{1,18})$").unwrap();
        for cursor in [
            "5_0_1_2",
            "5_1_-1_-2",
            "-5_1_007_0",
            "1_0_999999999999999999_1",
            "1_0_9999999999999999999_1",
            "1_1_-071040086570748367653_8080",
            "1_2_1_2",
            "1_01_1_2",
            "1_-0_1_2",
            "1_2",
            "1_0_1_2_3",
            "+1_0_1_2",
            "1_0_1_",
            "_0_1_1",
            "1_0_a_1",
            "1_0_1 _2",
            "1_0_１_2",
        ] {
            assert_eq!(
                Cursor::decode(cursor).is_some(),
                pattern.is_match(cursor),
                "{cursor}"
            );
        }
    }
}

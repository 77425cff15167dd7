//! `GET /api/events`: Server-Sent Events of complaint changes.

use std::convert::Infallible;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use complaint_api::{ErrorBody, COMPLAINT_EVENT, RESYNC_EVENT};
use futures_util::{Stream, StreamExt};
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_stream::wrappers::BroadcastStream;

use crate::auth::CurrentUser;
use crate::events::Live;
use crate::AppState;

/// A stream of `complaint` events (data: `ComplaintChanged`) for every committed change of
/// the signed-in user's complaints — for an agent, of every complaint and assistance
/// request. Comments keep the connection alive. After a gap (a slow reader), a
/// `resync` event tells the client to reload.
#[utoipa::path(get, path = "/api/events", tag = "complaints",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "`text/event-stream` of `complaint` events whose data is a ComplaintChanged", content_type = "text/event-stream"),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
    ))]
pub async fn events(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let everything = user.is_agent();
    let me = user.user.id;
    let stream = BroadcastStream::new(state.events.subscribe())
        .filter_map(move |change| {
            let event = match change {
                Ok(Live::Change(change)) if everything || change.owner == me => Event::default()
                    .event(COMPLAINT_EVENT)
                    .json_data(&change.event)
                    .ok(),
                Ok(Live::Change(_)) => None,
                Ok(Live::Resync) | Err(BroadcastStreamRecvError::Lagged(_)) => {
                    Some(Event::default().event(RESYNC_EVENT).data("{}"))
                }
            };
            std::future::ready(event.map(Ok))
        })
        .take_until(state.shutdown.clone().cancelled_owned());
    Sse::new(stream).keep_alive(KeepAlive::default())
}

//! `GET /api/events`: Server-Sent Events of complaint changes, for as long as the session
//! that opened the stream lives.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use complaint_api::{COMPLAINT_EVENT, MESSAGE_EVENT, RESYNC_EVENT, SESSION_ENDED_EVENT};
use complaint_rules::{UserId, UtcMillis};
use futures_util::Stream;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::broadcast::Receiver;
use tokio::time::Instant;

use axum::routing::get;
use axum::Router;
use utoipa::OpenApi;

use super::responses::SignedIn;
use crate::auth::{Credential, CurrentUser};
use crate::events::{Live, Published};
use crate::{connection, AppState};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/events", get(events))
}

#[derive(OpenApi)]
#[openapi(paths(events))]
pub(super) struct Doc;

/// How often an open stream asks whether its session still lives (besides at its expiry and
/// before every event): a session ended on any server ends its streams within this time.
const SESSION_CHECK_INTERVAL: Duration = Duration::from_secs(5);

/// A stream of `complaint` events (data: `ComplaintChanged`) for every committed change of
/// the signed-in user's complaints — for an agent, of every complaint and assistance
/// request — and of `message` events (data: `MessageSent`) for every message posted in their
/// conversations (an agent: in every one), decisions' cards included. Comments keep the connection alive (at least three per idle timeout, at most every
/// 15 s). After a gap (a slow reader), a
/// `resync` event tells the client to reload.
///
/// The stream lives as long as its session: when the session is signed out (on any server)
/// or expires, a last `session_ended` event is sent within 5 seconds and the stream ends;
/// no event is delivered once the session has ended. (Behind `--identity-header` there is
/// no session: the stream lives as long as the connection.)
#[utoipa::path(get, path = "/api/events", tag = "complaints",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "`text/event-stream` of `complaint` events whose data is a ComplaintChanged, `message` events whose data is a MessageSent; `resync` (reload); a last `session_ended` when the session ends or expires", content_type = "text/event-stream"),
        SignedIn,
    ))]
pub async fn events(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let keep_alive = KeepAlive::new().interval(connection::keep_alive_interval(
        connection::Timeouts::of(&state.config).idle,
    ));
    let listener = Listener {
        receiver: state.events.subscribe(),
        audience: Audience {
            everything: user.is_agent(),
            me: user.user.id,
        },
        session: match user.credential {
            Credential::Session { token_hash } => {
                Some(Session::new(token_hash, user.expires_at, state.now()))
            }
            Credential::IdentityHeader => None,
        },
        state,
        ended: false,
    };
    let stream = futures_util::stream::unfold(listener, |mut listener| async move {
        let event = listener.next().await?;
        Some((Ok(event), listener))
    });
    Sse::new(stream).keep_alive(keep_alive)
}

/// Whose changes a stream hears.
struct Audience {
    everything: bool,
    me: UserId,
}

/// The session a stream lives by.
struct Session {
    token_hash: String,
    expires_at: UtcMillis,
    /// When to ask again whether it lives.
    next_check: Instant,
}

impl Session {
    fn new(token_hash: String, expires_at: UtcMillis, now: UtcMillis) -> Session {
        let mut session = Session {
            token_hash,
            expires_at,
            next_check: Instant::now(),
        };
        session.schedule(now);
        session
    }

    /// The next check: after the interval, or at the expiry (on the server's clock, `now`)
    /// if that comes first.
    fn schedule(&mut self, now: UtcMillis) {
        let until_expiry = self.expires_at.0.saturating_sub(now.0).max(0);
        let until_expiry = Duration::from_millis(u64::try_from(until_expiry).unwrap_or(0));
        self.next_check = Instant::now() + SESSION_CHECK_INTERVAL.min(until_expiry);
    }
}

/// One open stream.
struct Listener {
    receiver: Receiver<Live>,
    audience: Audience,
    /// `None` behind the identity header.
    session: Option<Session>,
    state: AppState,
    /// The last event (`session_ended`) has been sent.
    ended: bool,
}

/// What woke a stream up.
enum Wake {
    Shutdown,
    CheckSession,
    Received(Result<Live, RecvError>),
}

impl Listener {
    /// The next event to send; `None` ends the stream (server shutdown, or after
    /// `session_ended`).
    async fn next(&mut self) -> Option<Event> {
        loop {
            if self.ended {
                return None;
            }
            let check_at = self.session.as_ref().map(|session| session.next_check);
            let wake = tokio::select! {
                () = self.state.shutdown.cancelled() => Wake::Shutdown,
                () = sleep_until(check_at) => Wake::CheckSession,
                received = self.receiver.recv() => Wake::Received(received),
            };
            let event = match wake {
                Wake::Shutdown | Wake::Received(Err(RecvError::Closed)) => return None,
                Wake::CheckSession => None,
                Wake::Received(Ok(Live::Published(published))) => {
                    if !(self.audience.everything || published.owner() == self.audience.me) {
                        continue;
                    }
                    let event = Event::default();
                    match &published {
                        Published::Change(change) => {
                            event.event(COMPLAINT_EVENT).json_data(&change.event)
                        }
                        Published::Message(posted) => {
                            event.event(MESSAGE_EVENT).json_data(&posted.event)
                        }
                    }
                    .ok()
                }
                Wake::Received(Ok(Live::Resync) | Err(RecvError::Lagged(_))) => {
                    Some(Event::default().event(RESYNC_EVENT).data("{}"))
                }
            };
            // Nothing reaches a session that has ended, however recently.
            match self.session_lives().await {
                Ok(true) => {}
                Ok(false) => {
                    self.ended = true;
                    return Some(Event::default().event(SESSION_ENDED_EVENT).data("{}"));
                }
                Err(error) => {
                    // Unknown: end the stream without a verdict; the client reconnects and
                    // is asked for its session again.
                    tracing::warn!(
                        error = format!("{error:#}"),
                        "an event stream cannot check its session"
                    );
                    return None;
                }
            }
            if let Some(event) = event {
                return Some(event);
            }
        }
    }

    /// Whether the stream's session is still signed in and unexpired (always, without one),
    /// read from the database; schedules the next check.
    async fn session_lives(&mut self) -> anyhow::Result<bool> {
        let Some(session) = &mut self.session else {
            return Ok(true);
        };
        let now = self.state.now();
        let found = self.state.db.session_user(&session.token_hash, now).await?;
        let Some((_, expires_at)) = found else {
            return Ok(false);
        };
        session.expires_at = expires_at;
        session.schedule(now);
        Ok(true)
    }
}

/// Sleeps until `at`; never without one.
async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

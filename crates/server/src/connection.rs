//! Accepting connections and serving HTTP/1.1 on them (hyper), with the two timeouts that cut
//! off clients who hold a connection without using it:
//!
//! - **header read** (`--header-read-timeout-secs`, 10 s): from the first byte of a request
//!   to the end of its headers. A client sending its headers byte by byte (slow loris) is
//!   closed when the time is up, however steadily it trickles.
//! - **idle** (`--idle-timeout-secs`, 75 s): no byte read or written for that long — a
//!   kept-alive connection between requests, a connection that never sends anything, a
//!   request body that stops coming, a client that stops reading its answer. Event streams
//!   send a comment at least three times per idle timeout ([`keep_alive_interval`]), so they
//!   stay open for as long as their client reads them.
//!
//! A connection past either is closed at once (no answer: its request never arrived, or
//! nobody is listening). A graceful shutdown stops accepting, lets every request in flight
//! finish (event streams are ended by the caller), closes idle connections, and still cuts
//! off the slow ones, so a stalled client cannot hold the shutdown up.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::Request;
use axum::Router;
use http_body::{Frame, SizeHint};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tower::ServiceExt as _;

use crate::config::Config;

/// How long a client may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// From a request's first byte to the end of its headers.
    pub header_read: Duration,
    /// Without a byte read or written.
    pub idle: Duration,
}

impl Timeouts {
    pub fn of(config: &Config) -> Timeouts {
        Timeouts {
            header_read: Duration::from_secs(config.header_read_timeout_secs),
            idle: Duration::from_secs(config.idle_timeout_secs),
        }
    }
}

/// How often a long-lived response (an event stream) must send something so that its
/// connection never counts as idle: a third of the idle timeout, at most 15 s.
pub fn keep_alive_interval(idle: Duration) -> Duration {
    (idle / 3).min(Duration::from_secs(15))
}

/// Serves `app` on every connection `listener` accepts until `shutdown` is cancelled, then
/// shuts down gracefully: no new connections, the requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    timeouts: Timeouts,
    shutdown: CancellationToken,
) {
    let connections = TaskTracker::new();
    loop {
        let accepted = tokio::select! {
            () = shutdown.cancelled() => break,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((stream, peer)) => {
                connections.spawn(serve_connection(
                    stream,
                    peer,
                    app.clone(),
                    timeouts,
                    shutdown.clone(),
                ));
            }
            Err(error) => accept_failed(error).await,
        }
    }
    drop(listener);
    connections.close();
    connections.wait().await;
}

/// A connection that failed while being accepted is the client's business; anything else
/// (out of file descriptors, …) is ours: say so, and give it a moment before trying again.
async fn accept_failed(error: io::Error) {
    if matches!(
        error.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionRefused
    ) {
        return;
    }
    tracing::error!(%error, "cannot accept connections");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

async fn serve_connection(
    stream: TcpStream,
    peer: SocketAddr,
    app: Router,
    timeouts: Timeouts,
    shutdown: CancellationToken,
) {
    let activity = Arc::new(Activity::new());
    let io = TokioIo::new(Watched {
        inner: stream,
        activity: Arc::clone(&activity),
    });
    let service = {
        let activity = Arc::clone(&activity);
        hyper::service::service_fn(move |mut request: Request<Incoming>| {
            let served = InFlight::start(&activity);
            request.extensions_mut().insert(ConnectInfo(peer));
            let app = app.clone();
            async move {
                let response = app.oneshot(request.map(Body::new)).await?;
                Ok::<_, Infallible>(response.map(|body| Served {
                    body,
                    _in_flight: served,
                }))
            }
        })
    };
    let mut builder = hyper::server::conn::http1::Builder::new();
    // The header timeout is ours (from the first byte of a request, not from the end of
    // the previous one, which would make it the idle timeout too).
    builder.header_read_timeout(None);
    let connection = builder.serve_connection(io, service);
    tokio::pin!(connection);
    let mut closing = false;
    loop {
        let wake_at = activity.deadline(timeouts, Instant::now());
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(error) = result {
                    tracing::debug!(%peer, %error, "connection ended with an error");
                }
                return;
            }
            () = shutdown.cancelled(), if !closing => {
                closing = true;
                connection.as_mut().graceful_shutdown();
            }
            () = tokio::time::sleep_until(wake_at) => {
                if let Some(why) = activity.expired(timeouts, Instant::now()) {
                    tracing::debug!(%peer, why, "closing a connection");
                    return;
                }
            }
        }
    }
}

/// What one connection has been doing, in milliseconds since it was accepted.
struct Activity {
    accepted: Instant,
    /// The last byte read or written (or the end of the last request).
    last_io: AtomicU64,
    /// 1 + the time of the first byte of a request whose headers are still coming; 0: none.
    head_started: AtomicU64,
    /// Requests being served: headers read, response not yet all sent.
    in_flight: AtomicUsize,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            accepted: Instant::now(),
            last_io: AtomicU64::new(0),
            head_started: AtomicU64::new(0),
            in_flight: AtomicUsize::new(0),
        }
    }

    fn now(&self) -> u64 {
        u64::try_from(self.accepted.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn at(&self, ms: u64) -> Instant {
        self.accepted + Duration::from_millis(ms)
    }

    fn read(&self) {
        let now = self.now();
        self.last_io.store(now, Ordering::Relaxed);
        // The first byte of a request: its headers' time starts.
        if self.in_flight.load(Ordering::Relaxed) == 0 {
            let _ = self.head_started.compare_exchange(
                0,
                now + 1,
                Ordering::Relaxed,
                Ordering::Relaxed,
            );
        }
    }

    fn wrote(&self) {
        self.last_io.store(self.now(), Ordering::Relaxed);
    }

    /// When the connection is next due for a look: its idle or header deadline, and no
    /// later than one header timeout from now (a request may begin meanwhile).
    fn deadline(&self, timeouts: Timeouts, now: Instant) -> Instant {
        let idle = self.at(self.last_io.load(Ordering::Relaxed)) + timeouts.idle;
        let head = match self.head_started.load(Ordering::Relaxed) {
            0 => now + timeouts.header_read,
            started => self.at(started - 1) + timeouts.header_read,
        };
        idle.min(head)
    }

    /// Why the connection is to be closed now, if it is.
    fn expired(&self, timeouts: Timeouts, now: Instant) -> Option<&'static str> {
        let started = self.head_started.load(Ordering::Relaxed);
        if started != 0 && now >= self.at(started - 1) + timeouts.header_read {
            return Some("the request headers took too long");
        }
        if now >= self.at(self.last_io.load(Ordering::Relaxed)) + timeouts.idle {
            return Some("idle");
        }
        None
    }
}

/// A request being served, from its headers to the last byte of its response.
struct InFlight(Arc<Activity>);

impl InFlight {
    fn start(activity: &Arc<Activity>) -> InFlight {
        activity.in_flight.fetch_add(1, Ordering::Relaxed);
        activity.head_started.store(0, Ordering::Relaxed);
        InFlight(Arc::clone(activity))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        // The idle time counts from the end of the answer.
        self.0.wrote();
        self.0.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A response body that ends its request's [`InFlight`] when it is done (or dropped).
struct Served {
    body: Body,
    _in_flight: InFlight,
}

impl http_body::Body for Served {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// The socket, noting every byte that moves.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.read();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.wrote();
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.wrote();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Serves until `shutdown` completes: what [`crate::serve_state`] runs.
pub async fn serve_until(
    listener: TcpListener,
    app: Router,
    timeouts: Timeouts,
    token: CancellationToken,
    shutdown: impl Future<Output = ()>,
) {
    let signal = async {
        shutdown.await;
        token.cancel();
    };
    tokio::join!(serve(listener, app, timeouts, token.clone()), signal);
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIMEOUTS: Timeouts = Timeouts {
        header_read: Duration::from_secs(10),
        idle: Duration::from_secs(75),
    };

    #[test]
    fn a_quiet_connection_expires_after_the_idle_timeout() {
        let activity = Activity::new();
        let start = activity.accepted;
        assert_eq!(
            activity.expired(TIMEOUTS, start + Duration::from_secs(74)),
            None
        );
        // Looked at every header timeout at least (a request may begin).
        assert_eq!(
            activity.deadline(TIMEOUTS, start),
            start + TIMEOUTS.header_read
        );
        assert_eq!(
            activity.deadline(TIMEOUTS, start + Duration::from_secs(70)),
            start + TIMEOUTS.idle
        );
        assert_eq!(
            activity.expired(TIMEOUTS, start + TIMEOUTS.idle),
            Some("idle")
        );
    }

    #[test]
    fn headers_have_their_time_from_their_first_byte_and_a_request_in_flight_none() {
        let activity = Arc::new(Activity::new());
        let start = activity.accepted;
        std::thread::sleep(Duration::from_millis(20));
        activity.read();
        let first_byte = activity.head_started.load(Ordering::Relaxed) - 1;
        assert!(first_byte >= 20);
        let due = start + Duration::from_millis(first_byte) + TIMEOUTS.header_read;
        assert_eq!(activity.deadline(TIMEOUTS, start), due);
        // More bytes do not give more time.
        activity.read();
        assert_eq!(activity.deadline(TIMEOUTS, start), due);
        assert_eq!(
            activity.expired(TIMEOUTS, due),
            Some("the request headers took too long")
        );
        // Once the headers are in, the request is served however long it takes to read…
        let served = InFlight::start(&activity);
        activity.read();
        assert_eq!(activity.head_started.load(Ordering::Relaxed), 0);
        assert_eq!(activity.expired(TIMEOUTS, due), None);
        // …and the idle time starts over when its answer is done.
        drop(served);
        assert_eq!(activity.in_flight.load(Ordering::Relaxed), 0);
        activity.read();
        assert_ne!(
            activity.head_started.load(Ordering::Relaxed),
            0,
            "the next request"
        );
    }

    #[test]
    fn event_streams_speak_often_enough_never_to_be_idle() {
        assert_eq!(
            keep_alive_interval(Duration::from_secs(75)),
            Duration::from_secs(15)
        );
        assert_eq!(
            keep_alive_interval(Duration::from_secs(3)),
            Duration::from_secs(1)
        );
    }
}

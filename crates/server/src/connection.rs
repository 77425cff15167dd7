//! Accepting connections and serving HTTP/1.1 on them, with the two timeouts that cut off
//! clients who hold a connection without using it (`axum::serve` has none):
//!
//! - **header read** (`--header-read-timeout-secs`, 10 s): from the first byte of a request
//!   to the end of its headers. A client sending its headers byte by byte (slow loris) is
//!   closed when the time is up, however steadily it trickles.
//! - **idle** (`--idle-timeout-secs`, 75 s): a kept-alive connection between requests, or one
//!   that never sends anything, is closed after this long without a request beginning; so is
//!   a request whose body stops coming for as long (`RequestBodyTimeoutLayer`, answered 400
//!   `invalid_request`), and, on Linux, a client that stops reading its answer
//!   (`TCP_USER_TIMEOUT`: the kernel gives up on data unacknowledged for that long). Event
//!   streams send a comment at least three times per idle timeout ([`keep_alive_interval`]),
//!   so they stay open for as long as their client reads them.
//!
//! The libraries do the work: hyper's connection builder and its header-read timeout (hyper
//! notices a request head being waited for, and closes the connection, without an answer,
//! when its timer runs out), hyper-util's graceful shutdown, tower-http's body timeout. What
//! none of them can say is when that header clock starts: hyper starts it as soon as it waits
//! for a request, so between two requests it would be the idle timeout too. [`HeadTimer`] is
//! the timer hyper is given: it runs out `header_read` after the head's first byte, or `idle`
//! after hyper began waiting when no byte came.
//!
//! A graceful shutdown stops accepting, lets every request in flight finish (event streams are
//! ended by the caller), closes idle connections, and still cuts off the slow ones (their
//! timers run on), so a stalled client cannot hold the shutdown up.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::{Extension, Router};
use hyper::rt::{Sleep, Timer};
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::{GracefulShutdown, Watcher};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio_util::io::InspectReader;
use tokio_util::sync::CancellationToken;
use tower::ServiceBuilder;
use tower_http::timeout::RequestBodyTimeoutLayer;

use crate::config::Config;

/// How long a client may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// From a request's first byte to the end of its headers.
    pub header_read: Duration,
    /// Without a request beginning, a body coming or an answer being read.
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
    let graceful = GracefulShutdown::new();
    loop {
        let accepted = tokio::select! {
            () = shutdown.cancelled() => break,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((stream, peer)) => {
                let watcher = graceful.watcher();
                tokio::spawn(serve_connection(
                    stream,
                    peer,
                    app.clone(),
                    timeouts,
                    watcher,
                ));
            }
            Err(error) => accept_failed(error).await,
        }
    }
    drop(listener);
    graceful.shutdown().await;
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

/// Serves HTTP/1.1 on one connection, watched for a graceful shutdown.
async fn serve_connection(
    stream: TcpStream,
    peer: SocketAddr,
    app: Router,
    timeouts: Timeouts,
    watcher: Watcher,
) {
    give_up_on_unread_answers(&stream, timeouts.idle);
    let reads = Arc::new(AtomicU64::new(0));
    let io = TokioIo::new(InspectReader::new(stream, {
        let reads = Arc::clone(&reads);
        move |_: &[u8]| {
            reads.fetch_add(1, Ordering::Relaxed);
        }
    }));
    let service = ServiceBuilder::new()
        .layer(RequestBodyTimeoutLayer::new(timeouts.idle))
        .layer(Extension(ConnectInfo(peer)))
        .service(app);
    let mut builder = http1::Builder::new();
    builder
        .timer(HeadTimer { reads, timeouts })
        .header_read_timeout(timeouts.header_read);
    let connection = builder.serve_connection(io, TowerToHyperService::new(service));
    if let Err(error) = watcher.watch(connection).await {
        tracing::debug!(%peer, %error, "connection closed");
    }
}

/// A client that stops reading its answer: the kernel drops the connection once what was
/// sent has gone unacknowledged for `idle` (zero-window probes included).
fn give_up_on_unread_answers(stream: &TcpStream, idle: Duration) {
    #[cfg(target_os = "linux")]
    if let Err(error) = socket2::SockRef::from(stream).set_tcp_user_timeout(Some(idle)) {
        tracing::debug!(%error, "cannot set TCP_USER_TIMEOUT");
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (stream, idle);
}

/// The timer hyper runs its header-read timeout on, one per connection. hyper starts it when
/// it begins waiting for a request head and polls it each time it has read part of one; it
/// runs out `header_read` after the head's first byte, or `idle` after the wait began when no
/// byte came.
#[derive(Clone)]
struct HeadTimer {
    /// How many reads the connection has made so far.
    reads: Arc<AtomicU64>,
    timeouts: Timeouts,
}

impl Timer for HeadTimer {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Sleep>> {
        self.sleep_until(Instant::now() + duration)
    }

    /// The deadline hyper asks for (the header timeout from now) is not the one it gets.
    fn sleep_until(&self, _: Instant) -> Pin<Box<dyn Sleep>> {
        let waiting_since = tokio::time::Instant::now();
        Box::pin(HeadSleep {
            reads: Arc::clone(&self.reads),
            reads_before: self.reads.load(Ordering::Relaxed),
            started: false,
            header_read: self.timeouts.header_read,
            sleep: Box::pin(tokio::time::sleep_until(waiting_since + self.timeouts.idle)),
        })
    }
}

/// One wait for a request head ([`HeadTimer`]).
struct HeadSleep {
    reads: Arc<AtomicU64>,
    /// The connection's reads when the wait began: any later one brought the head's first
    /// bytes.
    reads_before: u64,
    /// Whether the head has begun (the deadline is then `header_read` after it).
    started: bool,
    header_read: Duration,
    sleep: Pin<Box<tokio::time::Sleep>>,
}

impl Future for HeadSleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // hyper polls its timer right after reading part of a head, so "now" is when the
        // head's first bytes came.
        if !self.started && self.reads.load(Ordering::Relaxed) != self.reads_before {
            self.started = true;
            let deadline = tokio::time::Instant::now() + self.header_read;
            self.sleep.as_mut().reset(deadline);
        }
        self.sleep.as_mut().poll(cx)
    }
}

impl Sleep for HeadSleep {}

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

    fn head_sleep(timer: &HeadTimer) -> Pin<Box<dyn Sleep>> {
        timer.sleep_until(Instant::now())
    }

    /// When `sleep` is due, seen from the paused clock's start.
    async fn due_after(mut sleep: Pin<Box<dyn Sleep>>) -> Duration {
        let start = tokio::time::Instant::now();
        std::future::poll_fn(|cx| sleep.as_mut().poll(cx)).await;
        start.elapsed()
    }

    #[tokio::test(start_paused = true)]
    async fn a_wait_without_a_byte_is_the_idle_timeout() {
        let timer = HeadTimer {
            reads: Arc::new(AtomicU64::new(3)),
            timeouts: TIMEOUTS,
        };
        assert_eq!(due_after(head_sleep(&timer)).await, TIMEOUTS.idle);
    }

    #[tokio::test(start_paused = true)]
    async fn a_head_has_the_header_timeout_from_its_first_byte() {
        let reads = Arc::new(AtomicU64::new(3));
        let timer = HeadTimer {
            reads: Arc::clone(&reads),
            timeouts: TIMEOUTS,
        };
        let mut sleep = head_sleep(&timer);
        let start = tokio::time::Instant::now();
        tokio::time::sleep(Duration::from_secs(30)).await;
        // A byte at 30 s, polled as hyper does after a read; more bytes give no more time.
        reads.fetch_add(1, Ordering::Relaxed);
        let polled = std::future::poll_fn(|cx| Poll::Ready(sleep.as_mut().poll(cx))).await;
        assert!(polled.is_pending());
        tokio::time::sleep(Duration::from_secs(5)).await;
        reads.fetch_add(1, Ordering::Relaxed);
        std::future::poll_fn(|cx| sleep.as_mut().poll(cx)).await;
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(30) + TIMEOUTS.header_read
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

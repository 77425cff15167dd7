//! Connections: a client that is slow to send its request, or silent, is cut off; the others,
//! event streams included, are served as before.

mod common;

use std::time::Duration;

use common::{SseReader, TestServer, MINUTE_MS};
use complaint_api::{ComplaintChanged, COMPLAINT_EVENT};
use complaint_rules::ComplaintStatus;
use reqwest::StatusCode;
use serde_json::json;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::Instant;

/// How long after `since` the server closed `socket` (end of stream or reset; anything it
/// sent before is read and ignored), or `None` when it was still open `wait` after `since`.
async fn closed_after(
    socket: &mut (impl AsyncRead + Unpin),
    since: Instant,
    wait: Duration,
) -> Option<Duration> {
    let mut buffer = [0u8; 4096];
    loop {
        match tokio::time::timeout_at(since + wait, socket.read(&mut buffer)).await {
            Err(_) => return None,
            Ok(Ok(0) | Err(_)) => return Some(since.elapsed()),
            Ok(Ok(_)) => {}
        }
    }
}

/// Reads one whole response (headers and a `Content-Length` body) from `socket`.
async fn read_response(socket: &mut TcpStream) -> String {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let n = tokio::time::timeout(Duration::from_secs(5), socket.read(&mut buffer))
            .await
            .expect("an answer within 5 s")
            .expect("read");
        assert!(n > 0, "closed before answering");
        received.extend_from_slice(&buffer[..n]);
        let text = String::from_utf8_lossy(&received).into_owned();
        if let Some(end) = text.find("\r\n\r\n") {
            let length: usize = text[..end]
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse().ok())?
                })
                .unwrap_or(0);
            if received.len() >= end + 4 + length {
                return text;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_request_head_is_closed_while_other_connections_answer() {
    let server = TestServer::start_with(|config| {
        config.header_read_timeout_secs = 1;
        config.idle_timeout_secs = 30;
    })
    .await;

    // Half the headers, then nothing.
    let mut stalled = TcpStream::connect(server.addr).await.unwrap();
    stalled
        .write_all(b"GET /api/meta HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: appli")
        .await
        .unwrap();
    let stalled_at = Instant::now();
    // Headers that never end, one byte every 100 ms: never silent, never done.
    let (mut trickle_read, mut trickle_write) =
        TcpStream::connect(server.addr).await.unwrap().into_split();
    let trickle_at = Instant::now();
    let trickler = tokio::spawn(async move {
        let head = b"GET /api/meta HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        for byte in head.iter().chain(std::iter::repeat(&b'x')) {
            if trickle_write.write_all(&[*byte]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });

    // Meanwhile a normal request on another connection is answered at once.
    let started = Instant::now();
    let answer = server.client().get("/api/meta").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert!(started.elapsed() < Duration::from_millis(900));

    // Both are closed a second after they began, far sooner than the idle timeout.
    let took = closed_after(&mut stalled, stalled_at, Duration::from_secs(6))
        .await
        .expect("the stalled head is still open 6 s later");
    assert!(took >= Duration::from_millis(900), "closed after {took:?}");
    let took = closed_after(&mut trickle_read, trickle_at, Duration::from_secs(6))
        .await
        .expect("the trickling head is still open 6 s later");
    assert!(took >= Duration::from_millis(900), "closed after {took:?}");
    tokio::time::timeout(Duration::from_secs(5), trickler)
        .await
        .expect("the trickler noticed")
        .unwrap();

    // A stalled head does not hold up a graceful shutdown either.
    let mut stalled = TcpStream::connect(server.addr).await.unwrap();
    stalled
        .write_all(b"GET /api/meta HTTP/1.1\r\n")
        .await
        .unwrap();
    tokio::time::timeout(Duration::from_secs(6), server.stop())
        .await
        .expect("the server stops with a stalled connection open");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_connection_is_closed_and_an_event_stream_stays_open() {
    let server = TestServer::start_with(|config| {
        config.header_read_timeout_secs = 1;
        config.idle_timeout_secs = 2;
    })
    .await;

    // An event stream, silent for longer than the idle timeout, stays open.
    let cookie = common::session_cookie(&server.base, "demo-shopper").await;
    let mut events = SseReader::open(&server.base, &cookie).await;

    // A kept-alive connection after its answer: closed after the idle timeout (not the
    // header timeout: no request has begun).
    let mut idle = TcpStream::connect(server.addr).await.unwrap();
    idle.write_all(b"GET /api/meta HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .await
        .unwrap();
    let answer = read_response(&mut idle).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let answered_at = Instant::now();
    let took = closed_after(&mut idle, answered_at, Duration::from_secs(8))
        .await
        .expect("the idle connection is still open 8 s later");
    assert!(took >= Duration::from_millis(1800), "closed after {took:?}");

    // A request whose body stops coming is cut off too.
    let mut slow_body = TcpStream::connect(server.addr).await.unwrap();
    slow_body
        .write_all(
            b"POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
              x-complaint-desk: 1\r\nContent-Length: 100\r\n\r\n{\"method\":",
        )
        .await
        .unwrap();
    closed_after(&mut slow_body, Instant::now(), Duration::from_secs(8))
        .await
        .expect("the stalled body is still open 8 s later");

    // The event stream, open all along, still delivers.
    let shopper = server.sign_in("demo-shopper").await;
    let agent = server.sign_in("demo-agent").await;
    let mine = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    let moved = agent
        .post(
            &format!("/api/agent/complaints/{}/transition", mine.id),
            json!({"move": "start_processing", "expected_version": mine.version}),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    let heard: ComplaintChanged =
        serde_json::from_str(&events.next(COMPLAINT_EVENT).await).unwrap();
    assert_eq!(heard.complaint_id, mine.id);
    server.stop().await;
}

/// A client that asks and then stops reading: once the server's answers fill the socket's
/// buffers, nothing it sends is acknowledged, and the kernel drops the connection an idle
/// timeout later (`TCP_USER_TIMEOUT`, Linux), instead of the server waiting for ever.
#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_is_dropped_after_the_idle_timeout() {
    let server = TestServer::start_with(|config| {
        config.header_read_timeout_secs = 1;
        config.idle_timeout_secs = 2;
    })
    .await;
    let one = server.client().get("/api/openapi.json").await.text.len();
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let mut reader = socket.connect(server.addr).await.unwrap();
    // Far more answers than the buffers on both sides hold.
    let asks = 300;
    let request = b"GET /api/openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".repeat(asks);
    reader.write_all(&request).await.unwrap();
    tokio::time::sleep(Duration::from_secs(6)).await;
    let mut received = 0;
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        match tokio::time::timeout(Duration::from_secs(5), reader.read(&mut buffer)).await {
            Ok(Ok(0) | Err(_)) => break,
            Ok(Ok(n)) => received += n,
            Err(_) => panic!("the connection is still open"),
        }
    }
    assert!(
        received < asks * one,
        "all {asks} answers arrived: never dropped"
    );
    server.stop().await;
}

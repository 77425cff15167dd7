//! What outlives a request: restarts keep every acknowledged change, and live events reach
//! the signed-in user.

mod common;

use std::time::Duration;

use common::{assert_server_headers, SseReader, TestServer, HOUR_MS, MINUTE_MS};
use complaint_api::{ComplaintChanged, ComplaintDetail, ComplaintPage, COMPLAINT_EVENT};
use complaint_rules::ComplaintStatus;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_keeps_every_acknowledged_change() {
    let db = common::TestDb::fresh().await;
    let server = TestServer::start_on(&db.url, |_| {}).await;
    let shopper = server.sign_in("demo-shopper").await;
    let agent = server.sign_in("demo-agent").await;

    // A withdrawal, a filing, a platform move, an assistance request and its rejection.
    let fresh = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    let withdrawal =
        json!({"reason": "mistaken", "note": "重启前撤销", "expected_version": fresh.version});
    let withdrawn = shopper
        .withdraw(fresh.id.0, withdrawal.clone(), "before-restart")
        .await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.text);
    let orders: Vec<complaint_api::OrderView> = shopper.get("/api/orders").await.json();
    let free = orders.iter().find(|o| o.complaints.is_empty()).unwrap();
    let filed = shopper
        .post(
            "/api/complaints",
            json!({"order_id": free.id, "kind": "logistics", "description": "重启之前提交的投诉，快递一直没有更新。"}),
        )
        .await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.text);
    let filed: ComplaintDetail = filed.json();
    let processing = shopper
        .seeded(ComplaintStatus::Processing, 23 * HOUR_MS + 59 * MINUTE_MS)
        .await;
    let moved = agent
        .post(
            &format!("/api/agent/complaints/{}/transition", processing.id),
            json!({"move": "escalate_to_arbitration", "expected_version": processing.version}),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    let expired = shopper
        .seeded(ComplaintStatus::Pending, 24 * HOUR_MS + MINUTE_MS)
        .await;
    let asked = shopper
        .request(
            expired.id,
            json!({"type": "assisted_withdrawal", "reason": "resolved", "remedy": "arrived"}),
        )
        .await;
    let asked = asked.requested();
    let rejected = agent
        .post(
            &format!("/api/agent/assistance/{}/reject", asked.id),
            json!({"reason": "请先与商家确认退款是否到账。"}),
        )
        .await;
    assert_eq!(rejected.status, StatusCode::OK, "{}", rejected.text);

    let before: ComplaintPage = shopper.get("/api/complaints?limit=100").await.json();
    let mut details_before = Vec::new();
    for item in &before.items {
        details_before.push(shopper.detail(item.id.0).await);
    }

    // Stop, and start a new server on the same file.
    server.stop().await;
    let server = TestServer::start_on(&db.url, |_| {}).await;
    let shopper_again = server.sign_in("demo-shopper").await;
    let after: ComplaintPage = shopper_again.get("/api/complaints?limit=100").await.json();
    assert_eq!(after.items, before.items, "not re-seeded, nothing lost");
    assert_eq!(after.counts, before.counts);
    for detail in &details_before {
        let again = shopper_again.detail(detail.summary.id.0).await;
        assert_eq!(again.summary, detail.summary);
        assert_eq!(again.timeline, detail.timeline);
        assert_eq!(again.withdrawal, detail.withdrawal);
        assert_eq!(again.assistance, detail.assistance);
    }
    let again = shopper_again.detail(filed.summary.id.0).await;
    assert_eq!(again.description, filed.description);
    // The idempotency record survived too: the retry gets the first answer.
    let retry = shopper_again
        .withdraw(fresh.id.0, withdrawal, "before-restart")
        .await;
    assert_eq!(retry.status, StatusCode::OK);
    assert_eq!(retry.text, withdrawn.text);
    server.stop().await;
}

/// Opens the signed-in user's event stream and checks its headers.
async fn open_events(client: &common::Client) -> SseReader {
    let response = client
        .http
        .get(format!("{}/api/events", client.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_server_headers(response.headers());
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    SseReader::from_response(response)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_sse_client_receives_a_transition_made_by_the_agent() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let unverified = server.sign_in("demo-unverified").await;
    let agent = server.sign_in("demo-agent").await;
    let mut shopper_events = open_events(&shopper).await;
    let mut agent_events = open_events(&agent).await;

    // First someone else's complaint changes: the shopper must not hear of it.
    let theirs = unverified.any_with(ComplaintStatus::Pending).await;
    let moved = agent
        .post(
            &format!("/api/agent/complaints/{}/transition", theirs.id),
            json!({"move": "start_processing", "expected_version": theirs.version}),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    // Then the shopper's.
    let mine = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    let moved = agent
        .post(
            &format!("/api/agent/complaints/{}/transition", mine.id),
            json!({"move": "escalate_to_arbitration", "expected_version": mine.version}),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);

    let data = shopper_events.next(COMPLAINT_EVENT).await;
    let change: ComplaintChanged = serde_json::from_str(&data).unwrap();
    assert_eq!(
        change.complaint_id, mine.id,
        "only the shopper's own complaint"
    );
    assert_eq!(change.status, ComplaintStatus::Arbitration);
    assert_eq!(change.version, mine.version + 1);

    // The agent hears both, in order.
    let first: ComplaintChanged =
        serde_json::from_str(&agent_events.next(COMPLAINT_EVENT).await).unwrap();
    let second: ComplaintChanged =
        serde_json::from_str(&agent_events.next(COMPLAINT_EVENT).await).unwrap();
    assert_eq!(
        (first.complaint_id, second.complaint_id),
        (theirs.id, mine.id)
    );

    // The shopper's own withdrawal is an event too.
    let other = shopper
        .seeded(ComplaintStatus::Processing, 23 * HOUR_MS + 59 * MINUTE_MS)
        .await;
    let withdrawn = shopper
        .withdraw(
            other.id.0,
            json!({"reason": "resolved", "remedy": "arrived", "expected_version": other.version}),
            "sse",
        )
        .await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.text);
    let change: ComplaintChanged =
        serde_json::from_str(&shopper_events.next(COMPLAINT_EVENT).await).unwrap();
    assert_eq!(change.complaint_id, other.id);
    assert_eq!(change.status, ComplaintStatus::Withdrawn);

    // Open streams do not hold up a shutdown.
    tokio::time::timeout(Duration::from_secs(10), server.stop())
        .await
        .expect("the server stops with event streams open");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_hears_an_assistance_decision_live_rejected_or_approved() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let agent = server.sign_in("demo-agent").await;
    let mut owner_events = open_events(&shopper).await;
    async fn next(stream: &mut SseReader) -> ComplaintChanged {
        serde_json::from_str(&stream.next(COMPLAINT_EVENT).await).unwrap()
    }

    // The seeded pending request (processing, 3 days old), rejected.
    let queue: Vec<complaint_api::AssistanceQueueItem> =
        agent.get("/api/agent/assistance").await.json();
    let item = &queue[0];
    let rejected = agent
        .post(
            &format!("/api/agent/assistance/{}/reject", item.request.id),
            json!({"reason": "请先与商家确认退款是否到账。"}),
        )
        .await;
    assert_eq!(rejected.status, StatusCode::OK, "{}", rejected.text);
    let change = next(&mut owner_events).await;
    assert_eq!(change.complaint_id, item.complaint.id);
    assert_eq!(change.status, ComplaintStatus::Processing);
    assert_eq!(change.version, item.complaint.version + 1);

    // A new request, heard as well, then approved: heard as the withdrawal it is.
    let expired = shopper
        .seeded(ComplaintStatus::Pending, 24 * HOUR_MS + MINUTE_MS)
        .await;
    let asked = shopper
        .request(
            expired.id,
            json!({"type": "assisted_withdrawal", "reason": "resolved", "remedy": "arrived"}),
        )
        .await;
    let asked = asked.requested();
    assert_eq!(next(&mut owner_events).await.complaint_id, expired.id);
    let approved = agent
        .post(
            &format!("/api/agent/assistance/{}/approve", asked.id),
            json!({}),
        )
        .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.text);
    let change = next(&mut owner_events).await;
    assert_eq!(change.complaint_id, expired.id);
    assert_eq!(change.status, ComplaintStatus::Withdrawn);
    assert_eq!(change.version, expired.version + 2);
}

/// A move of `complaint` by the agent (its version as listed).
async fn move_by_agent(agent: &common::Client, complaint: &complaint_api::ComplaintSummary) {
    let moved = agent
        .post(
            &format!("/api/agent/complaints/{}/transition", complaint.id),
            json!({"move": "close", "expected_version": complaint.version}),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_open_event_stream_ends_with_its_session() {
    let server = TestServer::start().await;
    let agent = server.sign_in("demo-agent").await;

    // Signing out (with a copy of the cookie: the stream's own connection stays open).
    let cookie = common::session_cookie(&server.base, "demo-shopper").await;
    let shopper = server.sign_in("demo-shopper").await;
    let mut stream = SseReader::open(&server.base, &cookie).await;
    let first = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    move_by_agent(&agent, &first).await;
    let heard: ComplaintChanged =
        serde_json::from_str(&stream.next(COMPLAINT_EVENT).await).unwrap();
    assert_eq!(heard.complaint_id, first.id, "heard while signed in");
    let out = reqwest::Client::new()
        .delete(server.url("/api/session"))
        .header("cookie", &cookie)
        .header(complaint_api::CSRF_HEADER, complaint_api::CSRF_HEADER_VALUE)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    let second = shopper
        .seeded(ComplaintStatus::Processing, 6 * HOUR_MS)
        .await;
    move_by_agent(&agent, &second).await;
    let rest = stream.rest_within(Duration::from_secs(15)).await;
    assert!(
        rest.ended,
        "the stream still runs 15 s after sign-out: {rest:?}"
    );
    assert!(
        rest.events.iter().all(|(name, _)| name != COMPLAINT_EVENT),
        "a change made after sign-out was delivered: {rest:?}"
    );
    assert_eq!(
        rest.events.last().map(|(name, _)| name.as_str()),
        Some(complaint_api::SESSION_ENDED_EVENT),
        "the stream says why it ends: {rest:?}"
    );

    // Expiring (set in the database, as the clock would), with nothing else happening: the
    // stream ends by itself within seconds.
    let cookie = common::session_cookie(&server.base, "demo-unverified").await;
    let mut stream = SseReader::open(&server.base, &cookie).await;
    server
        .execute_sql(&format!(
            "UPDATE sessions SET expires_at = {} WHERE user_id = \
             (SELECT id FROM users WHERE username = 'demo-unverified')",
            common::now().0 - 1
        ))
        .await;
    let expired_at = std::time::Instant::now();
    let rest = stream.rest_within(Duration::from_secs(15)).await;
    assert!(
        rest.ended,
        "the stream still runs 15 s after expiry: {rest:?}"
    );
    assert!(
        expired_at.elapsed() < Duration::from_secs(8),
        "ended {:?} after expiry",
        expired_at.elapsed()
    );
    let names: Vec<&str> = rest.events.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, [complaint_api::SESSION_ENDED_EVENT]);

    // Other streams go on.
    let mut agent_stream = open_events(&agent).await;
    let third = shopper
        .seeded(ComplaintStatus::Processing, 23 * HOUR_MS + 59 * MINUTE_MS)
        .await;
    move_by_agent(&agent, &third).await;
    let heard: ComplaintChanged =
        serde_json::from_str(&agent_stream.next(COMPLAINT_EVENT).await).unwrap();
    assert_eq!(heard.complaint_id, third.id);
    server.stop().await;
}

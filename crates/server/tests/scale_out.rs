//! Two server processes on one PostgreSQL database, as behind a load balancer: sessions made
//! on one work on the other (and end on both), 50 concurrent withdrawals of one complaint
//! spread over both apply exactly once, and an event stream on one server hears a change made
//! through the other.
//!
//! Needs `COMPLAINT_DESK_TEST_DATABASE=postgres://…` (scripts/test-server-hardening.sh sets
//! it); on SQLite there is nothing to scale out, and the test says so and passes.

mod common;

use std::time::Duration;

use common::{postgres_admin_url, session_cookie, ChildServer, SseReader, TestDb, MINUTE_MS};
use complaint_api::{
    ComplaintChanged, ComplaintPage, CSRF_HEADER, CSRF_HEADER_VALUE, IDEMPOTENCY_KEY_HEADER,
};
use complaint_rules::ComplaintStatus;
use reqwest::StatusCode;
use serde_json::json;

async fn get(base: &str, path: &str, cookie: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!("{base}{path}"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
}

fn post(base: &str, path: &str, cookie: &str) -> reqwest::RequestBuilder {
    reqwest::Client::new()
        .post(format!("{base}{path}"))
        .header("cookie", cookie)
        .header(CSRF_HEADER, CSRF_HEADER_VALUE)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgres_share_sessions_withdrawals_and_events() {
    if postgres_admin_url().is_none() {
        println!("skipped: set COMPLAINT_DESK_TEST_DATABASE=postgres://… to run it");
        return;
    }
    let db = TestDb::fresh().await;
    // A migrates and seeds; B finds it done.
    let a = ChildServer::start(&db.url, &[]).await;
    let b = ChildServer::start(&db.url, &[]).await;
    let (a_base, b_base) = (a.base.clone(), b.base.clone());

    // Sessions live in the database: made on A, good on B; ended on B, dead on A.
    let cookie = session_cookie(&a_base, "demo-unverified").await;
    let me = get(&b_base, "/api/session", &cookie).await;
    assert_eq!(me.status(), StatusCode::OK);
    let me: serde_json::Value = me.json().await.unwrap();
    assert_eq!(me["user"]["username"], "demo-unverified");
    let out = reqwest::Client::new()
        .delete(format!("{b_base}/api/session"))
        .header("cookie", &cookie)
        .header(CSRF_HEADER, CSRF_HEADER_VALUE)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        get(&a_base, "/api/session", &cookie).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // Event streams: the shopper on A, the agent on B.
    let shopper = session_cookie(&a_base, "demo-shopper").await;
    let agent = session_cookie(&b_base, "demo-agent").await;
    let mut shopper_on_a = SseReader::open(&a_base, &shopper).await;
    let mut agent_on_b = SseReader::open(&b_base, &agent).await;

    // 50 concurrent withdrawals of one complaint, alternating between A and B, each with its
    // own idempotency key: exactly one applies.
    let page: ComplaintPage = get(&a_base, "/api/complaints?limit=100", &shopper)
        .await
        .json()
        .await
        .unwrap();
    let now = common::now().0;
    let target = page
        .items
        .iter()
        .find(|c| c.status == ComplaintStatus::Pending && now - c.filed_at.0 < 5 * MINUTE_MS)
        .expect("the fresh pending complaint")
        .clone();
    let mut tasks = Vec::new();
    for attempt in 0..50 {
        let base = if attempt % 2 == 0 { &a_base } else { &b_base };
        let request = post(
            base,
            &format!("/api/complaints/{}/withdrawal", target.id),
            &shopper,
        )
        .header(IDEMPOTENCY_KEY_HEADER, format!("two-servers-{attempt}"))
        .json(&json!({"reason": "mistaken", "expected_version": target.version}));
        tasks.push(tokio::spawn(async move {
            let response = request.send().await.unwrap();
            let status = response.status();
            (status, response.text().await.unwrap())
        }));
    }
    let mut applied = 0;
    for task in tasks {
        let (status, body) = task.await.unwrap();
        match status {
            StatusCode::OK => applied += 1,
            // Lost the race: the complaint changed (version) or is already withdrawn.
            StatusCode::CONFLICT => assert!(body.contains("\"conflict\""), "{body}"),
            StatusCode::UNPROCESSABLE_ENTITY => {
                assert!(body.contains("already_withdrawn"), "{body}")
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!(applied, 1, "exactly one of 50 withdrawals applied");
    let id = target.id.0;
    assert_eq!(
        common::scalar_i64(
            &db.url,
            &format!("SELECT COUNT(*) FROM withdrawals WHERE complaint_id = {id}")
        )
        .await,
        1
    );
    assert_eq!(
        common::scalar_i64(
            &db.url,
            &format!(
                "SELECT COUNT(*) FROM timeline_events WHERE complaint_id = {id} AND kind = 'withdrawn'"
            )
        )
        .await,
        1
    );
    // Both streams hear the withdrawal once, whichever server applied it.
    for (stream, who) in [
        (&mut shopper_on_a, "shopper on A"),
        (&mut agent_on_b, "agent on B"),
    ] {
        let change: ComplaintChanged = serde_json::from_str(
            &stream
                .next_within("complaint", Duration::from_secs(10))
                .await
                .unwrap_or_else(|| panic!("{who} hears the withdrawal")),
        )
        .unwrap();
        assert_eq!(change.complaint_id, target.id);
        assert_eq!(change.status, ComplaintStatus::Withdrawn);
    }

    // An agent's move made through B reaches the shopper's stream on A.
    let processing = page
        .items
        .iter()
        .find(|c| c.status == ComplaintStatus::Processing && !c.assistance_pending())
        .expect("a processing complaint")
        .clone();
    let moved = post(
        &b_base,
        &format!("/api/agent/complaints/{}/transition", processing.id),
        &agent,
    )
    .json(&json!({"move": "escalate_to_arbitration", "expected_version": processing.version}))
    .send()
    .await
    .unwrap();
    assert_eq!(moved.status(), StatusCode::OK);
    let change: ComplaintChanged = serde_json::from_str(
        &shopper_on_a
            .next_within("complaint", Duration::from_secs(10))
            .await
            .expect("the shopper on A hears the move made on B"),
    )
    .unwrap();
    assert_eq!(change.complaint_id, processing.id);
    assert_eq!(change.status, ComplaintStatus::Arbitration);
    assert_eq!(change.version, processing.version + 1);
    // Nothing was heard twice.
    assert!(shopper_on_a
        .next_within("complaint", Duration::from_millis(500))
        .await
        .is_none());
    let agent_change: ComplaintChanged = serde_json::from_str(
        &agent_on_b
            .next_within("complaint", Duration::from_secs(10))
            .await
            .expect("the agent on B hears its own move"),
    )
    .unwrap();
    assert_eq!(agent_change, change);

    a.kill().await;
    b.kill().await;
    println!("two servers on one PostgreSQL: sessions shared, 1 of 50 withdrawals applied, events crossed");
}

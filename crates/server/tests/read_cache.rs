//! The read cache (SQLite: sessions and the lists' counts) follows every write, whoever makes
//! it: after each one, a list's counts are exactly those of its items. No handler says what it
//! changed; the writer connection reports the rows it wrote.

mod common;

use common::{Client, HOUR_MS, MINUTE_MS};
use complaint_api::{ComplaintPage, StatusCount};
use complaint_rules::ComplaintStatus;
use reqwest::StatusCode;
use serde_json::json;

/// `path`'s counts (cached when nothing changed) agree with its items (read anew).
async fn counts_agree(client: &Client, path: &str) -> Vec<StatusCount> {
    let page: ComplaintPage = client.get(&format!("{path}?limit=100")).await.json();
    assert!(page.next_cursor.is_none(), "one page holds the list");
    let tally: Vec<StatusCount> = ComplaintStatus::ALL
        .into_iter()
        .map(|status| StatusCount {
            status,
            count: page.items.iter().filter(|c| c.status == status).count() as u32,
        })
        .collect();
    assert_eq!(page.counts, tally, "{path}");
    page.counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cached_counts_follow_every_write() {
    let server = common::TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let other = server.sign_in("demo-unverified").await;
    let agent = server.sign_in("demo-agent").await;
    let lists = [
        (&shopper, "/api/complaints"),
        (&other, "/api/complaints"),
        (&agent, "/api/agent/complaints"),
    ];
    let all_agree = || async {
        for (client, path) in lists {
            counts_agree(client, path).await;
        }
    };
    all_agree().await;

    // An agent's move of the shopper's complaint.
    let fresh = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    let moved = agent
        .transition(fresh.id, "start_processing", fresh.version)
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    all_agree().await;

    // The shopper's withdrawal of it.
    let withdrawn = shopper
        .withdraw(
            fresh.id.0,
            json!({"reason": "mistaken", "expected_version": fresh.version + 1}),
            "cache-withdrawal",
        )
        .await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.text);
    all_agree().await;

    // Another shopper files; an agent approves an assisted withdrawal.
    let filed = other
        .file_on_a_free_order("service", "客服态度很差，不回消息")
        .await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.text);
    all_agree().await;
    let expired = shopper
        .seeded(ComplaintStatus::Pending, 24 * HOUR_MS + MINUTE_MS)
        .await;
    let asked = shopper.ask_assistance(expired.id, "").await;
    let approve = format!("/api/agent/assistance/{}/approve", asked.requested().id);
    let approved = agent.post(&approve, json!({})).await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.text);
    all_agree().await;

    // A commit from outside the server.
    server
        .execute_sql(&format!(
            "UPDATE complaints SET status = 'closed', version = version + 1 WHERE id = {}",
            shopper
                .seeded(ComplaintStatus::Processing, 6 * HOUR_MS)
                .await
                .id
        ))
        .await;
    all_agree().await;

    // Sign-outs end the session at once; the others' sessions go on.
    let out = other
        .send(reqwest::Method::DELETE, "/api/session", None, &[])
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    other
        .get("/api/complaints")
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    counts_agree(&shopper, "/api/complaints").await;
    counts_agree(&agent, "/api/agent/complaints").await;
    server.stop().await;
}

//! Crash safety: the real server binary on a fresh database, withdrawals, filings and agent
//! moves fired concurrently, SIGKILL in the middle, restart on the same database. Every
//! change the client saw acknowledged is there; nothing is applied twice, also when the
//! unacknowledged requests are retried (withdrawals with the same idempotency keys).
//!
//! `CRASH_CYCLES` (default 3) cycles of kill and restart on one database; `scripts/soak.sh`
//! runs 25. The database is SQLite, or PostgreSQL with `COMPLAINT_DESK_TEST_DATABASE`.

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{TestDb, HOUR_MS};
use complaint_api::{
    ComplaintDetail, OrderView, CSRF_HEADER, CSRF_HEADER_VALUE, IDEMPOTENCY_KEY_HEADER,
};
use complaint_rules::ComplaintStatus;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Withdrawals, filings and agent moves per cycle.
const WITHDRAWALS: usize = 20;
const FILINGS: usize = 5;
const MOVES: usize = 5;

type Server = common::ChildServer;

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

async fn sign_in(base: &str, username: &str) -> reqwest::Client {
    let http = client();
    let response = http
        .post(format!("{base}/api/session"))
        .header(CSRF_HEADER, CSRF_HEADER_VALUE)
        .json(&json!({"method": "demo", "username": username}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    http
}

/// What the client saw: `None` when the request got no answer (the server died).
type Outcome = Option<(StatusCode, bool, String)>;

async fn send(request: reqwest::RequestBuilder) -> Outcome {
    let response = request.send().await.ok()?;
    let status = response.status();
    let replayed = response.headers().contains_key("idempotent-replayed");
    let text = response.text().await.ok()?;
    Some((status, replayed, text))
}

#[derive(Clone, Debug)]
enum Mutation {
    Withdraw {
        complaint: i64,
        version: i64,
        key: String,
    },
    File {
        order: i64,
    },
    Move {
        complaint: i64,
        version: i64,
    },
}

fn withdrawal_body(version: i64) -> Value {
    json!({"reason": "mistaken", "note": "崩溃测试", "expected_version": version})
}

fn request(
    shopper: &reqwest::Client,
    agent: &reqwest::Client,
    base: &str,
    mutation: &Mutation,
) -> reqwest::RequestBuilder {
    match mutation {
        Mutation::Withdraw {
            complaint,
            version,
            key,
        } => shopper
            .post(format!("{base}/api/complaints/{complaint}/withdrawal"))
            .header(CSRF_HEADER, CSRF_HEADER_VALUE)
            .header(IDEMPOTENCY_KEY_HEADER, key.as_str())
            .json(&withdrawal_body(*version)),
        Mutation::File { order } => shopper
            .post(format!("{base}/api/complaints"))
            .header(CSRF_HEADER, CSRF_HEADER_VALUE)
            .json(&json!({"order_id": order, "kind": "quality", "description": "崩溃测试：商品质量有问题，申请处理。"})),
        Mutation::Move { complaint, version } => agent
            .post(format!(
                "{base}/api/agent/complaints/{complaint}/transition"
            ))
            .header(CSRF_HEADER, CSRF_HEADER_VALUE)
            .json(&json!({"move": "start_processing", "expected_version": version})),
    }
}

async fn count(db: &TestDb, sql: &str) -> i64 {
    common::scalar_i64(&db.url, sql).await
}

async fn detail(shopper: &reqwest::Client, base: &str, id: i64) -> ComplaintDetail {
    let response = shopper
        .get(format!("{base}/api/complaints/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// Orders for this cycle, straight into the database (the API has no way to make orders).
async fn add_orders(db: &TestDb, cycle: usize, n: usize) {
    let now = common::now().0;
    for i in 0..n {
        common::execute_sql(
            &db.url,
            &format!(
                "INSERT INTO orders (number, title, shop, amount_fen, placed_at, owner_id)
                 SELECT '9{cycle:05}{i:010}', '崩溃测试商品 {cycle}-{i}', '测试店', 100, {},
                        id FROM users WHERE username = 'demo-shopper'",
                now - HOUR_MS
            ),
        )
        .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_with_mutations_in_flight_loses_no_acknowledged_change_and_applies_none_twice() {
    let cycles: usize = std::env::var("CRASH_CYCLES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(3);
    let db = TestDb::fresh().await;
    let started = Instant::now();
    let mut server = Server::start(&db.url, &[]).await;
    let (mut acked_total, mut lost_total, mut replays_total) = (0, 0, 0);
    // Unanswered withdrawals whose retry was a replay: committed, then killed before the
    // answer left. The case an idempotency key exists for.
    let mut committed_unanswered = 0;

    for cycle in 0..cycles {
        let base = server.base.clone();
        let shopper = sign_in(&base, "demo-shopper").await;
        let agent = sign_in(&base, "demo-agent").await;

        // Set-up: orders, and pending complaints filed on most of them.
        add_orders(&db, cycle, WITHDRAWALS + MOVES + FILINGS).await;
        let orders: Vec<OrderView> = shopper
            .get(format!("{base}/api/orders"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let prefix = format!("9{cycle:05}");
        let mine: Vec<&OrderView> = orders
            .iter()
            .filter(|order| order.number.starts_with(&prefix))
            .collect();
        assert_eq!(mine.len(), WITHDRAWALS + MOVES + FILINGS);
        let mut complaints = Vec::new();
        for order in &mine[..WITHDRAWALS + MOVES] {
            let filed = request(
                &shopper,
                &agent,
                &base,
                &Mutation::File { order: order.id.0 },
            )
            .send()
            .await
            .unwrap();
            assert_eq!(filed.status(), StatusCode::CREATED);
            let filed: ComplaintDetail = filed.json().await.unwrap();
            complaints.push((filed.summary.id.0, filed.summary.version));
        }
        let mut mutations = Vec::new();
        for (i, (complaint, version)) in complaints[..WITHDRAWALS].iter().enumerate() {
            mutations.push(Mutation::Withdraw {
                complaint: *complaint,
                version: *version,
                key: format!("crash-{cycle}-{i}"),
            });
        }
        for (complaint, version) in &complaints[WITHDRAWALS..] {
            mutations.push(Mutation::Move {
                complaint: *complaint,
                version: *version,
            });
        }
        for order in &mine[WITHDRAWALS + MOVES..] {
            mutations.push(Mutation::File { order: order.id.0 });
        }

        // The storm: everything at once; SIGKILL once a few answers are in.
        let outcomes: Arc<Mutex<HashMap<usize, Outcome>>> = Arc::default();
        let mut tasks = Vec::new();
        for (index, mutation) in mutations.iter().enumerate() {
            let request = request(&shopper, &agent, &base, mutation);
            let outcomes = Arc::clone(&outcomes);
            tasks.push(tokio::spawn(async move {
                let outcome = send(request).await;
                outcomes.lock().unwrap().insert(index, outcome);
            }));
        }
        let kill_after = 1 + (cycle * 7) % (mutations.len() / 2);
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let answered = outcomes
                .lock()
                .unwrap()
                .values()
                .filter(|outcome| outcome.is_some())
                .count();
            if answered >= kill_after || Instant::now() > deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        server.kill().await;
        for task in tasks {
            task.await.unwrap();
        }
        let outcomes = outcomes.lock().unwrap().clone();
        let acked = outcomes
            .values()
            .filter(|outcome| outcome.is_some())
            .count();
        acked_total += acked;
        lost_total += mutations.len() - acked;

        // Restart on the same database.
        server = Server::start(&db.url, &[]).await;
        let base = server.base.clone();
        let shopper = sign_in(&base, "demo-shopper").await;
        let agent = sign_in(&base, "demo-agent").await;

        for (index, mutation) in mutations.iter().enumerate() {
            let outcome = outcomes.get(&index).cloned().flatten();
            match (mutation, outcome) {
                // Acknowledged: it is there, and the same key replays the same answer.
                (Mutation::Withdraw { .. }, Some((status, _, body))) => {
                    assert_eq!(status, StatusCode::OK, "{body}");
                    let replay = send(request(&shopper, &agent, &base, mutation))
                        .await
                        .unwrap();
                    assert_eq!(replay.0, StatusCode::OK);
                    assert!(replay.1, "a replay says so");
                    assert_eq!(replay.2, body, "the very same answer");
                    replays_total += 1;
                }
                // Not acknowledged: retried with the same key, it applies (now, or it had
                // already and the stored answer comes back).
                (Mutation::Withdraw { .. }, None) => {
                    let retry = send(request(&shopper, &agent, &base, mutation))
                        .await
                        .unwrap();
                    assert_eq!(retry.0, StatusCode::OK, "{}", retry.2);
                    committed_unanswered += usize::from(retry.1);
                }
                (Mutation::File { .. }, Some((status, _, body))) => {
                    assert_eq!(status, StatusCode::CREATED, "{body}");
                }
                // A filing has no key: retried, it is filed or refused as already open.
                (Mutation::File { .. }, None) => {
                    let retry = send(request(&shopper, &agent, &base, mutation))
                        .await
                        .unwrap();
                    assert!(
                        retry.0 == StatusCode::CREATED
                            || (retry.0 == StatusCode::UNPROCESSABLE_ENTITY
                                && retry.2.contains("complaint_already_open")),
                        "{retry:?}"
                    );
                }
                (Mutation::Move { .. }, Some((status, _, body))) => {
                    assert_eq!(status, StatusCode::OK, "{body}");
                }
                // A move carries the version: retried, it applies or is a conflict.
                (Mutation::Move { .. }, None) => {
                    let retry = send(request(&shopper, &agent, &base, mutation))
                        .await
                        .unwrap();
                    assert!(
                        retry.0 == StatusCode::OK || retry.0 == StatusCode::CONFLICT,
                        "{retry:?}"
                    );
                }
            }
        }

        // Every change exactly once, in the database itself.
        for mutation in &mutations {
            match mutation {
                Mutation::Withdraw { complaint, .. } => {
                    let detail = detail(&shopper, &base, *complaint).await;
                    assert_eq!(detail.summary.status, ComplaintStatus::Withdrawn);
                    assert!(detail.withdrawal.is_some());
                    let c = *complaint;
                    assert_eq!(
                        count(
                            &db,
                            &format!("SELECT COUNT(*) FROM withdrawals WHERE complaint_id = {c}")
                        )
                        .await,
                        1,
                        "one withdrawal of {c}"
                    );
                    assert_eq!(
                        count(&db, &format!("SELECT COUNT(*) FROM timeline_events WHERE complaint_id = {c} AND kind = 'withdrawn'")).await,
                        1,
                        "one withdrawn event of {c}"
                    );
                    assert_eq!(
                        count(
                            &db,
                            &format!("SELECT version FROM complaints WHERE id = {c}")
                        )
                        .await,
                        2,
                        "filed (1), withdrawn (2): never twice"
                    );
                }
                Mutation::File { order } => {
                    assert_eq!(
                        count(
                            &db,
                            &format!("SELECT COUNT(*) FROM complaints WHERE order_id = {order}")
                        )
                        .await,
                        1,
                        "one complaint on order {order}"
                    );
                    assert_eq!(
                        count(&db, &format!("SELECT COUNT(*) FROM timeline_events t JOIN complaints c ON c.id = t.complaint_id WHERE c.order_id = {order} AND t.kind = 'filed'")).await,
                        1
                    );
                }
                Mutation::Move { complaint, .. } => {
                    let c = *complaint;
                    assert_eq!(
                        count(&db, &format!("SELECT COUNT(*) FROM complaints WHERE id = {c} AND status = 'processing' AND version = 2")).await,
                        1,
                        "moved once: {c}"
                    );
                    assert_eq!(
                        count(&db, &format!("SELECT COUNT(*) FROM timeline_events WHERE complaint_id = {c} AND kind = 'status_changed'")).await,
                        1
                    );
                }
            }
        }
        if !db.url.starts_with("postgres") {
            assert_eq!(common::integrity_check(&db.url).await, "ok");
        }
    }
    server.kill().await;
    println!(
        "crash cycles: {cycles} SIGKILLs with {} mutations in flight each; {acked_total} \
         acknowledged (all found, {replays_total} withdrawals replayed identically), \
         {lost_total} unanswered (retried: each applied exactly once; \
         {committed_unanswered} withdrawals had committed before the kill and were replayed); \
         {:.1} s",
        WITHDRAWALS + FILINGS + MOVES,
        started.elapsed().as_secs_f64()
    );
}

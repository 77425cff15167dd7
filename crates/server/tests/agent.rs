//! Customer service: assistance requests, withdrawal on the owner's behalf, rejection, and
//! the platform's status moves.

mod common;

use common::{events_of_type, TestServer, HOUR_MS, MINUTE_MS};
use complaint_api::{
    AssistanceQueueItem, AssistanceStatus, AssistanceView, ComplaintDetail, ComplaintPage,
    ErrorBody, ErrorDetail, TimelineEventKind, WithdrawnBy,
};
use complaint_rules::{AssistanceGround, ComplaintStatus, Role, WithdrawalReason};
use reqwest::StatusCode;
use serde_json::json;

async fn pending_queue(agent: &common::Client) -> Vec<AssistanceQueueItem> {
    let answer = agent.get("/api/agent/assistance").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.json()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assistance_request_then_agent_withdraws_on_the_owners_behalf() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let agent = server.sign_in("demo-agent").await;
    let expired = shopper
        .seeded(ComplaintStatus::Pending, 24 * HOUR_MS + MINUTE_MS)
        .await;

    // While the window is open the ground is the server's: self-service failed (the client
    // no longer claims one, so `window_still_open` is for a claim nobody sends any more).
    let fresh = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    let early = shopper
        .request(
            fresh.id,
            json!({"type": "assisted_withdrawal", "reason": "resolved", "remedy": "arrived"}),
        )
        .await
        .requested();
    assert_eq!(early.ground, AssistanceGround::SelfServiceFailed);
    // The note is validated like a withdrawal's.
    shopper
        .request(
            expired.id,
            json!({"type": "assisted_withdrawal", "reason": "other", "note": "短"}),
        )
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "note_too_short");

    let answer = shopper
        .request(
            expired.id,
            json!({"type": "assisted_withdrawal", "reason": "resolved", "note": " 商家已经退款了 ", "remedy": "arrived"}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text);
    answer.assert_server_headers();
    let request: AssistanceView = answer.requested();
    assert_eq!(request.remedy, Some(complaint_rules::Remedy::Arrived));
    assert_eq!(request.status, AssistanceStatus::Pending);
    assert_eq!(request.note, "商家已经退款了");
    assert_eq!(request.ground, AssistanceGround::WindowExpired);

    // Once is enough.
    shopper
        .request(
            expired.id,
            json!({"type": "assisted_withdrawal", "reason": "resolved", "remedy": "arrived"}),
        )
        .await
        .assert_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "assistance_already_requested",
        );
    let detail = shopper.detail(expired.id.0).await;
    assert!(detail.summary.assistance_pending());
    assert_eq!(events_of_type(&detail, "assistance_requested"), 1);

    // The agent sees it in the queue, with the owner's name.
    let queue = pending_queue(&agent).await;
    let item = queue
        .iter()
        .find(|item| item.request.id == request.id)
        .expect("the request is queued");
    assert_eq!(item.owner_name, "王小明");
    assert_eq!(item.complaint.id, expired.id);
    assert!(item.complaint.assistance_pending());
    assert!(
        queue.iter().any(|item| item.request.id != request.id),
        "the seeded pending request is queued too"
    );

    // Shoppers cannot act as agents.
    shopper
        .post(
            &format!("/api/agent/assistance/{}/approve", request.id),
            json!({}),
        )
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
    shopper
        .get("/api/agent/assistance")
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");

    let approved = agent
        .post(
            &format!("/api/agent/assistance/{}/approve", request.id),
            json!({}),
        )
        .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.text);
    let detail: ComplaintDetail = approved.json();
    assert_eq!(detail.summary.status, ComplaintStatus::Withdrawn);
    assert!(!detail.summary.assistance_pending());
    let receipt = detail.withdrawal.as_ref().expect("a receipt");
    assert_eq!(receipt.by, WithdrawnBy::AgentOnBehalf);
    assert_eq!(receipt.actor_name, "客服小蜜");
    assert_eq!(receipt.reason, WithdrawalReason::Resolved);
    assert_eq!(receipt.note, "商家已经退款了");
    let last = detail.timeline.last().unwrap();
    assert_eq!(last.actor_role, Role::Agent);
    assert_eq!(
        last.event,
        TimelineEventKind::Withdrawn {
            reason: WithdrawalReason::Resolved,
            note: "商家已经退款了".into(),
            by: WithdrawnBy::AgentOnBehalf
        }
    );
    assert_eq!(detail.assistance[0].status, AssistanceStatus::Approved);
    assert!(detail.assistance[0].decided_at.is_some());

    // The owner sees the same.
    let mine = shopper.detail(expired.id.0).await;
    assert_eq!(mine.withdrawal, detail.withdrawal);
    assert_eq!(events_of_type(&mine, "withdrawn"), 1);

    // Deciding twice is refused.
    for action in ["approve", "reject"] {
        agent
            .post(
                &format!("/api/agent/assistance/{}/{action}", request.id),
                json!({"reason": "重复处理的测试请求"}),
            )
            .await
            .assert_error(StatusCode::CONFLICT, "assistance_already_decided");
    }
    agent
        .post("/api/agent/assistance/987654/approve", json!({}))
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");

    let approved: Vec<AssistanceQueueItem> = agent
        .get("/api/agent/assistance?status=approved")
        .await
        .json();
    assert!(approved.iter().any(|item| item.request.id == request.id));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_agent_rejects_with_a_reason_the_owner_reads() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let agent = server.sign_in("demo-agent").await;
    // The seeded request: processing, 3 days old.
    let item = pending_queue(&agent)
        .await
        .into_iter()
        .next()
        .expect("the seeded pending request");
    let path = format!("/api/agent/assistance/{}/reject", item.request.id);
    agent
        .post(&path, json!({"reason": "不行"}))
        .await
        .assert_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "rejection_reason_too_short",
        );
    agent
        .post(&path, json!({"reason": "x".repeat(201)}))
        .await
        .assert_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "rejection_reason_too_long",
        );
    agent
        .post(&path, json!({}))
        .await
        .assert_error(StatusCode::BAD_REQUEST, "invalid_request");

    let answer = agent
        .post(
            &path,
            json!({"reason": "  商家尚未确认退款，请先与商家核实后再申请。 "}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let view: AssistanceView = answer.json();
    assert_eq!(view.status, AssistanceStatus::Rejected);
    assert_eq!(
        view.rejection_reason.as_deref(),
        Some("商家尚未确认退款，请先与商家核实后再申请。")
    );

    let detail = shopper.detail(item.complaint.id.0).await;
    assert_eq!(
        detail.summary.status,
        ComplaintStatus::Processing,
        "unchanged"
    );
    assert!(!detail.summary.assistance_pending());
    assert_eq!(
        detail.timeline.last().unwrap().event,
        TimelineEventKind::AssistanceRejected {
            reason: "商家尚未确认退款，请先与商家核实后再申请。".into()
        }
    );
    assert!(pending_queue(&agent)
        .await
        .iter()
        .all(|queued| queued.request.id != item.request.id));
    // After a rejection the owner may ask again.
    let again = shopper
        .request(
            item.complaint.id,
            json!({"type": "assisted_withdrawal", "reason": "mistaken"}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approving_when_the_complaint_went_to_arbitration_is_refused_and_stays_pending() {
    let server = TestServer::start().await;
    let agent = server.sign_in("demo-agent").await;
    let item = pending_queue(&agent).await.remove(0);
    let moved = agent
        .post(
            &format!("/api/agent/complaints/{}/transition", item.complaint.id),
            json!({"move": "escalate_to_arbitration", "expected_version": item.complaint.version}),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    let moved: ComplaintDetail = moved.json();
    assert!(
        moved.summary.assistance_pending(),
        "the request stays pending"
    );

    let answer = agent
        .post(
            &format!("/api/agent/assistance/{}/approve", item.request.id),
            json!({}),
        )
        .await;
    answer.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "in_arbitration");
    assert!(pending_queue(&agent)
        .await
        .iter()
        .any(|queued| queued.request.id == item.request.id));
    let detail = agent.detail(item.complaint.id.0).await;
    assert_eq!(detail.summary.status, ComplaintStatus::Arbitration);
    assert_eq!(detail.withdrawal, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_platform_moves_complaints_by_the_transition_table() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let agent = server.sign_in("demo-agent").await;
    let complaint = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    let path = format!("/api/agent/complaints/{}/transition", complaint.id);

    let answer = agent
        .post(
            &path,
            json!({"move": "resolve", "expected_version": complaint.version}),
        )
        .await;
    answer.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_transition");
    let body: ErrorBody = answer.json();
    assert_eq!(
        body.error.detail,
        Some(ErrorDetail::Transition {
            from: ComplaintStatus::Pending,
            to: ComplaintStatus::Resolved
        })
    );

    let mut version = complaint.version;
    for (platform_move, status) in [
        ("start_processing", ComplaintStatus::Processing),
        ("resolve", ComplaintStatus::Resolved),
    ] {
        let answer = agent
            .post(
                &path,
                json!({"move": platform_move, "expected_version": version}),
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
        let detail: ComplaintDetail = answer.json();
        assert_eq!(detail.summary.status, status);
        assert_eq!(detail.summary.version, version + 1);
        assert_eq!(detail.timeline.last().unwrap().actor_name, "客服小蜜");
        version += 1;
    }
    // A stale version is a conflict with the current state.
    let answer = agent
        .post(
            &path,
            json!({"move": "close", "expected_version": version - 1}),
        )
        .await;
    answer.assert_error(StatusCode::CONFLICT, "conflict");
    // Terminal stays terminal.
    agent
        .post(&path, json!({"move": "close", "expected_version": version}))
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_transition");
    agent
        .post(
            &path,
            json!({"move": "teleport", "expected_version": version}),
        )
        .await
        .assert_error(StatusCode::BAD_REQUEST, "invalid_request");
    agent
        .post(
            "/api/agent/complaints/987654/transition",
            json!({"move": "close", "expected_version": 1}),
        )
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    shopper
        .post(&path, json!({"move": "close", "expected_version": version}))
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");

    // The owner's timeline tells the story; the shopper now sees `finished`.
    let detail = shopper.detail(complaint.id.0).await;
    assert_eq!(events_of_type(&detail, "status_changed"), 2);
    assert!(matches!(
        detail.eligibility,
        complaint_api::Eligibility::Blocked { .. }
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_agent_lists_every_users_complaints() {
    let server = TestServer::start().await;
    let agent = server.sign_in("demo-agent").await;
    let page: ComplaintPage = agent.get("/api/agent/complaints?limit=100").await.json();
    let owners: std::collections::HashSet<_> = page.items.iter().map(|item| item.owner).collect();
    assert_eq!(owners.len(), 2, "both shoppers");
    let arbitration: ComplaintPage = agent
        .get("/api/agent/complaints?status=arbitration")
        .await
        .json();
    assert!(arbitration
        .items
        .iter()
        .all(|item| item.status == ComplaintStatus::Arbitration));
    assert!(!arbitration.items.is_empty());
    // Agents can read any complaint in full.
    let detail = agent.detail(page.items[0].id.0).await;
    assert_eq!(detail.summary, page.items[0]);
    // A shopper cannot list everyone's.
    server
        .sign_in("demo-shopper")
        .await
        .get("/api/agent/complaints")
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
}

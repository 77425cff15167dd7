//! Pressure reports (举报商家施压) through real HTTP: the owner reports, in the conversation, a
//! seller who demanded, induced or pressured a withdrawal; agents see it in their queue and
//! handle it.

mod common;

use common::{events_of_type, scalar_i64, SseReader, TestServer, WriteLock, MINUTE_MS};
use complaint_api::{
    ComplaintChanged, ComplaintDetail, ErrorBody, ErrorDetail, PressureQueueItem,
    PressureReportStatus, PressureReportView, TimelineEventKind, COMPLAINT_EVENT,
};
use complaint_rules::{Blocked, ComplaintStatus, PressureKind, Role};
use reqwest::{Method, StatusCode};
use serde_json::json;

/// Reports pressure on complaint `id` in its conversation: a typed message with `fields`
/// beside the type and the kind.
async fn report(
    client: &common::Client,
    id: impl std::fmt::Display,
    fields: serde_json::Value,
) -> common::Answer {
    let mut request = json!({"type": "pressure_report", "kind": "demanded_withdrawal"});
    for (name, value) in fields.as_object().expect("fields") {
        request[name] = value.clone();
    }
    client.request(id, request).await
}

async fn open_queue(agent: &common::Client) -> Vec<PressureQueueItem> {
    let answer = agent.get("/api/agent/pressure-reports").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.json()
}

/// The signed-in user's event stream.
async fn events(client: &common::Client) -> SseReader {
    let response = client
        .http
        .get(format!("{}/api/events", client.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    SseReader::from_response(response)
}

async fn next_change(stream: &mut SseReader) -> ComplaintChanged {
    serde_json::from_str(&stream.next(COMPLAINT_EVENT).await).unwrap()
}

async fn rows(server: &TestServer, complaint: impl std::fmt::Display) -> i64 {
    scalar_i64(
        &server.database_url,
        &format!("SELECT COUNT(*) FROM pressure_reports WHERE complaint_id = {complaint}"),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_reaches_the_timeline_the_queue_and_the_agents_stream_once() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let agent = server.sign_in("demo-agent").await;
    let mut agent_events = events(&agent).await;
    let mut owner_events = events(&shopper).await;
    let complaint = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    assert!(shopper
        .detail(complaint.id.0)
        .await
        .pressure_reports
        .is_empty());

    let answer = report(
        &shopper,
        complaint.id,
        json!({"note": "  商家打电话说不撤销投诉就不退款 ", "kind": "conditional_refund"}),
    )
    .await;
    answer.assert_server_headers();
    let reported = answer.reported();
    let detail = shopper.detail(complaint.id.0).await;
    assert_eq!(detail.pressure_reports, vec![reported.clone()]);
    assert_eq!(reported.kind, Some(PressureKind::ConditionalRefund));
    assert_eq!(detail.pressure_reports.len(), 1);
    let made = &detail.pressure_reports[0];
    assert_eq!(made.status, PressureReportStatus::Open);
    assert_eq!(made.note, "商家打电话说不撤销投诉就不退款");
    assert_eq!(made.complaint_id, complaint.id);
    assert_eq!(made.handled_at, None);
    let last = detail.timeline.last().unwrap();
    assert_eq!(last.event, TimelineEventKind::PressureReported);
    assert_eq!(
        (last.actor_role, last.actor_name.as_str()),
        (Role::Shopper, "王小明")
    );
    assert_eq!(last.at, made.reported_at);
    // Nothing else about the complaint changed.
    assert_eq!(detail.summary, complaint);
    assert_eq!(
        detail.eligibility,
        shopper.detail(complaint.id.0).await.eligibility
    );

    // The agents' console hears of it (and so do the owner's other tabs).
    for stream in [&mut agent_events, &mut owner_events] {
        let change = next_change(stream).await;
        assert_eq!(change.complaint_id, complaint.id);
        assert_eq!(change.version, complaint.version);
    }

    // In the agents' queue, with the complaint and its owner.
    let queue = open_queue(&agent).await;
    let item = queue
        .iter()
        .find(|item| item.report.id == made.id)
        .expect("the report is queued");
    assert_eq!(&item.report, made);
    assert_eq!(item.complaint, complaint);
    assert_eq!(item.owner_name, "王小明");
    let explicit: Vec<PressureQueueItem> = agent
        .get("/api/agent/pressure-reports?status=open")
        .await
        .json();
    assert_eq!(explicit, queue);
    // The agent reads it on the complaint too.
    assert_eq!(
        agent.detail(complaint.id.0).await.pressure_reports,
        detail.pressure_reports
    );

    // Reporting again while it is open: the message reaches the thread showing the open
    // report, but no second report is stored and the complaint does not change.
    let again = report(&shopper, complaint.id, json!({"note": "又打电话来了"})).await;
    assert_eq!(again.reported(), reported);
    let again = shopper.detail(complaint.id.0).await;
    assert_eq!(again, detail);
    assert_eq!(events_of_type(&again, "pressure_reported"), 1);
    assert_eq!(rows(&server, complaint.id).await, 1);
    assert_eq!(open_queue(&agent).await.len(), queue.len());
    assert_eq!(
        agent_events
            .next_within(COMPLAINT_EVENT, std::time::Duration::from_millis(500))
            .await,
        None,
        "no second event"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_keeps_the_version_so_a_withdrawal_form_open_meanwhile_still_succeeds() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let agent = server.sign_in("demo-agent").await;
    // The form was opened on this version.
    let complaint = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    report(&shopper, complaint.id, json!({})).await.reported();
    let reported = shopper.detail(complaint.id.0).await;
    assert_eq!(reported.summary.version, complaint.version);
    assert_eq!(reported.pressure_reports[0].note, "");

    let withdrawn = shopper
        .withdraw(
            complaint.id.0,
            json!({"reason": "resolved", "note": "已收到退款", "remedy": "arrived",
                   "expected_version": complaint.version}),
            "after-report",
        )
        .await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.text);
    let withdrawn: ComplaintDetail = withdrawn.json();
    assert_eq!(withdrawn.summary.status, ComplaintStatus::Withdrawn);
    assert_eq!(withdrawn.summary.version, complaint.version + 1);
    assert_eq!(withdrawn.pressure_reports, reported.pressure_reports);
    assert_eq!(events_of_type(&withdrawn, "pressure_reported"), 1);
    assert_eq!(withdrawn, shopper.detail(complaint.id.0).await);

    // Withdrawn now: no more reports, with the rules' code.
    let answer = report(&shopper, complaint.id, json!({})).await;
    answer.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "already_withdrawn");
    let body: ErrorBody = answer.json();
    assert_eq!(
        body.error.detail,
        Some(ErrorDetail::Blocked {
            blocked: Blocked::AlreadyWithdrawn
        })
    );
    // The open report stays in the queue, showing the complaint as it is now.
    let queued = open_queue(&agent).await;
    let item = queued
        .iter()
        .find(|item| item.complaint.id == complaint.id)
        .unwrap();
    assert_eq!(item.complaint.status, ComplaintStatus::Withdrawn);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_committed_while_a_withdrawal_waits_for_the_write_lock_is_in_its_answer() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let complaint = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;

    // The withdrawal reads the complaint (no report), decides, then waits for the lock behind
    // a report: the version is the same, the complaint is not.
    let mut lock = WriteLock::take(&server.database_url).await;
    let request = {
        let shopper = shopper.clone();
        let body = json!({"reason": "mistaken", "expected_version": complaint.version});
        tokio::spawn(async move {
            shopper
                .withdraw(complaint.id.0, body, "behind-report")
                .await
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let at = common::now().0;
    let id = complaint.id;
    lock.execute(&format!(
        "INSERT INTO pressure_reports (complaint_id, status, note, reported_at, reported_by)
         SELECT id, 'open', '另一个标签页的举报', {at}, owner_id FROM complaints WHERE id = {id}"
    ))
    .await;
    lock.execute(&format!(
        "INSERT INTO timeline_events (complaint_id, at, actor_id, kind, event)
         SELECT id, {at}, owner_id, 'pressure_reported', '{{\"type\":\"pressure_reported\"}}'
         FROM complaints WHERE id = {id}"
    ))
    .await;
    lock.commit().await;

    let answer = request.await.expect("the request finished");
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let withdrawn: ComplaintDetail = answer.json();
    assert_eq!(withdrawn.summary.status, ComplaintStatus::Withdrawn);
    // The answer is the complaint as committed, the report included.
    assert_eq!(withdrawn.pressure_reports.len(), 1);
    assert_eq!(events_of_type(&withdrawn, "pressure_reported"), 1);
    assert_eq!(withdrawn, shopper.detail(complaint.id.0).await);
    // And it is the key's answer.
    let replay = shopper
        .withdraw(
            complaint.id.0,
            json!({"reason": "mistaken", "expected_version": complaint.version}),
            "behind-report",
        )
        .await;
    assert_eq!(replay.text, answer.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_owner_reports_and_only_while_the_complaint_is_open() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let unverified = server.sign_in("demo-unverified").await;
    let agent = server.sign_in("demo-agent").await;
    let complaint = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;

    // Someone else's complaint is not found, exactly like a missing one.
    let missing = report(&shopper, 987_654, json!({})).await;
    missing.assert_error(StatusCode::NOT_FOUND, "not_found");
    let answer = report(&unverified, complaint.id, json!({})).await;
    answer.assert_error(StatusCode::NOT_FOUND, "not_found");
    assert_eq!(answer.text, missing.text);
    // An agent writes in the conversation, but requests are the owner's.
    report(&agent, complaint.id, json!({}))
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
    // Ended complaints: the rules' codes.
    for (status, code) in [
        (ComplaintStatus::Withdrawn, "already_withdrawn"),
        (ComplaintStatus::Resolved, "finished"),
        (ComplaintStatus::Closed, "finished"),
    ] {
        let ended = shopper.any_with(status).await;
        report(&shopper, ended.id, json!({}))
            .await
            .assert_error(StatusCode::UNPROCESSABLE_ENTITY, code);
        assert_eq!(rows(&server, ended.id).await, 0);
    }
    // Bad input.
    report(&shopper, complaint.id, json!({"note": "压".repeat(201)}))
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "pressure_note_too_long");
    report(&shopper, complaint.id, json!({"note": "商家\u{7}"}))
        .await
        .assert_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "pressure_note_invalid_character",
        );
    report(&shopper, complaint.id, json!({"note": "x", "force": true}))
        .await
        .assert_error(StatusCode::BAD_REQUEST, "invalid_request");
    report(&shopper, complaint.id, json!({"kind": "rude"}))
        .await
        .assert_error(StatusCode::BAD_REQUEST, "invalid_request");
    let messages = format!("/api/complaints/{}/messages", complaint.id);
    let without_csrf = common::read(
        shopper
            .http
            .post(server.url(&messages))
            .header("idempotency-key", "no-csrf")
            .json(&json!({"request": {"type": "pressure_report", "kind": "threat"}}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    without_csrf.assert_error(StatusCode::FORBIDDEN, "forbidden");
    report(&server.client(), complaint.id, json!({}))
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    assert_eq!(
        rows(&server, complaint.id).await,
        0,
        "nothing refused was stored"
    );

    // In arbitration it matters most: allowed.
    let arbitration = shopper.any_with(ComplaintStatus::Arbitration).await;
    report(&shopper, arbitration.id, json!({})).await.reported();
    // Real-name verification is not required.
    let theirs = unverified.any_with(ComplaintStatus::Pending).await;
    report(&unverified, theirs.id, json!({"note": "卖家让我撤诉"}))
        .await
        .reported();
    assert_eq!(
        unverified.detail(theirs.id.0).await.pressure_reports.len(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agents_handle_a_report_once_and_shoppers_cannot() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let agent = server.sign_in("demo-agent").await;
    let complaint = shopper
        .seeded(ComplaintStatus::Processing, 6 * 60 * MINUTE_MS)
        .await;
    let report_made = report(&shopper, complaint.id, json!({"note": "要求撤诉"}))
        .await
        .reported();
    let handle = format!("/api/agent/pressure-reports/{}/handle", report_made.id);

    // Shoppers are not agents.
    shopper
        .get("/api/agent/pressure-reports")
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
    shopper
        .post(&handle, json!({}))
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
    agent
        .get("/api/agent/pressure-reports?status=pending")
        .await
        .assert_error(StatusCode::BAD_REQUEST, "invalid_request");

    let mut owner_events = events(&shopper).await;
    let answer = agent.post(&handle, json!({})).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let handled: PressureReportView = answer.json();
    assert_eq!(handled.id, report_made.id);
    assert_eq!(handled.status, PressureReportStatus::Handled);
    assert!(handled
        .handled_at
        .is_some_and(|at| at >= report_made.reported_at));
    assert_eq!(handled.note, report_made.note);
    let change = next_change(&mut owner_events).await;
    assert_eq!(
        (change.complaint_id, change.version),
        (complaint.id, complaint.version)
    );

    // Gone from the open queue, first in the handled one.
    assert!(open_queue(&agent)
        .await
        .iter()
        .all(|item| item.report.id != report_made.id));
    let done: Vec<PressureQueueItem> = agent
        .get("/api/agent/pressure-reports?status=handled")
        .await
        .json();
    assert_eq!(done[0].report, handled);
    // The owner's timeline says so; the complaint is otherwise unchanged.
    let now = shopper.detail(complaint.id.0).await;
    let last = now.timeline.last().unwrap();
    assert_eq!(last.event, TimelineEventKind::PressureHandled);
    assert_eq!(
        (last.actor_role, last.actor_name.as_str()),
        (Role::Agent, "客服小蜜")
    );
    assert_eq!(now.pressure_reports, vec![handled.clone()]);
    assert_eq!(now.summary, complaint);

    // Twice is refused; an unknown one is not found.
    agent
        .post(&handle, json!({}))
        .await
        .assert_error(StatusCode::CONFLICT, "pressure_report_already_handled");
    agent
        .send(
            Method::POST,
            "/api/agent/pressure-reports/987654/handle",
            None,
            &[],
        )
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");

    // Once handled, a new report is a new one (newest first on the complaint).
    report(&shopper, complaint.id, json!({"note": "商家又来要求撤诉"}))
        .await
        .reported();
    let again = shopper.detail(complaint.id.0).await;
    assert_eq!(again.pressure_reports.len(), 2);
    assert_eq!(again.pressure_reports[0].status, PressureReportStatus::Open);
    assert_eq!(again.pressure_reports[1], handled);
    assert_eq!(events_of_type(&again, "pressure_reported"), 2);
    assert_eq!(events_of_type(&again, "pressure_handled"), 1);
    assert_eq!(rows(&server, complaint.id).await, 2);
}

//! Every write answers what the database then holds: the answer of each mutation equals what a
//! read right after it returns, field for field (checked here over HTTP, so in whatever build
//! the tests run, release included), and a withdrawal replayed with its key gets those very
//! bytes again.

mod common;

use common::{Client, HOUR_MS, MINUTE_MS};
use complaint_api::{ComplaintDetail, PressureReportView};
use complaint_rules::ComplaintStatus;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// The complaint as `client` reads it now, as JSON.
async fn read_back(client: &Client, id: i64) -> Value {
    let answer = client.get(&format!("/api/complaints/{id}")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.body
}

/// `answer` is `status` and the complaint `id` exactly as `client` reads it afterwards.
async fn answers_what_is_stored(
    client: &Client,
    answer: &common::Answer,
    status: StatusCode,
    id: i64,
) {
    assert_eq!(answer.status, status, "{}", answer.text);
    assert_eq!(answer.body, read_back(client, id).await, "{}", answer.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_write_answers_the_complaint_as_the_database_then_holds_it() {
    let server = common::TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let agent = server.sign_in("demo-agent").await;

    // Filing.
    let filed = shopper
        .file_on_a_free_order("logistics", "快递一周没有更新物流信息")
        .await;
    let id = filed.json::<ComplaintDetail>().summary.id.0;
    answers_what_is_stored(&shopper, &filed, StatusCode::CREATED, id).await;

    // A pressure report (the message as the conversation shows it, the report as the
    // complaint lists it), then its handling.
    let reported = shopper.report_pressure(id, "卖家打电话让我撤诉").await;
    assert_eq!(reported.status, StatusCode::CREATED, "{}", reported.text);
    let conversation = shopper.get(&format!("/api/complaints/{id}/messages")).await;
    assert_eq!(conversation.body["messages"][0], reported.body);
    assert_eq!(
        reported.body["card"]["report"],
        read_back(&shopper, id).await["pressure_reports"][0]
    );
    let report = reported.reported().id;
    let handled = agent
        .post(
            &format!("/api/agent/pressure-reports/{report}/handle"),
            json!({}),
        )
        .await;
    assert_eq!(handled.status, StatusCode::OK, "{}", handled.text);
    let stored = read_back(&shopper, id).await;
    assert_eq!(handled.body, stored["pressure_reports"][0]);
    handled.json::<PressureReportView>();

    // The withdrawal; replayed with its key, the very same bytes.
    let version = serde_json::from_value::<ComplaintDetail>(stored)
        .unwrap()
        .summary
        .version;
    let body = json!({"reason": "mistaken", "expected_version": version});
    let withdrawn = shopper
        .withdraw(id, body.clone(), "answers-withdrawal")
        .await;
    answers_what_is_stored(&shopper, &withdrawn, StatusCode::OK, id).await;
    let replayed = shopper.withdraw(id, body, "answers-withdrawal").await;
    assert_eq!(replayed.status, StatusCode::OK);
    assert_eq!(
        replayed.text, withdrawn.text,
        "the replay is the very answer"
    );

    // A platform move.
    let fresh = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    let moved = agent
        .transition(fresh.id, "start_processing", fresh.version)
        .await;
    answers_what_is_stored(&agent, &moved, StatusCode::OK, fresh.id.0).await;

    // An assistance request (the request as the complaint lists it), then its approval.
    let expired = shopper
        .seeded(ComplaintStatus::Pending, 24 * HOUR_MS + MINUTE_MS)
        .await;
    let asked = shopper.ask_assistance(expired.id, "商家已经退款了").await;
    let request = asked.requested().id;
    let listed = read_back(&shopper, expired.id.0).await["assistance_requests"].clone();
    assert!(
        listed
            .as_array()
            .unwrap()
            .contains(&asked.body["card"]["request"]),
        "{listed}"
    );
    let approved = agent
        .post(
            &format!("/api/agent/assistance/{request}/approve"),
            json!({}),
        )
        .await;
    answers_what_is_stored(&agent, &approved, StatusCode::OK, expired.id.0).await;

    // A rejection (the seeded pending request).
    let queue: Vec<complaint_api::AssistanceQueueItem> =
        agent.get("/api/agent/assistance").await.json();
    let item = queue.first().expect("the seeded pending request");
    let rejected = agent
        .post(
            &format!("/api/agent/assistance/{}/reject", item.request.id),
            json!({"reason": "订单已进入仲裁，请联系平台"}),
        )
        .await;
    assert_eq!(rejected.status, StatusCode::OK, "{}", rejected.text);
    let listed = read_back(&agent, item.complaint.id.0).await["assistance_requests"].clone();
    assert!(
        listed.as_array().unwrap().contains(&rejected.body),
        "{listed}"
    );
    server.stop().await;
}

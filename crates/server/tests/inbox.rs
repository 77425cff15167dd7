//! The agents' side of the conversations over real HTTP: the queue in the order conversations
//! should be answered, arbitration notes and pressure reports handled with their cards in the
//! thread, pressure by shop.

mod common;

use common::{events_of_type, TestServer, HOUR_MS, MINUTE_MS};
use complaint_api::{
    ArbitrationNoteStatus, ConversationQueueItem, MessageCard, RequestKind, ShopPressure,
};
use complaint_rules::{ArbitrationNoteKind, ComplaintStatus};
use reqwest::StatusCode;
use serde_json::json;

async fn queue(agent: &common::Client) -> Vec<ConversationQueueItem> {
    let answer = agent.get("/api/agent/conversations").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.json()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_agents_queue_puts_the_longest_waiting_first() {
    let (server, clock) = TestServer::start_with_clock_at(common::now()).await;
    let shopper = server.sign_in("demo-shopper").await;
    let agent = server.sign_in("demo-agent").await;
    let first = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    let second = shopper
        .seeded(ComplaintStatus::Processing, 6 * HOUR_MS)
        .await;
    let third = shopper.any_with(ComplaintStatus::Arbitration).await;
    for complaint in [&first, &second, &third] {
        shopper
            .send_message(complaint.id, json!({"text": "请处理"}))
            .await
            .message();
        clock.set(complaint_rules::UtcMillis(clock.now().0 + MINUTE_MS));
    }
    agent
        .send_message(second.id, json!({"text": "已处理"}))
        .await
        .message();
    clock.set(complaint_rules::UtcMillis(clock.now().0 + MINUTE_MS));
    shopper
        .send_message(first.id, json!({"text": "还在等"}))
        .await
        .message();
    let order: Vec<_> = queue(&agent)
        .await
        .iter()
        .map(|item| item.complaint.id)
        .collect();
    // Waiting: `first` since its first message, `third` since its one; then `second`
    // (answered), and the seeded request's conversation, answered by nobody but older.
    let position = |id| order.iter().position(|queued| *queued == id).unwrap();
    assert!(position(first.id) < position(third.id), "{order:?}");
    assert!(position(third.id) < position(second.id), "{order:?}");
    let waiting = queue(&agent).await;
    assert!(waiting[..position(second.id)]
        .iter()
        .all(|item| item.waiting_since.is_some()));
    assert!(waiting[position(second.id)..]
        .iter()
        .all(|item| item.waiting_since.is_none()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arbitration_notes_and_pressure_reports_reach_the_agents_and_their_handling_the_thread() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let agent = server.sign_in("demo-agent").await;
    let arbitrated = shopper.any_with(ComplaintStatus::Arbitration).await;
    let open = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;

    shopper
        .request(
            open.id,
            json!({"type": "arbitration_note", "kind": "settled"}),
        )
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "not_in_arbitration");
    shopper
        .request(
            arbitrated.id,
            json!({"type": "arbitration_note", "kind": "appeal", "note": "太短"}),
        )
        .await
        .assert_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "arbitration_note_too_short",
        );
    let sent = shopper
        .request(
            arbitrated.id,
            json!({"type": "arbitration_note", "kind": "settled", "note": "已和卖家和解"}),
        )
        .await
        .message();
    let Some(MessageCard::ArbitrationNote { note }) = sent.card else {
        panic!("{sent:?}")
    };
    assert_eq!(
        (note.kind, note.status),
        (ArbitrationNoteKind::Settled, ArbitrationNoteStatus::Open)
    );
    let item = queue(&agent)
        .await
        .into_iter()
        .find(|item| item.complaint.id == arbitrated.id)
        .unwrap();
    assert_eq!(item.open_requests, [RequestKind::ArbitrationNote]);

    let handle = format!("/api/agent/arbitration-notes/{}/handle", note.id);
    let handled = agent.post(&handle, json!({})).await;
    assert_eq!(handled.status, StatusCode::OK, "{}", handled.text);
    agent
        .post(&handle, json!({}))
        .await
        .assert_error(StatusCode::CONFLICT, "arbitration_note_already_handled");
    let thread = shopper.conversation(arbitrated.id).await;
    let Some(MessageCard::ArbitrationNoteHandled { note }) = &thread.messages[1].card else {
        panic!("{thread:?}")
    };
    assert_eq!(note.status, ArbitrationNoteStatus::Handled);
    let detail = shopper.detail(arbitrated.id.0).await;
    assert_eq!(events_of_type(&detail, "arbitration_note_sent"), 1);
    assert_eq!(events_of_type(&detail, "arbitration_note_handled"), 1);
    assert_eq!(detail.summary.version, arbitrated.version);

    // A pressure report with its picture, its handling in the thread; by shop.
    let picture = {
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::new_rgb8(12, 12)
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        shopper
            .upload(out.into_inner())
            .await
            .json::<complaint_api::ImageView>()
    };
    let reported = shopper
        .send_message(
            open.id,
            json!({"text": "截图", "images": [picture.id],
            "request": {"type": "pressure_report", "kind": "threat", "note": "威胁我"}}),
        )
        .await;
    let report = reported.reported();
    assert_eq!(reported.message().images, vec![picture]);
    let shops: Vec<ShopPressure> = agent.get("/api/agent/pressure-by-shop").await.json();
    let shop = shops
        .iter()
        .find(|shop| shop.shop == open.order.shop)
        .unwrap();
    assert_eq!(
        (shop.reports, shop.open, shop.withdrawn_after_report),
        (1, 1, 0)
    );
    agent
        .post(
            &format!("/api/agent/pressure-reports/{}/handle", report.id),
            json!({}),
        )
        .await;
    let last = shopper.conversation(open.id).await.messages.pop().unwrap();
    assert!(
        matches!(last.card, Some(MessageCard::PressureHandled { .. })),
        "{last:?}"
    );
    // The withdrawal that followed the report counts against the shop.
    let now = shopper.detail(open.id.0).await.summary;
    let body = json!({"reason": "mistaken", "expected_version": now.version});
    assert_eq!(
        shopper
            .withdraw(open.id.0, body, "after-pressure")
            .await
            .status,
        StatusCode::OK
    );
    let shops: Vec<ShopPressure> = agent.get("/api/agent/pressure-by-shop").await.json();
    let shop = shops
        .iter()
        .find(|shop| shop.shop == open.order.shop)
        .unwrap();
    assert_eq!(
        (shop.reports, shop.open, shop.withdrawn_after_report),
        (1, 0, 1)
    );
}

//! The conversation with customer service over real HTTP: messages in order, sent once
//! whatever the retries, seen only by the owner and agents, unread per side, the assisted
//! withdrawal with its safeguards (and self-service's), the decisions as cards, live. The
//! agents' queue and the other requests: tests/inbox.rs.

mod common;

use common::conversation::fresh_key;
use common::{events_of_type, SseReader, TestServer, HOUR_MS, MINUTE_MS};
use complaint_api::{
    AssistanceStatus, ComplaintDetail, ConversationQueueItem, MessageCard, MessageSent, UnreadView,
    MESSAGE_EVENT,
};
use complaint_rules::{ComplaintStatus, Remedy, Role};
use reqwest::StatusCode;
use serde_json::json;

async fn unread(client: &common::Client) -> UnreadView {
    let answer = client.get("/api/messages/unread").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.json()
}

async fn queue(agent: &common::Client) -> Vec<ConversationQueueItem> {
    let answer = agent.get("/api/agent/conversations").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.json()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_come_in_order_and_a_retried_send_posts_once() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let agent = server.sign_in("demo-agent").await;
    let complaint = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;

    let body = json!({"text": "  卖家一直不回复，怎么办？ "});
    let first = shopper
        .send_message_with_key(complaint.id, body.clone(), "ask-1")
        .await;
    let sent = first.message();
    assert_eq!(sent.text, "卖家一直不回复，怎么办？");
    assert_eq!(
        (sent.author_role, sent.author_name.as_str()),
        (Role::Shopper, "王小明")
    );
    assert_eq!(sent.card, None);
    // The same key again (a lost answer, a double tap): the stored answer, nothing posted.
    let again = shopper
        .send_message_with_key(complaint.id, body, "ask-1")
        .await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.text, first.text, "byte for byte");
    assert_eq!(again.headers["idempotent-replayed"], "true");
    shopper
        .send_message_with_key(complaint.id, json!({"text": "别的"}), "ask-1")
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused");
    // A key is required; an empty message is refused.
    shopper
        .post(
            &format!("/api/complaints/{}/messages", complaint.id),
            json!({"text": "hi"}),
        )
        .await
        .assert_error(StatusCode::BAD_REQUEST, "invalid_request");
    shopper
        .send_message(complaint.id, json!({"text": "   "}))
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "message_empty");
    shopper
        .send_message(complaint.id, json!({"text": "长".repeat(501)}))
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "message_too_long");

    let answer = agent
        .send_message(complaint.id, json!({"text": "您好，我们已联系商家。"}))
        .await
        .message();
    let third = shopper
        .send_message(complaint.id, json!({"text": "谢谢"}))
        .await
        .message();
    let thread = shopper.conversation(complaint.id).await;
    let ids: Vec<_> = thread.messages.iter().map(|message| message.id).collect();
    assert_eq!(
        ids,
        [sent.id, answer.id, third.id],
        "oldest first, each once"
    );
    assert_eq!(thread.messages[0], sent);
    assert_eq!(
        agent.conversation(complaint.id).await.messages,
        thread.messages
    );
    // The timeline records the contact once, not every message.
    let detail = shopper.detail(complaint.id.0).await;
    assert_eq!(events_of_type(&detail, "customer_service_contacted"), 1);
    assert_eq!(
        detail.summary.version, complaint.version,
        "a message is no change"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_elses_conversation_is_not_found_on_every_endpoint() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let stranger = server.sign_in("demo-unverified").await;
    let complaint = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    let sent = shopper
        .send_message(complaint.id, json!({"text": "你好"}))
        .await
        .message();
    let missing = stranger.get("/api/complaints/987654/messages").await;
    missing.assert_error(StatusCode::NOT_FOUND, "not_found");
    let path = format!("/api/complaints/{}/messages", complaint.id);
    let read = stranger.get(&path).await;
    read.assert_error(StatusCode::NOT_FOUND, "not_found");
    assert_eq!(read.text, missing.text);
    stranger
        .send_message(complaint.id, json!({"text": "偷看"}))
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    stranger
        .post(&format!("{path}/read"), json!({"up_to": sent.id}))
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    assert_eq!(unread(&stranger).await, UnreadView::default());
    assert_eq!(
        shopper.conversation(complaint.id).await.messages,
        vec![sent]
    );
    // Shoppers have no console.
    for path in ["/api/agent/conversations", "/api/agent/pressure-by-shop"] {
        shopper
            .get(path)
            .await
            .assert_error(StatusCode::FORBIDDEN, "forbidden");
    }
    shopper
        .post("/api/agent/arbitration-notes/1/handle", json!({}))
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
    // Asking for evidence is an agent's.
    shopper
        .send_message(
            complaint.id,
            json!({"text": "请上传", "asks_for_evidence": true}),
        )
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_side_counts_what_it_has_not_read_and_reading_clears_it() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let agent = server.sign_in("demo-agent").await;
    let complaint = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    let id = complaint.id;

    let question = shopper
        .send_message(id, json!({"text": "在吗"}))
        .await
        .message();
    assert_eq!(
        unread(&shopper).await.of(id),
        0,
        "one's own message is read"
    );
    assert_eq!(unread(&agent).await.of(id), 1);
    let item = queue(&agent)
        .await
        .into_iter()
        .find(|item| item.complaint.id == id)
        .unwrap();
    assert_eq!(
        (item.unread, item.waiting_since),
        (1, Some(question.sent_at))
    );
    assert_eq!(item.last_message, question);
    assert_eq!(item.owner_name, "王小明");

    // Two answers: the owner has two unread, the agents none (answering reads).
    agent
        .send_message(id, json!({"text": "在的"}))
        .await
        .message();
    let evidence = agent
        .send_message(id, json!({"asks_for_evidence": true}))
        .await
        .message();
    assert_eq!(evidence.card, Some(MessageCard::EvidenceRequested));
    assert_eq!(unread(&agent).await.of(id), 0);
    let mine = unread(&shopper).await;
    assert_eq!((mine.of(id), mine.total), (2, 2));
    assert_eq!(shopper.conversation(id).await.unread, 2);
    let item = queue(&agent)
        .await
        .into_iter()
        .find(|item| item.complaint.id == id)
        .unwrap();
    assert_eq!(item.waiting_since, None, "answered");

    // Reading up to the first answer leaves one; up to the last, none.
    let path = format!("/api/complaints/{id}/messages/read");
    let thread = shopper.conversation(id).await;
    let after = shopper
        .post(&path, json!({"up_to": thread.messages[1].id}))
        .await;
    assert_eq!(after.status, StatusCode::OK, "{}", after.text);
    assert_eq!(after.json::<UnreadView>().of(id), 1);
    shopper.post(&path, json!({"up_to": evidence.id})).await;
    assert_eq!(unread(&shopper).await, UnreadView::default());
    // A marker never moves back; a message of another conversation is not found.
    shopper.post(&path, json!({"up_to": question.id})).await;
    assert_eq!(unread(&shopper).await.total, 0);
    let other = shopper
        .seeded(ComplaintStatus::Processing, 6 * HOUR_MS)
        .await;
    shopper
        .post(
            &format!("/api/complaints/{}/messages/read", other.id),
            json!({"up_to": evidence.id}),
        )
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");

    // The agents' side: the owner writes twice, one agent reads for all.
    shopper
        .send_message(id, json!({"text": "图片在路上"}))
        .await
        .message();
    let last = shopper
        .send_message(id, json!({"text": "好了"}))
        .await
        .message();
    assert_eq!(unread(&agent).await.of(id), 2);
    agent.post(&path, json!({"up_to": last.id})).await;
    assert_eq!(unread(&agent).await.of(id), 0);
    let other_agent = server.sign_in("demo-agent").await;
    assert_eq!(unread(&other_agent).await.of(id), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_withdrawal_asks_the_safeguards_and_keeps_the_answer() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let agent = server.sign_in("demo-agent").await;

    // Self-service.
    let fresh = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    let withdraw = |fields: serde_json::Value| {
        let mut body = json!({"reason": "resolved", "expected_version": fresh.version});
        for (name, value) in fields.as_object().unwrap() {
            body[name] = value.clone();
        }
        let shopper = shopper.clone();
        async move { shopper.withdraw(fresh.id.0, body, &fresh_key()).await }
    };
    withdraw(json!({}))
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "remedy_required");
    withdraw(json!({"remedy": "not_yet"}))
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "risk_not_accepted");
    let done = withdraw(json!({"remedy": "not_yet", "accepted_risk": true})).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text);
    let receipt = done.json::<ComplaintDetail>().withdrawal.unwrap();
    assert_eq!(receipt.remedy, Some(Remedy::NotYet));

    // Through customer service: the same questions.
    let expired = shopper
        .seeded(ComplaintStatus::Pending, 24 * HOUR_MS + MINUTE_MS)
        .await;
    let ask = |fields: serde_json::Value| {
        let mut request = json!({"type": "assisted_withdrawal", "reason": "resolved"});
        for (name, value) in fields.as_object().unwrap() {
            request[name] = value.clone();
        }
        let shopper = shopper.clone();
        async move { shopper.request(expired.id, request).await }
    };
    ask(json!({}))
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "remedy_required");
    ask(json!({"remedy": "not_yet"}))
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "risk_not_accepted");
    assert!(shopper.conversation(expired.id).await.messages.is_empty());
    let asked = ask(json!({"remedy": "arrived", "note": "退款已到账"})).await;
    let request = asked.requested();
    assert_eq!(
        (request.status, request.remedy),
        (AssistanceStatus::Pending, Some(Remedy::Arrived))
    );
    ask(json!({"remedy": "arrived"})).await.assert_error(
        StatusCode::UNPROCESSABLE_ENTITY,
        "assistance_already_requested",
    );
    let mut owner_events = SseReader::open(
        &server.base,
        &common::session_cookie(&server.base, "demo-shopper").await,
    )
    .await;

    // The approval: the receipt keeps the request's answer, the thread shows the decision,
    // and the request's own card now says approved.
    let approved = agent
        .post(
            &format!("/api/agent/assistance/{}/approve", request.id),
            json!({}),
        )
        .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.text);
    let detail: ComplaintDetail = approved.json();
    assert_eq!(detail.withdrawal.unwrap().remedy, Some(Remedy::Arrived));
    let thread = shopper.conversation(expired.id).await;
    assert_eq!(thread.messages.len(), 2);
    match (&thread.messages[0].card, &thread.messages[1].card) {
        (
            Some(MessageCard::AssistanceRequested { request: asked }),
            Some(MessageCard::AssistanceDecided { request: decided }),
        ) => {
            assert_eq!(asked.status, AssistanceStatus::Approved);
            assert_eq!(decided, asked);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(thread.messages[1].author_role, Role::Agent);
    assert_eq!(thread.unread, 1, "the decision is news to the owner");
    let heard: MessageSent = serde_json::from_str(&owner_events.next(MESSAGE_EVENT).await).unwrap();
    assert_eq!(
        (heard.complaint_id, heard.message_id),
        (expired.id, thread.messages[1].id)
    );

    // A rejection shows its reason in the card.
    let other = shopper
        .seeded(ComplaintStatus::Processing, 6 * HOUR_MS)
        .await;
    let request = shopper
        .request(
            other.id,
            json!({"type": "assisted_withdrawal", "reason": "mistaken"}),
        )
        .await
        .requested();
    assert_eq!(request.remedy, None, "not asked for this reason");
    let reason = "请先确认商家是否已经退款。";
    agent
        .post(
            &format!("/api/agent/assistance/{}/reject", request.id),
            json!({"reason": reason}),
        )
        .await;
    let decided = shopper.conversation(other.id).await.messages.pop().unwrap();
    match decided.card {
        Some(MessageCard::AssistanceDecided { request }) => {
            assert_eq!(request.status, AssistanceStatus::Rejected);
            assert_eq!(request.rejection_reason.as_deref(), Some(reason));
        }
        other => panic!("{other:?}"),
    }
    // An agent does not send requests.
    agent
        .request(
            other.id,
            json!({"type": "assisted_withdrawal", "reason": "mistaken"}),
        )
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
}

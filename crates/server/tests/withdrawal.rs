//! Withdrawal (撤销) through real HTTP with the UI bypassed: every refusal of the rules,
//! idempotency, compare-and-set and concurrency.

mod common;

use common::{events_of_type, Answer, TestServer, WriteLock, HOUR_MS, MINUTE_MS};
use complaint_api::{ComplaintDetail, ErrorBody, ErrorDetail, WithdrawnBy};
use complaint_rules::{Blocked, ComplaintStatus, TextField, WithdrawalReason};
use reqwest::StatusCode;
use serde_json::json;

fn withdrawal(version: i64) -> serde_json::Value {
    json!({"reason": "resolved", "note": "已与商家协商解决", "remedy": "arrived",
           "expected_version": version})
}

/// The complaint as it is now, which a `409 conflict` answer carries.
fn conflict_current(answer: &Answer) -> ComplaintDetail {
    answer.assert_error(StatusCode::CONFLICT, "conflict");
    let body: ErrorBody = answer.json();
    let Some(ErrorDetail::Conflict { current }) = body.error.detail else {
        panic!("expected the current complaint: {}", answer.text);
    };
    *current
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_withdraws_a_fresh_complaint_and_gets_a_receipt() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let complaint = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    let before = shopper.detail(complaint.id.0).await;
    assert!(matches!(
        before.eligibility,
        complaint_api::Eligibility::Eligible { .. }
    ));

    let answer = shopper
        .withdraw(
            complaint.id.0,
            json!({"reason": "resolved", "note": "  已与商家协商解决，退款已到账  ", "remedy": "arrived",
                   "expected_version": complaint.version}),
            "first-try",
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.assert_server_headers();
    let detail: ComplaintDetail = answer.json();
    assert_eq!(detail.summary.status, ComplaintStatus::Withdrawn);
    assert_eq!(detail.summary.version, complaint.version + 1);
    let receipt = detail.withdrawal.as_ref().expect("a receipt");
    assert!(receipt.reference.starts_with("CX"), "{}", receipt.reference);
    assert_eq!(receipt.reason, WithdrawalReason::Resolved);
    assert_eq!(
        receipt.note, "已与商家协商解决，退款已到账",
        "stored trimmed"
    );
    assert_eq!(receipt.by, WithdrawnBy::Owner);
    assert_eq!(receipt.actor_name, "王小明");
    assert_eq!(events_of_type(&detail, "withdrawn"), 1);
    assert!(matches!(
        detail.eligibility,
        complaint_api::Eligibility::Blocked {
            blocked: Blocked::AlreadyWithdrawn,
            ..
        }
    ));
    // What the list and a fresh read say.
    assert_eq!(shopper.detail(complaint.id.0).await, detail);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_blocked_rule_is_refused_with_its_code() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;

    // Withdrawn, arbitration, resolved, closed, window expired (24 h 1 min, and 3 days).
    let cases = [
        (
            shopper.any_with(ComplaintStatus::Withdrawn).await,
            "already_withdrawn",
        ),
        (
            shopper.any_with(ComplaintStatus::Arbitration).await,
            "in_arbitration",
        ),
        (
            shopper.any_with(ComplaintStatus::Resolved).await,
            "finished",
        ),
        (shopper.any_with(ComplaintStatus::Closed).await, "finished"),
        (
            shopper
                .seeded(ComplaintStatus::Pending, 24 * HOUR_MS + MINUTE_MS)
                .await,
            "window_expired",
        ),
        (
            shopper
                .seeded(ComplaintStatus::Processing, 72 * HOUR_MS)
                .await,
            "window_expired",
        ),
    ];
    for (complaint, code) in cases {
        let answer = shopper
            .withdraw(
                complaint.id.0,
                withdrawal(complaint.version),
                &format!("key-{}", complaint.id),
            )
            .await;
        answer.assert_error(StatusCode::UNPROCESSABLE_ENTITY, code);
        let body: ErrorBody = answer.json();
        match body.error.detail {
            Some(ErrorDetail::Blocked { blocked }) => assert_eq!(blocked.code().as_str(), code),
            other => panic!("expected a Blocked detail, got {other:?}"),
        }
        // Nothing changed.
        let after = shopper.detail(complaint.id.0).await;
        assert_eq!(after.summary.status, complaint.status);
        assert_eq!(after.summary.version, complaint.version);
    }

    // 23 h 59 min is still inside the window.
    let almost = shopper
        .seeded(ComplaintStatus::Processing, 23 * HOUR_MS + 59 * MINUTE_MS)
        .await;
    let answer = shopper
        .withdraw(almost.id.0, withdrawal(almost.version), "almost")
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_users_complaint_is_not_found_exactly_like_a_missing_one() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let unverified = server.sign_in("demo-unverified").await;
    let theirs = unverified.any_with(ComplaintStatus::Pending).await;

    let probe = shopper
        .withdraw(theirs.id.0, withdrawal(theirs.version), "probe")
        .await;
    probe.assert_error(StatusCode::NOT_FOUND, "not_found");
    let missing = shopper
        .withdraw(999_999, withdrawal(1), "probe-missing")
        .await;
    missing.assert_error(StatusCode::NOT_FOUND, "not_found");
    assert_eq!(probe.body, missing.body, "indistinguishable");

    // Reading is refused the same way.
    let read = shopper.get(&format!("/api/complaints/{}", theirs.id)).await;
    let read_missing = shopper.get("/api/complaints/999999").await;
    read.assert_error(StatusCode::NOT_FOUND, "not_found");
    assert_eq!(read.body, read_missing.body);

    // A wrong version does not reveal the current state of someone else's complaint.
    let stale = shopper
        .withdraw(theirs.id.0, withdrawal(42), "probe-2")
        .await;
    stale.assert_error(StatusCode::NOT_FOUND, "not_found");

    // And the agent cannot withdraw as if they were the owner.
    let agent = server.sign_in("demo-agent").await;
    agent
        .withdraw(theirs.id.0, withdrawal(theirs.version), "agent")
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    assert_eq!(
        unverified.detail(theirs.id.0).await.summary.status,
        ComplaintStatus::Pending
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unverified_shopper_cannot_withdraw() {
    let server = TestServer::start().await;
    let unverified = server.sign_in("demo-unverified").await;
    let complaint = unverified.seeded(ComplaintStatus::Pending, HOUR_MS).await;
    let answer = unverified
        .withdraw(complaint.id.0, withdrawal(complaint.version), "k")
        .await;
    answer.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "not_verified");
    assert_eq!(
        answer.body["error"]["detail"],
        json!({"kind": "blocked", "blocked": {"code": "not_verified"}})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_notes_are_refused_with_their_codes() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let complaint = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    let cases = [
        (
            json!({"reason": "other", "note": "  太短 ", "expected_version": complaint.version}),
            "note_too_short",
        ),
        (
            json!({"reason": "other", "expected_version": complaint.version}),
            "note_too_short",
        ),
        (
            json!({"reason": "mistaken", "note": "长".repeat(201), "expected_version": complaint.version}),
            "note_too_long",
        ),
        (
            json!({"reason": "resolved", "note": "退款\u{0007}已到账", "expected_version": complaint.version}),
            "note_invalid_character",
        ),
        (
            json!({"reason": "resolved", "note": "bidi \u{202E} override", "expected_version": complaint.version}),
            "note_invalid_character",
        ),
    ];
    for (index, (body, code)) in cases.into_iter().enumerate() {
        let answer = shopper
            .withdraw(complaint.id.0, body, &format!("note-{index}"))
            .await;
        answer.assert_error(StatusCode::UNPROCESSABLE_ENTITY, code);
        let body: ErrorBody = answer.json();
        match body.error.detail {
            Some(ErrorDetail::Text { text }) => {
                assert_eq!(text.field, TextField::Note);
                assert_eq!(text.code().as_str(), code);
            }
            other => panic!("expected a Text detail, got {other:?}"),
        }
    }
    // 200 Chinese characters is exactly the limit; line breaks are fine.
    let answer = shopper
        .withdraw(
            complaint.id.0,
            json!({"reason": "other", "note": format!("{}\n{}", "好".repeat(100), "好".repeat(99)), "expected_version": complaint.version}),
            "note-ok",
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_with_the_same_key_returns_the_same_answer_and_withdraws_once() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let complaint = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    let body = withdrawal(complaint.version);

    let first = shopper
        .withdraw(complaint.id.0, body.clone(), "retry-me")
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    // The same request again (a lost response, a double tap): the identical answer.
    let second = shopper
        .withdraw(complaint.id.0, body.clone(), "retry-me")
        .await;
    assert_eq!(second.status, StatusCode::OK);
    assert_eq!(second.text, first.text, "byte for byte");
    second.assert_server_headers();
    // The same body with key order and spacing changed is the same request.
    let reordered = shopper
        .withdraw(
            complaint.id.0,
            json!({"expected_version": complaint.version, "remedy": "arrived",
                   "note": "已与商家协商解决", "reason": "resolved"}),
            "retry-me",
        )
        .await;
    assert_eq!(reordered.text, first.text);

    let detail = shopper.detail(complaint.id.0).await;
    assert_eq!(
        events_of_type(&detail, "withdrawn"),
        1,
        "one withdrawal only"
    );
    assert_eq!(detail.summary.version, complaint.version + 1);

    // The key with a different request is refused, and changes nothing.
    let other = shopper
        .withdraw(
            complaint.id.0,
            json!({"reason": "mistaken", "expected_version": complaint.version}),
            "retry-me",
        )
        .await;
    other.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused");

    // A new key for the same body is a new request: already withdrawn.
    let fresh = shopper
        .withdraw(complaint.id.0, body.clone(), "new-key")
        .await;
    fresh.assert_error(StatusCode::CONFLICT, "conflict");
    let fresh = shopper
        .withdraw(
            complaint.id.0,
            withdrawal(complaint.version + 1),
            "newer-key",
        )
        .await;
    fresh.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "already_withdrawn");

    // Keys are per user: another user's identical key is their own.
    let unverified = server.sign_in("demo-unverified").await;
    unverified
        .withdraw(complaint.id.0, body, "retry-me")
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");

    // A refusal is remembered for its key too.
    let expired = shopper
        .seeded(ComplaintStatus::Pending, 24 * HOUR_MS + MINUTE_MS)
        .await;
    let a = shopper
        .withdraw(expired.id.0, withdrawal(expired.version), "refused")
        .await;
    let b = shopper
        .withdraw(expired.id.0, withdrawal(expired.version), "refused")
        .await;
    a.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "window_expired");
    assert_eq!(a.text, b.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_idempotency_key_is_required_and_checked() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let complaint = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    let path = format!("/api/complaints/{}/withdrawal", complaint.id);
    let body = withdrawal(complaint.version);
    let missing = shopper
        .send(reqwest::Method::POST, &path, Some(body.clone()), &[])
        .await;
    missing.assert_error(StatusCode::BAD_REQUEST, "invalid_request");
    let too_long = "k".repeat(129);
    for key in ["", "has space", "ключ", too_long.as_str()] {
        let answer = shopper
            .send(
                reqwest::Method::POST,
                &path,
                Some(body.clone()),
                &[("idempotency-key", key)],
            )
            .await;
        answer.assert_error(StatusCode::BAD_REQUEST, "invalid_request");
    }
    let longest = "k".repeat(128);
    let answer = shopper.withdraw(complaint.id.0, body, &longest).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_expected_version_is_a_conflict_with_the_current_complaint() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let agent = server.sign_in("demo-agent").await;
    let complaint = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;

    // The platform moves it while the shopper's form is open.
    let moved = agent
        .post(
            &format!("/api/agent/complaints/{}/transition", complaint.id),
            json!({"move": "escalate_to_arbitration", "expected_version": complaint.version}),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);

    let answer = shopper
        .withdraw(complaint.id.0, withdrawal(complaint.version), "stale")
        .await;
    let current = conflict_current(&answer);
    assert_eq!(current.summary.status, ComplaintStatus::Arbitration);
    assert_eq!(current.summary.version, complaint.version + 1);
    assert!(matches!(
        current.eligibility,
        complaint_api::Eligibility::Blocked {
            blocked: Blocked::InArbitration,
            ..
        }
    ));
    // With the current version, the rules speak.
    shopper
        .withdraw(complaint.id.0, withdrawal(current.summary.version), "fresh")
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "in_arbitration");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_committed_while_a_withdrawal_waits_for_the_write_lock_is_a_conflict() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let complaint = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;

    // The withdrawal reads the complaint as it is (withdrawable), then waits for the lock,
    // behind a change to it.
    let mut lock = WriteLock::take(&server.database_url).await;
    let request = {
        let shopper = shopper.clone();
        let body = withdrawal(complaint.version);
        tokio::spawn(async move { shopper.withdraw(complaint.id.0, body, "waits").await })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    lock.execute(&format!(
        "UPDATE complaints SET status = 'arbitration', version = version + 1 WHERE id = {}",
        complaint.id
    ))
    .await;
    lock.commit().await;

    let answer = request.await.expect("the request finished");
    let current = conflict_current(&answer);
    assert_eq!(current.summary.status, ComplaintStatus::Arbitration);
    assert_eq!(current.summary.version, complaint.version + 1);
    let detail = shopper.detail(complaint.id.0).await;
    assert_eq!(detail.summary.status, ComplaintStatus::Arbitration);
    assert_eq!(detail.withdrawal, None);
    assert_eq!(events_of_type(&detail, "withdrawn"), 0);
    // The refusal is the key's answer.
    let again = shopper
        .withdraw(complaint.id.0, withdrawal(complaint.version), "waits")
        .await;
    assert_eq!(again.text, answer.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_used_on_another_complaint_withdraws_nothing() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let expired = shopper
        .seeded(ComplaintStatus::Pending, 24 * HOUR_MS + MINUTE_MS)
        .await;
    let fresh = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    shopper
        .withdraw(expired.id.0, withdrawal(expired.version), "used")
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "window_expired");

    // The complaint could be withdrawn, but not with this key.
    shopper
        .withdraw(fresh.id.0, withdrawal(fresh.version), "used")
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused");
    let detail = shopper.detail(fresh.id.0).await;
    assert_eq!(detail.summary.status, ComplaintStatus::Pending);
    assert_eq!(detail.summary.version, fresh.version);
    assert_eq!(detail.withdrawal, None);
    assert_eq!(events_of_type(&detail, "withdrawn"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_withdrawals_apply_exactly_once() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let complaint = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;

    let mut tasks = Vec::new();
    for attempt in 0..50 {
        let shopper = shopper.clone();
        let body = withdrawal(complaint.version);
        tasks.push(tokio::spawn(async move {
            shopper
                .withdraw(complaint.id.0, body, &format!("concurrent-{attempt}"))
                .await
        }));
    }
    let mut ok = 0;
    let mut conflicts = 0;
    for task in tasks {
        let answer = task.await.expect("the task finished");
        answer.assert_server_headers();
        match answer.status {
            StatusCode::OK => ok += 1,
            StatusCode::CONFLICT => {
                let current = conflict_current(&answer);
                assert_eq!(current.summary.status, ComplaintStatus::Withdrawn);
                conflicts += 1;
            }
            other => panic!("unexpected {other}: {}", answer.text),
        }
    }
    assert_eq!((ok, conflicts), (1, 49));
    let detail = shopper.detail(complaint.id.0).await;
    assert_eq!(events_of_type(&detail, "withdrawn"), 1);
    assert_eq!(detail.summary.version, complaint.version + 1);
}

//! A database an older server wrote is carried forward by the migrations without losing or
//! changing anything it holds — on SQLite and on PostgreSQL.

mod common;

use common::{migrate_until, scalar_i64, TestDb, TestServer, HOUR_MS};
use complaint_api::{TimelineEventKind, WithdrawnBy};
use complaint_rules::{ComplaintStatus, WithdrawalReason};

/// Migration 0005 renamed `revoked` to `withdrawn` (issue 26): the status, the record's table
/// and column, the timeline event, and the answers kept for idempotency keys.
#[tokio::test]
async fn a_complaint_withdrawn_under_the_old_word_is_still_withdrawn_with_its_receipt() {
    let db = TestDb::fresh().await;
    migrate_until(&db.url, 4).await;
    let filed = common::now().0 - 2 * HOUR_MS;
    let withdrawn = filed + HOUR_MS;
    for sql in [
        "INSERT INTO users (id, username, display_name, role, real_name, demo, created_at)
         VALUES (1, 'old-shopper', '老用户', 'shopper', 'verified', TRUE, 0)"
            .to_owned(),
        "INSERT INTO orders (id, number, title, shop, amount_fen, placed_at, owner_id)
         VALUES (1, 'O-1', '电热水壶', '小熊电器旗舰店', 12900, 0, 1),
                (2, 'O-2', '保温杯', '小熊电器旗舰店', 5900, 0, 1)"
            .to_owned(),
        format!(
            "INSERT INTO complaints (id, number, order_id, owner_id, kind, description, status,
                                     filed_at, version, updated_at)
             VALUES (1, 'TS-1', 1, 1, 'quality', '壶底漏水', 'revoked', {filed}, 2, {withdrawn}),
                    (2, 'TS-2', 2, 1, 'logistics', '一直没发货', 'pending', {filed}, 1, {filed})"
        ),
        format!(
            "INSERT INTO timeline_events (complaint_id, at, actor_id, kind, event)
             VALUES (1, {filed}, 1, 'filed', '{{\"type\":\"filed\"}}'),
                    (1, {withdrawn}, 1, 'revoked',
                     '{{\"type\":\"revoked\",\"reason\":\"resolved\",\"note\":\"revoked\",\"by\":\"owner\"}}'),
                    (2, {filed}, 1, 'filed', '{{\"type\":\"filed\"}}')"
        ),
        format!(
            "INSERT INTO revocations (complaint_id, reference, revoked_at, reason, note,
                                      withdrawn_by, actor_id, remedy)
             VALUES (1, 'CX-1', {withdrawn}, 'resolved', 'revoked', 'owner', 1, 'arrived')"
        ),
        // A kept answer whose note is the old word itself: structure changes, text does not.
        format!(
            "INSERT INTO idempotency_records (user_id, idem_key, fingerprint, status, body, created_at)
             VALUES (1, 'k-1', 'f', 200,
                     '{{\"status\":\"revoked\",\"revocation\":{{\"revoked_at\":{withdrawn},\"note\":\"revoked\"}}}}',
                     {withdrawn})"
        ),
    ] {
        db.execute(&sql).await;
    }

    let server = TestServer::start_on(&db.url, |_| {}).await;
    let shopper = server.sign_in("old-shopper").await;

    let detail = shopper.detail(1).await;
    assert_eq!(detail.summary.status, ComplaintStatus::Withdrawn);
    let record = detail.withdrawal.as_ref().expect("the receipt");
    assert_eq!(record.reference, "CX-1");
    assert_eq!(record.withdrawn_at.0, withdrawn);
    assert_eq!(record.reason, WithdrawalReason::Resolved);
    assert_eq!(record.note, "revoked", "a user's text is never rewritten");
    assert_eq!(record.by, WithdrawnBy::Owner);
    let events: Vec<_> = detail.timeline.iter().map(|event| &event.event).collect();
    assert!(
        matches!(
            events[..],
            [
                TimelineEventKind::Filed,
                TimelineEventKind::Withdrawn { .. }
            ]
        ),
        "{events:?}"
    );

    let untouched = shopper.detail(2).await;
    assert_eq!(untouched.summary.status, ComplaintStatus::Pending);
    assert_eq!(untouched.withdrawal, None);
    let listed = shopper.get("/api/complaints?status=withdrawn").await;
    assert_eq!(listed.body["items"][0]["number"], "TS-1", "{}", listed.text);

    let rewritten = format!(
        "{{\"status\":\"withdrawn\",\"withdrawal\":{{\"withdrawn_at\":{withdrawn},\"note\":\"revoked\"}}}}"
    );
    let kept = scalar_i64(
        &db.url,
        &format!("SELECT COUNT(*) FROM idempotency_records WHERE body = '{rewritten}'"),
    )
    .await;
    assert_eq!(
        kept, 1,
        "the kept answer speaks the new words, the note unchanged"
    );
    assert_eq!(
        common::integrity_check(&db.url).await,
        "ok",
        "the rebuilt table and its references are consistent"
    );
    if !db.is_postgres() {
        let orphans = scalar_i64(&db.url, "SELECT COUNT(*) FROM pragma_foreign_key_check").await;
        assert_eq!(
            orphans, 0,
            "every reference to the rebuilt complaints still holds"
        );
    }
    server.stop().await;
}

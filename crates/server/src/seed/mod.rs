//! Demo data, seeded into an empty database relative to the server's clock: a verified
//! shopper with complaints in every status and of every age around the end of the
//! self-service window, an unverified shopper, and an agent.

use complaint_api::{ComplaintId, OrderId, TimelineEventKind, UserView, WithdrawnBy};
use complaint_rules::{
    check_platform_move, ComplaintStatus, RealName, Remedy, Role, UserId, UtcMillis,
    WithdrawalReason,
};

use crate::db::{self, Conn, Db};
use crate::numbering::{complaint_number, withdrawal_reference};

mod demo;

use demo::{Complaint, Order, Step, SHOPPER_ORDERS, UNVERIFIED_ORDERS};

/// Seeds the demo data if the database has no users. Returns whether it did.
pub async fn seed_if_empty(db: &Db, now: UtcMillis) -> anyhow::Result<bool> {
    let mut tx = db.write().await?;
    if db::user_count(&mut tx.conn()).await? > 0 {
        return Ok(false);
    }
    seed(&mut tx.conn(), now).await?;
    tx.commit().await?;
    tracing::info!("seeded the demo data");
    Ok(true)
}

async fn user(
    conn: &mut Conn<'_>,
    username: &str,
    display_name: &str,
    role: Role,
    real_name: RealName,
    now: UtcMillis,
) -> anyhow::Result<UserId> {
    let view = UserView {
        id: UserId(0),
        username: username.into(),
        display_name: display_name.into(),
        role,
        real_name,
    };
    db::insert_user(conn, &view, true, now).await
}

async fn order(
    conn: &mut Conn<'_>,
    owner: UserId,
    order: &Order,
    reference_time: UtcMillis,
) -> anyhow::Result<OrderId> {
    db::insert_order(
        conn,
        &db::NewOrder {
            number: order.number,
            title: order.title,
            shop: order.shop,
            amount_fen: order.amount_fen,
            image: Some(order.image),
            placed_at: reference_time.plus(-order.placed_before_ms),
            owner,
        },
    )
    .await
}

async fn complaint(
    conn: &mut Conn<'_>,
    owner: UserId,
    agent: UserId,
    order: OrderId,
    complaint: &Complaint,
    now: UtcMillis,
) -> anyhow::Result<ComplaintId> {
    let filed_at = now.plus(-complaint.age_ms);
    let id = db::insert_complaint(
        conn,
        &db::NewComplaint {
            order,
            owner,
            kind: complaint.kind,
            description: complaint.description,
            status: ComplaintStatus::Pending,
            filed_at,
        },
        |id| complaint_number(filed_at, id),
    )
    .await?;
    db::insert_event(conn, id, filed_at, owner, &TimelineEventKind::Filed).await?;
    let mut status = ComplaintStatus::Pending;
    // Each step bumps the version, starting from 1, and adds its event to the timeline.
    for (version, step) in (1..).zip(complaint.steps) {
        let (at, actor, event) = match *step {
            Step::Move(after, platform_move) => {
                let at = filed_at.plus(after);
                // The seed follows the transition table like everyone else.
                let to = check_platform_move(status, platform_move)
                    .map_err(|invalid| anyhow::anyhow!("seed: {invalid:?}"))?;
                db::set_status(conn, id, version, to, at).await??;
                let from = std::mem::replace(&mut status, to);
                (at, agent, TimelineEventKind::StatusChanged { from, to })
            }
            Step::Withdraw(after, reason, note) => {
                let at = filed_at.plus(after);
                anyhow::ensure!(
                    status.can_become(ComplaintStatus::Withdrawn),
                    "seed: withdraw"
                );
                db::set_status(conn, id, version, ComplaintStatus::Withdrawn, at).await??;
                db::insert_withdrawal(
                    conn,
                    &db::NewWithdrawal {
                        complaint: id,
                        reference: &withdrawal_reference(at, id),
                        withdrawn_at: at,
                        reason,
                        note,
                        by: WithdrawnBy::Owner,
                        actor: owner,
                        remedy: settled_remedy(reason),
                    },
                )
                .await?;
                status = ComplaintStatus::Withdrawn;
                let by = WithdrawnBy::Owner;
                let note = note.into();
                (at, owner, TimelineEventKind::Withdrawn { reason, note, by })
            }
            Step::Assistance(after, ground, reason, note) => {
                let at = filed_at.plus(after);
                let request = db::insert_assistance(
                    conn,
                    &db::NewAssistance {
                        complaint: id,
                        ground,
                        reason,
                        note,
                        remedy: settled_remedy(reason),
                        requested_at: at,
                    },
                )
                .await?;
                db::touch(conn, id, version, at).await??;
                // Asked in the conversation, as every request is.
                db::insert_message(
                    conn,
                    &db::NewMessage {
                        complaint: id,
                        author: owner,
                        role: Role::Shopper,
                        text: "",
                        card: Some(db::CardRef::AssistanceRequested(request)),
                        sent_at: at,
                    },
                )
                .await?;
                (at, owner, TimelineEventKind::AssistanceRequested { ground })
            }
        };
        db::insert_event(conn, id, at, actor, &event).await?;
    }
    Ok(id)
}

/// The safeguards' answer of the seeded withdrawals: a settlement's remedy has arrived.
fn settled_remedy(reason: WithdrawalReason) -> Option<Remedy> {
    (reason == WithdrawalReason::Resolved).then_some(Remedy::Arrived)
}

async fn seed_orders(
    conn: &mut Conn<'_>,
    owner: UserId,
    agent: UserId,
    orders: &[(Order, Option<Complaint>)],
    now: UtcMillis,
) -> anyhow::Result<()> {
    // Complaints are inserted oldest first, so their numbers grow with time.
    let mut ordered: Vec<&(Order, Option<Complaint>)> = orders.iter().collect();
    ordered.sort_by_key(|(order, complaint)| {
        std::cmp::Reverse(
            complaint
                .as_ref()
                .map_or(order.placed_before_ms, |complaint| complaint.age_ms),
        )
    });
    for (order_data, complaint_data) in ordered {
        let reference = match complaint_data {
            Some(c) => now.plus(-c.age_ms),
            None => now,
        };
        let order_id = order(conn, owner, order_data, reference).await?;
        if let Some(complaint_data) = complaint_data {
            complaint(conn, owner, agent, order_id, complaint_data, now).await?;
        }
    }
    Ok(())
}

async fn seed(conn: &mut Conn<'_>, now: UtcMillis) -> anyhow::Result<()> {
    let shopper = user(
        conn,
        "demo-shopper",
        "王小明",
        Role::Shopper,
        RealName::Verified,
        now,
    )
    .await?;
    let unverified = user(
        conn,
        "demo-unverified",
        "李晓雨",
        Role::Shopper,
        RealName::Unverified,
        now,
    )
    .await?;
    let agent = user(
        conn,
        "demo-agent",
        "客服小蜜",
        Role::Agent,
        RealName::Verified,
        now,
    )
    .await?;
    seed_orders(conn, shopper, agent, &SHOPPER_ORDERS, now).await?;
    seed_orders(conn, unverified, agent, &UNVERIFIED_ORDERS, now).await?;
    Ok(())
}

//! The rules workload shared by the native criterion benchmark (`../rules.rs`) and the
//! in-browser benchmark (`bench/render`, which includes this file by path), so both time the
//! very same 100,000 checks.
//!
//! Deterministic: a fixed linear congruential generator, no clock, no randomness crate.

use complaint_rules::time::{HOUR_MS, MINUTE_MS};
use complaint_rules::{
    Actor, ComplaintFacts, ComplaintStatus, RealName, Role, UserId, UtcMillis, WithdrawalReason,
};

/// How many checks one timed batch runs.
pub const CHECKS: usize = 100_000;

/// A fixed "now" (2026-11-26T00:00:00Z).
pub const NOW: UtcMillis = UtcMillis(1_795_651_200_000);

/// Distinct inputs; the batch cycles through them (1,000 × 100 = 100,000 checks).
const DISTINCT: usize = 1_000;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// One `check_withdrawal` input.
#[derive(Clone, Copy)]
pub struct EligibilityInput {
    pub facts: ComplaintFacts,
    pub actor: Actor,
    pub now: UtcMillis,
}

/// A mix like a shopper's list: mostly their own, verified, pending or processing, filed
/// 0–48 h ago (so about half inside the 24 h window), and every refusal present.
pub fn eligibility_inputs() -> Vec<EligibilityInput> {
    let mut rng = Lcg(0x5eed);
    let statuses = [
        ComplaintStatus::Pending,
        ComplaintStatus::Pending,
        ComplaintStatus::Processing,
        ComplaintStatus::Processing,
        ComplaintStatus::Arbitration,
        ComplaintStatus::Resolved,
        ComplaintStatus::Closed,
        ComplaintStatus::Withdrawn,
    ];
    (0..DISTINCT)
        .map(|_| {
            let owner = UserId(7);
            let actor = Actor {
                id: if rng.next().is_multiple_of(20) {
                    UserId(8)
                } else {
                    owner
                },
                role: Role::Shopper,
                real_name: if rng.next().is_multiple_of(20) {
                    RealName::Unverified
                } else {
                    RealName::Verified
                },
            };
            let status = statuses[(rng.next() % statuses.len() as u64) as usize];
            let age = (rng.next() % (48 * 60)) as i64 * MINUTE_MS;
            EligibilityInput {
                facts: ComplaintFacts {
                    owner,
                    status,
                    filed_at: UtcMillis(NOW.0 - age),
                },
                actor,
                now: NOW,
            }
        })
        .collect()
}

/// One `validate_withdrawal` input.
pub struct WithdrawalInput {
    pub reason: WithdrawalReason,
    pub note: String,
}

/// Typical withdrawal requests: mostly an empty or short note, some long ones (up to the
/// 200-character limit), a few refusals (too short for `other`, too long, a control
/// character).
pub fn withdrawal_inputs() -> Vec<WithdrawalInput> {
    let mut rng = Lcg(0xba5e);
    let notes = [
        String::new(),
        String::new(),
        "已和商家协商，退款已到账".to_owned(),
        "商家已补发，问题解决了".to_owned(),
        "  Seller refunded me in full, thanks.\r\n".to_owned(),
        "误操作".to_owned(),
        "我误以为没有发货，其实快递已经到了驿站，这次投诉是误会，撤销。".repeat(2),
        "退".repeat(200),
        "退".repeat(201),
        "退款\u{7}已到".to_owned(),
    ];
    let reasons = [
        WithdrawalReason::Resolved,
        WithdrawalReason::Mistaken,
        WithdrawalReason::Other,
    ];
    (0..DISTINCT)
        .map(|_| WithdrawalInput {
            reason: reasons[(rng.next() % reasons.len() as u64) as usize],
            note: notes[(rng.next() % notes.len() as u64) as usize].clone(),
        })
        .collect()
}

/// The recognisable single cases, for per-call figures.
pub fn eligible_input() -> EligibilityInput {
    EligibilityInput {
        facts: ComplaintFacts {
            owner: UserId(7),
            status: ComplaintStatus::Pending,
            filed_at: UtcMillis(NOW.0 - 6 * HOUR_MS),
        },
        actor: Actor {
            id: UserId(7),
            role: Role::Shopper,
            real_name: RealName::Verified,
        },
        now: NOW,
    }
}

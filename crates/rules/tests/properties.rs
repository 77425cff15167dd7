//! Invariants that must hold for every input, not just the examples.

use complaint_rules::*;
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

fn status() -> impl Strategy<Value = ComplaintStatus> {
    proptest::sample::select(ComplaintStatus::ALL.to_vec())
}

fn reason() -> impl Strategy<Value = WithdrawalReason> {
    proptest::sample::select(WithdrawalReason::ALL.to_vec())
}

fn kind() -> impl Strategy<Value = ComplaintKind> {
    proptest::sample::select(ComplaintKind::ALL.to_vec())
}

fn actor() -> impl Strategy<Value = Actor> {
    (
        0i64..4,
        prop_oneof![Just(Role::Shopper), Just(Role::Agent)],
        prop_oneof![Just(RealName::Verified), Just(RealName::Unverified)],
    )
        .prop_map(|(id, role, real_name)| Actor {
            id: UserId(id),
            role,
            real_name,
        })
}

fn complaint() -> impl Strategy<Value = ComplaintFacts> {
    (0i64..4, status(), any::<i64>()).prop_map(|(owner, status, filed_at)| ComplaintFacts {
        owner: UserId(owner),
        status,
        filed_at: UtcMillis(filed_at),
    })
}

fn round_trips<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) {
    let json = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, value, "{json}");
}

proptest! {
    #[test]
    fn no_transition_leaves_a_terminal_state(from in status(), to in status()) {
        if from.is_terminal() {
            prop_assert!(!from.can_become(to));
        }
    }

    #[test]
    fn no_platform_move_reaches_withdrawn_or_leaves_a_terminal_state(from in status()) {
        for platform_move in PlatformMove::ALL {
            if let Ok(to) = check_platform_move(from, platform_move) {
                prop_assert!(!from.is_terminal());
                prop_assert_ne!(to, ComplaintStatus::Withdrawn);
            }
        }
    }

    #[test]
    fn once_expired_always_expired(
        facts in complaint(), who in actor(), now in any::<i64>(), later_by in 0i64..i64::MAX,
    ) {
        let now = UtcMillis(now);
        if let Err(Blocked::WindowExpired { .. }) = check_withdrawal(&facts, &who, now) {
            let later = now.plus(later_by);
            let is_expired = matches!(
                check_withdrawal(&facts, &who, later),
                Err(Blocked::WindowExpired { .. })
            );
            prop_assert!(is_expired);
        }
    }

    #[test]
    fn eligible_means_before_the_deadline(facts in complaint(), who in actor(), now in any::<i64>()) {
        let now = UtcMillis(now);
        if let Ok(eligible) = check_withdrawal(&facts, &who, now) {
            prop_assert!(now < eligible.deadline);
            prop_assert!(eligible.remaining_ms(now) > 0);
            prop_assert_eq!(facts.owner, who.id);
            prop_assert!(matches!(facts.status, ComplaintStatus::Pending | ComplaintStatus::Processing));
        }
    }

    #[test]
    fn a_withdrawn_complaint_is_never_eligible(facts in complaint(), who in actor(), now in any::<i64>()) {
        let withdrawn = ComplaintFacts { status: ComplaintStatus::Withdrawn, ..facts };
        prop_assert!(check_withdrawal(&withdrawn, &who, UtcMillis(now)).is_err());
        prop_assert!(check_assisted_withdrawal(&withdrawn).is_err());
    }

    #[test]
    fn window_open_since_is_the_window_as_a_bound(filed_at in any::<i64>(), now in -(1i64 << 60)..(1i64 << 60)) {
        let (filed_at, now) = (UtcMillis(filed_at), UtcMillis(now));
        prop_assert_eq!(
            in_self_service_window(filed_at, now),
            filed_at >= window_open_since(now)
        );
    }

    #[test]
    fn a_verified_owner_may_withdraw_exactly_a_withdrawable_status_in_the_window(
        facts in complaint(), now in -(1i64 << 60)..(1i64 << 60),
    ) {
        let owner = Actor { id: facts.owner, role: Role::Shopper, real_name: RealName::Verified };
        let now = UtcMillis(now);
        prop_assert_eq!(
            check_withdrawal(&facts, &owner, now).is_ok(),
            facts.status.is_withdrawable() && in_self_service_window(facts.filed_at, now)
        );
    }

    #[test]
    fn eligibility_agrees_with_the_transition_table(facts in complaint(), who in actor(), now in any::<i64>()) {
        if check_withdrawal(&facts, &who, UtcMillis(now)).is_ok() {
            prop_assert!(facts.status.can_become(ComplaintStatus::Withdrawn));
        }
    }

    #[test]
    fn validation_never_panics_and_accepted_notes_fit(reason in reason(), note in any::<String>()) {
        if let Ok(valid) = validate_withdrawal(reason, &note) {
            let limits = POLICY.note_limits(reason);
            let count = char_count(&valid.note);
            prop_assert!(count <= limits.max_chars && count >= limits.min_chars);
            prop_assert_eq!(valid.note.trim(), valid.note.as_str());
            prop_assert!(!valid.note.contains('\r'));
            prop_assert!(valid.note.chars().all(|c| !c.is_control() || c == '\n'));
            // Validating what was accepted accepts it unchanged.
            prop_assert_eq!(validate_withdrawal(reason, &valid.note), Ok(valid.clone()));
        }
    }

    #[test]
    fn text_validation_never_panics_on_any_field(kind in kind(), text in ".{0,700}") {
        let _ = validate_complaint(kind, &text);
        let _ = validate_rejection_reason(&text);
        let _ = validate_pressure_note(&text);
    }

    #[test]
    fn pressure_may_be_reported_exactly_on_ones_own_open_complaint(facts in complaint(), who in actor()) {
        let result = check_pressure_report(&facts, &who);
        prop_assert_eq!(result.is_ok(), facts.owner == who.id && facts.status.is_open());
        if let Err(blocked) = result {
            round_trips(&blocked);
            // One of the withdrawal's refusals, never one about the person or the time.
            let known = matches!(
                blocked,
                Blocked::NotOwner | Blocked::AlreadyWithdrawn | Blocked::Finished { .. }
            );
            prop_assert!(known, "{:?}", blocked);
        }
    }

    #[test]
    fn serde_round_trips_every_type(
        facts in complaint(), who in actor(), now in any::<i64>(), reason in reason(),
        kind in kind(), note in "[a-z退 ]{0,20}",
    ) {
        round_trips(&facts);
        round_trips(&who);
        round_trips(&UtcMillis(now));
        round_trips(&reason);
        round_trips(&kind);
        round_trips(&facts.status);
        match check_withdrawal(&facts, &who, UtcMillis(now)) {
            Ok(eligible) => round_trips(&eligible),
            Err(blocked) => {
                round_trips(&blocked);
                round_trips(&blocked.next_step());
                round_trips(&blocked.code());
            }
        }
        for ground in [AssistanceGround::WindowExpired, AssistanceGround::SelfServiceFailed] {
            round_trips(&ground);
            for pending in [false, true] {
                if let Err(blocked) = check_assistance(&facts, &who, UtcMillis(now), ground, pending) {
                    round_trips(&blocked);
                }
            }
        }
        match validate_withdrawal(reason, &note) {
            Ok(valid) => round_trips(&valid),
            Err(error) => round_trips(&error),
        }
        if let Ok(valid) = validate_complaint(kind, &note.repeat(3)) {
            round_trips(&valid);
        }
        if let Err(blocked) = check_filing(facts.owner, &who, [facts.status]) {
            round_trips(&blocked);
        }
        for platform_move in PlatformMove::ALL {
            round_trips(&platform_move);
            if let Err(invalid) = check_platform_move(facts.status, platform_move) {
                round_trips(&invalid);
            }
        }
    }
}

#[test]
fn every_error_code_round_trips() {
    for code in ErrorCode::ALL {
        round_trips(&code);
    }
    for field in [
        TextField::Note,
        TextField::Description,
        TextField::RejectionReason,
        TextField::PressureNote,
    ] {
        round_trips(&field);
    }
}

//! One or more tests per rule and per boundary of the withdrawal rules.

use complaint_rules::time::{HOUR_MS, MINUTE_MS};
use complaint_rules::*;

const FILED: UtcMillis = UtcMillis(1_764_000_000_000);
const OWNER: UserId = UserId(1);
const STRANGER: UserId = UserId(2);

fn shopper(id: UserId) -> Actor {
    Actor {
        id,
        role: Role::Shopper,
        real_name: RealName::Verified,
    }
}

fn unverified(id: UserId) -> Actor {
    Actor {
        real_name: RealName::Unverified,
        ..shopper(id)
    }
}

fn complaint(status: ComplaintStatus) -> ComplaintFacts {
    ComplaintFacts {
        owner: OWNER,
        status,
        filed_at: FILED,
    }
}

fn at(ms_after_filing: i64) -> UtcMillis {
    FILED.plus(ms_after_filing)
}

// --- check_withdrawal: each rule -------------------------------------------------------------

#[test]
fn pending_within_window_is_eligible_until_filing_plus_24h() {
    let result = check_withdrawal(
        &complaint(ComplaintStatus::Pending),
        &shopper(OWNER),
        at(MINUTE_MS),
    );
    assert_eq!(
        result,
        Ok(Eligible {
            deadline: at(24 * HOUR_MS)
        })
    );
}

#[test]
fn processing_within_window_is_eligible() {
    let result = check_withdrawal(
        &complaint(ComplaintStatus::Processing),
        &shopper(OWNER),
        at(12 * HOUR_MS),
    );
    assert!(result.is_ok());
}

#[test]
fn another_users_complaint_is_not_owner() {
    let result = check_withdrawal(
        &complaint(ComplaintStatus::Pending),
        &shopper(STRANGER),
        at(0),
    );
    assert_eq!(result, Err(Blocked::NotOwner));
}

#[test]
fn unverified_owner_is_not_verified() {
    let result = check_withdrawal(
        &complaint(ComplaintStatus::Pending),
        &unverified(OWNER),
        at(0),
    );
    assert_eq!(result, Err(Blocked::NotVerified));
}

#[test]
fn withdrawn_is_already_withdrawn() {
    let result = check_withdrawal(
        &complaint(ComplaintStatus::Withdrawn),
        &shopper(OWNER),
        at(0),
    );
    assert_eq!(result, Err(Blocked::AlreadyWithdrawn));
}

#[test]
fn arbitration_is_in_arbitration_with_appeal_as_next_step() {
    let result = check_withdrawal(
        &complaint(ComplaintStatus::Arbitration),
        &shopper(OWNER),
        at(0),
    );
    assert_eq!(result, Err(Blocked::InArbitration));
    assert_eq!(
        Blocked::InArbitration.next_step(),
        NextStep::AppealToCustomerService
    );
}

#[test]
fn resolved_and_closed_are_finished_and_say_which() {
    for status in [ComplaintStatus::Resolved, ComplaintStatus::Closed] {
        let result = check_withdrawal(&complaint(status), &shopper(OWNER), at(0));
        assert_eq!(result, Err(Blocked::Finished { status }));
    }
}

#[test]
fn an_agent_cannot_self_serve_someone_elses_complaint() {
    let agent = Actor {
        id: UserId(99),
        role: Role::Agent,
        real_name: RealName::Verified,
    };
    let result = check_withdrawal(&complaint(ComplaintStatus::Pending), &agent, at(0));
    assert_eq!(result, Err(Blocked::NotOwner));
}

// --- check_withdrawal: the order of the rules -------------------------------------------------

#[test]
fn ownership_is_checked_before_verification() {
    let result = check_withdrawal(
        &complaint(ComplaintStatus::Withdrawn),
        &unverified(STRANGER),
        at(0),
    );
    assert_eq!(result, Err(Blocked::NotOwner));
}

#[test]
fn verification_is_checked_before_status() {
    let result = check_withdrawal(
        &complaint(ComplaintStatus::Withdrawn),
        &unverified(OWNER),
        at(0),
    );
    assert_eq!(result, Err(Blocked::NotVerified));
}

#[test]
fn status_is_checked_before_the_window() {
    let late = at(30 * 24 * HOUR_MS);
    assert_eq!(
        check_withdrawal(
            &complaint(ComplaintStatus::Arbitration),
            &shopper(OWNER),
            late
        ),
        Err(Blocked::InArbitration)
    );
    assert_eq!(
        check_withdrawal(
            &complaint(ComplaintStatus::Withdrawn),
            &shopper(OWNER),
            late
        ),
        Err(Blocked::AlreadyWithdrawn)
    );
}

// --- check_withdrawal: the 24-hour boundary -----------------------------------------------------

#[test]
fn one_millisecond_before_24h_is_eligible() {
    let last_moment = at(24 * HOUR_MS - 1); // 23:59:59.999
    let result = check_withdrawal(
        &complaint(ComplaintStatus::Pending),
        &shopper(OWNER),
        last_moment,
    );
    assert_eq!(result.map(|e| e.remaining_ms(last_moment)), Ok(1));
}

#[test]
fn exactly_24h_is_expired() {
    let result = check_withdrawal(
        &complaint(ComplaintStatus::Pending),
        &shopper(OWNER),
        at(24 * HOUR_MS),
    );
    assert_eq!(
        result,
        Err(Blocked::WindowExpired {
            deadline: at(24 * HOUR_MS)
        })
    );
}

#[test]
fn after_24h_is_expired_with_assistance_as_next_step() {
    let blocked = check_withdrawal(
        &complaint(ComplaintStatus::Processing),
        &shopper(OWNER),
        at(24 * HOUR_MS + MINUTE_MS),
    )
    .unwrap_err();
    assert_eq!(blocked.code(), ErrorCode::WindowExpired);
    assert_eq!(blocked.next_step(), NextStep::RequestAssistance);
}

#[test]
fn at_the_moment_of_filing_is_eligible() {
    assert!(check_withdrawal(&complaint(ComplaintStatus::Pending), &shopper(OWNER), FILED).is_ok());
}

#[test]
fn a_clock_before_filing_is_still_eligible_with_the_same_deadline() {
    // A skewed clock must not move the deadline: it is always filed_at + 24 h.
    let result = check_withdrawal(
        &complaint(ComplaintStatus::Pending),
        &shopper(OWNER),
        at(-HOUR_MS),
    );
    assert_eq!(result.unwrap().deadline, at(24 * HOUR_MS));
}

#[test]
fn extreme_timestamps_do_not_overflow() {
    let facts = ComplaintFacts {
        filed_at: UtcMillis(i64::MAX - 5),
        ..complaint(ComplaintStatus::Pending)
    };
    let result = check_withdrawal(&facts, &shopper(OWNER), UtcMillis(i64::MIN));
    assert_eq!(result.unwrap().deadline, UtcMillis(i64::MAX));
}

#[test]
fn the_window_comes_from_the_policy() {
    assert_eq!(POLICY.self_service_window_ms, 24 * HOUR_MS);
    assert_eq!(
        self_service_deadline(FILED),
        at(POLICY.self_service_window_ms)
    );
    assert_eq!(POLICY.version, POLICY_VERSION);
}

#[test]
fn the_window_is_open_from_window_open_since_on_exactly() {
    let now = at(30 * HOUR_MS);
    let earliest = window_open_since(now);
    assert_eq!(earliest, at(6 * HOUR_MS + 1));
    assert!(in_self_service_window(earliest, now));
    assert!(!in_self_service_window(earliest.plus(-1), now));
    // The same boundary as check_withdrawal's: filed exactly 24 h before now is expired.
    let filed = |filed_at| ComplaintFacts {
        filed_at,
        ..complaint(ComplaintStatus::Pending)
    };
    assert!(check_withdrawal(&filed(earliest), &shopper(OWNER), now).is_ok());
    assert_eq!(
        check_withdrawal(&filed(earliest.plus(-1)), &shopper(OWNER), now),
        Err(Blocked::WindowExpired { deadline: now })
    );
}

#[test]
fn withdrawable_statuses_are_those_that_may_become_withdrawn() {
    use ComplaintStatus::*;
    let withdrawable: Vec<_> = ComplaintStatus::ALL
        .into_iter()
        .filter(|status| status.is_withdrawable())
        .collect();
    assert_eq!(withdrawable, [Pending, Processing]);
    for status in ComplaintStatus::ALL {
        // Exactly the statuses an agent may withdraw on the owner's behalf.
        assert_eq!(
            status.is_withdrawable(),
            check_assisted_withdrawal(&complaint(status)).is_ok(),
            "{status:?}"
        );
        assert!(!(status.is_withdrawable() && status.is_terminal()));
    }
}

// --- codes and next steps ----------------------------------------------------------------------

#[test]
fn blocked_codes_are_the_stable_snake_case_codes() {
    let cases = [
        (Blocked::NotOwner, "not_owner"),
        (Blocked::NotVerified, "not_verified"),
        (Blocked::AlreadyWithdrawn, "already_withdrawn"),
        (Blocked::InArbitration, "in_arbitration"),
        (
            Blocked::Finished {
                status: ComplaintStatus::Closed,
            },
            "finished",
        ),
        (Blocked::WindowExpired { deadline: FILED }, "window_expired"),
    ];
    for (blocked, code) in cases {
        assert_eq!(blocked.code().as_str(), code);
        let json = serde_json::to_value(blocked).unwrap();
        assert_eq!(json["code"], code, "serde tag of {blocked:?}");
    }
}

#[test]
fn blocked_serializes_what_the_ui_needs() {
    let json = serde_json::to_string(&Blocked::WindowExpired {
        deadline: UtcMillis(5),
    })
    .unwrap();
    assert_eq!(json, r#"{"code":"window_expired","deadline":5}"#);
    let json = serde_json::to_string(&Blocked::Finished {
        status: ComplaintStatus::Resolved,
    })
    .unwrap();
    assert_eq!(json, r#"{"code":"finished","status":"resolved"}"#);
}

#[test]
fn error_code_as_str_matches_serde_for_every_code() {
    for code in ErrorCode::ALL {
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, format!("\"{}\"", code.as_str()));
    }
}

#[test]
fn an_unknown_error_code_from_a_newer_server_decodes_as_unknown() {
    let code: ErrorCode = serde_json::from_str("\"brand_new_rule\"").unwrap();
    assert_eq!(code, ErrorCode::Unknown);
}

#[test]
fn unverified_next_step_is_verification_and_terminal_is_file_again() {
    assert_eq!(Blocked::NotVerified.next_step(), NextStep::VerifyRealName);
    assert_eq!(
        Blocked::AlreadyWithdrawn.next_step(),
        NextStep::FileNewComplaint
    );
    assert_eq!(Blocked::NotOwner.next_step(), NextStep::Nothing);
}

// --- status transitions ------------------------------------------------------------------------

#[test]
fn the_transition_table_is_exactly_the_design() {
    use ComplaintStatus::*;
    let allowed = [
        (Pending, Processing),
        (Pending, Arbitration),
        (Processing, Arbitration),
        (Processing, Resolved),
        (Arbitration, Resolved),
        (Pending, Closed),
        (Processing, Closed),
        (Arbitration, Closed),
        (Pending, Withdrawn),
        (Processing, Withdrawn),
    ];
    for from in ComplaintStatus::ALL {
        for to in ComplaintStatus::ALL {
            assert_eq!(
                from.can_become(to),
                allowed.contains(&(from, to)),
                "{from:?} -> {to:?}"
            );
        }
    }
}

#[test]
fn terminal_statuses_have_no_successors() {
    for status in [
        ComplaintStatus::Resolved,
        ComplaintStatus::Closed,
        ComplaintStatus::Withdrawn,
    ] {
        assert!(status.is_terminal());
        let successors = ComplaintStatus::ALL
            .into_iter()
            .filter(|next| status.can_become(*next));
        assert_eq!(successors.count(), 0, "{status:?}");
    }
}

#[test]
fn arbitration_cannot_go_back_or_be_withdrawn() {
    use ComplaintStatus::*;
    assert!(!Arbitration.can_become(Pending));
    assert!(!Arbitration.can_become(Processing));
    assert!(!Arbitration.can_become(Withdrawn));
}

#[test]
fn platform_moves_follow_the_table() {
    assert_eq!(
        check_platform_move(ComplaintStatus::Pending, PlatformMove::StartProcessing),
        Ok(ComplaintStatus::Processing)
    );
    let refused = check_platform_move(ComplaintStatus::Pending, PlatformMove::Resolve).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::InvalidTransition);
    assert_eq!(
        refused,
        InvalidTransition {
            from: ComplaintStatus::Pending,
            to: ComplaintStatus::Resolved
        }
    );
    let from_arbitration: Vec<_> =
        PlatformMove::available_from(ComplaintStatus::Arbitration).collect();
    assert_eq!(
        from_arbitration,
        vec![PlatformMove::Resolve, PlatformMove::Close]
    );
}

#[test]
fn status_codes_round_trip() {
    for status in ComplaintStatus::ALL {
        assert_eq!(ComplaintStatus::from_code(status.code()), Some(status));
    }
    assert_eq!(ComplaintStatus::from_code("deleted"), None);
}

// --- the withdrawal note ----------------------------------------------------------------------

#[test]
fn note_is_optional_for_resolved_and_mistaken() {
    for reason in [WithdrawalReason::Resolved, WithdrawalReason::Mistaken] {
        assert_eq!(
            validate_withdrawal(reason, ""),
            Ok(ValidWithdrawal {
                reason,
                note: String::new()
            })
        );
    }
}

#[test]
fn note_is_trimmed() {
    let valid = validate_withdrawal(WithdrawalReason::Resolved, "  卖家已退款  \n").unwrap();
    assert_eq!(valid.note, "卖家已退款");
}

#[test]
fn two_hundred_chinese_characters_are_accepted() {
    let note = "退".repeat(200);
    assert_eq!(note.len(), 600, "three UTF-8 bytes each, counted as one");
    assert!(validate_withdrawal(WithdrawalReason::Resolved, &note).is_ok());
}

#[test]
fn two_hundred_and_one_chinese_characters_are_refused() {
    let error = validate_withdrawal(WithdrawalReason::Resolved, &"退".repeat(201)).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NoteTooLong);
    assert_eq!(
        error.problem,
        TextProblem::TooLong {
            max: 200,
            actual: 201
        }
    );
}

#[test]
fn emoji_count_as_scalar_values() {
    // U+1F600 is one scalar value (two UTF-16 units, four bytes).
    assert!(validate_withdrawal(WithdrawalReason::Resolved, &"😀".repeat(200)).is_ok());
    assert!(validate_withdrawal(WithdrawalReason::Resolved, &"😀".repeat(201)).is_err());
    // A family emoji is one grapheme but five scalar values (three people, two joiners).
    assert_eq!(char_count("👨‍👩‍👧"), 5);
}

#[test]
fn combining_marks_count_as_scalar_values() {
    let e_acute = "e\u{301}"; // one grapheme, two scalar values
    assert_eq!(char_count(e_acute), 2);
    let error = validate_withdrawal(WithdrawalReason::Resolved, &e_acute.repeat(101)).unwrap_err();
    assert_eq!(
        error.problem,
        TextProblem::TooLong {
            max: 200,
            actual: 202
        }
    );
}

#[test]
fn other_reason_requires_five_characters() {
    let error = validate_withdrawal(WithdrawalReason::Other, "四个字儿").unwrap_err();
    assert_eq!(error.code(), ErrorCode::NoteTooShort);
    assert_eq!(error.problem, TextProblem::TooShort { min: 5, actual: 4 });
    assert!(validate_withdrawal(WithdrawalReason::Other, "五个字的话").is_ok());
}

#[test]
fn whitespace_only_note_for_other_is_refused() {
    for blank in [
        "",
        "     ",
        "\n\n\n\n\n\n",
        "\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}",
    ] {
        let error = validate_withdrawal(WithdrawalReason::Other, blank).unwrap_err();
        assert_eq!(error.code(), ErrorCode::NoteTooShort, "{blank:?}");
    }
}

#[test]
fn line_breaks_are_allowed_and_normalised() {
    let valid = validate_withdrawal(WithdrawalReason::Other, "第一行\r\n第二行\r第三行").unwrap();
    assert_eq!(valid.note, "第一行\n第二行\n第三行");
}

#[test]
fn control_characters_are_refused_with_their_position() {
    for (note, position) in [
        ("ab\u{0}cd", 2),
        ("ab\tcd", 2),
        ("\u{7f}", 0),
        ("x\u{1b}[31m", 1),
    ] {
        let error = validate_withdrawal(WithdrawalReason::Resolved, note).unwrap_err();
        assert_eq!(error.code(), ErrorCode::NoteInvalidCharacter, "{note:?}");
        assert_eq!(error.problem, TextProblem::InvalidCharacter { position });
    }
}

#[test]
fn bidirectional_overrides_are_refused() {
    let error =
        validate_withdrawal(WithdrawalReason::Resolved, "refund \u{202E}dnufer").unwrap_err();
    assert_eq!(error.code(), ErrorCode::NoteInvalidCharacter);
}

#[test]
fn text_error_serializes_field_and_problem() {
    let error = validate_withdrawal(WithdrawalReason::Other, "abc").unwrap_err();
    let json = serde_json::to_string(&error).unwrap();
    assert_eq!(
        json,
        r#"{"field":"note","problem":"too_short","min":5,"actual":3}"#
    );
}

// --- filing a complaint ------------------------------------------------------------------------

#[test]
fn description_between_10_and_500_characters() {
    assert_eq!(
        validate_complaint(ComplaintKind::Quality, "九个字九个字九个字")
            .unwrap_err()
            .code(),
        ErrorCode::DescriptionTooShort
    );
    assert!(validate_complaint(ComplaintKind::Quality, "十个字十个字十个字十").is_ok());
    assert!(validate_complaint(ComplaintKind::Logistics, &"慢".repeat(500)).is_ok());
    assert_eq!(
        validate_complaint(ComplaintKind::Logistics, &"慢".repeat(501))
            .unwrap_err()
            .code(),
        ErrorCode::DescriptionTooLong
    );
}

#[test]
fn filing_on_someone_elses_order_is_order_not_found() {
    assert_eq!(
        check_filing(STRANGER, &shopper(OWNER), []),
        Err(FilingBlocked::OrderNotFound)
    );
}

#[test]
fn filing_with_an_open_complaint_is_refused() {
    for open in [
        ComplaintStatus::Pending,
        ComplaintStatus::Processing,
        ComplaintStatus::Arbitration,
    ] {
        assert_eq!(
            check_filing(OWNER, &shopper(OWNER), [ComplaintStatus::Withdrawn, open]),
            Err(FilingBlocked::ComplaintAlreadyOpen)
        );
    }
}

#[test]
fn filing_again_after_withdrawal_or_closure_is_allowed() {
    let history = [
        ComplaintStatus::Withdrawn,
        ComplaintStatus::Closed,
        ComplaintStatus::Resolved,
    ];
    assert_eq!(check_filing(OWNER, &shopper(OWNER), history), Ok(()));
    assert_eq!(check_filing(OWNER, &unverified(OWNER), []), Ok(()));
}

#[test]
fn complaint_kind_and_reason_codes_round_trip() {
    for kind in ComplaintKind::ALL {
        assert_eq!(ComplaintKind::from_code(kind.code()), Some(kind));
    }
    for reason in WithdrawalReason::ALL {
        assert_eq!(WithdrawalReason::from_code(reason.code()), Some(reason));
    }
    assert_eq!(POLICY.withdrawal_reasons.len(), 3);
    assert_eq!(POLICY.complaint_kinds.len(), 5);
}

// --- customer-service assistance ---------------------------------------------------------------

#[test]
fn assistance_after_the_window_is_allowed() {
    let result = check_assistance(
        &complaint(ComplaintStatus::Processing),
        &shopper(OWNER),
        at(24 * HOUR_MS),
        AssistanceGround::WindowExpired,
        false,
    );
    assert_eq!(result, Ok(()));
}

#[test]
fn assistance_for_an_expired_window_is_refused_while_it_is_open() {
    let result = check_assistance(
        &complaint(ComplaintStatus::Pending),
        &shopper(OWNER),
        at(24 * HOUR_MS - 1),
        AssistanceGround::WindowExpired,
        false,
    );
    assert_eq!(
        result,
        Err(AssistanceBlocked::WindowStillOpen {
            deadline: at(24 * HOUR_MS)
        })
    );
}

#[test]
fn assistance_when_self_service_failed_is_allowed_inside_the_window_and_unverified() {
    let result = check_assistance(
        &complaint(ComplaintStatus::Pending),
        &unverified(OWNER),
        at(HOUR_MS),
        AssistanceGround::SelfServiceFailed,
        false,
    );
    assert_eq!(result, Ok(()));
}

#[test]
fn assistance_is_never_possible_in_arbitration_or_terminal_states() {
    let late = at(48 * HOUR_MS);
    let expectations = [
        (ComplaintStatus::Arbitration, Blocked::InArbitration),
        (ComplaintStatus::Withdrawn, Blocked::AlreadyWithdrawn),
        (
            ComplaintStatus::Resolved,
            Blocked::Finished {
                status: ComplaintStatus::Resolved,
            },
        ),
        (
            ComplaintStatus::Closed,
            Blocked::Finished {
                status: ComplaintStatus::Closed,
            },
        ),
    ];
    for (status, blocked) in expectations {
        for ground in [
            AssistanceGround::WindowExpired,
            AssistanceGround::SelfServiceFailed,
        ] {
            let result = check_assistance(&complaint(status), &shopper(OWNER), late, ground, false);
            assert_eq!(result, Err(AssistanceBlocked::Withdrawal(blocked)));
        }
        assert_eq!(check_assisted_withdrawal(&complaint(status)), Err(blocked));
    }
}

#[test]
fn assistance_for_someone_elses_complaint_is_not_owner() {
    let result = check_assistance(
        &complaint(ComplaintStatus::Pending),
        &shopper(STRANGER),
        at(48 * HOUR_MS),
        AssistanceGround::WindowExpired,
        false,
    );
    assert_eq!(result.unwrap_err().code(), ErrorCode::NotOwner);
}

#[test]
fn a_second_pending_assistance_request_is_refused() {
    let result = check_assistance(
        &complaint(ComplaintStatus::Pending),
        &shopper(OWNER),
        at(48 * HOUR_MS),
        AssistanceGround::WindowExpired,
        true,
    );
    assert_eq!(result, Err(AssistanceBlocked::AssistanceAlreadyRequested));
}

#[test]
fn assisted_withdraw_ignores_the_window() {
    assert_eq!(
        check_assisted_withdrawal(&complaint(ComplaintStatus::Processing)),
        Ok(())
    );
}

#[test]
fn assistance_blocked_serializes_with_one_code_field() {
    let nested = AssistanceBlocked::Withdrawal(Blocked::InArbitration);
    assert_eq!(
        serde_json::to_string(&nested).unwrap(),
        r#"{"code":"in_arbitration"}"#
    );
    let own = AssistanceBlocked::WindowStillOpen {
        deadline: UtcMillis(7),
    };
    assert_eq!(
        serde_json::to_string(&own).unwrap(),
        r#"{"code":"window_still_open","deadline":7}"#
    );
}

// --- pressure reports --------------------------------------------------------------------------

#[test]
fn the_owner_may_report_pressure_while_the_complaint_is_open_even_in_arbitration() {
    for status in [
        ComplaintStatus::Pending,
        ComplaintStatus::Processing,
        ComplaintStatus::Arbitration,
    ] {
        assert_eq!(
            check_pressure_report(&complaint(status), &shopper(OWNER)),
            Ok(())
        );
        // Real-name verification is not required.
        assert_eq!(
            check_pressure_report(&complaint(status), &unverified(OWNER)),
            Ok(())
        );
    }
}

#[test]
fn pressure_on_someone_elses_or_an_ended_complaint_is_refused() {
    assert_eq!(
        check_pressure_report(&complaint(ComplaintStatus::Pending), &shopper(STRANGER)),
        Err(Blocked::NotOwner)
    );
    let agent = Actor {
        role: Role::Agent,
        ..shopper(STRANGER)
    };
    assert_eq!(
        check_pressure_report(&complaint(ComplaintStatus::Processing), &agent),
        Err(Blocked::NotOwner)
    );
    assert_eq!(
        check_pressure_report(&complaint(ComplaintStatus::Withdrawn), &shopper(OWNER)),
        Err(Blocked::AlreadyWithdrawn)
    );
    for status in [ComplaintStatus::Resolved, ComplaintStatus::Closed] {
        assert_eq!(
            check_pressure_report(&complaint(status), &shopper(OWNER)),
            Err(Blocked::Finished { status })
        );
    }
    // Ownership first, as everywhere.
    assert_eq!(
        check_pressure_report(&complaint(ComplaintStatus::Withdrawn), &shopper(STRANGER)),
        Err(Blocked::NotOwner)
    );
}

#[test]
fn the_pressure_note_is_optional_trimmed_and_at_most_200_characters() {
    assert_eq!(
        POLICY.pressure_note,
        TextLimits {
            min_chars: 0,
            max_chars: 200
        }
    );
    assert_eq!(validate_pressure_note("").as_deref(), Ok(""));
    assert_eq!(
        validate_pressure_note("  商家打电话说不撤销就不退款\r\n ").as_deref(),
        Ok("商家打电话说不撤销就不退款")
    );
    assert!(validate_pressure_note(&"压".repeat(200)).is_ok());
    let too_long = validate_pressure_note(&"压".repeat(201)).unwrap_err();
    assert_eq!(too_long.field, TextField::PressureNote);
    assert_eq!(too_long.code(), ErrorCode::PressureNoteTooLong);
    assert_eq!(too_long.code().as_str(), "pressure_note_too_long");
    assert_eq!(
        validate_pressure_note("商家\u{7}").unwrap_err().code(),
        ErrorCode::PressureNoteInvalidCharacter
    );
    // The code a too-short note would have, should the policy ever require one.
    let short = TextError {
        field: TextField::PressureNote,
        problem: TextProblem::TooShort { min: 1, actual: 0 },
    };
    assert_eq!(short.code().as_str(), "pressure_note_too_short");
}

#[test]
fn rejection_reason_limits() {
    assert_eq!(
        validate_rejection_reason("不行").unwrap_err().code(),
        ErrorCode::RejectionReasonTooShort
    );
    assert!(validate_rejection_reason("订单仍在仲裁中").is_ok());
    assert_eq!(
        validate_rejection_reason(&"字".repeat(201))
            .unwrap_err()
            .code(),
        ErrorCode::RejectionReasonTooLong
    );
}

#[test]
fn a_message_may_be_empty_only_when_it_carries_something() {
    assert_eq!(
        validate_message("  ", false).unwrap_err().code(),
        ErrorCode::MessageEmpty
    );
    assert_eq!(validate_message("  ", true).as_deref(), Ok(""));
    assert_eq!(
        validate_message(" 请问什么时候处理？\r\n", false).as_deref(),
        Ok("请问什么时候处理？")
    );
    assert!(validate_message(&"问".repeat(POLICY.message.max_chars), false).is_ok());
    assert_eq!(
        validate_message(&"问".repeat(POLICY.message.max_chars + 1), true)
            .unwrap_err()
            .code(),
        ErrorCode::MessageTooLong
    );
    assert_eq!(
        validate_message("问\u{202e}", false).unwrap_err().code(),
        ErrorCode::MessageInvalidCharacter
    );
}

#[test]
fn an_appeal_says_why_and_a_settlement_may_say_nothing() {
    assert_eq!(
        validate_arbitration_note(ArbitrationNoteKind::Settled, "").as_deref(),
        Ok("")
    );
    assert_eq!(
        validate_arbitration_note(ArbitrationNoteKind::Appeal, "不同意")
            .unwrap_err()
            .code(),
        ErrorCode::ArbitrationNoteTooShort
    );
    assert!(validate_arbitration_note(
        ArbitrationNoteKind::Appeal,
        "卖家提供的物流单号是假的，请重新核实"
    )
    .is_ok());
    assert_eq!(
        validate_arbitration_note(ArbitrationNoteKind::Settled, &"和".repeat(201))
            .unwrap_err()
            .code(),
        ErrorCode::ArbitrationNoteTooLong
    );
}

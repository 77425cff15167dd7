use super::*;

pub const TEXTS: Texts = Texts {
    language_name: "English",
    app_name: "Complaint Desk",
    nav_complaints: "My complaints",
    nav_orders: "My orders",
    nav_help: "Withdrawal rules",
    nav_agent: "Agent console",
    nav_label: "Main navigation",
    switch_language: "Language",
    not_found_title: "Page not found",
    not_found_body: "The page you opened does not exist or has moved.",
    back_home: "Back to my complaints",

    status,
    reason,
    reason_hint,
    kind,
    window_remaining,
    blocked_short,
    date_time,

    common: CommonTexts {
        loading: "Loading…",
        sending: "Sending…",
        retry: "Try again",
        cancel: "Cancel",
        error_title: "Something went wrong",
        network_error: "No connection. Check your network and try again.",
        unreadable_error: "The server sent something unexpected. Please try again later.",
        error,
        update_available: "A newer version is available: the platform's rules changed. Reload before you continue.",
        reload: "Reload",
        sign_out: "Sign out",
        skip_to_content: "Skip to content",
        required: " (required)",
        optional: " (optional)",
    },
    list: ListTexts {
        title: "My complaints",
        search_label: "Search by complaint or order number",
        search_placeholder: "Complaint / order number",
        search_button: "Search",
        tabs_label: "Filter by status",
        tab_all: "All",
        complaint_number: "Complaint no.",
        order_number: "Order no.",
        empty: "No complaints here yet.",
        empty_search,
        go_orders: "Go to my orders",
        load_more: "Load more",
    },
    detail: DetailTexts {
        back_to_complaint: "Back to the complaint",
        back_to_list: "Back to my complaints",
        kind: "Type",
        filed_at: "Filed",
        description: "Description",
        eligibility_title: "What you can do",
        eligible: "You can withdraw this complaint yourself.",
        deadline,
        withdraw: "Withdraw complaint",
        blocked,
        next_step,
        assistance_pending: "Your request for customer service's help is being handled; they usually answer within 1–2 hours.",
        request_assistance: "Ask customer service to withdraw it",
        file_again: "File a new complaint on this order",
        view_receipt: "View the withdrawal receipt",
        timeline_title: "History",
        event,
        event_actor,
        assistance_title: "Requests for customer service's help",
        assistance_status,
        rejection_reason: "Reason for rejection:",
    },
    withdraw: WithdrawTexts {
        title: "Withdraw complaint",
        locked: "This complaint cannot be withdrawn now",
        reason_label: "Reason",
        reason_missing: "Choose a reason.",
        note_label: "Note",
        text_error,
        safeguards_title: "Before you withdraw",
        remedy_question: "Has what the seller promised arrived (refund received, replacement delivered)?",
        remedy_arrived: "Yes, it has arrived",
        remedy_not_yet: "Not yet",
        remedy_not_applicable: "No refund or replacement involved",
        remedy_warning: "Consider waiting until the refund or replacement arrives. A withdrawal cannot be undone; if the seller does not keep their promise, you would have to file a new complaint.",
        pressure_question: "Is withdrawing your own decision?",
        pressure_none: "Yes, my own choice",
        pressure_yes: "The seller asked, pushed or pressured me",
        pressure_warning: "No seller may demand that you withdraw a complaint. Consider keeping it: customer service will look into the pressure when handling the complaint.",
        keep_complaint: "Keep the complaint",
        accept_risk: "I understand and still choose to withdraw",
        answer_required: "Please answer this question.",
        consequences_title: "After you withdraw",
        consequences: &[
            "A withdrawal cannot be undone.",
            "The complaint stays on record, marked \"Withdrawn\".",
            "It does not affect your credit or the seller's rating.",
            "The order returns to normal; if the problem comes back you can file a new complaint on it.",
        ],
        submit: "Withdraw complaint",
        confirm_title: "Withdraw this complaint?",
        confirm_body: "This cannot be undone. Please check:",
        confirm: "Yes, withdraw",
        changed_to,
        retry_hint: "Your withdrawal may not have arrived. Sending it again is safe: the same request is never applied twice.",
    },
    receipt: ReceiptTexts {
        done: "Withdrawn.",
        title: "Withdrawal receipt",
        reference: "Reference",
        revoked_at: "Withdrawn at",
        by: "By",
        by_whom,
        print: "Print / save receipt",
    },
    assistance: AssistanceTexts {
        title: "Ask customer service to withdraw",
        intro: assistance_intro,
        blocked: assistance_blocked,
        submit: "Send request",
        sent: "Request sent.",
        response_time,
    },
    orders: OrderTexts {
        title: "My orders",
        view_complaint: "View complaint",
        file: "Complain about the seller",
        history: "Earlier complaints",
    },
    file: FileTexts {
        title: "File a complaint",
        kind_label: "Type",
        kind_missing: "Choose a type.",
        description_label: "What went wrong",
        submit: "File complaint",
    },
    agent: AgentTexts {
        queue_title: "Withdrawal requests waiting",
        queue_empty: "No requests waiting.",
        approve: "Verified: withdraw on their behalf",
        reject: "Reject",
        rejection_label: "Reason for rejecting",
        reject_confirm: "Reject request",
        moves_title: "Complaint handling",
        platform_move,
    },
    sign_in: SignInTexts {
        title: "Sign in",
        demo_notice: "Demo: choose a demo account to sign in (no password).",
        account_kind,
    },
    help: HelpTexts {
        title: "Withdrawing a complaint: the rules",
        intro: "Withdrawing a complaint is your own free choice: nobody, the seller included, may demand it. These are the rules and what to check first.",
        who_title: "Who can withdraw",
        who_body: "Only the person who filed the complaint, with a real-name verified account.",
        statuses_title: "Which complaints can be withdrawn",
        statuses_withdrawable: "Can be withdrawn yourself",
        statuses_not_withdrawable: "Cannot be withdrawn",
        status_explanation,
        window_title: "Time limit",
        window_body,
        reasons_title: "Reasons",
        note_rule,
        assistance_title: "After the time limit",
        assistance_body,
        arbitration_title: "In platform arbitration",
        arbitration_body: "Once the platform arbitrates, a complaint cannot be withdrawn, not even with customer service's help; you can only appeal through customer service.",
        before_title: "Before you withdraw",
        before_items: &[
            "The refund the seller promised has arrived, or the replacement item has.",
            "It is your own choice. No seller may ask, push or pressure you to withdraw; if one does, report it instead of withdrawing.",
            "A withdrawal cannot be undone.",
        ],
        after_title: "After you withdraw",
        after_items: &[
            "The complaint stays on record, marked \"Withdrawn\", with the time, reason and note.",
            "The order returns to normal.",
            "It does not affect your credit or the seller's rating.",
            "If the problem comes back, you can file a new complaint on the same order.",
        ],
        policy_version,
    },
};

fn status(status: ComplaintStatus) -> &'static str {
    match status {
        ComplaintStatus::Pending => "Pending",
        ComplaintStatus::Processing => "Processing",
        ComplaintStatus::Arbitration => "In arbitration",
        ComplaintStatus::Resolved => "Resolved",
        ComplaintStatus::Closed => "Closed",
        ComplaintStatus::Revoked => "Withdrawn",
    }
}

fn reason(reason: RevokeReason) -> &'static str {
    match reason {
        RevokeReason::Resolved => "Problem solved",
        RevokeReason::Mistaken => "Filed by mistake",
        RevokeReason::Other => "Other",
    }
}

fn reason_hint(reason: RevokeReason) -> &'static str {
    match reason {
        RevokeReason::Resolved => {
            "Settled with the seller, e.g. the refund or replacement arrived."
        }
        RevokeReason::Mistaken => "The complaint was a mistake or a misunderstanding.",
        RevokeReason::Other => "Another reason; a short note is required.",
    }
}

fn kind(kind: ComplaintKind) -> &'static str {
    match kind {
        ComplaintKind::NotAsDescribed => "Not as described",
        ComplaintKind::Logistics => "Delivery problem",
        ComplaintKind::Service => "Poor service",
        ComplaintKind::Quality => "Quality problem",
        ComplaintKind::Other => "Other",
    }
}

fn window_remaining(ms: i64) -> String {
    match split_duration(ms) {
        (0, 0, s) => format!("{s} s left"),
        (0, m, s) => format!("{m} min {s} s left"),
        (h, m, _) => format!("{h} h {m} min left"),
    }
}

fn blocked_short(blocked: &Blocked) -> &'static str {
    match blocked {
        Blocked::NotOwner => "Not your complaint",
        Blocked::NotVerified => "Verify your real name first",
        Blocked::AlreadyRevoked => "Withdrawn",
        Blocked::InArbitration => "In arbitration: cannot withdraw",
        Blocked::Finished {
            status: ComplaintStatus::Closed,
        } => "Closed: cannot withdraw",
        Blocked::Finished { .. } => "Resolved: cannot withdraw",
        Blocked::WindowExpired { .. } => "Self-service time limit passed",
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn date_time(at: UtcMillis) -> String {
    let (year, month, day, hour, minute) = local_date_time(at);
    let month = MONTHS[(month as usize).clamp(1, 12) - 1];
    format!("{day} {month} {year}, {hour:02}:{minute:02}")
}

fn status_explanation(status: ComplaintStatus) -> &'static str {
    match status {
        ComplaintStatus::Pending | ComplaintStatus::Processing => {
            "Yourself, within the self-service time limit"
        }
        ComplaintStatus::Arbitration => "The platform has taken over: appeal via customer service",
        ComplaintStatus::Resolved | ComplaintStatus::Closed => "The complaint has ended",
        ComplaintStatus::Revoked => "Already withdrawn",
    }
}

fn window_body(hours: i64) -> String {
    format!("You can withdraw a complaint yourself within {hours} hours of filing it. The platform's server clock decides, to the second.")
}

fn note_rule(max: usize, min_for_other: usize) -> String {
    format!("The note takes up to {max} characters; with \"Other\" it is required, at least {min_for_other}.")
}

fn assistance_body(from: u8, to: u8) -> String {
    format!("After the time limit, or if withdrawing yourself fails, ask customer service to withdraw it for you: the order number is filled in, an agent checks and withdraws it on your behalf, usually within {from}–{to} hours.")
}

fn policy_version(version: u32) -> String {
    format!("Rules version {version}")
}

fn error(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::NotOwner | ErrorCode::NotFound => "Not found.",
        ErrorCode::NotVerified => "Your account's real name is not verified, so you cannot withdraw it yourself.",
        ErrorCode::AlreadyRevoked => "This complaint has already been withdrawn.",
        ErrorCode::InArbitration => "The complaint is in platform arbitration: it cannot be withdrawn; appeal through customer service.",
        ErrorCode::Finished => "The complaint has ended and cannot be withdrawn.",
        ErrorCode::WindowExpired => "The self-service time limit has passed; customer service can withdraw it for you.",
        ErrorCode::NoteTooShort => "The note is too short.",
        ErrorCode::NoteTooLong => "The note is too long.",
        ErrorCode::NoteInvalidCharacter => "The note contains a character that is not allowed.",
        ErrorCode::DescriptionTooShort => "The description is too short.",
        ErrorCode::DescriptionTooLong => "The description is too long.",
        ErrorCode::DescriptionInvalidCharacter => "The description contains a character that is not allowed.",
        ErrorCode::RejectionReasonTooShort => "The reason is too short.",
        ErrorCode::RejectionReasonTooLong => "The reason is too long.",
        ErrorCode::RejectionReasonInvalidCharacter => "The reason contains a character that is not allowed.",
        ErrorCode::PressureNoteTooShort => "The report's note is too short.",
        ErrorCode::PressureNoteTooLong => "The report's note is too long.",
        ErrorCode::PressureNoteInvalidCharacter => "The report's note contains a character that is not allowed.",
        ErrorCode::PressureReportAlreadyHandled => "This report has already been handled.",
        ErrorCode::OrderNotFound => "Order not found.",
        ErrorCode::ComplaintAlreadyOpen => "This order already has an open complaint; view that one instead.",
        ErrorCode::WindowStillOpen => "You are still within the self-service time limit: you can withdraw it yourself.",
        ErrorCode::AssistanceAlreadyRequested => "You have already asked customer service; please wait for their answer.",
        ErrorCode::AssistanceAlreadyDecided => "This request has already been decided.",
        ErrorCode::InvalidTransition => "This is not possible in the complaint's current status.",
        ErrorCode::Conflict => "The complaint just changed. Please check its current status.",
        ErrorCode::Unauthenticated => "Your session has ended. Please sign in again.",
        ErrorCode::Forbidden => "You are not allowed to do this.",
        ErrorCode::InvalidRequest => "The request was malformed. Reload the page and try again.",
        ErrorCode::PayloadTooLarge => "What you sent is too large.",
        ErrorCode::RateLimited => "Too many attempts. Please wait a moment.",
        ErrorCode::IdempotencyKeyReused => "Duplicate request. Reload the page and try again.",
        ErrorCode::Internal | ErrorCode::Unknown => "The service is unavailable. Please try again later.",
    }
}

fn empty_search(q: &str) -> String {
    format!("No complaints match \"{q}\".")
}

fn deadline(at: &str) -> String {
    format!("Until {at}")
}

fn blocked(blocked: &Blocked) -> String {
    match blocked {
        Blocked::NotOwner => "This is not your complaint.".to_owned(),
        Blocked::NotVerified => {
            "Your account's real name is not verified, so you cannot withdraw it yourself."
                .to_owned()
        }
        Blocked::AlreadyRevoked => "This complaint has been withdrawn.".to_owned(),
        Blocked::InArbitration => {
            "The complaint is in platform arbitration and cannot be withdrawn.".to_owned()
        }
        Blocked::Finished {
            status: ComplaintStatus::Closed,
        } => "The complaint is closed and cannot be withdrawn.".to_owned(),
        Blocked::Finished { .. } => "The complaint is resolved and cannot be withdrawn.".to_owned(),
        Blocked::WindowExpired { deadline } => {
            format!(
                "The self-service time limit ended on {}.",
                date_time(*deadline)
            )
        }
    }
}

fn next_step(step: NextStep) -> &'static str {
    match step {
        NextStep::Nothing => "",
        NextStep::VerifyRealName => {
            "Verify your real name first, or ask customer service to withdraw it."
        }
        NextStep::RequestAssistance => {
            "You can ask customer service to check and withdraw it on your behalf."
        }
        NextStep::AppealToCustomerService => "If you disagree, appeal through customer service.",
        NextStep::FileNewComplaint => {
            "If the problem comes back, you can file a new complaint on this order."
        }
    }
}

fn event(event: &TimelineEventKind) -> String {
    match event {
        TimelineEventKind::Filed => "Complaint filed".to_owned(),
        TimelineEventKind::StatusChanged { to, .. } => {
            format!("Status changed to \"{}\"", status(*to))
        }
        TimelineEventKind::Revoked {
            reason: why,
            note,
            by,
        } => {
            let who = match by {
                WithdrawnBy::Owner => "Withdrawn by the complainant",
                WithdrawnBy::AgentOnBehalf => {
                    "Withdrawn by customer service on the complainant's behalf"
                }
            };
            if note.is_empty() {
                format!("{who} ({})", reason(*why))
            } else {
                format!("{who} ({}): {note}", reason(*why))
            }
        }
        TimelineEventKind::AssistanceRequested { ground } => match ground {
            AssistanceGround::WindowExpired => {
                "Asked customer service to withdraw it (time limit passed)".to_owned()
            }
            AssistanceGround::SelfServiceFailed => {
                "Asked customer service to withdraw it (self-service failed)".to_owned()
            }
        },
        TimelineEventKind::AssistanceRejected { reason } => {
            format!("Customer service rejected the request: {reason}")
        }
        TimelineEventKind::PressureReported => {
            "Reported the seller for pressing for a withdrawal".to_owned()
        }
        TimelineEventKind::PressureHandled => {
            "Customer service handled the pressure report".to_owned()
        }
    }
}

fn event_actor(name: &str, role: Role) -> String {
    match role {
        Role::Agent => format!("Customer service {name}"),
        Role::Shopper => name.to_owned(),
    }
}

fn assistance_status(status: AssistanceStatus) -> &'static str {
    match status {
        AssistanceStatus::Pending => "Being handled",
        AssistanceStatus::Approved => "Approved: withdrawn by customer service",
        AssistanceStatus::Rejected => "Rejected",
    }
}

fn text_error(error: &TextError) -> String {
    match error.problem {
        TextProblem::TooShort { min, actual: 0 } => format!("Required: at least {min} characters."),
        TextProblem::TooShort { min, actual } => {
            format!("At least {min} characters; now {actual}.")
        }
        TextProblem::TooLong { max, actual } => format!("At most {max} characters; now {actual}."),
        TextProblem::InvalidCharacter { position } => {
            format!(
                "Character {} is a control character that is not allowed; remove it.",
                position + 1
            )
        }
    }
}

fn changed_to(status: &str) -> String {
    format!("Its status is now \"{status}\".")
}

fn by_whom(by: WithdrawnBy, name: &str) -> String {
    match by {
        WithdrawnBy::Owner => format!("{name} (you)"),
        WithdrawnBy::AgentOnBehalf => format!("Customer service {name}, on your behalf"),
    }
}

fn assistance_intro(from: u8, to: u8) -> String {
    format!("After the self-service time limit, or when withdrawing yourself did not work, customer service can check and withdraw it on your behalf. They usually answer within {from}–{to} hours.")
}

fn assistance_blocked(blocked: &AssistanceBlocked) -> String {
    match blocked {
        AssistanceBlocked::Withdrawal(inner) => self::blocked(inner),
        AssistanceBlocked::WindowStillOpen { deadline } => format!(
            "You are still within the self-service time limit (until {}): you can withdraw it yourself.",
            date_time(*deadline)
        ),
        AssistanceBlocked::AssistanceAlreadyRequested => {
            "You have already asked customer service; please wait for their answer.".to_owned()
        }
    }
}

fn response_time(from: u8, to: u8) -> String {
    format!("Customer service usually answers within {from}–{to} hours; the outcome appears on the complaint.")
}

fn platform_move(platform_move: PlatformMove) -> &'static str {
    match platform_move {
        PlatformMove::StartProcessing => "Start processing",
        PlatformMove::EscalateToArbitration => "Escalate to arbitration",
        PlatformMove::Resolve => "Resolve",
        PlatformMove::Close => "Close",
    }
}

fn account_kind(role: Role, real_name: RealName) -> &'static str {
    match (role, real_name) {
        (Role::Agent, _) => "Customer service",
        (Role::Shopper, RealName::Verified) => "Shopper · real name verified",
        (Role::Shopper, RealName::Unverified) => "Shopper · not verified",
    }
}

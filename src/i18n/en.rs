use super::*;
use complaint_rules::time::{HOUR_MS, MINUTE_MS};

pub const TEXTS: Texts = Texts {
    language_name: "English",
    app_name: "Complaint Desk",
    nav_complaints: "My complaints",
    nav_orders: "My orders",
    nav_help: "Rules",
    nav_agent: "Agent console",
    nav_label: "Main navigation",
    switch_language: "Language",
    not_found_title: "Page not found",
    not_found_body: "The page you opened does not exist or has moved.",
    complaint_not_found_title: "Complaint not found",
    complaint_not_found_body: "The link may be wrong, or the complaint belongs to another account.",
    back_home: "Back to my complaints",

    status,
    reason,
    reason_hint,
    remedy,
    kind,
    window_remaining,
    blocked_short,
    date_time,
    date_short,
    date_day,

    common: CommonTexts {
        loading: "Loading…",
        sending: "Sending…",
        retry: "Try again",
        cancel: "Cancel",
        error_title: "Something went wrong",
        network_error: "No connection. Check your network and try again.",
        unreadable_error: "The server sent something unexpected. Please try again later.",
        error,
        update_available: "The platform's rules were updated. Reload the page before you continue.",
        rules_outdated: "The rules were updated: reload before you continue.",
        reload: "Reload",
        sign_out: "Sign out",
        skip_to_content: "Skip to content",
        back: "Back",
        required: "required",
        optional: "optional",
        copy: "Copy",
        copied: "Copied",
        close: "Close",
        offline: "You are offline. Tap \"Try again\" once you are back: nothing is sent twice.",
        back_online: "You are back online: tap \"Try again\".",
        retry_safe: "It may not have arrived. Sending it again is safe: nothing is applied twice.",
    },
    account: AccountTexts {
        menu: "Account and language",
        real_name,
    },
    state: StateTexts {
        open: state_open,
        verify_first: state_verify_first,
        assistance_pending: "With customer service",
        assistance_rejected: "Not approved by customer service",
        ended: state_ended,
        action,
    },
    list: ListTexts {
        title: "My complaints",
        search_label: "Search by product, shop, complaint or order number",
        search_placeholder: "Product, shop or number",
        search_button: "Search",
        tabs_label: "Complaint groups",
        chips_label: "Filter by status",
        view: list_view,
        chip_all: "All",
        complaint_number: "Complaint no.",
        order_number: "Order no.",
        empty_title,
        empty_body: "You can file a complaint about an order from My orders.",
        empty_search,
        empty_search_body: "Try part of the product's name, the shop, or a complaint or order number; or clear the search to see all complaints.",
        clear_search: "Clear search",
        go_orders: "Go to my orders",
        load_more: "Load more",
        pick_title: "Choose a complaint",
        pick_body: "Pick one on the left to see its progress and whether you can withdraw it.",
    },
    detail: DetailTexts {
        title: "Complaint",
        back_to_complaint: "Back to the complaint",
        back_to_list: "Back to my complaints",
        kind: "Type",
        filed_at: "Filed",
        description: "What went wrong",
        eligibility_title: "Withdraw it yourself",
        outcome_title: "Outcome",
        ended: detail_ended,
        eligible: "After the deadline, customer service can still withdraw it for you.",
        verify_first: "Once your real name is verified you can withdraw it yourself. If there is not enough time, customer service can withdraw it for you.",
        assistance_pending: detail_assistance_pending,
        assistance_late: "Customer service is taking longer than usual this time; they will answer as soon as they can, and the outcome appears here.",
        assistance_rejected: detail_assistance_rejected,
        withdraw: "Withdraw complaint",
        blocked,
        why_not,
        request_assistance: "Ask customer service to withdraw it",
        request_again: "Ask again",
        file_again: "File a new complaint on this order",
        progress_title: "Progress",
        what_next,
        facts_title: "Details",
        step,
        ring_left,
        now: "Now",
        window_closed: "Closed",
        example_now,
        window_title,
        window_passed,
        window_start: "Filed",
        window_end,
        timeline_title: "History",
        event,
        event_actor,
        assistance_title: "Requests to customer service",
        assistance_status,
        rejection_reason: "Reason:",
    },
    withdraw: WithdrawTexts {
        title: "Withdraw complaint",
        locked: "You can no longer withdraw it yourself",
        reason_label: "Reason",
        reason_missing: "Choose a reason.",
        note_label: "Note",
        text_error,
        remedy_question: "Has the refund or replacement the seller promised arrived?",
        remedy_label: "Refund or replacement",
        remedy_warning: "Consider waiting until it arrives. A withdrawal cannot be undone; if the seller does not keep their promise, you would have to file a new complaint.",
        keep_complaint: "Keep the complaint for now",
        accept_risk: "I understand and withdraw now anyway",
        answer_required: "Choose one.",
        check_required: "Tick to confirm.",
        consequences_title: "After you withdraw",
        consequences: &[
            "It cannot be undone; the complaint stays on record as \"Withdrawn\"",
            "It does not affect your credit or the seller's rating",
            "The order returns to normal; you can complain again if the problem comes back",
        ],
        submit: "Withdraw complaint",
        confirm_title: "Withdraw this complaint?",
        confirm_body: "The complaint cannot be restored; if the problem comes back, you can complain about the order again.",
        confirm: "Withdraw",
        think_again: "Not now",
        voluntary: "Withdrawing is entirely your choice; no seller may demand it.",
        voluntary_report: "Pressed by the seller? Report it",
        changed_to,
        warn_minutes,
        too_late: "The self-service time limit had passed when you confirmed: nothing was sent.",
        draft_kept: "Your reason and note are kept.",
        back_kept: "Back on the form: everything you entered is still here.",
        lock_reopen: "See why",
    },
    receipt: ReceiptTexts {
        done: "Complaint withdrawn",
        done_sub: "Your credit and the seller's rating are not affected.",
        title: "Withdrawal receipt",
        reference: "Reference",
        withdrawn_at: "Withdrawn at",
        by: "Withdrawn by",
        by_whom,
        save_picture: "Save receipt as a picture",
        picture_alt: "The withdrawal receipt",
        picture_hint: "Press and hold the picture to save it to your photos.",
        download: "Download picture",
        back_to_orders: "View orders",
        finish: "Done",
        again_hint: "The problem came back?",
    },
    assistance: AssistanceTexts {
        title: "Ask customer service to withdraw",
        intro: assistance_intro,
        blocked: assistance_blocked,
        submit: "Send request",
        confirm_title: "Ask customer service to withdraw this complaint?",
        sent: "Request sent",
        response_time,
        carried: "The reason and note you typed on the withdrawal form are filled in; you can send them as they are.",
    },
    pressure: PressureTexts {
        title: "Report seller pressure",
        question: "Did the seller ask, push or pressure you to withdraw?",
        report_link: "Report it",
        reported_note: "You reported pressure from the seller; customer service is looking into it.",
        list_title: "Pressure reports",
        status: pressure_status,
        promise_title: "No seller may demand that you withdraw",
        promise_body: "Customer service will look into what the seller did; your complaint stays as it is. Whether to withdraw is always your decision.",
        kind_label: "What did the seller do?",
        kind_missing: "Choose what the seller did.",
        note_label: "What happened (optional)",
        note_hint: "For example, what the seller said, and when they contacted you.",
        evidence_label: "Evidence (optional): chat screenshots, call logs",
        submit: "Report and keep my complaint",
        sent: "Reported; your complaint is kept",
        sent_body: "Customer service will look into what the seller did and tell you here.",
        still_withdraw: "Still want to withdraw?",
        still_withdraw_link: "Withdraw the complaint",
    },
    conversation: ConversationTexts {
        title: "Customer service",
        intro: conversation_intro,
        attached: conversation_attached,
        rejected_next: "Reply below to explain, or ask again with evidence.",
        empty_title: "How can customer service help?",
        empty_body: "Write to them, or choose what you need done below.",
        message_label: "Message to customer service",
        placeholder: "Describe your situation…",
        send: "Send",
        add_pictures: "Add pictures",
        pictures_hint,
        uploading: "Uploading",
        remove_picture: "Remove this picture",
        open_picture: "Open the picture",
        arbitration_note,
        pressure_kind,
        pressure_report,
        handled,
        evidence_requested: "Customer service asks for evidence, such as chat screenshots or photos of the item.",
        assistance_approved: "Customer service withdrew it for you",
        assistance_rejected: "Customer service did not approve the withdrawal",
        view_receipt: "View receipt",
        requests_title: "Ask customer service to",
        request_withdrawal: "Withdraw it for me",
        settled: "Settled with the seller",
        appeal: "Appeal the arbitration",
        report_pressure: "Report seller pressure",
        unread,
        open: "Customer service",
        none_yet: "No messages yet. The order and complaint are attached for you.",
    },
    arbitration: ArbitrationTexts {
        title: "Tell customer service about the arbitration",
        intro: "The platform is arbitrating this complaint: it cannot be withdrawn. If you have settled with the seller, or disagree with the arbitration, tell customer service.",
        kind_label: "You want to tell them",
        kind_hint: arbitration_hint,
        note_label: "Note",
        submit: "Send to customer service",
        sent: "Customer service has been told",
    },
    orders: OrderTexts {
        title: "My orders",
        view_complaint: "View complaint",
        file: "File a complaint",
        history: order_history,
        empty_title: "No orders yet",
        empty_body: "What you buy shows up here.",
    },
    file: FileTexts {
        title: "Complain about the seller",
        kind_label: "Type",
        kind_missing: "Choose a type.",
        description_label: "What went wrong",
        submit: "File complaint",
        sent: "Complaint filed",
        next: "The seller deals with it first; if you cannot agree, the platform steps in. Progress and every step show here.",
    },
    agent: AgentTexts {
        queue_title: "Withdrawal requests",
        queue_empty: "No requests waiting",
        queue_empty_body: "New ones appear here by themselves.",
        approve: "Verified: withdraw for them",
        approve_confirm_title: "Withdraw on the complainant's behalf?",
        approve_confirm_body: "This cannot be undone; the history will say customer service withdrew it.",
        reject: "Decline",
        rejection_label: "Why it is declined",
        reject_confirm: "Decline request",
        moves_title: "Complaint handling",
        platform_move,
        move_confirm_title,
        move_confirm_body: "This cannot be undone.",
        pressure_title: "Seller pressure reports",
        pressure_empty: "No reports waiting",
        pressure_handle: "Looked into",
        conversations_title: "Conversations",
        conversations_empty: "No conversations yet",
        waiting: agent_waiting,
        answered: "Answered",
        request_kind,
        open_conversation: "Open",
        shops_title: "Pressure reports by shop",
        shops_empty: "No pressure reports yet",
        shop_counts,
        latest: "Latest",
        reply_placeholder: "Reply to the complainant…",
        ask_evidence: "Ask for evidence",
        handle_note: "Handled: tell the complainant",
    },
    sign_in: SignInTexts {
        title: "Sign in",
        demo_notice: "Demo: choose a demo account to sign in (no password).",
        session_ended: "You were signed out",
        back_where_you_were: "You may have signed out in another tab, or the session expired. Sign in again to return to the page you were on.",
        draft_kept: "What you entered is kept.",
        account_kind,
    },
    help: HelpTexts {
        title: "Withdrawing a complaint: the rules",
        intro: "Withdrawing a complaint is your own free choice: nobody, the seller included, may demand it. These are the rules and what to check first.",
        who_title: "Who can withdraw",
        who_body: "Only the person who filed the complaint, and their account's real name must be verified.",
        verify_steps: &[
            "Open Taobao and go to My Taobao.",
            "Go to Settings → Account and security → Real-name verification and follow the steps.",
            "Come back here: you can then withdraw it yourself.",
        ],
        statuses_title: "Which complaints can be withdrawn",
        statuses_withdrawable: "You can withdraw them yourself",
        statuses_not_withdrawable: "Cannot be withdrawn",
        status_explanation,
        window_title: "Time limit",
        window_body,
        picture_caption,
        reasons_title: "Reasons",
        note_rule,
        assistance_title: "After the time limit",
        assistance_body,
        arbitration_title: "In platform arbitration",
        arbitration_body: "Once the platform arbitrates, a complaint cannot be withdrawn, not even with customer service's help. If you have settled with the seller, or disagree with the arbitration, tell customer service:",
        appeal_steps: &[
            "On the complaint's page, choose Contact customer service: the order and complaint are attached.",
            "Choose \"Settled with the seller\", or \"Appeal the arbitration\" and say why.",
            "Customer service checks it and tells you the outcome in the conversation.",
        ],
        before_title: "Before you withdraw",
        before_items: &[
            "The refund the seller promised has arrived, or the replacement has.",
            "It is your own choice. If the seller asks, pushes or pressures you to withdraw, report it on the complaint's page.",
            "A withdrawal cannot be undone.",
        ],
        after_title: "After you withdraw",
        after_items: &[
            "The complaint stays on record, marked \"Withdrawn\", with the time, reason and note.",
            "The order returns to normal.",
            "It does not affect your credit or the seller's rating.",
            "If the problem comes back, you can file a new complaint on the same order.",
        ],
    },
};

fn status(status: ComplaintStatus) -> &'static str {
    match status {
        ComplaintStatus::Pending => "Pending",
        ComplaintStatus::Processing => "Processing",
        ComplaintStatus::Arbitration => "In arbitration",
        ComplaintStatus::Resolved => "Resolved",
        ComplaintStatus::Closed => "Closed",
        ComplaintStatus::Withdrawn => "Withdrawn",
    }
}

fn step(status: ComplaintStatus, current: bool) -> &'static str {
    match status {
        ComplaintStatus::Pending if current => "Pending",
        ComplaintStatus::Pending => "Filed",
        ComplaintStatus::Processing => "Processing",
        ComplaintStatus::Arbitration => "Arbitration",
        ComplaintStatus::Resolved => "Resolved",
        ComplaintStatus::Closed => "Closed",
        ComplaintStatus::Withdrawn => "Withdrawn",
    }
}

fn reason(reason: WithdrawalReason) -> &'static str {
    match reason {
        WithdrawalReason::Resolved => "Problem solved",
        WithdrawalReason::Mistaken => "Filed by mistake",
        WithdrawalReason::Other => "Other",
    }
}

fn reason_hint(reason: WithdrawalReason) -> &'static str {
    match reason {
        WithdrawalReason::Resolved => "Settled with the seller",
        WithdrawalReason::Mistaken => "A mistake or a misunderstanding",
        WithdrawalReason::Other => "Say why in a note",
    }
}

fn agent_waiting(waited_ms: i64, (_, to): ResponseHours) -> String {
    let (hours, minutes, _) = split_duration(waited_ms);
    let waited = match hours {
        0 => format!("{minutes} min"),
        h => format!("{h} h {minutes} min"),
    };
    // The shopper is told the usual range; the agent sees when the answer is due.
    format!("Waiting {waited} · answer due within {to} h")
}

fn request_kind(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::AssistedWithdrawal => "Withdrawal",
        RequestKind::ArbitrationNote => "Arbitration note",
        RequestKind::PressureReport => "Pressure report",
    }
}

fn shop_counts(reports: u32, open: u32, withdrawn: u32) -> String {
    format!("{reports} reports · {open} open · {withdrawn} withdrawn after one")
}

fn remedy(remedy: Remedy) -> &'static str {
    match remedy {
        Remedy::Arrived => "Yes",
        Remedy::NotYet => "Not yet",
        Remedy::NotApplicable => "Neither involved",
    }
}

fn conversation_intro((from, to): ResponseHours) -> String {
    format!("Customer service usually answers within {from}–{to} hours.")
}

fn conversation_attached(order: &str, complaint: &str) -> String {
    format!("Attached, no need to send them: order no. {order} · complaint no. {complaint}")
}

fn pictures_hint(count: usize, megabytes: usize) -> String {
    format!("Up to {count}, {megabytes} MB each")
}

fn arbitration_note(kind: ArbitrationNoteKind) -> &'static str {
    match kind {
        ArbitrationNoteKind::Settled => "Told customer service: settled with the seller",
        ArbitrationNoteKind::Appeal => "Appeal against the arbitration",
    }
}

fn arbitration_hint(kind: ArbitrationNoteKind) -> &'static str {
    match kind {
        ArbitrationNoteKind::Settled => "You agreed with the seller and want the arbitration ended",
        ArbitrationNoteKind::Appeal => "You disagree with the arbitration: say why",
    }
}

fn pressure_kind(kind: PressureKind) -> &'static str {
    match kind {
        PressureKind::DemandedWithdrawal => "Demanded a withdrawal",
        PressureKind::ConditionalRefund => "Refund or compensation only if withdrawn",
        PressureKind::Harassment => "Repeated calls or messages",
        PressureKind::Threat => "Threats or abuse",
        PressureKind::Other => "Something else",
    }
}

fn pressure_report(kind: Option<PressureKind>) -> String {
    match kind {
        Some(kind) => format!("Seller pressure reported · {}", pressure_kind(kind)),
        None => "Seller pressure reported".to_owned(),
    }
}

fn handled(handled: bool) -> &'static str {
    if handled {
        "Handled by customer service"
    } else {
        "With customer service"
    }
}

fn unread(count: u32) -> String {
    match count {
        1 => "1 new answer".to_owned(),
        n => format!("{n} new answers"),
    }
}

fn kind(kind: ComplaintKind) -> &'static str {
    match kind {
        ComplaintKind::NotAsDescribed => "Not as described",
        ComplaintKind::Logistics => "Delivery problem",
        ComplaintKind::Service => "Poor service",
        ComplaintKind::Quality => "Quality issue",
        ComplaintKind::Other => "Other",
    }
}

fn window_remaining(ms: i64) -> String {
    match split_duration(ms) {
        (0, 0, s) => format!("{s} s left"),
        (0, m, s) => format!("{m} min {s} s left"),
        (h, 0, _) => format!("{h} h left"),
        (h, m, _) => format!("{h} h {m} min left"),
    }
}

fn ring_left(ms: i64) -> (i64, &'static str) {
    match split_duration(ms) {
        (0, 0, s) => (s, "s"),
        (0, m, _) => (m, "min"),
        (h, _, _) => (h, "h"),
    }
}

fn picture_caption(since: i64, left: i64) -> String {
    format!("Example: {since} hours after filing, {left} hours are left to withdraw it yourself.")
}

fn blocked_short(blocked: &Blocked) -> &'static str {
    match blocked {
        Blocked::NotOwner => "Not your complaint",
        Blocked::NotVerified => "Verify your real name first",
        Blocked::AlreadyWithdrawn => "Withdrawn",
        Blocked::InArbitration => "In arbitration: cannot be withdrawn",
        Blocked::Finished {
            status: ComplaintStatus::Closed,
        } => "Closed",
        Blocked::Finished { .. } => "Resolved",
        Blocked::WindowExpired { .. } => "Self-service time limit passed",
    }
}

fn date_time(at: UtcMillis) -> String {
    format_date(Locale::En, DateStyle::Full, at)
}

fn date_short(at: UtcMillis) -> String {
    format_date(Locale::En, DateStyle::Short, at)
}

fn date_day(at: UtcMillis) -> String {
    format_date(Locale::En, DateStyle::Day, at)
}

fn real_name(real_name: RealName) -> &'static str {
    match real_name {
        RealName::Verified => "Real name verified",
        RealName::Unverified => "Real name not verified",
    }
}

fn state_open(urgency: Urgency, deadline: &str) -> String {
    let deadline = unbroken(deadline);
    match urgency {
        Urgency::Normal => format!("Withdraw by {deadline}"),
        Urgency::Warning => format!("Ending soon: withdraw by {deadline}"),
        Urgency::Critical => format!("Last minutes: withdraw by {deadline}"),
    }
}

fn what_next(status: ComplaintStatus) -> &'static str {
    match status {
        ComplaintStatus::Pending => {
            "Waiting for the seller. If they cannot solve it, the platform steps in."
        }
        ComplaintStatus::Processing => {
            "The platform is dealing with it; the outcome will show here."
        }
        ComplaintStatus::Arbitration => "The platform is arbitrating; its decision will show here.",
        _ => "",
    }
}

fn state_ended(status: ComplaintStatus, ending: Option<Ending>) -> String {
    let word = match (status, ending.and_then(|ending| ending.withdrawn_by)) {
        (ComplaintStatus::Withdrawn, Some(WithdrawnBy::AgentOnBehalf)) => {
            "Withdrawn for you by customer service"
        }
        (ComplaintStatus::Withdrawn, _) => "Withdrawn",
        (ComplaintStatus::Closed, _) => "Closed",
        _ => "Resolved",
    };
    match ending {
        Some(ending) => format!("{word} · {}", unbroken(&date_short(ending.at))),
        None => word.to_owned(),
    }
}

fn detail_ended(status: ComplaintStatus, ending: Option<Ending>) -> String {
    match (status, ending.and_then(|ending| ending.withdrawn_by)) {
        (ComplaintStatus::Withdrawn, Some(WithdrawnBy::AgentOnBehalf)) => "Customer service checked and withdrew this complaint for you. Your credit and the seller's rating are not affected; if the problem comes back, you can complain about the order again.".to_owned(),
        (ComplaintStatus::Withdrawn, _) => "This complaint is withdrawn. Your credit and the seller's rating are not affected; if the problem comes back, you can complain about the order again.".to_owned(),
        (ComplaintStatus::Closed, _) => "This complaint is closed. If the problem is not solved, you can complain about the order again.".to_owned(),
        _ => "The platform has dealt with it. If the problem comes back, you can complain about the order again.".to_owned(),
    }
}

fn state_verify_first(deadline: &str) -> String {
    let deadline = unbroken(deadline);
    format!("Verify your real name to withdraw it by {deadline}")
}

fn action(action: StateAction) -> &'static str {
    match action {
        StateAction::Withdraw => "Withdraw",
        StateAction::VerifyRealName => "Verify real name",
        StateAction::RequestAssistance => "Ask customer service",
        StateAction::ContactService => "Contact customer service",
        StateAction::ViewReceipt => "View receipt",
        StateAction::FileAgain => "File again",
        StateAction::Reload => "Reload",
        StateAction::None => "",
    }
}

fn list_view(view: ListView) -> &'static str {
    match view {
        ListView::All => "All",
        ListView::Group(ComplaintGroup::Withdrawable) => "Withdrawable",
        ListView::Group(ComplaintGroup::Open) => "Open",
        ListView::Group(ComplaintGroup::Ended) => "Finished",
        ListView::Status(status) => self::status(status),
    }
}

fn empty_title(view: ListView) -> String {
    match view {
        ListView::All => "No complaints yet".to_owned(),
        ListView::Group(ComplaintGroup::Withdrawable) => {
            "Nothing you can withdraw yourself".to_owned()
        }
        other => format!("No complaints: {}", list_view(other)),
    }
}

fn status_explanation(status: ComplaintStatus) -> &'static str {
    match status {
        ComplaintStatus::Pending => {
            "Waiting for the platform; yours to withdraw within the time limit"
        }
        ComplaintStatus::Processing => {
            "Being handled; still yours to withdraw within the time limit"
        }
        ComplaintStatus::Arbitration => {
            "The platform arbitrates: it cannot be withdrawn; a settlement or an appeal goes to customer service"
        }
        ComplaintStatus::Resolved => "The platform has finished handling it",
        ComplaintStatus::Closed => "Closed; if the problem remains, complain again",
        ComplaintStatus::Withdrawn => "Withdrawn; you can complain about the same order again",
    }
}

fn window_body(hours: i64) -> String {
    format!("You can withdraw a complaint yourself within {hours} hours of filing it. The platform's server clock decides, to the second; after that, customer service can withdraw it for you.")
}

fn window_title(ms: i64) -> String {
    format!("{}-hour self-service period", ms / HOUR_MS)
}

fn window_passed(percent: WindowPassed) -> String {
    format!("{percent}% of the self-service period has passed")
}

fn example_now(since_filing: i64) -> String {
    match since_filing / HOUR_MS {
        1 => "Example: 1 hour after filing".to_owned(),
        hours => format!("Example: {hours} hours after filing"),
    }
}

fn window_end(ms: i64) -> String {
    format!("{} hours later", ms / HOUR_MS)
}

fn note_rule(max: usize, min_for_other: usize) -> String {
    format!("The note takes up to {max} characters; with \"Other\" it is required, at least {min_for_other}.")
}

fn assistance_body((from, to): ResponseHours) -> String {
    format!("After the time limit, or if withdrawing yourself does not work, ask customer service to withdraw it for you: the order number is filled in, an agent checks and withdraws it on your behalf, usually within {from}–{to} hours.")
}

fn error(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::NotOwner | ErrorCode::NotFound => "Not found.",
        ErrorCode::NotVerified => "Your account's real name is not verified, so you cannot withdraw it yourself.",
        ErrorCode::AlreadyWithdrawn => "This complaint has already been withdrawn.",
        ErrorCode::InArbitration => "The complaint is in platform arbitration: it cannot be withdrawn; tell customer service of a settlement or an appeal.",
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
        ErrorCode::PressureNoteTooShort => "The note is too short.",
        ErrorCode::PressureNoteTooLong => "The note is too long.",
        ErrorCode::PressureNoteInvalidCharacter => "The note contains a character that is not allowed.",
        ErrorCode::MessageEmpty => "Write a message or add a picture.",
        ErrorCode::MessageTooLong => "The message is too long.",
        ErrorCode::MessageInvalidCharacter => "The message contains a character that is not allowed.",
        ErrorCode::ArbitrationNoteTooShort => "Say why you appeal.",
        ErrorCode::ArbitrationNoteTooLong => "The note is too long.",
        ErrorCode::ArbitrationNoteInvalidCharacter => "The note contains a character that is not allowed.",
        ErrorCode::RemedyRequired => "First answer: has the refund or replacement the seller promised arrived?",
        ErrorCode::RiskNotAccepted => "The refund or replacement has not arrived: confirm you still withdraw.",
        ErrorCode::NotInArbitration => "This complaint is not in arbitration.",
        ErrorCode::ImageTypeUnsupported => "Only JPEG, PNG or WebP pictures can be added.",
        ErrorCode::ImageUnreadable => "The picture is damaged or incomplete: choose another.",
        ErrorCode::ImageTooLarge => "The picture file is too large: choose a smaller one.",
        ErrorCode::ImageTooManyPixels => "The picture's resolution is too high: choose another or make it smaller.",
        ErrorCode::TooManyImages => "This message has as many pictures as it can carry: send the others in another.",
        ErrorCode::ImageNotFound => "The picture is no longer available: add it again.",
        ErrorCode::ArbitrationNoteAlreadyHandled => "This note was already handled.",
        ErrorCode::PressureReportAlreadyHandled => "This report has already been looked into.",
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
    format!("Nothing matches \"{q}\"")
}

fn detail_assistance_rejected(reason: &str) -> String {
    let reason = reason.trim_end_matches(['。', '.', '！', '!']);
    format!("Not approved by customer service: {reason}. Tell them more in the conversation, or ask again with evidence.")
}

fn detail_assistance_pending((from, to): ResponseHours) -> String {
    format!("Your request is with customer service. They usually answer within {from}–{to} hours; the outcome appears here.")
}

fn blocked(blocked: &Blocked) -> String {
    match blocked {
        Blocked::NotOwner => "This is not your complaint.".to_owned(),
        Blocked::NotVerified => {
            "Your account's real name is not verified, so you cannot withdraw it yourself."
                .to_owned()
        }
        Blocked::AlreadyWithdrawn => {
            "This complaint has been withdrawn. If the problem comes back, you can complain about the order again."
                .to_owned()
        }
        Blocked::InArbitration => {
            "The complaint is in platform arbitration and cannot be withdrawn. If you have settled with the seller, or disagree with the arbitration, tell customer service."
                .to_owned()
        }
        Blocked::Finished {
            status: ComplaintStatus::Closed,
        } => "The complaint is closed and cannot be withdrawn. If the problem is not solved, you can complain about the order again.".to_owned(),
        Blocked::Finished { .. } => "The complaint is resolved and cannot be withdrawn. If the problem comes back, you can complain about the order again.".to_owned(),
        Blocked::WindowExpired { deadline } => {
            format!(
                "Self-service withdrawal closed on {}. Customer service can check and withdraw it for you.",
                date_short(*deadline)
            )
        }
    }
}

fn why_not(refused: &Blocked, (from, to): ResponseHours) -> String {
    match refused {
        Blocked::InArbitration => {
            "The platform has taken it over. If you have settled with the seller, or disagree with the arbitration, tell customer service."
                .to_owned()
        }
        Blocked::WindowExpired { deadline } => format!(
            "Self-service withdrawal closed on {}. Customer service can check and withdraw it for you; they usually answer within {from}–{to} hours.",
            date_short(*deadline)
        ),
        other => blocked(other),
    }
}

fn event(event: &TimelineEventKind) -> String {
    match event {
        TimelineEventKind::Filed => "Complaint filed".to_owned(),
        TimelineEventKind::StatusChanged { to, .. } => match to {
            ComplaintStatus::Processing => "The platform started handling it".to_owned(),
            ComplaintStatus::Arbitration => "Taken into platform arbitration".to_owned(),
            ComplaintStatus::Resolved => "Resolved".to_owned(),
            ComplaintStatus::Closed => "Closed".to_owned(),
            other => format!("Now {}", status(*other)),
        },
        TimelineEventKind::Withdrawn {
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
                "Asked customer service to withdraw it (self-service did not work)".to_owned()
            }
        },
        TimelineEventKind::AssistanceRejected { reason } => {
            format!("Customer service declined the request: {reason}")
        }
        TimelineEventKind::PressureReported => {
            "The complainant reported pressure from the seller".to_owned()
        }
        TimelineEventKind::PressureHandled => {
            "Customer service looked into the pressure report".to_owned()
        }
        TimelineEventKind::CustomerServiceContacted => {
            "The complainant contacted customer service".to_owned()
        }
        TimelineEventKind::ArbitrationNoteSent { kind } => match kind {
            ArbitrationNoteKind::Settled => {
                "The complainant told customer service it is settled with the seller".to_owned()
            }
            ArbitrationNoteKind::Appeal => {
                "The complainant appealed against the arbitration".to_owned()
            }
        },
        TimelineEventKind::ArbitrationNoteHandled => {
            "Customer service handled the note on the arbitration".to_owned()
        }
    }
}

fn event_actor(name: &str, role: Role) -> String {
    match role {
        Role::Agent => format!("Customer service ({name})"),
        Role::Shopper => name.to_owned(),
    }
}

fn assistance_status(status: AssistanceStatus) -> &'static str {
    match status {
        AssistanceStatus::Pending => "With customer service",
        AssistanceStatus::Approved => "Approved: customer service withdrew it for you",
        AssistanceStatus::Rejected => "Declined",
    }
}

fn pressure_status(open: bool) -> &'static str {
    if open {
        "Being looked into"
    } else {
        "Looked into by customer service"
    }
}

fn text_error(error: &TextError) -> String {
    match error.problem {
        TextProblem::TooShort { min, actual: 0 } => {
            format!("Please write at least {min} characters.")
        }
        TextProblem::TooShort { min, actual } => {
            format!("At least {min} characters are needed; there are {actual}.")
        }
        TextProblem::TooLong { max, actual } => {
            format!("At most {max} characters; there are {actual}.")
        }
        TextProblem::InvalidCharacter { position } => format!(
            "Character {} is a control character that is not allowed; please remove it.",
            position + 1
        ),
    }
}

fn changed_to(status: &str) -> String {
    format!("It is now \"{status}\".")
}

fn warn_minutes(left_ms: i64, deadline: &str) -> String {
    let minutes = left_ms / MINUTE_MS;
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Less than {minutes} {unit} until the time limit ({deadline}): send it soon.")
}

fn by_whom(by: WithdrawnBy, name: &str) -> String {
    match by {
        WithdrawnBy::Owner => format!("You ({name})"),
        WithdrawnBy::AgentOnBehalf => format!("Customer service ({name}), on your behalf"),
    }
}

fn assistance_intro((from, to): ResponseHours) -> String {
    format!("After the time limit, or if withdrawing yourself does not work, customer service can check and withdraw it for you. They usually answer within {from}–{to} hours.")
}

fn assistance_blocked(blocked: &AssistanceBlocked) -> String {
    match blocked {
        AssistanceBlocked::Withdrawal(inner) => self::blocked(inner),
        AssistanceBlocked::WindowStillOpen { deadline } => format!(
            "You are still within the self-service time limit (until {}): you can withdraw it yourself.",
            date_short(*deadline)
        ),
        AssistanceBlocked::AssistanceAlreadyRequested => {
            "You have already asked customer service; please wait for their answer.".to_owned()
        }
    }
}

fn response_time((from, to): ResponseHours) -> String {
    format!("Customer service usually answers within {from}–{to} hours; the answer appears here and on the complaint.")
}

fn platform_move(platform_move: PlatformMove) -> &'static str {
    match platform_move {
        PlatformMove::StartProcessing => "Start processing",
        PlatformMove::EscalateToArbitration => "Escalate to arbitration",
        PlatformMove::Resolve => "Resolve",
        PlatformMove::Close => "Close",
    }
}

fn move_confirm_title(platform_move: PlatformMove) -> &'static str {
    match platform_move {
        PlatformMove::Resolve => "Resolve this complaint?",
        PlatformMove::Close => "Close this complaint?",
        PlatformMove::StartProcessing => "Start processing?",
        PlatformMove::EscalateToArbitration => "Escalate to arbitration?",
    }
}

fn account_kind(role: Role, real_name: RealName) -> &'static str {
    match (role, real_name) {
        (Role::Agent, _) => "Customer service",
        (Role::Shopper, RealName::Verified) => "Shopper · real name verified",
        (Role::Shopper, RealName::Unverified) => "Shopper · real name not verified",
    }
}

fn order_history(count: usize) -> String {
    match count {
        1 => "1 earlier complaint".to_owned(),
        _ => format!("{count} earlier complaints"),
    }
}

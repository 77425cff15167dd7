use super::{local_date_time, split_duration, HelpTexts, Texts};
use complaint_rules::{Blocked, ComplaintKind, ComplaintStatus, RevokeReason, UtcMillis};

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

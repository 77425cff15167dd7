use super::{local_date_time, split_duration, HelpTexts, Texts};
use complaint_rules::{Blocked, ComplaintKind, ComplaintStatus, RevokeReason, UtcMillis};

pub const TEXTS: Texts = Texts {
    language_name: "中文",
    app_name: "投诉管理",
    nav_complaints: "我的投诉",
    nav_orders: "已买到的宝贝",
    nav_help: "撤销规则",
    nav_agent: "客服工作台",
    nav_label: "主导航",
    switch_language: "语言",
    not_found_title: "页面不存在",
    not_found_body: "您访问的页面不存在或已移动。",
    back_home: "返回我的投诉",

    status,
    reason,
    reason_hint,
    kind,
    window_remaining,
    blocked_short,
    date_time,

    help: HelpTexts {
        title: "撤销投诉规则",
        intro: "撤销投诉是您的自主选择，任何人（包括卖家）都无权要求您撤销。以下是撤销的规则和注意事项。",
        who_title: "谁可以撤销",
        who_body: "只有投诉人本人可以撤销，且账户须已完成实名认证。",
        statuses_title: "哪些状态可以撤销",
        statuses_withdrawable: "可以自助撤销",
        statuses_not_withdrawable: "不能撤销",
        status_explanation,
        window_title: "时间限制",
        window_body,
        reasons_title: "撤销原因",
        note_rule,
        assistance_title: "超过时限怎么办",
        assistance_body,
        arbitration_title: "平台仲裁中",
        arbitration_body: "投诉进入平台仲裁后不能撤销，也不能申请客服协助撤销，只能通过客服申诉。",
        before_title: "撤销前请确认",
        before_items: &[
            "卖家承诺的退款已到账，或换货已收到。",
            "撤销出于您的自愿。任何卖家都不得要求、诱导或胁迫您撤销投诉；如遇此情况，请举报，不要撤销。",
            "撤销后不可恢复。",
        ],
        after_title: "撤销之后",
        after_items: &[
            "投诉记录会保留，标记为“已撤销”，包括撤销时间、原因和说明。",
            "订单恢复正常状态。",
            "撤销不影响您的信用，也不影响卖家的评分。",
            "如问题再次出现，您可以对同一订单重新发起投诉。",
        ],
        policy_version,
    },
};

fn status(status: ComplaintStatus) -> &'static str {
    match status {
        ComplaintStatus::Pending => "待处理",
        ComplaintStatus::Processing => "处理中",
        ComplaintStatus::Arbitration => "平台仲裁中",
        ComplaintStatus::Resolved => "已完结",
        ComplaintStatus::Closed => "已关闭",
        ComplaintStatus::Revoked => "已撤销",
    }
}

fn reason(reason: RevokeReason) -> &'static str {
    match reason {
        RevokeReason::Resolved => "问题已解决",
        RevokeReason::Mistaken => "误操作",
        RevokeReason::Other => "其他",
    }
}

fn reason_hint(reason: RevokeReason) -> &'static str {
    match reason {
        RevokeReason::Resolved => "已与卖家协商解决，例如已收到退款或换货。",
        RevokeReason::Mistaken => "投诉是误操作或误解造成的。",
        RevokeReason::Other => "其他原因，需填写简要说明。",
    }
}

fn kind(kind: ComplaintKind) -> &'static str {
    match kind {
        ComplaintKind::NotAsDescribed => "商品描述不符",
        ComplaintKind::Logistics => "物流问题",
        ComplaintKind::Service => "服务态度差",
        ComplaintKind::Quality => "质量问题",
        ComplaintKind::Other => "其他",
    }
}

fn window_remaining(ms: i64) -> String {
    match split_duration(ms) {
        (0, 0, s) => format!("剩余 {s}秒"),
        (0, m, s) => format!("剩余 {m}分{s}秒"),
        (h, m, _) => format!("剩余 {h}小时{m}分"),
    }
}

fn blocked_short(blocked: &Blocked) -> &'static str {
    match blocked {
        Blocked::NotOwner => "非本人投诉",
        Blocked::NotVerified => "需先完成实名认证",
        Blocked::AlreadyRevoked => "已撤销",
        Blocked::InArbitration => "平台仲裁中，不可撤销",
        Blocked::Finished {
            status: ComplaintStatus::Closed,
        } => "已关闭，不可撤销",
        Blocked::Finished { .. } => "已完结，不可撤销",
        Blocked::WindowExpired { .. } => "已超过自助撤销时限",
    }
}

fn date_time(at: UtcMillis) -> String {
    let (year, month, day, hour, minute) = local_date_time(at);
    format!("{year}年{month}月{day}日 {hour:02}:{minute:02}")
}

fn status_explanation(status: ComplaintStatus) -> &'static str {
    match status {
        ComplaintStatus::Pending | ComplaintStatus::Processing => "在自助撤销时限内可以撤销",
        ComplaintStatus::Arbitration => "平台已介入，只能通过客服申诉",
        ComplaintStatus::Resolved | ComplaintStatus::Closed => "投诉已结束",
        ComplaintStatus::Revoked => "已经撤销过",
    }
}

fn window_body(hours: i64) -> String {
    format!("投诉提交后{hours}小时内可以自助撤销。时间以平台服务器时间为准，到点即止。")
}

fn note_rule(max: usize, min_for_other: usize) -> String {
    format!("简要说明最多{max}字；选择“其他”时必须填写，至少{min_for_other}字。")
}

fn assistance_body(from: u8, to: u8) -> String {
    format!("超过自助撤销时限，或自助撤销失败时，可以申请客服协助撤销：订单号会自动填好，客服核实后代为撤销，通常{from}–{to}小时内回复。")
}

fn policy_version(version: u32) -> String {
    format!("规则版本 {version}")
}

use super::*;

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

    common: CommonTexts {
        loading: "加载中…",
        sending: "提交中…",
        retry: "重试",
        cancel: "取消",
        error_title: "出错了",
        network_error: "网络连接失败，请检查网络后重试。",
        unreadable_error: "服务器返回了无法识别的内容，请稍后重试。",
        error,
        update_available: "有新版本可用：平台规则已更新，请重新加载后再操作。",
        reload: "重新加载",
        sign_out: "退出",
        skip_to_content: "跳到主要内容",
        required: "（必填）",
        optional: "（选填）",
    },
    list: ListTexts {
        title: "投诉管理",
        search_label: "按投诉编号或订单号搜索",
        search_placeholder: "投诉编号 / 订单号",
        search_button: "搜索",
        tabs_label: "按状态筛选",
        tab_all: "全部",
        complaint_number: "投诉编号",
        order_number: "订单号",
        empty: "这里还没有投诉。",
        empty_search,
        go_orders: "查看已买到的宝贝",
        load_more: "加载更多",
    },
    detail: DetailTexts {
        back_to_complaint: "返回投诉详情",
        back_to_list: "返回我的投诉",
        kind: "投诉类型",
        filed_at: "提交时间",
        description: "问题描述",
        eligibility_title: "可以做什么",
        eligible: "您可以自助撤销这条投诉。",
        deadline,
        withdraw: "撤销投诉",
        blocked,
        next_step,
        assistance_pending: "您的客服协助撤销申请正在处理中，客服通常1–2小时内回复。",
        request_assistance: "申请客服协助撤销",
        file_again: "对该订单重新投诉",
        view_receipt: "查看撤销凭证",
        timeline_title: "处理记录",
        event,
        event_actor,
        assistance_title: "客服协助撤销申请",
        assistance_status,
        rejection_reason: "驳回原因：",
    },
    withdraw: WithdrawTexts {
        title: "撤销投诉",
        locked: "现在不能撤销这条投诉",
        reason_label: "撤销原因",
        reason_missing: "请选择撤销原因。",
        note_label: "简要说明",
        text_error,
        safeguards_title: "撤销前请确认",
        remedy_question: "卖家承诺的退款或换货到了吗？",
        remedy_arrived: "已到账 / 已收到",
        remedy_not_yet: "还没有",
        remedy_not_applicable: "不涉及退款或换货",
        remedy_warning: "建议等退款到账或收到换货后再撤销。撤销后投诉不可恢复；如果卖家没有兑现承诺，您只能重新投诉。",
        pressure_question: "撤销是您自己的决定吗？",
        pressure_none: "是，我自愿撤销",
        pressure_yes: "卖家要求、诱导或施压让我撤销",
        pressure_warning: "任何卖家都无权要求您撤销投诉。建议保留投诉：客服处理投诉时会一并核实卖家的施压行为。",
        keep_complaint: "保留投诉",
        accept_risk: "我已了解以上情况，仍然自愿撤销",
        answer_required: "请回答这个问题。",
        consequences_title: "撤销后",
        consequences: &[
            "撤销不可恢复。",
            "投诉记录会保留，标记为“已撤销”。",
            "不影响您的信用，也不影响卖家的评分。",
            "订单恢复正常；问题再次出现时，可以对该订单重新投诉。",
        ],
        submit: "撤销投诉",
        confirm_title: "确认撤销这条投诉？",
        confirm_body: "撤销后不可恢复。请核对以下信息：",
        confirm: "确认撤销",
        changed_to,
        retry_hint: "您的撤销申请可能没有送达。再次提交是安全的：同一申请不会被重复处理。",
    },
    receipt: ReceiptTexts {
        done: "撤销成功。",
        title: "撤销凭证",
        reference: "撤销编号",
        revoked_at: "撤销时间",
        by: "操作人",
        by_whom,
        print: "打印 / 保存凭证",
    },
    assistance: AssistanceTexts {
        title: "申请客服协助撤销",
        intro: assistance_intro,
        blocked: assistance_blocked,
        submit: "提交申请",
        sent: "申请已提交。",
        response_time,
    },
    orders: OrderTexts {
        title: "已买到的宝贝",
        view_complaint: "查看投诉",
        file: "投诉卖家",
        history: "以往投诉",
    },
    file: FileTexts {
        title: "发起投诉",
        kind_label: "投诉类型",
        kind_missing: "请选择投诉类型。",
        description_label: "问题描述",
        submit: "提交投诉",
    },
    agent: AgentTexts {
        queue_title: "待处理的协助撤销申请",
        queue_empty: "暂无待处理的申请。",
        approve: "核实通过，代为撤销",
        reject: "驳回",
        rejection_label: "驳回原因",
        reject_confirm: "确认驳回",
        moves_title: "投诉处理",
        platform_move,
    },
    sign_in: SignInTexts {
        title: "登录",
        demo_notice: "演示环境：请选择一个演示账号登录（无需密码）。",
        account_kind,
    },
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

fn error(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::NotOwner | ErrorCode::NotFound => "没有找到这条记录。",
        ErrorCode::NotVerified => "您的账户尚未完成实名认证，不能自助撤销。",
        ErrorCode::AlreadyRevoked => "这条投诉已经撤销。",
        ErrorCode::InArbitration => "投诉已进入平台仲裁，不能撤销，只能通过客服申诉。",
        ErrorCode::Finished => "投诉已结束，不能撤销。",
        ErrorCode::WindowExpired => "已超过自助撤销时限，可以申请客服协助撤销。",
        ErrorCode::NoteTooShort => "说明太短。",
        ErrorCode::NoteTooLong => "说明太长。",
        ErrorCode::NoteInvalidCharacter => "说明中包含不允许的字符。",
        ErrorCode::DescriptionTooShort => "问题描述太短。",
        ErrorCode::DescriptionTooLong => "问题描述太长。",
        ErrorCode::DescriptionInvalidCharacter => "问题描述中包含不允许的字符。",
        ErrorCode::RejectionReasonTooShort => "驳回原因太短。",
        ErrorCode::RejectionReasonTooLong => "驳回原因太长。",
        ErrorCode::RejectionReasonInvalidCharacter => "驳回原因中包含不允许的字符。",
        ErrorCode::PressureNoteTooShort => "举报说明太短。",
        ErrorCode::PressureNoteTooLong => "举报说明太长。",
        ErrorCode::PressureNoteInvalidCharacter => "举报说明中包含不允许的字符。",
        ErrorCode::PressureReportAlreadyHandled => "这条举报已经处理过了。",
        ErrorCode::OrderNotFound => "没有找到这个订单。",
        ErrorCode::ComplaintAlreadyOpen => "该订单已有进行中的投诉，请先查看该投诉。",
        ErrorCode::WindowStillOpen => "仍在自助撤销时限内，您可以直接自助撤销。",
        ErrorCode::AssistanceAlreadyRequested => "您已提交过协助撤销申请，请等待客服处理。",
        ErrorCode::AssistanceAlreadyDecided => "这个申请已经处理过了。",
        ErrorCode::InvalidTransition => "当前状态不能进行这个操作。",
        ErrorCode::Conflict => "投诉刚刚发生了变化，请查看最新状态。",
        ErrorCode::Unauthenticated => "登录已失效，请重新登录。",
        ErrorCode::Forbidden => "您没有权限进行这个操作。",
        ErrorCode::InvalidRequest => "请求格式有误，请刷新页面后重试。",
        ErrorCode::PayloadTooLarge => "提交的内容过大。",
        ErrorCode::RateLimited => "操作太频繁，请稍后再试。",
        ErrorCode::IdempotencyKeyReused => "请求重复，请刷新页面后重试。",
        ErrorCode::Internal | ErrorCode::Unknown => "服务暂时不可用，请稍后重试。",
    }
}

fn empty_search(q: &str) -> String {
    format!("没有找到与“{q}”相关的投诉。")
}

fn deadline(at: &str) -> String {
    format!("截止时间 {at}")
}

fn blocked(blocked: &Blocked) -> String {
    match blocked {
        Blocked::NotOwner => "这不是您的投诉。".to_owned(),
        Blocked::NotVerified => "您的账户尚未完成实名认证，不能自助撤销。".to_owned(),
        Blocked::AlreadyRevoked => "这条投诉已经撤销。".to_owned(),
        Blocked::InArbitration => "投诉已进入平台仲裁，不能撤销。".to_owned(),
        Blocked::Finished {
            status: ComplaintStatus::Closed,
        } => "投诉已关闭，不能撤销。".to_owned(),
        Blocked::Finished { .. } => "投诉已完结，不能撤销。".to_owned(),
        Blocked::WindowExpired { deadline } => {
            format!("自助撤销时限已于 {} 结束。", date_time(*deadline))
        }
    }
}

fn next_step(step: NextStep) -> &'static str {
    match step {
        NextStep::Nothing => "",
        NextStep::VerifyRealName => "请先完成实名认证；也可以申请客服协助撤销。",
        NextStep::RequestAssistance => "您可以申请客服协助撤销，客服核实后代为撤销。",
        NextStep::AppealToCustomerService => "如有异议，请通过客服申诉。",
        NextStep::FileNewComplaint => "如果问题再次出现，可以对该订单重新投诉。",
    }
}

fn event(event: &TimelineEventKind) -> String {
    match event {
        TimelineEventKind::Filed => "提交投诉".to_owned(),
        TimelineEventKind::StatusChanged { to, .. } => format!("状态变为“{}”", status(*to)),
        TimelineEventKind::Revoked {
            reason: why,
            note,
            by,
        } => {
            let who = match by {
                WithdrawnBy::Owner => "投诉人撤销了投诉",
                WithdrawnBy::AgentOnBehalf => "客服代投诉人撤销了投诉",
            };
            if note.is_empty() {
                format!("{who}（{}）", reason(*why))
            } else {
                format!("{who}（{}）：{note}", reason(*why))
            }
        }
        TimelineEventKind::AssistanceRequested { ground } => match ground {
            AssistanceGround::WindowExpired => "申请客服协助撤销（已超过自助撤销时限）".to_owned(),
            AssistanceGround::SelfServiceFailed => "申请客服协助撤销（自助撤销未成功）".to_owned(),
        },
        TimelineEventKind::AssistanceRejected { reason } => {
            format!("客服驳回了协助撤销申请：{reason}")
        }
        TimelineEventKind::PressureReported => "举报商家施压撤销投诉".to_owned(),
        TimelineEventKind::PressureHandled => "客服已处理施压举报".to_owned(),
    }
}

fn event_actor(name: &str, role: Role) -> String {
    match role {
        Role::Agent => format!("客服 {name}"),
        Role::Shopper => name.to_owned(),
    }
}

fn assistance_status(status: AssistanceStatus) -> &'static str {
    match status {
        AssistanceStatus::Pending => "处理中",
        AssistanceStatus::Approved => "已通过，客服已代为撤销",
        AssistanceStatus::Rejected => "已驳回",
    }
}

fn text_error(error: &TextError) -> String {
    match error.problem {
        TextProblem::TooShort { min, actual: 0 } => format!("请填写，至少{min}个字。"),
        TextProblem::TooShort { min, actual } => format!("至少需要{min}个字，现在是{actual}个。"),
        TextProblem::TooLong { max, actual } => format!("最多{max}个字，现在是{actual}个。"),
        TextProblem::InvalidCharacter { position } => {
            format!("第{}个字符是不允许的控制字符，请删除。", position + 1)
        }
    }
}

fn changed_to(status: &str) -> String {
    format!("投诉现在的状态是“{status}”。")
}

fn by_whom(by: WithdrawnBy, name: &str) -> String {
    match by {
        WithdrawnBy::Owner => format!("{name}（本人）"),
        WithdrawnBy::AgentOnBehalf => format!("客服 {name}（代您撤销）"),
    }
}

fn assistance_intro(from: u8, to: u8) -> String {
    format!("超过自助撤销时限，或自助撤销没有成功时，客服可以核实后代您撤销。通常{from}–{to}小时内回复。")
}

fn assistance_blocked(blocked: &AssistanceBlocked) -> String {
    match blocked {
        AssistanceBlocked::Withdrawal(inner) => self::blocked(inner),
        AssistanceBlocked::WindowStillOpen { deadline } => {
            format!(
                "仍在自助撤销时限内（截止 {}），您可以直接自助撤销。",
                date_time(*deadline)
            )
        }
        AssistanceBlocked::AssistanceAlreadyRequested => {
            "您已提交过协助撤销申请，请等待客服处理。".to_owned()
        }
    }
}

fn response_time(from: u8, to: u8) -> String {
    format!("客服通常{from}–{to}小时内处理，结果会显示在投诉详情中。")
}

fn platform_move(platform_move: PlatformMove) -> &'static str {
    match platform_move {
        PlatformMove::StartProcessing => "开始处理",
        PlatformMove::EscalateToArbitration => "转平台仲裁",
        PlatformMove::Resolve => "完结",
        PlatformMove::Close => "关闭",
    }
}

fn account_kind(role: Role, real_name: RealName) -> &'static str {
    match (role, real_name) {
        (Role::Agent, _) => "客服",
        (Role::Shopper, RealName::Verified) => "买家 · 已实名认证",
        (Role::Shopper, RealName::Unverified) => "买家 · 未实名认证",
    }
}

use super::*;
use complaint_rules::time::{HOUR_MS, MINUTE_MS};

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
    complaint_not_found_title: "找不到这条投诉",
    complaint_not_found_body: "链接可能有误，或这条投诉不属于当前登录的账号。",
    back_home: "返回我的投诉",

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
        loading: "加载中…",
        sending: "提交中…",
        retry: "重试",
        cancel: "取消",
        error_title: "出错了",
        network_error: "网络连接失败，请检查网络后重试。",
        unreadable_error: "服务器返回了无法识别的内容，请稍后重试。",
        error,
        update_available: "平台规则已更新，请重新加载页面后再操作。",
        rules_outdated: "平台规则已更新，请重新加载后再操作。",
        reload: "重新加载",
        sign_out: "退出登录",
        skip_to_content: "跳到主要内容",
        back: "返回",
        required: "必填",
        optional: "选填",
        copy: "复制",
        copied: "已复制",
        close: "关闭",
        offline: "网络已断开。恢复后点“重试”即可，不会重复提交。",
        back_online: "网络已恢复，可以点“重试”了。",
        retry_safe: "可能没有送达。再次提交是安全的，不会重复处理。",
    },
    account: AccountTexts {
        menu: "账户与语言",
        real_name,
    },
    state: StateTexts {
        open: state_open,
        verify_first: state_verify_first,
        assistance_pending: "客服处理中",
        assistance_rejected: "客服未通过",
        ended: state_ended,
        action,
    },
    list: ListTexts {
        title: "我的投诉",
        search_label: "按商品、店铺、投诉编号或订单号搜索",
        search_placeholder: "搜索商品、店铺或订单号",
        search_button: "搜索",
        tabs_label: "投诉分类",
        chips_label: "按状态筛选",
        view: list_view,
        chip_all: "全部",
        complaint_number: "投诉编号",
        order_number: "订单号",
        empty_title,
        empty_body: "在“已买到的宝贝”中可以对订单发起投诉。",
        empty_search,
        empty_search_body: "可以试试商品名称中的词、店铺名，或投诉编号、订单号；也可以清除搜索查看全部投诉。",
        clear_search: "清除搜索",
        go_orders: "去已买到的宝贝",
        load_more: "加载更多",
        pick_title: "选择一条投诉",
        pick_body: "选择左侧的投诉，查看进度和撤销入口。",
    },
    detail: DetailTexts {
        title: "投诉详情",
        back_to_complaint: "返回投诉详情",
        back_to_list: "返回我的投诉",
        kind: "投诉类型",
        filed_at: "提交时间",
        description: "问题描述",
        eligibility_title: "自助撤销",
        outcome_title: "投诉结果",
        ended: detail_ended,
        eligible: "超过时限后，仍可申请客服协助撤销。",
        verify_first: "完成实名认证即可自助撤销。来不及认证的话，也可以申请客服协助撤销。",
        assistance_pending: detail_assistance_pending,
        assistance_late: "这次客服处理用时比平常长，会尽快给您答复，结果会显示在这里。",
        assistance_rejected: detail_assistance_rejected,
        withdraw: "撤销投诉",
        blocked,
        why_not,
        request_assistance: "申请客服协助撤销",
        request_again: "重新申请协助撤销",
        file_again: "对该订单重新投诉",
        progress_title: "投诉进度",
        what_next,
        facts_title: "投诉信息",
        step,
        ring_left,
        now: "现在",
        window_closed: "已截止",
        example_now,
        window_title,
        window_passed,
        window_start: "提交投诉",
        window_end,
        timeline_title: "处理记录",
        event,
        event_actor,
        assistance_title: "客服协助撤销申请",
        assistance_status,
        rejection_reason: "未通过原因：",
    },
    withdraw: WithdrawTexts {
        title: "撤销投诉",
        locked: "现在不能自助撤销",
        reason_label: "撤销原因",
        reason_missing: "请选择撤销原因。",
        note_label: "简要说明",
        text_error,
        remedy_question: "卖家承诺的退款或换货收到了吗？",
        remedy_label: "退款/换货",
        remedy_warning: "建议等退款到账或收到换货后再撤销。撤销后不可恢复，如果卖家没有兑现承诺，只能重新投诉。",
        keep_complaint: "先保留投诉",
        accept_risk: "我已了解，仍然现在撤销",
        answer_required: "请选择一项。",
        check_required: "请勾选确认。",
        consequences_title: "撤销后",
        consequences: &[
            "不可恢复，投诉记录保留并标记为“已撤销”",
            "不影响您的信用，也不影响卖家评分",
            "订单恢复正常，问题再出现可以重新投诉",
        ],
        submit: "撤销投诉",
        confirm_title: "确认撤销这条投诉？",
        confirm_body: "撤销后这条投诉不能恢复；问题再次出现时，可以对该订单重新投诉。",
        confirm: "确认撤销",
        think_again: "我再想想",
        voluntary: "撤销完全由您自愿决定，卖家无权要求您撤销。",
        voluntary_report: "被卖家要求撤销？去举报",
        changed_to,
        warn_minutes,
        too_late: "您确认时已经超过自助撤销时限，撤销没有提交。",
        draft_kept: "您填写的撤销原因和说明已保留。",
        back_kept: "已返回表单，您填写的内容都还在。",
        lock_reopen: "查看原因",
    },
    receipt: ReceiptTexts {
        done: "撤销成功",
        done_sub: "不影响您的信用，也不影响卖家评分。",
        title: "撤销凭证",
        reference: "撤销编号",
        withdrawn_at: "撤销时间",
        by: "撤销人",
        by_whom,
        save_picture: "保存凭证图片",
        picture_alt: "撤销凭证图片",
        picture_hint: "长按图片可保存到相册。",
        download: "下载图片",
        back_to_orders: "查看订单",
        finish: "完成",
        again_hint: "问题再次出现？",
    },
    assistance: AssistanceTexts {
        title: "申请客服协助撤销",
        intro: assistance_intro,
        blocked: assistance_blocked,
        submit: "提交申请",
        confirm_title: "确认请客服代您撤销这条投诉？",
        sent: "申请已提交",
        response_time,
        carried: "已带入您在撤销页填写的原因和说明，可以直接提交。",
    },
    pressure: PressureTexts {
        title: "举报卖家施压",
        question: "卖家要求、诱导或施压让您撤销？",
        report_link: "举报卖家",
        reported_note: "您已举报卖家施压，客服会核实处理。",
        list_title: "施压举报",
        status: pressure_status,
        promise_title: "任何卖家都无权要求您撤销投诉",
        promise_body: "举报后客服会核实卖家的行为，您的投诉保持不变。是否撤销，始终由您自己决定。",
        kind_label: "卖家做了什么",
        kind_missing: "请选择卖家做了什么。",
        note_label: "具体情况（选填）",
        note_hint: "例如卖家说了什么、什么时候联系的您。",
        evidence_label: "凭证（选填）：聊天截图、通话记录等",
        submit: "举报并保留投诉",
        sent: "举报已提交，投诉已保留",
        sent_body: "客服会核实卖家的行为，结果会在这里告诉您。",
        still_withdraw: "仍然想撤销？",
        still_withdraw_link: "去撤销投诉",
    },
    conversation: ConversationTexts {
        title: "联系客服",
        intro: conversation_intro,
        attached: conversation_attached,
        rejected_next: "可以在下面回复客服说明情况，或补充凭证后重新申请。",
        empty_title: "有什么需要客服帮忙？",
        empty_body: "直接留言，或选择下面要办理的事。",
        message_label: "给客服的消息",
        placeholder: "描述您的情况…",
        send: "发送",
        add_pictures: "添加图片",
        pictures_hint,
        uploading: "上传中",
        remove_picture: "移除这张图片",
        open_picture: "查看大图",
        arbitration_note,
        pressure_kind,
        pressure_report,
        handled,
        evidence_requested: "客服请您补充凭证，例如聊天截图、商品照片。",
        assistance_approved: "客服已代您撤销",
        assistance_rejected: "客服未通过协助撤销申请",
        view_receipt: "查看凭证",
        requests_title: "要客服办理的事",
        request_withdrawal: "申请协助撤销",
        settled: "已和卖家和解",
        appeal: "对仲裁申诉",
        report_pressure: "举报卖家施压",
        unread,
        open: "联系客服",
        none_yet: "还没有消息。订单和投诉会自动附上。",
    },
    arbitration: ArbitrationTexts {
        title: "告诉客服仲裁的情况",
        intro: "投诉已进入平台仲裁，不能撤销。如果您和卖家已经和解，或对仲裁有异议，可以告诉客服。",
        kind_label: "您想告诉客服",
        kind_hint: arbitration_hint,
        note_label: "说明",
        submit: "发送给客服",
        sent: "已告诉客服",
    },
    orders: OrderTexts {
        title: "已买到的宝贝",
        view_complaint: "查看投诉",
        file: "投诉卖家",
        history: order_history,
        empty_title: "还没有订单",
        empty_body: "买到的宝贝会显示在这里。",
    },
    file: FileTexts {
        title: "投诉卖家",
        kind_label: "投诉类型",
        kind_missing: "请选择投诉类型。",
        description_label: "问题描述",
        submit: "提交投诉",
        sent: "投诉已提交",
        next: "卖家会先处理您的投诉；协商不成时，平台会介入处理。进度和每一步处理记录都会显示在这里。",
    },
    agent: AgentTexts {
        queue_title: "协助撤销申请",
        queue_empty: "没有待处理的申请",
        queue_empty_body: "新的申请会自动出现在这里。",
        approve: "核实通过，代为撤销",
        approve_confirm_title: "确认代投诉人撤销？",
        approve_confirm_body: "撤销后不可恢复，处理记录会注明由客服代为撤销。",
        reject: "不通过",
        rejection_label: "不通过的原因",
        reject_confirm: "确认不通过",
        moves_title: "投诉处理",
        platform_move,
        move_confirm_title,
        move_confirm_body: "此操作不可撤回。",
        pressure_title: "卖家施压举报",
        pressure_empty: "没有待核实的举报",
        pressure_handle: "已核实处理",
        conversations_title: "客户对话",
        conversations_empty: "没有进行中的对话",
        waiting: agent_waiting,
        answered: "已回复",
        request_kind,
        open_conversation: "打开对话",
        shops_title: "施压举报 · 按店铺",
        shops_empty: "还没有施压举报",
        shop_counts,
        latest: "最近一次",
        reply_placeholder: "回复投诉人…",
        ask_evidence: "请对方补充凭证",
        handle_note: "已处理，告知投诉人",
    },
    sign_in: SignInTexts {
        title: "登录",
        demo_notice: "演示环境：请选择一个演示账号登录（无需密码）。",
        session_ended: "登录已失效，请重新登录",
        back_where_you_were: "您可能在其他页面退出了登录，或登录已过期。重新登录后会回到刚才的页面。",
        draft_kept: "您填写的内容已保留。",
        account_kind,
    },
    help: HelpTexts {
        title: "撤销投诉规则",
        intro: "撤销投诉是您的自主选择，任何人（包括卖家）都无权要求您撤销。下面是撤销的规则和注意事项。",
        who_title: "谁可以撤销",
        who_body: "只有投诉人本人可以撤销，账户需要先完成实名认证。",
        verify_steps: &[
            "打开淘宝，进入“我的淘宝”。",
            "进入“设置”→“账户与安全”→“实名认证”，按提示完成认证。",
            "认证完成后回到这里，即可自助撤销。",
        ],
        statuses_title: "哪些投诉可以撤销",
        statuses_withdrawable: "可以自助撤销",
        statuses_not_withdrawable: "不能撤销",
        status_explanation,
        window_title: "时间限制",
        window_body,
        picture_caption,
        reasons_title: "撤销原因",
        note_rule,
        assistance_title: "超过时限怎么办",
        assistance_body,
        arbitration_title: "平台仲裁中",
        arbitration_body: "投诉进入平台仲裁后不能撤销，也不能申请客服协助撤销。已经和卖家和解，或对仲裁有异议，可以告诉客服：",
        appeal_steps: &[
            "在投诉详情中点“联系客服”，订单和投诉会自动附上。",
            "选择“已和卖家和解”，或“对仲裁申诉”并写明理由。",
            "客服核实后在对话中告诉您结果。",
        ],
        before_title: "撤销前请确认",
        before_items: &[
            "卖家承诺的退款已到账，或换货已收到。",
            "撤销出于您的自愿。卖家要求、诱导或施压让您撤销时，请在投诉详情中举报。",
            "撤销后不可恢复。",
        ],
        after_title: "撤销后",
        after_items: &[
            "投诉记录会保留，标记为“已撤销”，包括撤销时间、原因和说明。",
            "订单恢复正常状态。",
            "撤销不影响您的信用，也不影响卖家的评分。",
            "如果问题再次出现，可以对同一订单重新投诉。",
        ],
    },
};

fn status(status: ComplaintStatus) -> &'static str {
    match status {
        ComplaintStatus::Pending => "待处理",
        ComplaintStatus::Processing => "处理中",
        ComplaintStatus::Arbitration => "平台仲裁中",
        ComplaintStatus::Resolved => "已完结",
        ComplaintStatus::Closed => "已关闭",
        ComplaintStatus::Withdrawn => "已撤销",
    }
}

fn step(status: ComplaintStatus, current: bool) -> &'static str {
    match status {
        ComplaintStatus::Pending if current => "待处理",
        ComplaintStatus::Pending => "已提交",
        ComplaintStatus::Processing => "处理中",
        ComplaintStatus::Arbitration => "平台仲裁",
        ComplaintStatus::Resolved => "已完结",
        ComplaintStatus::Closed => "已关闭",
        ComplaintStatus::Withdrawn => "已撤销",
    }
}

fn reason(reason: WithdrawalReason) -> &'static str {
    match reason {
        WithdrawalReason::Resolved => "问题已解决",
        WithdrawalReason::Mistaken => "误操作",
        WithdrawalReason::Other => "其他",
    }
}

fn reason_hint(reason: WithdrawalReason) -> &'static str {
    match reason {
        WithdrawalReason::Resolved => "已和卖家协商一致",
        WithdrawalReason::Mistaken => "投错了或误解了",
        WithdrawalReason::Other => "需要写明原因",
    }
}

fn agent_waiting(waited_ms: i64, (_, to): ResponseHours) -> String {
    let (hours, minutes, _) = split_duration(waited_ms);
    let waited = match hours {
        0 => format!("{minutes}分钟"),
        h => format!("{h}小时{minutes}分"),
    };
    // The shopper is told the usual range; the agent sees when the answer is due.
    format!("已等待{waited} · 应在{to}小时内回复")
}

fn request_kind(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::AssistedWithdrawal => "协助撤销",
        RequestKind::ArbitrationNote => "仲裁说明",
        RequestKind::PressureReport => "施压举报",
    }
}

fn shop_counts(reports: u32, open: u32, withdrawn: u32) -> String {
    format!("举报{reports}次 · 待核实{open} · 举报后撤销{withdrawn}")
}

fn remedy(remedy: Remedy) -> &'static str {
    match remedy {
        Remedy::Arrived => "已收到",
        Remedy::NotYet => "还没有",
        Remedy::NotApplicable => "不涉及",
    }
}

fn conversation_intro((from, to): ResponseHours) -> String {
    format!("客服通常{from}–{to}小时内回复。")
}

fn conversation_attached(order: &str, complaint: &str) -> String {
    format!("已附上订单号 {order} · 投诉编号 {complaint}，不用再发")
}

fn pictures_hint(count: usize, megabytes: usize) -> String {
    format!("最多{count}张，每张不超过{megabytes}MB")
}

fn arbitration_note(kind: ArbitrationNoteKind) -> &'static str {
    match kind {
        ArbitrationNoteKind::Settled => "已告诉客服：已和卖家和解",
        ArbitrationNoteKind::Appeal => "对仲裁申诉",
    }
}

fn arbitration_hint(kind: ArbitrationNoteKind) -> &'static str {
    match kind {
        ArbitrationNoteKind::Settled => "协商好了，希望结束仲裁",
        ArbitrationNoteKind::Appeal => "对仲裁有异议，请写明理由",
    }
}

fn pressure_kind(kind: PressureKind) -> &'static str {
    match kind {
        PressureKind::DemandedWithdrawal => "要求撤销投诉",
        PressureKind::ConditionalRefund => "以退款或补偿为条件",
        PressureKind::Harassment => "反复催促、骚扰",
        PressureKind::Threat => "威胁、辱骂",
        PressureKind::Other => "其他",
    }
}

fn pressure_report(kind: Option<PressureKind>) -> String {
    match kind {
        Some(kind) => format!("举报卖家施压 · {}", pressure_kind(kind)),
        None => "举报卖家施压".to_owned(),
    }
}

fn handled(handled: bool) -> &'static str {
    if handled {
        "客服已处理"
    } else {
        "客服处理中"
    }
}

fn unread(count: u32) -> String {
    format!("{count}条新回复")
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
        (0, 0, s) => format!("仅剩{s}秒"),
        (0, m, s) => format!("剩余{m}分{s}秒"),
        (h, 0, _) => format!("剩余{h}小时"),
        (h, m, _) => format!("剩余{h}小时{m}分"),
    }
}

fn ring_left(ms: i64) -> (i64, &'static str) {
    match split_duration(ms) {
        (0, 0, s) => (s, "秒"),
        (0, m, _) => (m, "分钟"),
        (h, _, _) => (h, "小时"),
    }
}

fn picture_caption(since: i64, left: i64) -> String {
    format!("例：提交{since}小时后，还可自助撤销{left}小时。")
}

fn blocked_short(blocked: &Blocked) -> &'static str {
    match blocked {
        Blocked::NotOwner => "非本人投诉",
        Blocked::NotVerified => "需先完成实名认证",
        Blocked::AlreadyWithdrawn => "已撤销",
        Blocked::InArbitration => "平台仲裁中，不能撤销",
        Blocked::Finished {
            status: ComplaintStatus::Closed,
        } => "投诉已关闭",
        Blocked::Finished { .. } => "投诉已完结",
        Blocked::WindowExpired { .. } => "已超过自助撤销时限",
    }
}

fn date_time(at: UtcMillis) -> String {
    format_date(Locale::Zh, DateStyle::Full, at)
}

fn date_short(at: UtcMillis) -> String {
    format_date(Locale::Zh, DateStyle::Short, at)
}

fn date_day(at: UtcMillis) -> String {
    format_date(Locale::Zh, DateStyle::Day, at)
}

fn real_name(real_name: RealName) -> &'static str {
    match real_name {
        RealName::Verified => "已实名认证",
        RealName::Unverified => "未实名认证",
    }
}

fn state_open(urgency: Urgency, deadline: &str) -> String {
    let deadline = unbroken(deadline);
    match urgency {
        Urgency::Normal => format!("可自助撤销 · {deadline}\u{a0}前"),
        Urgency::Warning => format!("即将截止 · {deadline}\u{a0}前"),
        Urgency::Critical => format!("马上截止 · {deadline}\u{a0}前"),
    }
}

fn what_next(status: ComplaintStatus) -> &'static str {
    match status {
        ComplaintStatus::Pending => "等待卖家处理。卖家未能解决时，平台会介入处理。",
        ComplaintStatus::Processing => "平台正在处理，处理结果会显示在这里。",
        ComplaintStatus::Arbitration => "平台仲裁中，仲裁结果会显示在这里。",
        _ => "",
    }
}

fn state_ended(status: ComplaintStatus, ending: Option<Ending>) -> String {
    let word = match (status, ending.and_then(|ending| ending.withdrawn_by)) {
        (ComplaintStatus::Withdrawn, Some(WithdrawnBy::AgentOnBehalf)) => "客服代您撤销",
        (ComplaintStatus::Withdrawn, _) => "已撤销",
        (ComplaintStatus::Closed, _) => "已关闭",
        _ => "投诉已完结",
    };
    match ending {
        Some(ending) => format!("{word} · {}", unbroken(&date_short(ending.at))),
        None => word.to_owned(),
    }
}

fn detail_ended(status: ComplaintStatus, ending: Option<Ending>) -> String {
    match (status, ending.and_then(|ending| ending.withdrawn_by)) {
        (ComplaintStatus::Withdrawn, Some(WithdrawnBy::AgentOnBehalf)) => {
            "客服已核实并代您撤销了这条投诉。不影响您的信用，也不影响卖家评分；问题再出现可以对该订单重新投诉。".to_owned()
        }
        (ComplaintStatus::Withdrawn, _) => {
            "这条投诉已撤销。不影响您的信用，也不影响卖家评分；问题再出现可以对该订单重新投诉。".to_owned()
        }
        (ComplaintStatus::Closed, _) => {
            "这条投诉已关闭。问题仍未解决的话，可以对该订单重新投诉。".to_owned()
        }
        _ => "平台已处理完毕。问题再次出现的话，可以对该订单重新投诉。".to_owned(),
    }
}

fn state_verify_first(deadline: &str) -> String {
    let deadline = unbroken(deadline);
    format!("先实名认证 · {deadline}\u{a0}前可撤销")
}

fn action(action: StateAction) -> &'static str {
    match action {
        StateAction::Withdraw => "撤销",
        StateAction::VerifyRealName => "去实名认证",
        StateAction::RequestAssistance => "申请客服协助",
        StateAction::ContactService => "联系客服",
        StateAction::ViewReceipt => "查看凭证",
        StateAction::FileAgain => "重新投诉",
        StateAction::Reload => "重新加载",
        StateAction::None => "",
    }
}

fn list_view(view: ListView) -> &'static str {
    match view {
        ListView::All => "全部",
        ListView::Group(ComplaintGroup::Withdrawable) => "可撤销",
        ListView::Group(ComplaintGroup::Open) => "进行中",
        ListView::Group(ComplaintGroup::Ended) => "已结束",
        ListView::Status(status) => self::status(status),
    }
}

fn empty_title(view: ListView) -> String {
    match view {
        ListView::All => "还没有投诉".to_owned(),
        ListView::Group(ComplaintGroup::Withdrawable) => "没有可以自助撤销的投诉".to_owned(),
        other => format!("没有“{}”的投诉", list_view(other)),
    }
}

fn status_explanation(status: ComplaintStatus) -> &'static str {
    match status {
        ComplaintStatus::Pending => "等待平台处理，自助撤销时限内可以撤销",
        ComplaintStatus::Processing => "平台正在处理，自助撤销时限内同样可以撤销",
        ComplaintStatus::Arbitration => "平台已介入仲裁，不能撤销；和解或申诉可以告诉客服",
        ComplaintStatus::Resolved => "平台已处理完毕",
        ComplaintStatus::Closed => "投诉已关闭，问题没解决可以重新投诉",
        ComplaintStatus::Withdrawn => "已经撤销，可以对同一订单重新投诉",
    }
}

fn window_body(hours: i64) -> String {
    format!("投诉提交后{hours}小时内可以自助撤销。满{hours}小时后自助撤销入口自动关闭（以平台时间为准），之后可以申请客服协助撤销。")
}

fn window_title(ms: i64) -> String {
    format!("{}小时自助撤销期", ms / HOUR_MS)
}

fn window_passed(percent: WindowPassed) -> String {
    format!("自助撤销期已过去{percent}%")
}

fn example_now(since_filing: i64) -> String {
    format!("例：提交{}小时后", since_filing / HOUR_MS)
}

fn window_end(ms: i64) -> String {
    format!("{}小时后", ms / HOUR_MS)
}

fn note_rule(max: usize, min_for_other: usize) -> String {
    format!("简要说明最多{max}字；选择“其他”时必须填写，至少{min_for_other}字。")
}

fn assistance_body((from, to): ResponseHours) -> String {
    format!("超过自助撤销时限，或自助撤销没有成功时，可以申请客服协助撤销：订单号会自动带入，客服核实后代您撤销，通常{from}–{to}小时内回复。")
}

fn error(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::NotOwner | ErrorCode::NotFound => "没有找到这条记录。",
        ErrorCode::NotVerified => "您的账户尚未完成实名认证，不能自助撤销。",
        ErrorCode::AlreadyWithdrawn => "这条投诉已经撤销。",
        ErrorCode::InArbitration => "投诉已进入平台仲裁，不能撤销；和解或申诉可以联系客服。",
        ErrorCode::Finished => "投诉已结束，不能撤销。",
        ErrorCode::WindowExpired => "已超过自助撤销时限，可以申请客服协助撤销。",
        ErrorCode::NoteTooShort => "说明太短。",
        ErrorCode::NoteTooLong => "说明太长。",
        ErrorCode::NoteInvalidCharacter => "说明中包含不允许的字符。",
        ErrorCode::DescriptionTooShort => "问题描述太短。",
        ErrorCode::DescriptionTooLong => "问题描述太长。",
        ErrorCode::DescriptionInvalidCharacter => "问题描述中包含不允许的字符。",
        ErrorCode::RejectionReasonTooShort => "原因太短。",
        ErrorCode::RejectionReasonTooLong => "原因太长。",
        ErrorCode::RejectionReasonInvalidCharacter => "原因中包含不允许的字符。",
        ErrorCode::PressureNoteTooShort => "举报说明太短。",
        ErrorCode::PressureNoteTooLong => "举报说明太长。",
        ErrorCode::PressureNoteInvalidCharacter => "举报说明中包含不允许的字符。",
        ErrorCode::MessageEmpty => "请输入消息内容，或添加图片。",
        ErrorCode::MessageTooLong => "消息太长。",
        ErrorCode::MessageInvalidCharacter => "消息中包含不允许的字符。",
        ErrorCode::ArbitrationNoteTooShort => "请写明申诉理由。",
        ErrorCode::ArbitrationNoteTooLong => "说明太长。",
        ErrorCode::ArbitrationNoteInvalidCharacter => "说明中包含不允许的字符。",
        ErrorCode::RemedyRequired => "请先回答：卖家承诺的退款或换货收到了吗？",
        ErrorCode::RiskNotAccepted => "退款或换货还没到：请确认仍然要撤销。",
        ErrorCode::NotInArbitration => "这条投诉不在平台仲裁中。",
        ErrorCode::ImageTypeUnsupported => "只能上传 JPEG、PNG 或 WebP 格式的图片。",
        ErrorCode::ImageUnreadable => "图片已损坏或不完整，请换一张。",
        ErrorCode::ImageTooLarge => "图片文件太大，请换一张较小的图片。",
        ErrorCode::ImageTooManyPixels => "图片分辨率太高，请换一张或先缩小。",
        ErrorCode::TooManyImages => "这条消息的图片已达上限，多的图片请分开发送。",
        ErrorCode::ImageNotFound => "图片已失效，请重新添加。",
        ErrorCode::ArbitrationNoteAlreadyHandled => "这条说明已经处理过了。",
        ErrorCode::PressureReportAlreadyHandled => "这条举报已经处理过了。",
        ErrorCode::OrderNotFound => "没有找到这个订单。",
        ErrorCode::ComplaintAlreadyOpen => "该订单已有进行中的投诉，请先查看该投诉。",
        ErrorCode::WindowStillOpen => "仍在自助撤销时限内，您可以直接自助撤销。",
        ErrorCode::AssistanceAlreadyRequested => "您已提交过协助撤销申请，请等待客服回复。",
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
    format!("没有找到“{q}”")
}

fn detail_assistance_rejected(reason: &str) -> String {
    let reason = reason.trim_end_matches(['。', '.', '！', '!']);
    format!("客服未通过：{reason}。可以联系客服说明情况，或补充凭证后重新申请。")
}

fn detail_assistance_pending((from, to): ResponseHours) -> String {
    format!("您的协助撤销申请已提交，客服通常{from}–{to}小时内回复，结果会显示在这里。")
}

fn blocked(blocked: &Blocked) -> String {
    match blocked {
        Blocked::NotOwner => "这不是您的投诉。".to_owned(),
        Blocked::NotVerified => "您的账户尚未完成实名认证，不能自助撤销。".to_owned(),
        Blocked::AlreadyWithdrawn => {
            "这条投诉已经撤销。如果问题再次出现，可以对该订单重新投诉。".to_owned()
        }
        Blocked::InArbitration => {
            "投诉已进入平台仲裁，不能撤销。如果已经和卖家和解，或对仲裁有异议，可以告诉客服。"
                .to_owned()
        }
        Blocked::Finished {
            status: ComplaintStatus::Closed,
        } => "投诉已关闭，不能撤销。问题仍未解决的话，可以对该订单重新投诉。".to_owned(),
        Blocked::Finished { .. } => {
            "投诉已完结，不能撤销。问题再次出现的话，可以对该订单重新投诉。".to_owned()
        }
        Blocked::WindowExpired { deadline } => {
            format!(
                "自助撤销已于{}\u{a0}截止。可申请客服协助撤销，客服核实后代您撤销。",
                date_short(*deadline)
            )
        }
    }
}

fn why_not(refused: &Blocked, (from, to): ResponseHours) -> String {
    match refused {
        Blocked::InArbitration => {
            "平台已接手处理。如果已经和卖家和解，或对仲裁有异议，可以告诉客服。".to_owned()
        }
        Blocked::WindowExpired { deadline } => format!(
            "自助撤销已于{}\u{a0}截止。可申请客服协助撤销，客服核实后代您撤销，通常{from}–{to}小时内回复。",
            date_short(*deadline)
        ),
        other => blocked(other),
    }
}

fn event(event: &TimelineEventKind) -> String {
    match event {
        TimelineEventKind::Filed => "提交投诉".to_owned(),
        TimelineEventKind::StatusChanged { to, .. } => match to {
            ComplaintStatus::Processing => "平台开始处理".to_owned(),
            ComplaintStatus::Arbitration => "转入平台仲裁".to_owned(),
            ComplaintStatus::Resolved => "投诉已完结".to_owned(),
            ComplaintStatus::Closed => "投诉已关闭".to_owned(),
            other => format!("投诉状态更新为{}", status(*other)),
        },
        TimelineEventKind::Withdrawn {
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
            format!("客服未通过协助撤销申请：{reason}")
        }
        TimelineEventKind::PressureReported => "投诉人举报卖家施压".to_owned(),
        TimelineEventKind::PressureHandled => "客服已核实施压举报".to_owned(),
        TimelineEventKind::CustomerServiceContacted => "投诉人第一次联系了客服".to_owned(),
        TimelineEventKind::ArbitrationNoteSent { kind } => match kind {
            ArbitrationNoteKind::Settled => "投诉人告诉客服：已和卖家和解".to_owned(),
            ArbitrationNoteKind::Appeal => "投诉人对仲裁提出申诉".to_owned(),
        },
        TimelineEventKind::ArbitrationNoteHandled => "客服已处理仲裁说明".to_owned(),
    }
}

fn event_actor(name: &str, role: Role) -> String {
    match role {
        Role::Agent => format!("客服（{name}）"),
        Role::Shopper => name.to_owned(),
    }
}

fn assistance_status(status: AssistanceStatus) -> &'static str {
    match status {
        AssistanceStatus::Pending => "客服处理中",
        AssistanceStatus::Approved => "已通过，客服已代您撤销",
        AssistanceStatus::Rejected => "未通过",
    }
}

fn pressure_status(open: bool) -> &'static str {
    if open {
        "客服核实中"
    } else {
        "客服已核实处理"
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

fn warn_minutes(left_ms: i64, deadline: &str) -> String {
    format!(
        "不到{}分钟就到自助撤销截止时间（{deadline}），请尽快提交。",
        left_ms / MINUTE_MS
    )
}

fn by_whom(by: WithdrawnBy, name: &str) -> String {
    match by {
        WithdrawnBy::Owner => format!("本人（{name}）"),
        WithdrawnBy::AgentOnBehalf => format!("客服（{name}）代您撤销"),
    }
}

fn assistance_intro((from, to): ResponseHours) -> String {
    format!("超过自助撤销时限，或自助撤销没有成功时，客服可以核实后代您撤销，通常{from}–{to}小时内回复。")
}

fn assistance_blocked(blocked: &AssistanceBlocked) -> String {
    match blocked {
        AssistanceBlocked::Withdrawal(inner) => self::blocked(inner),
        AssistanceBlocked::WindowStillOpen { deadline } => {
            format!(
                "仍在自助撤销时限内（{}前），您可以直接自助撤销。",
                date_short(*deadline)
            )
        }
        AssistanceBlocked::AssistanceAlreadyRequested => {
            "您已提交过协助撤销申请，请等待客服回复。".to_owned()
        }
    }
}

fn response_time((from, to): ResponseHours) -> String {
    format!("客服通常{from}–{to}小时内回复，回复会显示在这里，投诉详情里也能看到。")
}

fn platform_move(platform_move: PlatformMove) -> &'static str {
    match platform_move {
        PlatformMove::StartProcessing => "开始处理",
        PlatformMove::EscalateToArbitration => "转平台仲裁",
        PlatformMove::Resolve => "完结",
        PlatformMove::Close => "关闭",
    }
}

fn move_confirm_title(platform_move: PlatformMove) -> &'static str {
    match platform_move {
        PlatformMove::Resolve => "确认完结这条投诉？",
        PlatformMove::Close => "确认关闭这条投诉？",
        PlatformMove::StartProcessing => "确认开始处理？",
        PlatformMove::EscalateToArbitration => "确认转平台仲裁？",
    }
}

fn account_kind(role: Role, real_name: RealName) -> &'static str {
    match (role, real_name) {
        (Role::Agent, _) => "客服",
        (Role::Shopper, RealName::Verified) => "买家 · 已实名认证",
        (Role::Shopper, RealName::Unverified) => "买家 · 未实名认证",
    }
}

fn order_history(count: usize) -> String {
    format!("以往投诉 {count}条")
}

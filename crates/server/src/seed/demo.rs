//! The demo data itself: the orders and complaints of the seeded shoppers, each complaint
//! at an age around the end of the self-service window and with what happened to it since.

use complaint_rules::{
    time::{HOUR_MS, MINUTE_MS},
    AssistanceGround, ComplaintKind, PlatformMove, WithdrawalReason, POLICY,
};

pub(super) const DAY_MS: i64 = 24 * HOUR_MS;
/// The self-service window, around whose end the seed's youngest complaints are filed.
pub(super) const WINDOW_MS: i64 = POLICY.self_service_window_ms;

pub(super) struct Order {
    pub(super) number: &'static str,
    pub(super) title: &'static str,
    pub(super) shop: &'static str,
    pub(super) amount_fen: i64,
    /// The product picture, shipped with the app (`public/products/`).
    pub(super) image: &'static str,
    /// How long before the complaint (or before now, without one) it was placed.
    pub(super) placed_before_ms: i64,
}

/// What happens to a seeded complaint after filing, in order, at offsets from filing.
pub(super) enum Step {
    Move(i64, PlatformMove),
    Withdraw(i64, WithdrawalReason, &'static str),
    Assistance(i64, AssistanceGround, WithdrawalReason, &'static str),
}

pub(super) struct Complaint {
    /// Filed this long before now.
    pub(super) age_ms: i64,
    pub(super) kind: ComplaintKind,
    pub(super) description: &'static str,
    pub(super) steps: &'static [Step],
}

pub(super) const SHOPPER_ORDERS: [(Order, Option<Complaint>); 13] = [
    (
        Order {
            number: "3912845570216634",
            title: "Apple AirPods Pro（第二代）主动降噪无线蓝牙耳机",
            shop: "星辰数码旗舰店",
            amount_fen: 149_900,
            image: "products/earbuds.svg",
            placed_before_ms: 4 * DAY_MS,
        },
        Some(Complaint {
            age_ms: MINUTE_MS,
            kind: ComplaintKind::NotAsDescribed,
            description: "收到的耳机包装有拆封痕迹，序列号在官网查询显示已激活，和商品页面写的“全新未拆封”不符。",
            steps: &[],
        }),
    ),
    (
        Order {
            number: "3912845570219871",
            title: "北欧风实木书桌 120cm 家用电脑桌",
            shop: "木语家居官方店",
            amount_fen: 68_800,
            image: "products/desk.svg",
            placed_before_ms: 6 * DAY_MS,
        },
        Some(Complaint {
            age_ms: WINDOW_MS - MINUTE_MS,
            kind: ComplaintKind::Logistics,
            description: "物流显示已签收，但我本人和家人都没有收到货，快递柜和门卫处也没有，联系快递员一直没人接。",
            steps: &[Step::Move(2 * HOUR_MS, PlatformMove::StartProcessing)],
        }),
    ),
    (
        Order {
            number: "3912845570220458",
            title: "加厚珊瑚绒四件套 1.8m 床品",
            shop: "暖暖家纺专营店",
            amount_fen: 25_900,
            image: "products/bedding.svg",
            placed_before_ms: 5 * DAY_MS,
        },
        Some(Complaint {
            age_ms: WINDOW_MS + MINUTE_MS,
            kind: ComplaintKind::Quality,
            description: "第一次清洗后严重掉色，染了一起洗的白衬衫，面料起球明显，和宣传的“不掉色不起球”差距很大。",
            steps: &[],
        }),
    ),
    (
        Order {
            number: "3912845570251087",
            title: "美的 电热水壶 1.7L 304不锈钢",
            shop: "美的生活电器旗舰店",
            amount_fen: 12_900,
            image: "products/kettle.svg",
            placed_before_ms: 6 * DAY_MS,
        },
        // Past the window, in processing, no request yet: withdrawn only with customer
        // service's help.
        Some(Complaint {
            age_ms: WINDOW_MS + 6 * HOUR_MS,
            kind: ComplaintKind::Quality,
            description: "烧水时壶底渗水，底座有水渍，担心漏电，商家说是正常冷凝水不予处理。",
            steps: &[Step::Move(3 * HOUR_MS, PlatformMove::StartProcessing)],
        }),
    ),
    (
        Order {
            number: "3912845570223390",
            title: "小熊电饭煲 3L 智能预约多功能",
            shop: "小熊电器官方旗舰店",
            amount_fen: 19_900,
            image: "products/rice-cooker.svg",
            placed_before_ms: 8 * DAY_MS,
        },
        Some(Complaint {
            age_ms: 3 * DAY_MS,
            kind: ComplaintKind::Quality,
            description: "使用两次后加热盘不工作，显示屏报错 E3，客服让我自己寄回检测但不承担运费。",
            steps: &[
                Step::Move(3 * HOUR_MS, PlatformMove::StartProcessing),
                // Asked 40 minutes ago: within the usual response time when the demo starts.
                Step::Assistance(
                    3 * DAY_MS - 40 * MINUTE_MS,
                    AssistanceGround::WindowExpired,
                    WithdrawalReason::Resolved,
                    "商家已同意换新并承担运费，新机已收到，问题解决了。",
                ),
            ],
        }),
    ),
    (
        Order {
            number: "3912845570225127",
            title: "华为 MatePad 11.5 平板电脑 8+256G",
            shop: "华为授权专卖店",
            amount_fen: 229_900,
            image: "products/tablet.svg",
            placed_before_ms: 9 * DAY_MS,
        },
        Some(Complaint {
            age_ms: 5 * DAY_MS,
            kind: ComplaintKind::NotAsDescribed,
            description: "商品页写的是 8+256G，收到的实际是 8+128G，商家坚持说发货无误，拒绝退换。",
            steps: &[
                Step::Move(4 * HOUR_MS, PlatformMove::StartProcessing),
                Step::Move(2 * DAY_MS, PlatformMove::EscalateToArbitration),
            ],
        }),
    ),
    (
        Order {
            number: "3912845570227764",
            title: "李宁 超轻跑步鞋 男款 42 码",
            shop: "李宁官方旗舰店",
            amount_fen: 39_900,
            image: "products/running-shoes.svg",
            placed_before_ms: 14 * DAY_MS,
        },
        Some(Complaint {
            age_ms: 10 * DAY_MS,
            kind: ComplaintKind::Service,
            description: "申请换码后客服连续三天不回复，催促时态度很差，还说“爱买不买”。",
            steps: &[
                Step::Move(HOUR_MS, PlatformMove::StartProcessing),
                Step::Move(3 * DAY_MS, PlatformMove::Resolve),
            ],
        }),
    ),
    (
        Order {
            number: "3912845570230015",
            title: "有机纯牛奶 250ml×24 盒 整箱",
            shop: "牧场直供生鲜店",
            amount_fen: 8_990,
            image: "products/milk.svg",
            placed_before_ms: 18 * DAY_MS,
        },
        Some(Complaint {
            age_ms: 15 * DAY_MS,
            kind: ComplaintKind::Logistics,
            description: "整箱到货时有六盒被压破漏奶，外箱湿透，快递没有让我验货就放在门口了。",
            steps: &[Step::Move(2 * DAY_MS, PlatformMove::Close)],
        }),
    ),
    (
        Order {
            number: "3912845570232648",
            title: "罗技 MX Master 3S 无线鼠标",
            shop: "罗技官方旗舰店",
            amount_fen: 69_900,
            image: "products/mouse.svg",
            placed_before_ms: 4 * DAY_MS,
        },
        Some(Complaint {
            age_ms: 2 * DAY_MS,
            kind: ComplaintKind::NotAsDescribed,
            description: "收到的颜色是石墨黑，我下单选的是珍珠白，怀疑商家发错货。",
            steps: &[Step::Withdraw(
                3 * HOUR_MS,
                WithdrawalReason::Mistaken,
                "是我自己下单时选错了颜色，误会商家了。",
            )],
        }),
    ),
    (
        Order {
            number: "3912845570235281",
            title: "三只松鼠 坚果大礼包 1.5kg",
            shop: "三只松鼠旗舰店",
            amount_fen: 12_800,
            image: "products/nuts.svg",
            placed_before_ms: 3 * DAY_MS,
        },
        None,
    ),
    (
        Order {
            number: "3912845570237914",
            title: "优衣库 男装 摇粒绒拉链茄克",
            shop: "优衣库官方旗舰店",
            amount_fen: 19_900,
            image: "products/jacket.svg",
            placed_before_ms: 7 * DAY_MS,
        },
        None,
    ),
    (
        Order {
            number: "3912845570240547",
            title: "飞利浦 电动牙刷 HX6730 声波震动",
            shop: "飞利浦个人护理旗舰店",
            amount_fen: 29_900,
            image: "products/toothbrush.svg",
            placed_before_ms: 2 * DAY_MS,
        },
        Some(Complaint {
            age_ms: 6 * HOUR_MS,
            kind: ComplaintKind::Other,
            description: "赠品刷头没有随货发出，商家说赠品已送完，但下单时页面仍显示“买就送两支刷头”。",
            steps: &[Step::Move(HOUR_MS, PlatformMove::StartProcessing)],
        }),
    ),
    (
        Order {
            number: "3912845570243180",
            title: "得力 A4 复印纸 70g 5包装",
            shop: "得力办公旗舰店",
            amount_fen: 10_500,
            image: "products/paper.svg",
            placed_before_ms: 20 * DAY_MS,
        },
        None,
    ),
];

pub(super) const UNVERIFIED_ORDERS: [(Order, Option<Complaint>); 2] = [
    (
        Order {
            number: "3912845570246813",
            title: "九阳 破壁料理机 1.75L",
            shop: "九阳官方旗舰店",
            amount_fen: 49_900,
            image: "products/blender.svg",
            placed_before_ms: 3 * DAY_MS,
        },
        Some(Complaint {
            age_ms: HOUR_MS,
            kind: ComplaintKind::Quality,
            description: "机器运转时有很大的异响和焦糊味，用了一次就不敢再用了，担心安全问题。",
            steps: &[],
        }),
    ),
    (
        Order {
            number: "3912845570249446",
            title: "晨光 中性笔 0.5mm 黑色 12支装",
            shop: "晨光文具旗舰店",
            amount_fen: 1_990,
            image: "products/pens.svg",
            placed_before_ms: 5 * DAY_MS,
        },
        None,
    ),
];

//! The lists: groups of statuses, the query, and a page with its counts.

use complaint_rules::{in_self_service_window, window_open_since, ComplaintStatus, UtcMillis};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::ComplaintSummary;

/// A group of statuses the list can be filtered by (`?group=`): the tabs 全部 (no group) /
/// 可撤销 / 进行中 / 已结束. Which statuses belong to a group is the rules crate's answer
/// ([`ComplaintGroup::admits`]), never a list restated here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ComplaintGroup {
    /// Self-service window still open now: a status that may become `withdrawn` (pending,
    /// processing) and filed less than the policy's window ago (server clock). Real-name
    /// verification is NOT part of it (an unverified owner sees these too; the app tells them
    /// to verify).
    Withdrawable,
    /// Not terminal (pending, processing, arbitration).
    Open,
    /// Terminal (resolved, closed, withdrawn).
    Ended,
}

complaint_rules::vocabulary!(ComplaintGroup {
    Withdrawable => "withdrawable",
    Open => "open",
    Ended => "ended",
});

impl ComplaintGroup {
    /// Whether a complaint in `status` can be in the group (`withdrawable`: if its window is
    /// open too, [`ComplaintGroup::filed_since`]).
    pub fn admits(self, status: ComplaintStatus) -> bool {
        match self {
            ComplaintGroup::Withdrawable => status.is_withdrawable(),
            ComplaintGroup::Open => status.is_open(),
            ComplaintGroup::Ended => status.is_terminal(),
        }
    }

    /// The statuses the group admits, in [`ComplaintStatus::ALL`] order.
    pub fn statuses(self) -> impl Iterator<Item = ComplaintStatus> {
        ComplaintStatus::ALL
            .into_iter()
            .filter(move |status| self.admits(*status))
    }

    /// `withdrawable`: the earliest `filed_at` in the group at `now`; the others do not
    /// depend on time (None).
    pub fn filed_since(self, now: UtcMillis) -> Option<UtcMillis> {
        match self {
            ComplaintGroup::Withdrawable => Some(window_open_since(now)),
            ComplaintGroup::Open | ComplaintGroup::Ended => None,
        }
    }

    /// Whether the complaint is in the group at `now`.
    pub fn contains(self, complaint: &ComplaintSummary, now: UtcMillis) -> bool {
        self.admits(complaint.status)
            && match self {
                ComplaintGroup::Withdrawable => in_self_service_window(complaint.filed_at, now),
                ComplaintGroup::Open | ComplaintGroup::Ended => true,
            }
    }
}

/// `GET /api/complaints?status=&group=&q=&cursor=&limit=` (and the agents' list): also the
/// operations' documented parameters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ComplaintQuery {
    /// Only complaints with this status (the counts ignore it); not together with `group`
    pub status: Option<ComplaintStatus>,
    /// Only complaints in this group: `withdrawable` (pending or processing, self-service
    /// window open now), `open` (not terminal), `ended` (terminal); not together with `status`
    pub group: Option<ComplaintGroup>,
    /// A substring of the complaint number, or of the order's number, product title or shop
    /// name, matched literally (ASCII letters regardless of case) after trimming; at most 100
    /// characters, no NUL
    #[cfg_attr(
        feature = "openapi",
        param(max_length = 100, pattern = r"^[^\u0000]*$")
    )]
    pub q: Option<String>,
    /// `next_cursor` of the previous page (opaque)
    #[cfg_attr(
        feature = "openapi",
        param(pattern = r"^(-?[0-9]{1,18}_[01]_-?[0-9]{1,18}_-?[0-9]{1,18})?$")
    )]
    pub cursor: Option<String>,
    /// Page size, 1–100, default 20
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub limit: Option<u32>,
}

impl ComplaintQuery {
    /// The longest `q`, in characters as sent (before trimming).
    pub const MAX_Q_CHARS: usize = 100;
    /// `limit` when none is given, and the largest one.
    pub const DEFAULT_LIMIT: u32 = 20;
    pub const MAX_LIMIT: u32 = 100;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StatusCount {
    pub status: ComplaintStatus,
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ComplaintPage {
    pub items: Vec<ComplaintSummary>,
    pub next_cursor: Option<String>,
    /// Per status, for the tabs; counts ignore `status` and `group` but honour `q` (the app
    /// sums them for `open` and `ended`).
    pub counts: Vec<StatusCount>,
    /// How many complaints are in the `withdrawable` group now (server clock); like the
    /// counts, it ignores `status` and `group` and honours `q`.
    pub withdrawable: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use complaint_rules::{check_withdrawal, Actor, ComplaintKind, RealName, Role, UserId};

    use crate::{ComplaintId, OrderBrief, OrderId};
    fn summary(status: ComplaintStatus, filed_at: UtcMillis) -> ComplaintSummary {
        ComplaintSummary {
            id: ComplaintId(1),
            number: "TS20261126000001".into(),
            owner: UserId(1),
            order: OrderBrief {
                id: OrderId(1),
                number: "3912845570216634".into(),
                title: "电热水壶".into(),
                shop: "小熊电器官方旗舰店".into(),
                amount_fen: 9_900,
                image: Some("products/kettle.svg".into()),
            },
            kind: ComplaintKind::Quality,
            status,
            filed_at,
            version: 1,
            assistance: None,
            ended: None,
        }
    }

    #[test]
    fn the_groups_are_the_rules_answers() {
        let owner = Actor {
            id: UserId(1),
            role: Role::Shopper,
            real_name: RealName::Verified,
        };
        let now = UtcMillis(1_764_000_000_000);
        let window = complaint_rules::POLICY.self_service_window_ms;
        for status in ComplaintStatus::ALL {
            // Open and ended split every status.
            assert_ne!(
                ComplaintGroup::Open.admits(status),
                ComplaintGroup::Ended.admits(status)
            );
            // Withdrawable is exactly what a verified owner may withdraw now, on both sides
            // of the boundary.
            for filed_at in [now.plus(-window), now.plus(1 - window), now] {
                let complaint = summary(status, filed_at);
                assert_eq!(
                    ComplaintGroup::Withdrawable.contains(&complaint, now),
                    check_withdrawal(&complaint.facts(), &owner, now).is_ok(),
                    "{status:?} filed {} ms before",
                    now.0 - filed_at.0
                );
                assert_eq!(
                    ComplaintGroup::Withdrawable.contains(&complaint, now),
                    status.is_withdrawable()
                        && filed_at >= ComplaintGroup::Withdrawable.filed_since(now).unwrap()
                );
            }
        }
        assert_eq!(
            ComplaintGroup::Withdrawable.statuses().collect::<Vec<_>>(),
            [ComplaintStatus::Pending, ComplaintStatus::Processing]
        );
        assert_eq!(ComplaintGroup::Open.filed_since(now), None);
        for group in ComplaintGroup::ALL {
            assert_eq!(
                serde_json::to_value(group).unwrap(),
                serde_json::Value::from(group.code())
            );
        }
    }
}

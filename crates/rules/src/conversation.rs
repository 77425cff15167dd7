//! The conversation with customer service (客服对话): one per complaint, between its owner and
//! the agents, for everything self-service cannot do. Who may write in it, what the typed
//! requests in it ask, the safeguards every withdrawal asks whichever way it goes, and the
//! evidence pictures a message may carry.

use serde::{Deserialize, Serialize};

use crate::actor::{Actor, ComplaintFacts, Role};
use crate::code::ErrorCode;
use crate::kind::WithdrawalReason;
use crate::policy::POLICY;
use crate::status::ComplaintStatus;
use crate::withdrawal::Blocked;

/// Has what the seller promised (a refund, a replacement) actually arrived? Asked before any
/// withdrawal whose reason is a settlement with the seller, by the app and by customer
/// service alike, and recorded with the withdrawal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Remedy {
    /// 已收到
    Arrived,
    /// 还没有: withdrawing anyway needs an explicit acceptance of the risk.
    NotYet,
    /// 不涉及: neither a refund nor a replacement was promised.
    NotApplicable,
}

crate::vocabulary!(Remedy {
    Arrived => "arrived",
    NotYet => "not_yet",
    NotApplicable => "not_applicable",
});

/// Why a withdrawal's safeguards are not satisfied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SafeguardMissing {
    /// The reason is a settlement, and whether the remedy arrived was not answered.
    RemedyRequired,
    /// The remedy has not arrived and the owner did not accept withdrawing anyway.
    RiskNotAccepted,
}

impl SafeguardMissing {
    pub fn code(self) -> ErrorCode {
        match self {
            SafeguardMissing::RemedyRequired => ErrorCode::RemedyRequired,
            SafeguardMissing::RiskNotAccepted => ErrorCode::RiskNotAccepted,
        }
    }
}

/// The safeguards of every withdrawal, self-service or through customer service: for a
/// settlement (`resolved`), whether the remedy arrived; if it has not, an explicit "I still
/// withdraw". Returns the answer to record: the remedy for a settlement, none otherwise (a
/// remedy sent with another reason was not asked, and is not recorded).
pub fn check_safeguards(
    reason: WithdrawalReason,
    remedy: Option<Remedy>,
    accepted_risk: bool,
) -> Result<Option<Remedy>, SafeguardMissing> {
    if reason != WithdrawalReason::Resolved {
        return Ok(None);
    }
    match remedy {
        None => Err(SafeguardMissing::RemedyRequired),
        Some(Remedy::NotYet) if !accepted_risk => Err(SafeguardMissing::RiskNotAccepted),
        Some(remedy) => Ok(Some(remedy)),
    }
}

/// What the owner tells customer service about a complaint in arbitration: the platform has
/// taken it over, so it cannot be withdrawn, but the owner can say it is settled, or appeal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ArbitrationNoteKind {
    /// 已和卖家和解: the matter is settled; the platform may close the arbitration.
    Settled,
    /// 申诉: the owner disagrees with the arbitration (a note is required).
    Appeal,
}

crate::vocabulary!(ArbitrationNoteKind {
    Settled => "settled",
    Appeal => "appeal",
});

/// What the seller did to push the owner to withdraw (a pressure report's category).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PressureKind {
    /// 要求撤销投诉
    DemandedWithdrawal,
    /// 以退款或补偿为条件
    ConditionalRefund,
    /// 反复催促、骚扰
    Harassment,
    /// 威胁、辱骂
    Threat,
    /// 其他
    Other,
}

crate::vocabulary!(PressureKind {
    DemandedWithdrawal => "demanded_withdrawal",
    ConditionalRefund => "conditional_refund",
    Harassment => "harassment",
    Threat => "threat",
    Other => "other",
});

/// May this actor write in the complaint's conversation? Its owner and every agent may, in any
/// status (a question about a withdrawn complaint is still a question). Anyone else is
/// `NotOwner`, answered 404 like a missing complaint.
pub fn check_message(complaint: &ComplaintFacts, actor: &Actor) -> Result<(), Blocked> {
    if actor.role == Role::Agent || complaint.owner == actor.id {
        Ok(())
    } else {
        Err(Blocked::NotOwner)
    }
}

/// Why an arbitration note is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ArbitrationNoteBlocked {
    NotOwner,
    /// The complaint is not (or no longer) in arbitration.
    NotInArbitration,
}

impl ArbitrationNoteBlocked {
    pub fn code(self) -> ErrorCode {
        match self {
            ArbitrationNoteBlocked::NotOwner => ErrorCode::NotOwner,
            ArbitrationNoteBlocked::NotInArbitration => ErrorCode::NotInArbitration,
        }
    }
}

/// May the actor send an arbitration note? The owner, while the complaint is in arbitration.
pub fn check_arbitration_note(
    complaint: &ComplaintFacts,
    actor: &Actor,
) -> Result<(), ArbitrationNoteBlocked> {
    if complaint.owner != actor.id {
        return Err(ArbitrationNoteBlocked::NotOwner);
    }
    if complaint.status != ComplaintStatus::Arbitration {
        return Err(ArbitrationNoteBlocked::NotInArbitration);
    }
    Ok(())
}

/// How many evidence pictures one message may carry, how big each may be, and how many pixels
/// it may decode to (against decompression bombs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EvidenceLimits {
    pub max_images_per_message: usize,
    /// The file as uploaded, in bytes.
    pub max_image_bytes: usize,
    /// Width × height of the decoded picture.
    pub max_image_pixels: u64,
}

/// Why an evidence picture is refused. The type is read from the content, never from a name
/// or a header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImageRefused {
    /// Not a JPEG, PNG or WebP (an SVG, a GIF, a document, …).
    TypeUnsupported,
    /// Truncated or corrupt, or with data after the picture's end (a polyglot).
    Unreadable,
    /// Over [`EvidenceLimits::max_image_bytes`].
    TooLarge,
    /// Over [`EvidenceLimits::max_image_pixels`].
    TooManyPixels,
    /// One more than [`EvidenceLimits::max_images_per_message`] on one message.
    TooManyImages,
}

impl ImageRefused {
    pub fn code(self) -> ErrorCode {
        match self {
            ImageRefused::TypeUnsupported => ErrorCode::ImageTypeUnsupported,
            ImageRefused::Unreadable => ErrorCode::ImageUnreadable,
            ImageRefused::TooLarge => ErrorCode::ImageTooLarge,
            ImageRefused::TooManyPixels => ErrorCode::ImageTooManyPixels,
            ImageRefused::TooManyImages => ErrorCode::TooManyImages,
        }
    }
}

/// The checks of a picture's size that need no decoding: its bytes, then (once its header is
/// read) its pixels.
pub fn check_image_size(bytes: usize, width: u32, height: u32) -> Result<(), ImageRefused> {
    let limits = POLICY.evidence;
    if bytes > limits.max_image_bytes {
        return Err(ImageRefused::TooLarge);
    }
    if u64::from(width) * u64::from(height) > limits.max_image_pixels {
        return Err(ImageRefused::TooManyPixels);
    }
    Ok(())
}

/// How many pictures one message may carry.
pub fn check_image_count(count: usize) -> Result<(), ImageRefused> {
    if count > POLICY.evidence.max_images_per_message {
        Err(ImageRefused::TooManyImages)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::{RealName, UserId};
    use crate::time::UtcMillis;

    fn facts(status: ComplaintStatus) -> ComplaintFacts {
        ComplaintFacts {
            owner: UserId(1),
            status,
            filed_at: UtcMillis(0),
        }
    }

    fn actor(id: i64, role: Role) -> Actor {
        Actor {
            id: UserId(id),
            role,
            real_name: RealName::Verified,
        }
    }

    #[test]
    fn a_settlement_asks_whether_the_remedy_arrived_and_an_explicit_yes_if_not() {
        use WithdrawalReason::*;
        assert_eq!(
            check_safeguards(Resolved, None, false),
            Err(SafeguardMissing::RemedyRequired)
        );
        assert_eq!(
            check_safeguards(Resolved, Some(Remedy::NotYet), false),
            Err(SafeguardMissing::RiskNotAccepted)
        );
        assert_eq!(
            check_safeguards(Resolved, Some(Remedy::NotYet), true),
            Ok(Some(Remedy::NotYet))
        );
        assert_eq!(
            check_safeguards(Resolved, Some(Remedy::Arrived), false),
            Ok(Some(Remedy::Arrived))
        );
        // Not asked for other reasons, so not recorded.
        assert_eq!(
            check_safeguards(Mistaken, Some(Remedy::NotYet), false),
            Ok(None)
        );
        assert_eq!(check_safeguards(Other, None, false), Ok(None));
    }

    #[test]
    fn the_owner_and_agents_write_in_the_conversation_in_any_status() {
        for status in ComplaintStatus::ALL {
            assert_eq!(
                check_message(&facts(status), &actor(1, Role::Shopper)),
                Ok(())
            );
            assert_eq!(
                check_message(&facts(status), &actor(9, Role::Agent)),
                Ok(())
            );
            assert_eq!(
                check_message(&facts(status), &actor(2, Role::Shopper)),
                Err(Blocked::NotOwner)
            );
        }
    }

    #[test]
    fn an_arbitration_note_is_the_owners_while_in_arbitration() {
        let owner = actor(1, Role::Shopper);
        assert_eq!(
            check_arbitration_note(&facts(ComplaintStatus::Arbitration), &owner),
            Ok(())
        );
        assert_eq!(
            check_arbitration_note(&facts(ComplaintStatus::Processing), &owner),
            Err(ArbitrationNoteBlocked::NotInArbitration)
        );
        assert_eq!(
            check_arbitration_note(&facts(ComplaintStatus::Arbitration), &actor(9, Role::Agent)),
            Err(ArbitrationNoteBlocked::NotOwner)
        );
    }

    #[test]
    fn pictures_are_limited_in_bytes_pixels_and_number() {
        let limits = POLICY.evidence;
        assert_eq!(check_image_size(limits.max_image_bytes, 100, 100), Ok(()));
        assert_eq!(
            check_image_size(limits.max_image_bytes + 1, 100, 100),
            Err(ImageRefused::TooLarge)
        );
        assert_eq!(
            check_image_size(1000, 20_000, 20_000),
            Err(ImageRefused::TooManyPixels)
        );
        assert_eq!(check_image_count(limits.max_images_per_message), Ok(()));
        assert_eq!(
            check_image_count(limits.max_images_per_message + 1),
            Err(ImageRefused::TooManyImages)
        );
    }
}

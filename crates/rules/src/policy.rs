//! Every number the rules use, in one value with a version.

use crate::conversation::{ArbitrationNoteKind, EvidenceLimits};
use crate::kind::{ComplaintKind, WithdrawalReason};
use crate::time::HOUR_MS;

/// Bumped whenever any value below or any rule of this crate changes meaning. The server
/// reports the version it enforces; an app compiled with another version asks to reload.
/// (Adding a rule or a value, as the pressure report and its note did, changes the meaning
/// of none: still 1.)
pub const POLICY_VERSION: u32 = 1;

/// How long a text may be, in Unicode scalar values after trimming.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextLimits {
    pub min_chars: usize,
    pub max_chars: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    pub version: u32,
    /// The self-service withdrawal window, counted from filing.
    pub self_service_window_ms: i64,
    /// The withdrawal note when the reason does not require one.
    pub note: TextLimits,
    /// The withdrawal note when the reason is `other`.
    pub note_for_other_reason: TextLimits,
    /// A new complaint's description.
    pub description: TextLimits,
    /// An agent's reason for rejecting an assistance request.
    pub rejection_reason: TextLimits,
    /// The owner's note on a pressure report (what the seller said or did); optional.
    pub pressure_note: TextLimits,
    /// A message in the conversation with customer service (it may be empty when it carries
    /// pictures or a request).
    pub message: TextLimits,
    /// The owner's note saying an arbitrated complaint is settled with the seller.
    pub settled_note: TextLimits,
    /// The owner's appeal against an arbitration: why.
    pub appeal_note: TextLimits,
    /// Evidence pictures on a message.
    pub evidence: EvidenceLimits,
    pub withdrawal_reasons: &'static [WithdrawalReason],
    pub complaint_kinds: &'static [ComplaintKind],
    /// The usual customer-service response time, in hours, told to the user.
    pub assistance_response_hours: (u8, u8),
}

pub const POLICY: Policy = Policy {
    version: POLICY_VERSION,
    self_service_window_ms: 24 * HOUR_MS,
    note: TextLimits {
        min_chars: 0,
        max_chars: 200,
    },
    note_for_other_reason: TextLimits {
        min_chars: 5,
        max_chars: 200,
    },
    description: TextLimits {
        min_chars: 10,
        max_chars: 500,
    },
    rejection_reason: TextLimits {
        min_chars: 5,
        max_chars: 200,
    },
    pressure_note: TextLimits {
        min_chars: 0,
        max_chars: 200,
    },
    message: TextLimits {
        min_chars: 0,
        max_chars: 500,
    },
    settled_note: TextLimits {
        min_chars: 0,
        max_chars: 200,
    },
    appeal_note: TextLimits {
        min_chars: 10,
        max_chars: 500,
    },
    evidence: EvidenceLimits {
        max_images_per_message: 4,
        max_image_bytes: 5 * 1024 * 1024,
        // 40 megapixels: any phone's photo, not a decompression bomb.
        max_image_pixels: 40_000_000,
    },
    withdrawal_reasons: &WithdrawalReason::ALL,
    complaint_kinds: &ComplaintKind::ALL,
    assistance_response_hours: (1, 2),
};

impl Policy {
    /// The limits of the withdrawal note for a given reason.
    pub fn note_limits(&self, reason: WithdrawalReason) -> TextLimits {
        match reason {
            WithdrawalReason::Other => self.note_for_other_reason,
            WithdrawalReason::Resolved | WithdrawalReason::Mistaken => self.note,
        }
    }

    /// The limits of an arbitration note's text for its kind.
    pub fn arbitration_note_limits(&self, kind: ArbitrationNoteKind) -> TextLimits {
        match kind {
            ArbitrationNoteKind::Settled => self.settled_note,
            ArbitrationNoteKind::Appeal => self.appeal_note,
        }
    }
}

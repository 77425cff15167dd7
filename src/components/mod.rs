//! Small components with typed props; pages compose them.

mod catalogue;
mod complaint_list;
mod composer;
mod confirm_dialog;
mod copy;
mod eligibility;
mod evidence;
mod feedback;
mod focus;
mod icons;
mod product;
mod progress;
mod request_actions;
mod sheet_history;
mod shell;
mod status_badge;
mod sticky_bar;
mod submit;
mod thread;
mod timeline;
mod unread;
mod withdrawal_fields;
mod withdrawal_questions;
mod withdrawal_state;

use catalogue::Catalogue;
pub use complaint_list::{ComplaintRow, ComplaintRows, Counts, ListTabs, SearchBox};
pub use composer::MessageComposer;
pub use confirm_dialog::ConfirmDialog;
pub use copy::CopyableNumber;
pub use eligibility::{offers_action, DetailAction, EligibilityPanel, StateActions};
pub use evidence::{Evidence, EvidencePicker};
pub use feedback::{
    failure_message, reload_page, use_flash, use_online, EmptyState, ErrorPanel, FailureNotice,
    Flash, FlashNotice, Illustration, SkeletonRows, SubmitFailure, UpdateBanner,
};
pub use focus::focus_element;
pub use icons::{Icon, IconName};
pub use product::{format_yuan, ProductHeader, ProductThumb};
pub use progress::{
    steps_of, CountdownRing, StatusStepper, Step, StepState, WindowBar, WindowLabels,
};
pub use sheet_history::{leave_sheet_then, use_back_closes};
pub use shell::{
    set_page_title, use_on_screen, use_wide_screen, AccountMenu, BackLink, BottomNav, Header,
    PageFrame, PageTitle,
};
pub use status_badge::StatusBadge;
pub use sticky_bar::{BarLayout, StickyBar};
pub use submit::{return_to_complaint, Submission, SubmitBar, SubmitProgress};
pub use thread::MessageList;
pub use timeline::Timeline;
pub use unread::{use_unread, Unread};
pub use withdrawal_fields::{CountedText, ReasonNoteFields, ReasonPicker};
pub use withdrawal_questions::{RemedyQuestion, WithdrawalSummary};
pub use withdrawal_state::{state_words, withdrawal_state, StateActionLink, WithdrawalLine};

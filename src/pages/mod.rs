//! One module per screen; each composes components and reads shared state from context.

mod agent;
mod agent_conversation;
mod arbitration;
mod assistance;
mod complaint;
mod conversation;
mod detail;
mod help;
mod list;
mod not_found;
mod orders;
mod pressure;
mod receipt;
mod sign_in;
mod withdraw;

pub use agent::AgentPage;
pub use agent_conversation::AgentConversationPage;
pub use arbitration::ArbitrationNotePage;
pub use assistance::AssistancePage;
pub use conversation::ConversationPage;
pub use detail::ComplaintDetailPage;
pub use help::HelpPage;
pub use list::{ComplaintsLayout, NoSelection};
pub use not_found::{Missing, NotFoundPage};
pub use orders::{FileComplaintPage, OrdersPage};
pub use pressure::PressurePage;
pub use receipt::ReceiptPage;
pub use sign_in::SignInPage;
pub use withdraw::WithdrawPage;

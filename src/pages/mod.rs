//! One module per screen; each composes components and reads shared state from context.

mod help;
mod not_found;

pub use help::HelpPage;
pub use not_found::NotFoundPage;

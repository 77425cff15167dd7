//! Small components with typed props; pages compose them.

mod status_badge;
mod window_badge;

pub use status_badge::StatusBadge;
pub use window_badge::WindowBadge;

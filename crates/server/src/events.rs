//! Live complaint changes, fed after each commit and read by `GET /api/events`.

use complaint_api::ComplaintChanged;
use complaint_rules::UserId;
use tokio::sync::broadcast;

/// A committed change of a complaint owned by `owner`.
#[derive(Clone, Debug)]
pub struct Change {
    pub owner: UserId,
    pub event: ComplaintChanged,
}

#[derive(Clone)]
pub struct Events {
    sender: broadcast::Sender<Change>,
}

impl Events {
    pub fn new() -> Self {
        let (sender, _) = broadcast::channel(1024);
        Events { sender }
    }

    /// Tells every listener; nobody listening is fine.
    pub fn publish(&self, change: Change) {
        let _ = self.sender.send(change);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.sender.subscribe()
    }
}

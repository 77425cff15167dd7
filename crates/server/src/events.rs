//! Live complaint changes and messages of the conversations, fed after each commit and read by
//! `GET /api/events`.
//!
//! On SQLite (one server) a change goes straight to this process's streams. On PostgreSQL
//! (several servers on one database) it goes through `NOTIFY complaint_desk_events`: every
//! server, this one included, `LISTEN`s and hands what it hears to its own streams, so a
//! client connected to server A sees a change made through server B. When the listening
//! connection is lost and comes back, the streams get a `resync` (what was said meanwhile is
//! lost; the app reloads).

use std::time::Duration;

use complaint_api::{ComplaintChanged, MessageSent};
use complaint_rules::UserId;
use serde::{Deserialize, Serialize};
use sqlx::postgres::{PgListener, PgPool};
use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;

/// The PostgreSQL channel.
const CHANNEL: &str = "complaint_desk_events";

/// A committed change of a complaint owned by `owner`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub owner: UserId,
    pub event: ComplaintChanged,
}

/// A message posted in the conversation of a complaint owned by `owner` (who hears it, with
/// every agent).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posted {
    pub owner: UserId,
    pub event: MessageSent,
}

/// What is published: what the event streams receive, and the payload of a notification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Published {
    Change(Change),
    Message(Posted),
}

impl Published {
    /// The owner of the complaint it is about.
    pub fn owner(&self) -> UserId {
        match self {
            Published::Change(change) => change.owner,
            Published::Message(posted) => posted.owner,
        }
    }
}

/// What the event streams receive.
#[derive(Clone, Debug)]
pub enum Live {
    Published(Published),
    /// Changes may have been missed: reload.
    Resync,
}

#[derive(Clone)]
pub struct Events {
    sender: broadcast::Sender<Live>,
    postgres: Option<PgPool>,
}

impl Events {
    /// Local delivery only (SQLite).
    pub fn local() -> Self {
        let (sender, _) = broadcast::channel(1024);
        Events {
            sender,
            postgres: None,
        }
    }

    /// Through PostgreSQL: listens before returning, so nothing published after start-up is
    /// missed, and keeps listening (reconnecting) until `shutdown`.
    pub async fn postgres(pool: PgPool, shutdown: CancellationToken) -> anyhow::Result<Self> {
        let events = Events {
            postgres: Some(pool.clone()),
            ..Events::local()
        };
        let listener = listen(&pool).await?;
        tokio::spawn(keep_listening(
            listener,
            pool,
            events.sender.clone(),
            shutdown,
        ));
        Ok(events)
    }

    /// Tells every listener (of every server, on PostgreSQL) of a committed change; nobody
    /// listening is fine.
    pub async fn publish(&self, change: Change) {
        self.send(Published::Change(change)).await;
    }

    /// Tells every listener of a message posted (and committed).
    pub async fn publish_message(&self, posted: Posted) {
        self.send(Published::Message(posted)).await;
    }

    async fn send(&self, published: Published) {
        let Some(pool) = &self.postgres else {
            let _ = self.sender.send(Live::Published(published));
            return;
        };
        let sent = match serde_json::to_string(&published) {
            Ok(payload) => sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(payload)
                .execute(pool)
                .await
                .map(|_| ())
                .map_err(anyhow::Error::from),
            Err(error) => Err(error.into()),
        };
        if let Err(error) = sent {
            // The change is committed; at least this server's clients hear of it.
            tracing::warn!(error = format!("{error:#}"), "NOTIFY failed");
            let _ = self.sender.send(Live::Published(published));
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Live> {
        self.sender.subscribe()
    }
}

async fn listen(pool: &PgPool) -> anyhow::Result<PgListener> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

async fn keep_listening(
    mut listener: PgListener,
    pool: PgPool,
    sender: broadcast::Sender<Live>,
    shutdown: CancellationToken,
) {
    loop {
        let received = tokio::select! {
            () = shutdown.cancelled() => return,
            received = listener.try_recv() => received,
        };
        match received {
            Ok(Some(notification)) => {
                match serde_json::from_str::<Published>(notification.payload()) {
                    Ok(published) => {
                        let _ = sender.send(Live::Published(published));
                    }
                    Err(error) => tracing::warn!(%error, "an unreadable notification"),
                }
            }
            // The connection was lost; the next try_recv reconnects and listens again.
            Ok(None) => {
                tracing::warn!("the LISTEN connection was lost: reconnecting");
                let _ = sender.send(Live::Resync);
            }
            Err(error) => {
                tracing::warn!(%error, "LISTEN failed: reconnecting in a second");
                let _ = sender.send(Live::Resync);
                tokio::select! {
                    () = shutdown.cancelled() => return,
                    () = tokio::time::sleep(Duration::from_secs(1)) => {}
                }
                match listen(&pool).await {
                    Ok(fresh) => listener = fresh,
                    Err(error) => tracing::warn!(%error, "cannot listen yet"),
                }
            }
        }
    }
}

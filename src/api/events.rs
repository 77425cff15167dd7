//! Live updates: the server's Server-Sent Events about the user's complaints.

use complaint_api::{
    ComplaintChanged, ComplaintId, MessageSent, COMPLAINT_EVENT, MESSAGE_EVENT, RESYNC_EVENT,
    SESSION_ENDED_EVENT,
};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::Api;

/// The latest change the server announced, and a count of the moments when changes may
/// have been missed. Pages that show a complaint watch them and reload: on a change of
/// their complaint, and on every resync, which is about anything. What the user typed lives
/// in the pages' own signals, so reloading the data keeps it.
#[derive(Clone, Copy)]
pub struct LiveUpdates {
    last: RwSignal<Option<ComplaintChanged>>,
    /// The latest message posted in a conversation the user may read.
    last_message: RwSignal<Option<MessageSent>>,
    resyncs: RwSignal<u32>,
}

impl LiveUpdates {
    /// Opens the signed-in user's event stream for as long as the current owner lives. When
    /// the session ends elsewhere (signed out in another tab, expired), the server says so
    /// on the stream within seconds, and the app shows sign-in as after a 401.
    pub fn connect(api: &Api) -> Self {
        Self::open(&api.url("/api/events"), api.signed_out())
    }

    /// Opens the event stream at `url`; the browser reconnects it by itself after a failure.
    /// Changes may be missed twice over: the server says so (`resync`: its own feed had a
    /// gap), or the connection dropped and came back. Both count as a resync. The server's
    /// last event, `session_ended`, sets `session_ended` and closes the stream (reconnecting
    /// could only be refused).
    pub fn open(url: &str, session_ended: RwSignal<bool>) -> Self {
        let live = LiveUpdates {
            last: RwSignal::new(None),
            last_message: RwSignal::new(None),
            resyncs: RwSignal::new(0),
        };
        // In an effect: effects run in the browser only, after a server-rendered page is
        // taken over; its cleanup closes the stream with the owner.
        let url = url.to_owned();
        Effect::new(move |_| live.listen(&url, session_ended));
        live
    }

    fn listen(self, url: &str, session_ended: RwSignal<bool>) {
        let live = self;
        let init = web_sys::EventSourceInit::new();
        // Cookies go along when the API is on another origin (CORS with credentials).
        init.set_with_credentials(true);
        let Ok(source) = web_sys::EventSource::new_with_event_source_init_dict(url, &init) else {
            return;
        };
        let on_change =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let data = event.data().as_string().unwrap_or_default();
                if let Ok(change) = serde_json::from_str::<ComplaintChanged>(&data) {
                    live.last.set(Some(change));
                }
            });
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let data = event.data().as_string().unwrap_or_default();
                if let Ok(message) = serde_json::from_str::<MessageSent>(&data) {
                    live.last_message.set(Some(message));
                }
            });
        let on_resync = Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| {
            live.resyncs.update(|count| *count += 1);
        });
        // The first `open` is the connection itself; any later one is a reconnection.
        let opened = StoredValue::new(false);
        let on_open = Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| {
            if opened.get_value() {
                live.resyncs.update(|count| *count += 1);
            }
            opened.set_value(true);
        });
        let on_ended = Closure::<dyn Fn(web_sys::Event)>::new({
            let source = source.clone();
            move |_: web_sys::Event| {
                source.close();
                session_ended.set(true);
            }
        });
        let listen = |name: &str, callback: &js_sys::Function| {
            let _ = source.add_event_listener_with_callback(name, callback);
        };
        listen(COMPLAINT_EVENT, on_change.as_ref().unchecked_ref());
        listen(MESSAGE_EVENT, on_message.as_ref().unchecked_ref());
        listen(RESYNC_EVENT, on_resync.as_ref().unchecked_ref());
        listen(SESSION_ENDED_EVENT, on_ended.as_ref().unchecked_ref());
        listen("open", on_open.as_ref().unchecked_ref());
        let stream =
            SendWrapper::new((source, on_change, on_message, on_resync, on_open, on_ended));
        on_cleanup(move || stream.0.close());
    }

    /// Changes as a value: it differs whenever a change of any complaint was announced, or
    /// changes may have been missed (what a resource of the user's complaints is keyed by).
    pub fn revision(&self) -> (Option<ComplaintChanged>, u32) {
        (self.last.get(), self.resyncs.get())
    }

    /// Changes of complaint `id` as a value, as [`LiveUpdates::revision`].
    pub fn revision_for(&self, id: ComplaintId) -> (Option<ComplaintChanged>, u32) {
        (self.latest_for(id), self.resyncs.get())
    }

    /// The latest change of any complaint; reactive, and also notified on every resync.
    pub fn latest(&self) -> Option<ComplaintChanged> {
        self.resyncs.track();
        self.last.get()
    }

    /// The latest change if it is about `id`; reactive, and also notified on every resync.
    pub fn latest_for(&self, id: ComplaintId) -> Option<ComplaintChanged> {
        self.resyncs.track();
        self.last.get().filter(|change| change.complaint_id == id)
    }

    /// The latest message posted anywhere the user may read; reactive, and also notified on
    /// every resync.
    pub fn latest_message(&self) -> Option<MessageSent> {
        self.resyncs.track();
        self.last_message.get()
    }

    /// The latest message posted in `id`'s conversation; reactive, and also notified on every
    /// resync.
    pub fn latest_message_for(&self, id: ComplaintId) -> Option<MessageSent> {
        self.resyncs.track();
        self.last_message
            .get()
            .filter(|message| message.complaint_id == id)
    }

    /// How many times changes may have been missed since the stream opened; reactive.
    pub fn resyncs(&self) -> u32 {
        self.resyncs.get()
    }
}

pub fn use_live_updates() -> LiveUpdates {
    expect_context::<LiveUpdates>()
}

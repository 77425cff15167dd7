//! Live updates: the server's Server-Sent Events about the user's complaints.

use complaint_api::{ComplaintChanged, ComplaintId, COMPLAINT_EVENT};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::Api;

/// The latest change the server announced. Pages that show a complaint watch it and reload
/// when it is about their complaint; the browser reconnects the stream by itself.
#[derive(Clone, Copy)]
pub struct LiveUpdates {
    last: RwSignal<Option<ComplaintChanged>>,
}

impl LiveUpdates {
    /// Opens the event stream for as long as the current owner lives.
    pub fn connect(api: &Api) -> Self {
        let live = LiveUpdates {
            last: RwSignal::new(None),
        };
        let init = web_sys::EventSourceInit::new();
        // Cookies go along when the API is on another origin (CORS with credentials).
        init.set_with_credentials(true);
        let Ok(source) =
            web_sys::EventSource::new_with_event_source_init_dict(&api.url("/api/events"), &init)
        else {
            return live;
        };
        let on_change =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let data = event.data().as_string().unwrap_or_default();
                if let Ok(change) = serde_json::from_str::<ComplaintChanged>(&data) {
                    live.last.set(Some(change));
                }
            });
        let _ = source
            .add_event_listener_with_callback(COMPLAINT_EVENT, on_change.as_ref().unchecked_ref());
        let stream = SendWrapper::new((source, on_change));
        on_cleanup(move || stream.0.close());
        live
    }

    /// The latest change of any complaint; reactive.
    pub fn latest(&self) -> Option<ComplaintChanged> {
        self.last.get()
    }

    /// The latest change if it is about `id`; reactive.
    pub fn latest_for(&self, id: ComplaintId) -> Option<ComplaintChanged> {
        self.last.get().filter(|change| change.complaint_id == id)
    }
}

pub fn use_live_updates() -> LiveUpdates {
    expect_context::<LiveUpdates>()
}

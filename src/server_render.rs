//! A page rendered on the server (`ssr`): the same components, their reads answered
//! in-process ([`crate::api::InProcess`]), the answers carried in the page for the wasm that
//! takes it over, which then does not ask again.

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::Arc;

use futures::StreamExt;
use hydration_context::{SharedContext, SsrSharedContext};
use leptos::prelude::*;
use leptos_router::location::RequestUrl;

use crate::app::App;
use crate::boot::Boot;

/// A page's body as the server renders it.
pub struct RenderedPage {
    /// 200, or 404 when the page is the not-found page (an unknown address, a complaint
    /// that is not the user's: as the API answers).
    pub status: u16,
    /// What goes inside `<body>`.
    pub body: String,
    /// The script that hands what the page's reads answered to the wasm (the text of an
    /// inline `<script>`, to be allowed by its hash).
    pub answers_script: String,
}

/// The status a page asks for, set while rendering ([`set_page_status`]).
#[derive(Clone, Default)]
struct PageStatus(Arc<AtomicU16>);

/// Says which status the page being rendered on the server answers with; nothing in the
/// browser.
pub fn set_page_status(status: u16) {
    if let Some(page) = use_context::<PageStatus>() {
        page.0.store(status, Ordering::Relaxed);
    }
}

/// Runs the tasks of pages rendered from now on (their reads) on the current tokio runtime;
/// once, before the first render (later calls change nothing).
pub fn run_on_tokio() {
    let _ = any_spawner::Executor::init_tokio();
}

/// Renders the app at `url` (path below the base, with its query) for `boot`, waiting for
/// every read the page makes (the HTML is sent whole, in order).
pub async fn render_page(boot: Boot, url: String) -> RenderedPage {
    let shared: Arc<dyn SharedContext + Send + Sync> = Arc::new(SsrSharedContext::new());
    let owner = Owner::new_root(Some(Arc::clone(&shared)));
    let status = PageStatus::default();
    let html = owner.with(|| {
        provide_context(RequestUrl::new(&url));
        provide_context(status.clone());
        view! { <App boot/> }.to_html_stream_in_order()
    });
    let body = html.collect::<String>().await;
    let answers_script = match shared.pending_data() {
        Some(chunks) => chunks.collect::<String>().await,
        None => String::new(),
    };
    owner.cleanup();
    RenderedPage {
        status: match status.0.load(Ordering::Relaxed) {
            0 => 200,
            status => status,
        },
        body,
        answers_script,
    }
}

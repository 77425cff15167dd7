//! Where reads are answered other than by a request over the network. In the browser: the
//! answers index.html asked for while the app downloaded, each taken once by the read of
//! the same path. On the server: the server's own handlers, called in-process for the
//! request being rendered (same storage, same authorization: a complaint that is not the
//! user's is the same 404 on the page as in the API).

#[cfg(not(feature = "ssr"))]
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use std::{future::Future, pin::Pin, sync::Arc};

#[cfg(not(feature = "ssr"))]
#[derive(Clone, Copy)]
pub struct Answers(pub(super) StoredValue<Vec<(String, js_sys::Promise)>, LocalStorage>);

#[cfg(not(feature = "ssr"))]
impl Answers {
    /// Answers to GETs of these paths (`/api/…` with their query), arriving.
    pub fn preloaded(answers: Vec<(String, js_sys::Promise)>) -> Self {
        Answers(StoredValue::new_local(answers))
    }
}

#[cfg(feature = "ssr")]
#[derive(Clone)]
pub struct Answers(pub(super) Arc<dyn InProcess>);

#[cfg(feature = "ssr")]
impl Answers {
    pub fn in_process(server: Arc<dyn InProcess>) -> Self {
        Answers(server)
    }
}

/// The server answering the app's reads in-process while it renders a page.
#[cfg(feature = "ssr")]
pub trait InProcess: Send + Sync {
    /// The status and JSON body the API gives to a GET of `path` (`/api/…` with its query)
    /// for the request being rendered.
    fn get(&self, path: &str) -> Pin<Box<dyn Future<Output = (u16, String)> + Send>>;
}

//! Uploading an evidence picture, with its progress: `fetch` reports none while sending, so
//! this one request goes through `XMLHttpRequest`. The bytes go as picked; the server reads
//! the type from them, re-encodes them, and answers what it stored.

use std::rc::Rc;

use complaint_api::{ImageView, CSRF_HEADER, CSRF_HEADER_VALUE};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::{Answer, Api, ApiFailure, ApiResult};

/// Hears how much of a picture is sent.
type OnProgress = Closure<dyn Fn(web_sys::ProgressEvent)>;

/// One picture on its way to the server; [`Upload::abort`] stops it.
#[derive(Clone)]
pub struct Upload {
    request: SendWrapper<web_sys::XmlHttpRequest>,
    /// Lives as long as the request may call it.
    _progress: SendWrapper<Rc<OnProgress>>,
}

impl Upload {
    /// Stops sending (the shopper removed the picture before it was sent).
    pub fn abort(&self) {
        let _ = self.request.abort();
    }
}

impl Api {
    /// Uploads `file` to `POST /api/images`; `progress` hears how much is sent, in permille.
    /// Returns the request (to abort it) and its answer.
    pub fn upload_image(
        &self,
        file: &web_sys::File,
        progress: impl Fn(u32) + 'static,
    ) -> (
        Option<Upload>,
        impl std::future::Future<Output = ApiResult<ImageView>>,
    ) {
        let started = self.start_upload(file, progress);
        let api = self.clone();
        let upload = started.as_ref().ok().map(|(upload, _)| upload.clone());
        let answer = async move {
            let (upload, done) = started?;
            // Settles when the request ends whichever way (loadend), never rejects.
            let _ = wasm_bindgen_futures::JsFuture::from(done).await;
            let request = &upload.request;
            let status = request.status().unwrap_or(0);
            if status == 0 {
                // No answer at all: offline, or aborted (by the shopper, or a page left).
                return Err(ApiFailure::Network);
            }
            api.observe_answer(status, |name| {
                request.get_response_header(name).ok().flatten()
            });
            let body = request.response_text().ok().flatten().unwrap_or_default();
            Answer {
                status,
                ok: (200..300).contains(&status),
                body,
            }
            .decode()
        };
        (upload, answer)
    }

    fn start_upload(
        &self,
        file: &web_sys::File,
        progress: impl Fn(u32) + 'static,
    ) -> ApiResult<(Upload, js_sys::Promise)> {
        if self.rules_outdated.get_untracked().is_some() {
            return Err(ApiFailure::RulesOutdated);
        }
        let request = web_sys::XmlHttpRequest::new().map_err(|_| ApiFailure::Network)?;
        request
            .open("POST", &self.url("/api/images"))
            .map_err(|_| ApiFailure::Network)?;
        request.set_with_credentials(true);
        let _ = request.set_request_header(CSRF_HEADER, CSRF_HEADER_VALUE);
        let _ = request.set_request_header("content-type", "application/octet-stream");
        let on_progress =
            Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |event: web_sys::ProgressEvent| {
                if event.length_computable() && event.total() > 0.0 {
                    progress((event.loaded() / event.total() * 1000.0) as u32);
                }
            });
        if let Ok(upload) = request.upload() {
            upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        }
        let done = js_sys::Promise::new(&mut |resolve, _| {
            request.set_onloadend(Some(&resolve));
        });
        request
            .send_with_opt_blob(Some(file))
            .map_err(|_| ApiFailure::Network)?;
        Ok((
            Upload {
                request: SendWrapper::new(request),
                _progress: SendWrapper::new(Rc::new(on_progress)),
            },
            done,
        ))
    }
}

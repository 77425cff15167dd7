//! The app's pages rendered by the server (`--render`): the same Leptos components as in the
//! browser (the app crate's `ssr` build), for the request's session at the server's clock.
//! Their reads are answered by the API's own handlers, in-process, with the request's
//! credentials, so a page shows exactly what the API would (another shopper's complaint is
//! the not-found page, with the API's 404). What they answered travels in the page, and the
//! wasm that takes it over (`hydrate`) does not ask again.

use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use axum_extra::extract::cookie::CookieJar;
use complaint_desk::api::{Answers, InProcess};
use complaint_desk::boot::{Boot, Rendered, RENDERED_ELEMENT_ID};
use complaint_desk::i18n::{Locale, LOCALE_COOKIE};
use complaint_desk::server_render::{render_page, run_on_tokio};
use tokio_util::task::LocalPoolHandle;
use tower::ServiceExt;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;

/// How long a page may take to render, its reads included.
const RENDER_LIMIT: std::time::Duration = std::time::Duration::from_secs(10);

/// The largest answer a page may be built from (a page of 100 complaints is far below).
const ANSWER_LIMIT: usize = 8 * 1024 * 1024;

/// The built `index.html` of the server-rendered build, cut where the page goes.
pub struct Template {
    /// Up to and including `<body>`.
    head: String,
    /// From `</body>` on.
    tail: String,
}

/// What marks the server-rendered build's `index.html` (rendered.html), so that a
/// client-side build given by mistake is refused at start instead of showing the app twice.
const BUILD_MARK: &str = r#"data-build="rendered""#;
const BODY: &str = "<body></body>";
const DEFAULT_LANG: &str = r#"<html lang="zh-CN""#;

impl Template {
    pub fn load(dist: &Path) -> anyhow::Result<Template> {
        let path = dist.join("index.html");
        let html = std::fs::read_to_string(&path)
            .map_err(|error| anyhow::anyhow!("cannot read {}: {error}", path.display()))?;
        if !html.contains(BUILD_MARK) || !html.contains(DEFAULT_LANG) {
            anyhow::bail!(
                "{} is not the app's server-rendered build (build it with scripts/build-rendered.sh)",
                path.display()
            );
        }
        let (head, tail) = html
            .split_once(BODY)
            .ok_or_else(|| anyhow::anyhow!("{} has no empty {BODY}", path.display()))?;
        Ok(Template {
            head: format!("{head}<body>"),
            tail: format!("</body>{tail}"),
        })
    }

    /// The whole document: the rendered body, what it was rendered with, what its reads
    /// answered (an inline script, allowed by its hash: see [`PageScript`]).
    fn document(&self, rendered: &Rendered, body: &str, answers: &str) -> String {
        let head = self.head.replacen(
            DEFAULT_LANG,
            &format!(r#"<html lang="{}""#, rendered.locale().tag()),
            1,
        );
        format!(
            r#"{head}{body}<script type="application/json" id="{RENDERED_ELEMENT_ID}">{}</script><script>{answers}</script>{}"#,
            rendered.to_script_text(),
            self.tail
        )
    }
}

/// The hash source (`'sha256-…'`) of the inline script a rendered page carries, for the
/// security headers to add to that response's CSP.
#[derive(Clone, Debug)]
pub struct PageScript(pub String);

/// What rendering a page needs.
#[derive(Clone)]
pub struct Pages {
    state: AppState,
    /// The API, called in-process.
    api: Router,
    template: Arc<Template>,
    /// The threads pages are rendered on: a render stays on one thread from start to end,
    /// because some of what a page holds (its local actions) may only be dropped where it
    /// was made.
    renderers: LocalPoolHandle,
}

impl Pages {
    /// `api`: the API's routes, as the server serves them under `/api`.
    pub fn new(state: AppState, api: Router<AppState>, template: Arc<Template>) -> Pages {
        run_on_tokio();
        Pages {
            api: Router::new().nest("/api", api).with_state(state.clone()),
            state,
            template,
            renderers: LocalPoolHandle::new(
                std::thread::available_parallelism().map_or(2, |cores| cores.get()),
            ),
        }
    }
}

/// The server-rendered build's files (`dist`), and at every other address the page rendered.
/// Its HTML files are the page's template, never served as they are.
pub fn files_and_pages(dist: &Path, pages: Pages) -> Router {
    let render = axum::routing::get(render).with_state(pages);
    let files = tower_http::services::ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(render.clone());
    Router::new().fallback(move |request: Request| {
        let (files, render) = (files.clone(), render.clone());
        async move {
            if request.uri().path().ends_with(".html") {
                render.oneshot(request).await.into_response()
            } else {
                files.oneshot(request).await.into_response()
            }
        }
    })
}

/// Renders the page at the request's address (any address that is not one of the build's
/// files: an unknown one renders the not-found page, with 404).
pub async fn render(State(pages): State<Pages>, request: Request) -> Response {
    let (mut parts, _) = request.into_parts();
    let user = match CurrentUser::from_request_parts(&mut parts, &pages.state).await {
        Ok(user) => Some(user.user),
        Err(AppError::Unauthenticated(_)) => None,
        Err(error) => return error.into_response(),
    };
    let locale = CookieJar::from_headers(&parts.headers)
        .get(LOCALE_COOKIE)
        .and_then(|cookie| Locale::from_tag(cookie.value()))
        .unwrap_or(Locale::Zh);
    let rendered = Rendered {
        locale: locale.tag().to_owned(),
        user,
        server_time: pages.state.now(),
    };
    let answers = Answers::in_process(Arc::new(InProcessApi {
        api: pages.api.clone(),
        headers: parts.headers.clone(),
    }));
    let boot = Boot::rendered(&rendered, answers);
    let url = parts.uri.path_and_query().map_or_else(
        || "/".to_owned(),
        |path_and_query| path_and_query.to_string(),
    );
    let mut rendering = pages.renderers.spawn_pinned(move || render_page(boot, url));
    // A render that panicked in one of its tasks would wait for it for ever.
    let page = match tokio::time::timeout(RENDER_LIMIT, &mut rendering).await {
        Ok(Ok(page)) => page,
        Ok(Err(error)) => {
            tracing::error!(%error, "rendering a page failed");
            return AppError::Internal(anyhow::anyhow!("rendering a page failed")).into_response();
        }
        Err(_) => {
            rendering.abort();
            tracing::error!("rendering a page took over {RENDER_LIMIT:?}");
            return AppError::Internal(anyhow::anyhow!("rendering a page timed out"))
                .into_response();
        }
    };
    let document = pages
        .template
        .document(&rendered, &page.body, &page.answers_script);
    let mut response = Response::new(Body::from(document));
    *response.status_mut() = StatusCode::from_u16(page.status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    // The page is the user's (their complaints, their name): no cache may keep it.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
        .extensions_mut()
        .insert(PageScript(crate::csp::script_hash(&page.answers_script)));
    response
}

/// The API answering a page's reads in-process, with the credentials of the page's request.
struct InProcessApi {
    api: Router,
    headers: HeaderMap,
}

impl InProcess for InProcessApi {
    fn get(&self, path: &str) -> Pin<Box<dyn Future<Output = (u16, String)> + Send>> {
        let mut request = Request::get(path).body(Body::empty()).unwrap_or_default();
        *request.headers_mut() = self.headers.clone();
        let api = self.api.clone();
        Box::pin(async move {
            let Ok(response) = api.oneshot(request).await;
            let status = response.status().as_u16();
            let body = axum::body::to_bytes(response.into_body(), ANSWER_LIMIT)
                .await
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                .unwrap_or_default();
            (status, body)
        })
    }
}

//! The Complaint Desk reference server: the JSON API of `complaint-api`, every decision taken
//! by `complaint-rules`, storage on SQLite (embedded) or PostgreSQL (several servers) seeded
//! with demo data, and the built app.
//!
//! Run it in-process (what the tests do):
//! ```no_run
//! # async fn run() -> anyhow::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! let config = complaint_server::Config::with_database_url("sqlite:///tmp/cd.db");
//! complaint_server::serve(listener, config).await
//! # }
//! ```

#![forbid(unsafe_code)]

mod api;
mod auth;
mod clock;
mod config;
mod connection;
mod csp;
mod db;
mod error;
mod events;
mod http;
mod images;
mod limit;
mod numbering;
mod pages;
mod security;
mod seed;

pub use db::PG_WRITE_LOCK;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{HeaderName, HeaderValue, Method, Response};
use axum::Router;
use complaint_api::{
    CSRF_HEADER, IDEMPOTENCY_KEY_HEADER, POLICY_VERSION_HEADER, SERVER_TIME_HEADER,
};
use complaint_rules::POLICY_VERSION;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// The OpenAPI document, generated from the handlers' annotations.
pub use api::api_doc;
pub use auth::sign_host_token;
pub use clock::Clock;
pub use config::Config;
/// A database URL without its password (for logs).
pub use db::redacted as redact_database_url;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    config: Arc<Config>,
    db: db::Db,
    events: events::Events,
    limiter: limit::RateLimiter,
    /// How many evidence pictures may be decoded at once.
    decoders: Arc<tokio::sync::Semaphore>,
    shutdown: CancellationToken,
    /// The page every rendered page is written into (`--render`).
    page_template: Option<Arc<pages::Template>>,
}

impl AppState {
    /// Opens and migrates the database and seeds an empty one with the demo data.
    pub async fn new(config: Config) -> anyhow::Result<AppState> {
        config.validate()?;
        let page_template = match (&config.dist, config.render) {
            (Some(dist), true) => Some(Arc::new(pages::Template::load(dist)?)),
            _ => None,
        };
        let db = db::Db::connect(&config.database_url).await?;
        seed::seed_if_empty(&db, config.clock.now()).await?;
        let shutdown = CancellationToken::new();
        let events = match db.postgres() {
            Some(pool) => events::Events::postgres(pool.clone(), shutdown.clone()).await?,
            None => events::Events::local(),
        };
        Ok(AppState {
            db,
            limiter: limit::RateLimiter::new(config.mutation_rate_limit),
            decoders: api::image_decoders(),
            events,
            config: Arc::new(config),
            shutdown,
            page_template,
        })
    }

    /// The seeded demo accounts (for the start-up banner).
    pub async fn demo_accounts(&self) -> anyhow::Result<Vec<complaint_api::UserView>> {
        let mut conn = self.db.read().await?;
        db::demo_users(&mut conn.conn()).await
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Now, on the server's clock (the configured one).
    pub fn now(&self) -> complaint_rules::UtcMillis {
        self.config.clock.now()
    }

    /// Ends the live event streams and closes the database.
    pub async fn close(&self) {
        self.shutdown.cancel();
        self.db.close().await;
    }
}

/// The whole HTTP application: `/api`, then the app's files (with `--dist`).
pub fn build_app(state: AppState) -> Router {
    let config = Arc::clone(&state.config);
    let api = api::router(&state).fallback(http::api_not_found);
    let mut app = Router::new().nest("/api", api.clone());
    let static_cache_headers = axum::middleware::from_fn(http::static_cache_headers);
    app = match (&config.dist, &state.page_template) {
        (Some(dist), Some(template)) => {
            let pages = pages::Pages::new(state.clone(), api, Arc::clone(template));
            app.fallback_service(pages::files_and_pages(dist, pages).layer(static_cache_headers))
        }
        (Some(dist), None) => app.fallback_service(
            tower::ServiceBuilder::new()
                .layer(static_cache_headers)
                .service(http::app_service(dist)),
        ),
        (None, _) => app.fallback(http::no_app),
    };
    let clock = config.clock.clone();
    let server_time = move |_: &Response<_>| HeaderValue::from_str(&clock.now().0.to_string()).ok();
    let app = app
        .with_state(state)
        .layer(axum::middleware::from_fn(http::json_errors))
        .layer(CatchPanicLayer::custom(api::panic_response))
        .layer(CompressionLayer::new());
    let app = match cors_layer(&config) {
        Some(cors) => app.layer(cors),
        None => app,
    };
    app.layer(axum::middleware::from_fn_with_state(
        security::Headers::new(&config),
        security::security_headers,
    ))
    .layer(SetResponseHeaderLayer::overriding(
        HeaderName::from_static(POLICY_VERSION_HEADER),
        HeaderValue::from(POLICY_VERSION),
    ))
    .layer(SetResponseHeaderLayer::overriding(
        HeaderName::from_static(SERVER_TIME_HEADER),
        server_time,
    ))
    .layer(TraceLayer::new_for_http())
}

fn cors_layer(config: &Config) -> Option<CorsLayer> {
    if config.cors_origins.is_empty() {
        return None;
    }
    // Origins, checked at start (`Config::validate`): each is a valid header value.
    let origins: Vec<HeaderValue> = config
        .cors_origins
        .iter()
        .filter_map(|origin| HeaderValue::from_str(origin.trim()).ok())
        .collect();
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_credentials(true)
            .allow_methods([Method::GET, Method::POST, Method::DELETE])
            .allow_headers([
                axum::http::header::CONTENT_TYPE,
                HeaderName::from_static(CSRF_HEADER),
                HeaderName::from_static(IDEMPOTENCY_KEY_HEADER),
            ])
            .expose_headers([
                HeaderName::from_static(SERVER_TIME_HEADER),
                HeaderName::from_static(POLICY_VERSION_HEADER),
                axum::http::header::RETRY_AFTER,
            ])
            .max_age(Duration::from_secs(3600)),
    )
}

/// Serves until Ctrl-C (or SIGTERM), then finishes the requests in flight.
pub async fn serve(listener: TcpListener, config: Config) -> anyhow::Result<()> {
    serve_with_shutdown(listener, config, shutdown_signal()).await
}

/// Serves until `shutdown` completes, then finishes the requests in flight, ends the event
/// streams and closes the database.
pub async fn serve_with_shutdown(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let state = AppState::new(config).await?;
    serve_state(listener, state, shutdown).await
}

/// [`serve_with_shutdown`] with a state made by [`AppState::new`].
pub async fn serve_state(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let app = build_app(state.clone());
    // The same token ends the event streams (they never end by themselves) and starts the
    // graceful shutdown of the connections.
    connection::serve_until(
        listener,
        app,
        connection::Timeouts::of(&state.config),
        state.shutdown.clone(),
        shutdown,
    )
    .await;
    state.close().await;
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

//! `GET /api/meta` and the session: sign in, who am I, sign out.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use axum_extra::extract::cookie::CookieJar;
use complaint_api::{ErrorBody, Meta, SessionView, SignIn};
use complaint_rules::POLICY_VERSION;
use utoipa::OpenApi;

use super::guarded;
use super::responses::{Csrf, Limits, SignedIn};
use crate::auth::{self, CurrentUser};
use crate::error::{AppError, AppResult};
use crate::http::ApiJson;
use crate::{db, AppState};

pub(super) fn router(state: &AppState) -> Router<AppState> {
    Router::new().route("/meta", get(meta)).route(
        "/session",
        guarded(state, get(current).post(sign_in).delete(sign_out)),
    )
}

#[derive(OpenApi)]
#[openapi(paths(meta, current, sign_in, sign_out))]
pub(super) struct Doc;

/// The server's clock, the policy version it enforces, the demo accounts, and who is signed
/// in (null for nobody).
#[utoipa::path(get, path = "/api/meta", tag = "session",
    responses((status = 200, body = Meta)))]
pub async fn meta(
    State(state): State<AppState>,
    user: Result<CurrentUser, AppError>,
) -> AppResult<Json<Meta>> {
    let session = match user {
        Ok(user) => Some(SessionView {
            user: user.user,
            expires_at: user.expires_at,
        }),
        Err(AppError::Unauthenticated(_)) => None,
        Err(error) => return Err(error),
    };
    let demo_accounts = if state.config.demo_sign_in {
        let mut conn = state.db.read().await?;
        db::demo_users(&mut conn.conn()).await?
    } else {
        Vec::new()
    };
    Ok(Json(Meta {
        server_time: state.now(),
        policy_version: POLICY_VERSION,
        demo_accounts,
        session,
    }))
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/session", tag = "session",
    security(("session_cookie" = [])),
    responses((status = 200, body = SessionView), SignedIn))]
pub async fn current(user: CurrentUser) -> Json<SessionView> {
    Json(SessionView {
        user: user.user,
        expires_at: user.expires_at,
    })
}

/// Signs in and sets the `cd_session` cookie (HttpOnly, SameSite=Strict).
///
/// `{"method":"demo","username":"demo-shopper"}` signs in a seeded demo account (only when
/// demo sign-in is on); `{"method":"host_token","token":"…"}` exchanges a token from a host
/// app (only with `--host-token-secret`).
#[utoipa::path(post, path = "/api/session", tag = "session",
    security(("csrf_header" = [])),
    request_body = SignIn,
    responses(
        (status = 200, body = SessionView, headers(("set-cookie" = String, description = "cd_session"))),
        (status = 400, description = "`invalid_request`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`: unknown account or bad token", body = ErrorBody),
        (status = 403, description = "`forbidden`: CSRF header missing, or this sign-in method is off", body = ErrorBody),
        Limits,
    ))]
pub async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(sign_in): ApiJson<SignIn>,
) -> AppResult<impl IntoResponse> {
    let now = state.now();
    let user = {
        let mut conn = state.db.read().await?;
        match sign_in {
            SignIn::Demo { username } => {
                if !state.config.demo_sign_in {
                    return Err(AppError::Forbidden("demo sign-in is off on this server"));
                }
                db::demo_user(&mut conn.conn(), username.trim())
                    .await?
                    .ok_or(AppError::Unauthenticated("no such demo account"))?
            }
            SignIn::HostToken { token } => {
                let secret =
                    state
                        .config
                        .host_token_secret
                        .as_deref()
                        .ok_or(AppError::Forbidden(
                            "host-token sign-in is off on this server",
                        ))?;
                let username = auth::verify_host_token(secret, token.trim(), now)
                    .ok_or(AppError::Unauthenticated("the token is invalid or expired"))?;
                db::user_by_username(&mut conn.conn(), &username)
                    .await?
                    .ok_or(AppError::Unauthenticated("the token names an unknown user"))?
            }
        }
    };
    let token = auth::new_token();
    let ttl_ms = state.config.session_ttl_ms();
    let expires_at = now.plus(ttl_ms);
    let mut tx = state.db.write().await?;
    db::insert_session(
        &mut tx.conn(),
        &auth::token_hash(&token),
        user.id,
        now,
        expires_at,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user = %user.username, "signed in");
    let secure = auth::request_is_tls(&state.config, &headers);
    let jar = CookieJar::new().add(auth::session_cookie(token, ttl_ms / 1000, secure));
    Ok((jar, Json(SessionView { user, expires_at })))
}

/// Ends the session in the database and clears the cookie. Always 204.
#[utoipa::path(delete, path = "/api/session", tag = "session",
    security(("csrf_header" = [])),
    responses(
        (status = 204, description = "Signed out"),
        Csrf,
        Limits,
    ))]
pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> AppResult<impl IntoResponse> {
    if let Some(token) = auth::session_token(&headers) {
        let hash = auth::token_hash(&token);
        let mut tx = state.db.write().await?;
        db::end_session(&mut tx.conn(), &hash).await?;
        tx.commit().await?;
    }
    // Cleared whether or not the request carried a live session: always the same answer.
    let secure = auth::request_is_tls(&state.config, &headers);
    let cleared = auth::session_cookie(String::new(), 0, secure);
    Ok((StatusCode::NO_CONTENT, CookieJar::new().add(cleared)))
}

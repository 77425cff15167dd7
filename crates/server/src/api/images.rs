//! Evidence pictures: `POST /api/images` takes a picture's bytes (its type read from them,
//! checked, re-encoded: `crate::images`), `GET /api/images/{id}` and `…/thumb` serve what was
//! stored, only to those who may see it.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use complaint_api::{ErrorBody, ImageFormat, ImageId, ImageView};
use complaint_rules::{ImageRefused, POLICY};
use futures_util::StreamExt as _;
use tokio::sync::Semaphore;
use utoipa::OpenApi;

use super::guarded;
use super::responses::{Csrf, SignedIn, TooManyChanges};
use crate::auth::CurrentUser;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::http::ApiPath;
use crate::images::{process, Processed};
use crate::AppState;

pub(super) fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/images", guarded(state, post(upload)))
        .route("/images/{id}", get(picture))
        .route("/images/{id}/thumb", get(thumbnail))
}

#[derive(OpenApi)]
#[openapi(paths(upload, picture, thumbnail))]
pub(super) struct Doc;

/// How many pictures are decoded at once (each may take up to a few hundred MB while it is).
pub fn decoders() -> Arc<Semaphore> {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    Arc::new(Semaphore::new(cores.clamp(1, 4)))
}

/// How long a browser may keep a picture it was served: it never changes (a new upload is a
/// new id), but it is personal: only the browser's own cache, never a shared one, and for an
/// hour (a thread reopened within it costs nothing; a shared device forgets it soon).
const CACHE_CONTROL: &str = "private, max-age=3600";

const NO_SUCH_IMAGE: &str = "no such image";

/// A picture's bytes, in the OpenAPI document (a binary string, not an array of numbers).
pub struct Picture;

impl utoipa::PartialSchema for Picture {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .into()
    }
}

impl utoipa::ToSchema for Picture {}

/// Uploads an evidence picture: the request body is the picture's bytes as picked (the
/// `Content-Type` and any name are ignored: the type is read from the content). JPEG, PNG or
/// WebP, at most `POLICY.evidence.max_image_bytes` bytes and `max_image_pixels` pixels (read
/// from the header, before decoding). It is decoded and encoded again, so that its metadata
/// (EXIF, GPS) and anything appended to it are gone — a WebP is stored as PNG (with
/// transparency) or JPEG — with a thumbnail, owned by the uploader until a message
/// (`POST /api/complaints/{id}/messages`) carries it. A refused upload stores nothing.
#[utoipa::path(post, path = "/api/images", tag = "complaints",
    security(("session_cookie" = [], "csrf_header" = [])),
    request_body(content = inline(Picture), content_type = "application/octet-stream",
        description = "The picture's bytes (JPEG, PNG or WebP)"),
    responses(
        (status = 201, description = "Stored, not yet sent", body = ImageView),
        (status = 413, description = "`image_too_large`", body = ErrorBody),
        (status = 422, description = "`image_type_unsupported`, `image_unreadable` (truncated, corrupt, or data after the picture's end), `image_too_many_pixels`", body = ErrorBody),
        SignedIn, Csrf, TooManyChanges,
    ))]
pub async fn upload(
    State(state): State<AppState>,
    user: CurrentUser,
    request: Request,
) -> AppResult<Response> {
    let bytes = read_limited(request.into_body()).await?;
    let received = bytes.len();
    let started = std::time::Instant::now();
    let processed = {
        let _permit = state
            .decoders
            .clone()
            .acquire_owned()
            .await
            .map_err(anyhow::Error::from)?;
        match tokio::task::spawn_blocking(move || process(&bytes)).await {
            Ok(processed) => processed.map_err(AppError::Image)?,
            // A decoder that panics on what it was given: that picture cannot be read.
            Err(error) if error.is_panic() => {
                tracing::warn!(%error, "a picture's decoder panicked");
                return Err(AppError::Image(ImageRefused::Unreadable));
            }
            Err(error) => return Err(anyhow::Error::from(error).into()),
        }
    };
    let Processed {
        format,
        width,
        height,
        data,
        thumb,
    } = processed;
    let mut tx = state.db.write().await?;
    let view = db::insert_image(
        &mut tx.conn(),
        &db::NewImage {
            uploader: user.user.id,
            at: state.now(),
            format,
            width,
            height,
            data: &data,
            thumb: &thumb,
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(
        image = %view.id,
        user = %user.user.username,
        received,
        stored = view.bytes,
        ms = started.elapsed().as_millis() as u64,
        "picture re-encoded and stored"
    );
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// The body, up to the policy's limit: a `Content-Length` over it is refused before a byte is
/// read; a body streamed without one is refused as soon as it passes it. What comes after the
/// limit is read and dropped up to as much again (so that the client, still sending, reads
/// the answer rather than a reset connection), never kept.
async fn read_limited(body: Body) -> AppResult<Vec<u8>> {
    let limit = POLICY.evidence.max_image_bytes;
    let mut stream = body.into_data_stream();
    let mut bytes = Vec::new();
    let mut seen = 0usize;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|error| AppError::InvalidRequest(error.to_string()))?;
        seen = seen.saturating_add(chunk.len());
        if seen <= limit {
            bytes.extend_from_slice(&chunk);
        } else {
            bytes = Vec::new();
            if seen > 2 * limit {
                break;
            }
        }
    }
    if seen > limit {
        return Err(AppError::Image(ImageRefused::TooLarge));
    }
    Ok(bytes)
}

/// An evidence picture as stored (re-encoded): to its uploader before it is sent, to the owner
/// of the complaint whose message carries it, and to agents; anyone else is answered 404, as
/// for a picture that does not exist.
#[utoipa::path(get, path = "/api/images/{id}", tag = "complaints",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, minimum = 1, description = "Image id")),
    responses(
        (status = 200, description = "The picture (`Content-Type` from what is stored)",
            content((inline(Picture) = "image/jpeg"), (inline(Picture) = "image/png"))),
        (status = 400, description = "`invalid_request`: the id is not a 64-bit integer", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        SignedIn,
    ))]
pub async fn picture(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Response> {
    serve(&state, &user, ImageId(id), false).await
}

/// The picture's thumbnail (at most 320 × 320, same format), to the same people.
#[utoipa::path(get, path = "/api/images/{id}/thumb", tag = "complaints",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, minimum = 1, description = "Image id")),
    responses(
        (status = 200, description = "The thumbnail, in the picture's format",
            content((inline(Picture) = "image/jpeg"), (inline(Picture) = "image/png"))),
        (status = 400, description = "`invalid_request`: the id is not a 64-bit integer", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        SignedIn,
    ))]
pub async fn thumbnail(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Response> {
    serve(&state, &user, ImageId(id), true).await
}

async fn serve(
    state: &AppState,
    user: &CurrentUser,
    id: ImageId,
    thumb: bool,
) -> AppResult<Response> {
    let mut conn = state.db.read().await?;
    let stored = db::stored_image(&mut conn.conn(), id, thumb)
        .await?
        .ok_or(AppError::NotFound(NO_SUCH_IMAGE))?;
    drop(conn);
    let me = user.user.id;
    let allowed = user.is_agent()
        || match stored.complaint_owner {
            Some(owner) => owner == me,
            None => stored.uploader == me,
        };
    if !allowed {
        return Err(AppError::NotFound(NO_SUCH_IMAGE));
    }
    let (content_type, extension) = match stored.view.format {
        ImageFormat::Jpeg => ("image/jpeg", "jpg"),
        ImageFormat::Png => ("image/png", "png"),
        ImageFormat::Webp => ("image/webp", "webp"),
    };
    let name = match thumb {
        true => format!("evidence-{id}-thumb.{extension}"),
        false => format!("evidence-{id}.{extension}"),
    };
    let disposition = HeaderValue::from_str(&format!("inline; filename=\"{name}\""))
        .map_err(anyhow::Error::from)?;
    let mut response = Response::new(Body::from(stored.bytes));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CONTENT_DISPOSITION, disposition);
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(response)
}

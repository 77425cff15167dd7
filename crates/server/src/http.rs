//! HTTP plumbing: extractors whose rejections are JSON errors, the CSRF check, the error
//! normaliser, and the static files of the app.

use std::fmt;
use std::marker::PhantomData;
use std::path::Path;

use axum::body::Body;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use complaint_api::{ApiError, ErrorBody, CSRF_HEADER, CSRF_HEADER_VALUE, IDEMPOTENCY_KEY_HEADER};
use complaint_rules::ErrorCode;
use serde::de::value::MapAccessDeserializer;
use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::error::{json_response, AppError};

/// The largest request body accepted.
pub const BODY_LIMIT: usize = 16 * 1024;

/// A JSON body: `axum::Json` of a JSON *object*, answering malformed bodies with a JSON
/// `invalid_request` (400) and oversized ones with `payload_too_large` (413).
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let axum::Json(JsonObject(value)) = axum::Json::from_request(request, state).await?;
        Ok(ApiJson(value))
    }
}

/// `T` read from a JSON object only: serde's derived structs would also read an array, field
/// by field in order (`[]` as a pressure report without a note, `["mistaken", "", 1]` as a
/// withdrawal). `#[derive(FromRequest)]` cannot add this to `axum::Json`, hence the few
/// lines of [`ApiJson`] above.
struct JsonObject<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for JsonObject<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectOnly<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectOnly<T> {
            type Value = T;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
            }
        }

        deserializer
            .deserialize_map(ObjectOnly(PhantomData))
            .map(JsonObject)
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            rejection if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                AppError::PayloadTooLarge
            }
            JsonRejection::MissingJsonContentType(_) => AppError::InvalidRequest(
                "send the body as JSON (Content-Type: application/json)".into(),
            ),
            other => AppError::InvalidRequest(other.body_text()),
        }
    }
}

/// `axum::extract::Path`, answering bad ids with a JSON `invalid_request`.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct ApiPath<T>(pub T);

impl From<PathRejection> for AppError {
    fn from(rejection: PathRejection) -> Self {
        AppError::InvalidRequest(rejection.body_text())
    }
}

/// `axum::extract::Query`, answering bad parameters with a JSON `invalid_request`.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct ApiQuery<T>(pub T);

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        AppError::InvalidRequest(rejection.body_text())
    }
}

/// The `Idempotency-Key` header: required, 1–128 visible ASCII characters.
pub fn idempotency_key(headers: &HeaderMap) -> Result<String, AppError> {
    let invalid = || {
        AppError::InvalidRequest(format!(
            "send an {IDEMPOTENCY_KEY_HEADER} header of 1 to 128 visible ASCII characters"
        ))
    };
    let value = headers.get(IDEMPOTENCY_KEY_HEADER).ok_or_else(invalid)?;
    let bytes = value.as_bytes();
    if bytes.is_empty() || bytes.len() > 128 || !bytes.iter().all(|b| b.is_ascii_graphic()) {
        return Err(invalid());
    }
    value.to_str().map(str::to_owned).map_err(|_| invalid())
}

/// The methods that change something: they need the CSRF header and count for rate limits.
pub fn is_mutation(method: &Method) -> bool {
    matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    )
}

/// Every mutation must carry the CSRF header: a cross-site form cannot set it, and a
/// cross-site script needs CORS approval to.
pub async fn require_csrf_header(request: Request, next: Next) -> Response {
    // Other methods (TRACE, PUT, …) are routed to nothing: 405, not a CSRF refusal.
    if is_mutation(request.method())
        && request
            .headers()
            .get(CSRF_HEADER)
            .is_none_or(|value| value.as_bytes() != CSRF_HEADER_VALUE.as_bytes())
    {
        return AppError::Forbidden(
            "missing CSRF header: send X-Complaint-Desk: 1 with every mutation",
        )
        .into_response();
    }
    next.run(request).await
}

/// Under `/api`, turns every error response that is not already JSON (a method not allowed,
/// a body over the limit refused before any handler, …) into an [`ErrorBody`].
pub async fn json_errors(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api");
    let response = next.run(request).await;
    let status = response.status();
    if !api || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"));
    if is_json {
        return response;
    }
    let (code, message) = match status {
        StatusCode::BAD_REQUEST => (ErrorCode::InvalidRequest, "bad request"),
        StatusCode::UNAUTHORIZED => (ErrorCode::Unauthenticated, "sign in first"),
        StatusCode::FORBIDDEN => (ErrorCode::Forbidden, "forbidden"),
        StatusCode::NOT_FOUND => (ErrorCode::NotFound, "no such resource"),
        StatusCode::METHOD_NOT_ALLOWED => (ErrorCode::InvalidRequest, "method not allowed"),
        StatusCode::PAYLOAD_TOO_LARGE => (
            ErrorCode::PayloadTooLarge,
            "the request body is larger than 16 KiB",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (ErrorCode::InvalidRequest, "send JSON"),
        StatusCode::TOO_MANY_REQUESTS => (ErrorCode::RateLimited, "too many requests"),
        status if status.is_client_error() => (ErrorCode::InvalidRequest, "bad request"),
        _ => (ErrorCode::Internal, "internal error"),
    };
    let mut replaced = json_response(
        status,
        &ErrorBody {
            error: ApiError {
                code,
                message: message.to_owned(),
                detail: None,
            },
        },
    );
    // Keep what the original response said about the protocol (Allow, …), not its body.
    for (name, value) in response.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            replaced.headers_mut().insert(name.clone(), value.clone());
        }
    }
    replaced
}

/// Unknown paths under `/api`.
pub async fn api_not_found() -> AppError {
    AppError::NotFound("no such API endpoint")
}

/// Without `--dist`: nothing but the API.
pub async fn no_app() -> AppError {
    AppError::NotFound("no such page (this server was started without --dist)")
}

/// Trunk names built assets `name-<hash>[_bg].ext`, the hash a 64-bit number in hex without
/// leading zeros: 16 digits, or 15 in one build of 16, 14 in one of 256… Those never change,
/// so they may be cached for a year; everything else (index.html first) is revalidated.
pub fn is_hashed_asset(path: &str) -> bool {
    // Fewer digits than this happen once in 16^8 builds, and no file of ours is named so.
    const FEWEST_DIGITS: usize = 8;
    let Some(file) = path.rsplit('/').next() else {
        return false;
    };
    let stem = file.split('.').next().unwrap_or(file);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (FEWEST_DIGITS..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// Where the product pictures ship with the app (`public/products/` → `dist/products/`).
const PRODUCT_IMAGES: &str = "/products/";

/// How long the product pictures may be cached: a day. They are not content-hashed (the API
/// names them, `products/kettle.svg`), so not for ever; but they change rarely, and a list of
/// twenty thumbnails revalidated on every visit costs a phone twenty round trips.
pub const PRODUCT_IMAGE_CACHE: &str = "public, max-age=86400";

/// The `Cache-Control` of a successful answer for the app's file at `path` whose
/// `Content-Type` is `content_type`: hashed assets for a year, product pictures for a day,
/// everything else (index.html first, and the SPA fallback wherever it answers, even under
/// `/products/`) revalidated.
pub fn static_cache_control(path: &str, content_type: Option<&str>) -> &'static str {
    if is_hashed_asset(path) {
        "public, max-age=31536000, immutable"
    } else if path.starts_with(PRODUCT_IMAGES)
        && content_type.is_some_and(|content_type| content_type.starts_with("image/"))
    {
        PRODUCT_IMAGE_CACHE
    } else {
        "no-cache"
    }
}

/// Cache headers for the app's files ([`static_cache_control`]).
pub async fn static_cache_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    // A rendered page says itself how it may be kept.
    if response.status().is_success() && !response.headers().contains_key(header::CACHE_CONTROL) {
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok());
        let value = static_cache_control(&path, content_type);
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// The app's files with a fallback to `index.html` for client-side routes.
pub fn app_service(dist: &Path) -> tower_http::services::ServeDir<tower_http::services::ServeFile> {
    tower_http::services::ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(tower_http::services::ServeFile::new(
            dist.join("index.html"),
        ))
}

/// A body of raw JSON with a status (idempotent replays).
pub fn raw_json(status: StatusCode, body: String) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_assets_are_recognised() {
        assert!(is_hashed_asset("/complaint-desk-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_asset("/sub/complaint-desk-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed_asset("/style-0123456789abcdef.css"));
        // A hash with a leading zero digit is written one digit shorter (seen: 15 digits).
        assert!(is_hashed_asset("/complaint-desk-62045599b355f3c.js"));
        assert!(is_hashed_asset("/complaint-desk-62045599b355f3c_bg.wasm"));
        assert!(!is_hashed_asset("/complaint-desk-1a2b3c4d5e6f7a8b9.js"));
        assert!(!is_hashed_asset("/products/kettle-blue.svg"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/complaints/12"));
        assert!(!is_hashed_asset("/favicon.ico"));
    }

    #[test]
    fn product_pictures_are_cached_for_a_day_but_not_the_fallback_under_their_path() {
        let svg = Some("image/svg+xml");
        assert_eq!(
            static_cache_control("/products/kettle.svg", svg),
            PRODUCT_IMAGE_CACHE
        );
        assert_eq!(
            static_cache_control("/products/missing.svg", Some("text/html")),
            "no-cache"
        );
        assert_eq!(static_cache_control("/favicon.svg", svg), "no-cache");
        assert_eq!(
            static_cache_control("/index.html", Some("text/html")),
            "no-cache"
        );
        assert_eq!(
            static_cache_control("/style-0123456789abcdef.css", Some("text/css")),
            "public, max-age=31536000, immutable"
        );
    }
}

//! Security headers: a strict Content-Security-Policy for the app's HTML (its inline scripts
//! allowed by their SHA-256 hashes, computed from the built `index.html`), a closed one for
//! the API, and `nosniff`, `Referrer-Policy` and the embedding policy on every response; and
//! who the client is behind trusted proxies. The policies' pure parts are [`crate::csp`]'s.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use crate::config::Config;
use crate::csp::{inline_script_hashes, origin_of, x_frame_options};
use crate::pages::PageScript;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// The CSP of every API response: nothing may load, nothing may embed it.
pub const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";
/// No URL of the app (complaint ids, search text) leaks to other sites.
pub const REFERRER_POLICY: &str = "no-referrer";

/// The app's CSP, recomputed when the HTML files of `dist/` change (a `trunk build` while
/// the server runs gives new hashes).
pub struct AppCsp {
    dist: PathBuf,
    frame_ancestors: String,
    extra_connect: Vec<String>,
    cache: Mutex<Option<(Vec<FileStamp>, HeaderValue)>>,
}

type FileStamp = (PathBuf, Option<SystemTime>, u64);

impl AppCsp {
    pub fn new(config: &Config, dist: &Path) -> AppCsp {
        let csp = AppCsp {
            dist: dist.to_owned(),
            frame_ancestors: config.frame_ancestors.clone(),
            extra_connect: config.connect_src.clone(),
            cache: Mutex::new(None),
        };
        let policy = csp.current();
        tracing::info!(policy = ?policy, "Content-Security-Policy of the app");
        csp
    }

    /// The policy for the files as they are now.
    pub fn current(&self) -> HeaderValue {
        let stamps = self.stamps();
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((cached, value)) = cache.as_ref() {
            if *cached == stamps {
                return value.clone();
            }
        }
        let value = self.compute(&stamps);
        *cache = Some((stamps, value.clone()));
        value
    }

    /// The policy, also allowing one more inline script (a rendered page's own) by its hash.
    pub fn with_script(&self, hash: &str) -> HeaderValue {
        let policy = self.current();
        let policy = policy.to_str().unwrap_or_default();
        HeaderValue::from_str(&policy.replacen(
            "script-src 'self'",
            &format!("script-src 'self' {hash}"),
            1,
        ))
        .unwrap_or_else(|_| self.current())
    }

    /// Name, modification time and length of every `.html` file directly in `dist/`.
    fn stamps(&self) -> Vec<FileStamp> {
        let mut stamps: Vec<FileStamp> = std::fs::read_dir(&self.dist)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "html"))
            .filter_map(|entry| {
                let metadata = entry.metadata().ok()?;
                Some((entry.path(), metadata.modified().ok(), metadata.len()))
            })
            .collect();
        stamps.sort();
        stamps
    }

    fn compute(&self, stamps: &[FileStamp]) -> HeaderValue {
        let mut hashes: Vec<String> = Vec::new();
        for (path, _, _) in stamps {
            match std::fs::read_to_string(path) {
                Ok(html) => {
                    for hash in inline_script_hashes(&html) {
                        if !hashes.contains(&hash) {
                            hashes.push(hash);
                        }
                    }
                }
                Err(error) => tracing::warn!(%error, path = %path.display(), "cannot read"),
            }
        }
        let mut connect = vec!["'self'".to_owned()];
        if let Some(api) = self.config_api_origin() {
            connect.push(api);
        }
        for origin in &self.extra_connect {
            if !connect.contains(origin) {
                connect.push(origin.clone());
            }
        }
        let script = std::iter::once("'self'".to_owned())
            .chain(hashes)
            .chain(std::iter::once("'wasm-unsafe-eval'".to_owned()))
            .collect::<Vec<_>>()
            .join(" ");
        let policy = format!(
            "default-src 'self'; script-src {script}; style-src 'self'; img-src 'self' data:; \
             font-src 'self'; connect-src {}; object-src 'none'; base-uri 'self'; \
             form-action 'self'; frame-ancestors {}",
            connect.join(" "),
            self.frame_ancestors
        );
        HeaderValue::from_str(&policy).unwrap_or_else(|error| {
            tracing::error!(%error, "an invalid CSP; falling back to the strictest");
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'")
        })
    }

    /// The origin of `apiBase` in `dist/config.json`, when the app is deployed to call an API
    /// on another origin.
    fn config_api_origin(&self) -> Option<String> {
        let text = std::fs::read_to_string(self.dist.join("config.json")).ok()?;
        let config: serde_json::Value = serde_json::from_str(&text).ok()?;
        origin_of(config.get("apiBase")?.as_str()?)
    }
}

/// What every response gets, and the CSP by kind (API, or the app's HTML).
#[derive(Clone)]
pub struct Headers {
    app_csp: Option<std::sync::Arc<AppCsp>>,
    x_frame_options: Option<HeaderValue>,
}

impl Headers {
    pub fn new(config: &Config) -> Headers {
        Headers {
            app_csp: config
                .dist
                .as_deref()
                .map(|dist| std::sync::Arc::new(AppCsp::new(config, dist))),
            x_frame_options: x_frame_options(&config.frame_ancestors).map(HeaderValue::from_static),
        }
    }
}

fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"))
}

/// A request for a style, script, image, … (not a page), by its `Sec-Fetch-Dest`.
fn is_subresource(headers: &HeaderMap) -> bool {
    headers
        .get("sec-fetch-dest")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|dest| {
            !matches!(
                dest,
                "document" | "iframe" | "frame" | "embed" | "object" | "empty"
            )
        })
}

/// Sets the security headers on every response.
pub async fn security_headers(
    State(security): State<Headers>,
    request: Request,
    next: Next,
) -> Response {
    let api = request.uri().path().starts_with("/api");
    let subresource = is_subresource(request.headers());
    let mut response = next.run(request).await;
    let page_script = response.extensions().get::<PageScript>().cloned();
    let headers = response.headers_mut();
    // The SPA fallback (index.html) answering a *subresource* request is the browser's
    // preload scanner fetching `./main-….css` relative to a deep URL before the `<base>`
    // script ran: the speculative fetch is discarded either way, but with `nosniff` Chrome
    // logs "Refused to apply style …" for it. That static page holds nothing to sniff.
    if !(subresource && !api && is_html(headers)) {
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
    }
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static(REFERRER_POLICY),
    );
    if api {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(API_CSP),
        );
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        // Personal data: no cache may keep it.
        if !headers.contains_key(header::CACHE_CONTROL) {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
    } else if is_html(headers) {
        if let Some(csp) = &security.app_csp {
            let policy = match &page_script {
                Some(PageScript(hash)) => csp.with_script(hash),
                None => csp.current(),
            };
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        } else {
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(API_CSP),
            );
        }
        if let Some(value) = &security.x_frame_options {
            headers.insert(header::X_FRAME_OPTIONS, value.clone());
        }
    }
    response
}

/// The address of the client a request comes from: the socket's peer, or — when the peer is
/// one of the `--trusted-proxy` ranges — the one the forwarded-for header names. A proxy
/// appends the address it got the request from, so the header is read from the right: the
/// first address that is not itself a trusted proxy is the client; whatever the client put
/// in the header before that is never looked at.
pub fn client_address(config: &Config, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
    let trusted = |address: &IpAddr| {
        config
            .trusted_proxies
            .iter()
            .any(|net| net.contains(address))
    };
    let mut client = peer.to_canonical();
    if !trusted(&client) {
        return client;
    }
    let forwarded: Vec<&str> = headers
        .get_all(config.forwarded_for_header.as_str())
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .collect();
    for entry in forwarded.into_iter().rev() {
        let Some(address) = parse_forwarded_address(entry.trim()) else {
            // Not an address: what our proxy vouches for ends here.
            break;
        };
        client = address;
        if !trusted(&client) {
            break;
        }
    }
    client
}

/// `192.0.2.1`, `2001:db8::1`, and the same with a port (`192.0.2.1:443`, `[2001:db8::1]:443`).
fn parse_forwarded_address(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|socket| socket.ip()))
        .ok()
        .map(|address| address.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_address_is_the_peer_unless_a_trusted_proxy_forwards() {
        let mut config = Config::with_database_url("sqlite::memory:");
        let address = |text: &str| text.parse::<IpAddr>().unwrap();
        let headers = |values: &[&'static str]| {
            let mut headers = HeaderMap::new();
            for value in values {
                headers.append("x-forwarded-for", HeaderValue::from_static(value));
            }
            headers
        };
        let proxy = address("10.0.0.2");
        // No trusted proxy: the header is the client's word.
        assert_eq!(
            client_address(&config, proxy, &headers(&["203.0.113.1"])),
            proxy
        );
        config.trusted_proxies = vec!["10.0.0.0/8".parse().unwrap()];
        let from = |values: &[&'static str]| client_address(&config, proxy, &headers(values));
        assert_eq!(from(&["203.0.113.1"]), address("203.0.113.1"));
        // The rightmost untrusted entry, across header lines and lists; ports are dropped.
        assert_eq!(from(&["198.51.100.7, 203.0.113.1"]), address("203.0.113.1"));
        assert_eq!(
            from(&["198.51.100.7", "203.0.113.1"]),
            address("203.0.113.1")
        );
        assert_eq!(from(&["203.0.113.1, 10.1.1.1"]), address("203.0.113.1"));
        assert_eq!(from(&["[2001:db8::1]:443"]), address("2001:db8::1"));
        assert_eq!(from(&["203.0.113.1:5000"]), address("203.0.113.1"));
        // Garbage stops the walk at the last trusted hop.
        assert_eq!(from(&["203.0.113.1, garbage"]), proxy);
        assert_eq!(
            from(&["203.0.113.1, garbage, 10.1.1.1"]),
            address("10.1.1.1")
        );
        // Nothing forwarded: the proxy itself.
        assert_eq!(from(&[]), proxy);
        // A peer outside the trusted ranges is the client, whatever it says.
        assert_eq!(
            client_address(&config, address("192.0.2.9"), &headers(&["203.0.113.1"])),
            address("192.0.2.9")
        );
        // IPv4 peers seen through an IPv6 socket count as IPv4.
        assert_eq!(
            client_address(
                &config,
                address("::ffff:10.0.0.2"),
                &headers(&["203.0.113.1"])
            ),
            address("203.0.113.1")
        );
    }
}

//! Hardening: security headers on the app and the API, Secure cookies over TLS, session
//! expiry, rate limits on mutations, and script payloads stored exactly as given.

mod common;

use common::{read, TestServer, MINUTE_MS};
use complaint_api::{ComplaintDetail, OrderView, CSRF_HEADER, CSRF_HEADER_VALUE};
use complaint_rules::ComplaintStatus;
use reqwest::{Method, StatusCode};
use serde_json::json;

const INDEX: &str = r#"<!DOCTYPE html>
<html>
  <head>
    <script>
      (function () { document.head.appendChild(document.createElement("base")); })();
    </script>
    <!-- <script>not a script: a comment</script> -->
<script type="module">
import init from './complaint-desk-0123456789abcdef.js';
await init();
</script>
    <script src="./external.js"></script>
  </head>
  <body></body>
</html>
"#;

fn sha256_source(script: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()))
    )
}

/// The CSP directive `name`'s sources.
fn directive<'a>(csp: &'a str, name: &str) -> Vec<&'a str> {
    csp.split(';')
        .map(str::trim)
        .find_map(|directive| {
            let mut words = directive.split_ascii_whitespace();
            (words.next() == Some(name)).then(|| words.collect())
        })
        .unwrap_or_else(|| panic!("no {name} in {csp}"))
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_gets_a_strict_csp_with_the_hashes_of_its_inline_scripts() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), INDEX).unwrap();
    std::fs::write(
        dist.path().join("complaint-desk-0123456789abcdef.js"),
        "export default function init() {}",
    )
    .unwrap();
    std::fs::write(
        dist.path().join("config.json"),
        r#"{"apiBase":"https://api.example.com/desk"}"#,
    )
    .unwrap();
    let dist_path = dist.path().to_owned();
    let server = TestServer::start_with(|config| config.dist = Some(dist_path)).await;
    let http = reqwest::Client::new();

    let base_script =
        "\n      (function () { document.head.appendChild(document.createElement(\"base\")); })();\n    ";
    let loader = "\nimport init from './complaint-desk-0123456789abcdef.js';\nawait init();\n";
    for path in ["/", "/index.html", "/complaints/3/withdraw"] {
        let response = http.get(server.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let headers = response.headers();
        let csp = header(headers, "content-security-policy");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert!(!csp.contains("'unsafe-eval'"), "{csp}");
        assert_eq!(
            directive(csp, "script-src"),
            [
                "'self'",
                &sha256_source(base_script),
                &sha256_source(loader),
                "'wasm-unsafe-eval'"
            ],
            "{csp}"
        );
        assert_eq!(directive(csp, "default-src"), ["'self'"]);
        assert_eq!(directive(csp, "style-src"), ["'self'"]);
        assert_eq!(directive(csp, "img-src"), ["'self'", "data:"]);
        assert_eq!(directive(csp, "object-src"), ["'none'"]);
        assert_eq!(directive(csp, "base-uri"), ["'self'"]);
        assert_eq!(
            directive(csp, "connect-src"),
            ["'self'", "https://api.example.com"]
        );
        assert_eq!(directive(csp, "frame-ancestors"), ["'self'"]);
        assert_eq!(header(headers, "x-frame-options"), "SAMEORIGIN");
        assert_eq!(header(headers, "x-content-type-options"), "nosniff");
        assert_eq!(header(headers, "referrer-policy"), "no-referrer");
        assert_eq!(header(headers, "cache-control"), "no-cache");
    }

    // Scripts are not documents: no CSP needed, but never sniffed.
    let asset = http
        .get(server.url("/complaint-desk-0123456789abcdef.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(asset.status(), 200);
    assert_eq!(header(asset.headers(), "x-content-type-options"), "nosniff");
    assert!(asset.headers().get("content-security-policy").is_none());

    // The preload scanner fetching a stylesheet relative to a deep URL (before the <base>
    // script ran) gets the fallback page without nosniff, so Chrome drops it silently.
    let speculative = http
        .get(server.url("/complaints/main-0123456789abcdef.css"))
        .header("sec-fetch-dest", "style")
        .send()
        .await
        .unwrap();
    assert!(header(speculative.headers(), "content-type").starts_with("text/html"));
    assert!(speculative
        .headers()
        .get("x-content-type-options")
        .is_none());
    let page = http
        .get(server.url("/complaints/3"))
        .header("sec-fetch-dest", "document")
        .send()
        .await
        .unwrap();
    assert_eq!(header(page.headers(), "x-content-type-options"), "nosniff");

    // A rebuilt app (new loader) gets the new hash without a restart.
    let rebuilt = INDEX.replace("await init();", "await init(); // v2");
    // Make sure the modification time or the length changes.
    std::fs::write(dist.path().join("index.html"), &rebuilt).unwrap();
    let response = http.get(server.url("/")).send().await.unwrap();
    let csp = header(response.headers(), "content-security-policy").to_owned();
    assert!(
        directive(&csp, "script-src").contains(
            &sha256_source(
                "\nimport init from './complaint-desk-0123456789abcdef.js';\nawait init(); // v2\n"
            )
            .as_str()
        ),
        "{csp}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_embedding_policy_is_configurable() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), INDEX).unwrap();
    let dist_path = dist.path().to_owned();
    let server = TestServer::start_with(|config| {
        config.dist = Some(dist_path);
        config.frame_ancestors = "'self' https://host.example".into();
        config.connect_src = vec!["https://events.example.com".into()];
    })
    .await;
    let response = reqwest::get(server.url("/")).await.unwrap();
    let csp = header(response.headers(), "content-security-policy");
    assert_eq!(
        directive(csp, "frame-ancestors"),
        ["'self'", "https://host.example"]
    );
    assert_eq!(
        directive(csp, "connect-src"),
        ["'self'", "https://events.example.com"]
    );
    // X-Frame-Options cannot name a host: left out, frame-ancestors decides.
    assert!(response.headers().get("x-frame-options").is_none());

    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), INDEX).unwrap();
    let dist_path = dist.path().to_owned();
    let server = TestServer::start_with(|config| {
        config.dist = Some(dist_path);
        config.frame_ancestors = "'none'".into();
    })
    .await;
    let response = reqwest::get(server.url("/")).await.unwrap();
    let csp = header(response.headers(), "content-security-policy");
    assert_eq!(directive(csp, "frame-ancestors"), ["'none'"]);
    assert_eq!(header(response.headers(), "x-frame-options"), "DENY");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_responses_are_closed_to_rendering_framing_and_caching() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let answers = [
        shopper.get("/api/meta").await,
        shopper.get("/api/complaints").await,
        shopper.get("/api/complaints/999999").await,
        shopper.get("/api/nothing").await,
        server.client().get("/api/session").await,
        shopper
            .post("/api/complaints", json!({"order_id": "not a number"}))
            .await,
        shopper.get("/api/openapi.json").await,
    ];
    for answer in &answers {
        let headers = &answer.headers;
        assert_eq!(
            header(headers, "content-security-policy"),
            "default-src 'none'; frame-ancestors 'none'",
            "{}",
            answer.text
        );
        assert_eq!(header(headers, "x-content-type-options"), "nosniff");
        assert_eq!(header(headers, "x-frame-options"), "DENY");
        assert_eq!(header(headers, "referrer-policy"), "no-referrer");
        assert_eq!(header(headers, "cache-control"), "no-store");
        answer.assert_server_headers();
    }
    // Without --dist the root is a JSON 404, closed as well.
    let root = read(reqwest::get(server.url("/")).await.unwrap()).await;
    assert_eq!(root.status, StatusCode::NOT_FOUND);
    assert_eq!(header(&root.headers, "x-content-type-options"), "nosniff");
}

async fn sign_in_cookie(server: &TestServer, headers: &[(&str, &str)]) -> String {
    let mut request = reqwest::Client::new()
        .post(server.url("/api/session"))
        .header(CSRF_HEADER, CSRF_HEADER_VALUE)
        .json(&json!({"method": "demo", "username": "demo-shopper"}));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200);
    header(response.headers(), "set-cookie").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_cookie_is_secure_when_the_request_came_over_tls() {
    // Behind a trusted proxy: Secure exactly when the client used https.
    let server = TestServer::start_with(|config| config.trust_forwarded_proto = true).await;
    let cookie = sign_in_cookie(&server, &[("x-forwarded-proto", "https")]).await;
    assert!(cookie.contains("; Secure"), "{cookie}");
    let cookie = sign_in_cookie(&server, &[("x-forwarded-proto", "https, http")]).await;
    assert!(cookie.contains("; Secure"), "{cookie}");
    let cookie = sign_in_cookie(&server, &[("x-forwarded-proto", "http")]).await;
    assert!(!cookie.contains("Secure"), "{cookie}");
    let cookie = sign_in_cookie(&server, &[]).await;
    assert!(!cookie.contains("Secure"), "{cookie}");

    // Not trusted: the header is ignored.
    let server = TestServer::start().await;
    let cookie = sign_in_cookie(&server, &[("x-forwarded-proto", "https")]).await;
    assert!(!cookie.contains("Secure"), "{cookie}");

    // --secure-cookies: always, sign-out's clearing cookie included.
    let server = TestServer::start_with(|config| config.secure_cookies = true).await;
    let cookie = sign_in_cookie(&server, &[]).await;
    assert!(cookie.contains("; Secure"), "{cookie}");
    let out = reqwest::Client::new()
        .delete(server.url("/api/session"))
        .header(CSRF_HEADER, CSRF_HEADER_VALUE)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    let cleared = header(out.headers(), "set-cookie");
    assert!(
        cleared.contains("Max-Age=0") && cleared.contains("; Secure"),
        "{cleared}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_session_is_refused_and_a_signed_out_one_stays_dead() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let other = server.sign_in("demo-unverified").await;
    assert_eq!(shopper.get("/api/session").await.status, StatusCode::OK);

    // The session's expiry passes (set in the database: the TTL is at least an hour).
    let now = common::now().0;
    server
        .execute_sql(&format!(
            "UPDATE sessions SET expires_at = {} WHERE user_id = \
             (SELECT id FROM users WHERE username = 'demo-shopper')",
            now - 1
        ))
        .await;
    shopper
        .get("/api/session")
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    shopper
        .get("/api/complaints")
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    let fresh = other.get("/api/session").await;
    assert_eq!(fresh.status, StatusCode::OK, "other sessions live on");

    // Signing out ends the session for every copy of the cookie, mutations included.
    let cookie = sign_in_cookie(&server, &[]).await;
    let token = cookie.split(';').next().unwrap().to_owned();
    let http = reqwest::Client::new();
    let with_cookie = |method: Method, path: &str| {
        http.request(method, server.url(path))
            .header("cookie", token.clone())
            .header(CSRF_HEADER, CSRF_HEADER_VALUE)
    };
    let me = with_cookie(Method::GET, "/api/session")
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let out = with_cookie(Method::DELETE, "/api/session")
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    for (method, path) in [
        (Method::GET, "/api/session"),
        (Method::GET, "/api/orders"),
        (Method::GET, "/api/events"),
    ] {
        let answer = read(with_cookie(method, path).send().await.unwrap()).await;
        answer.assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    }
    let answer = read(
        with_cookie(Method::POST, "/api/complaints/1/withdrawal")
            .header("idempotency-key", "after-sign-out")
            .json(&json!({"reason": "mistaken", "expected_version": 1}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    answer.assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mutations_are_rate_limited_per_session_with_retry_after() {
    let server = TestServer::start_with(|config| config.mutation_rate_limit = 4).await;
    // Signing in is a mutation without a session: counted per client address.
    let shopper = server.sign_in("demo-shopper").await;
    let other = server.sign_in("demo-unverified").await;

    // Three more changes for this session (4 per minute)…
    for attempt in 0..4 {
        let answer = shopper
            .post("/api/complaints/999999/messages/read", json!({"up_to": 1}))
            .await;
        assert_eq!(
            answer.status,
            StatusCode::NOT_FOUND,
            "attempt {attempt}: {}",
            answer.text
        );
    }
    // …then 429 with Retry-After and the detail.
    let limited = shopper
        .post("/api/complaints/999999/messages/read", json!({"up_to": 1}))
        .await;
    limited.assert_error(StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    let retry_after: u32 = header(&limited.headers, "retry-after").parse().unwrap();
    assert!((1..=15).contains(&retry_after), "{retry_after}");
    assert_eq!(limited.body["error"]["detail"]["kind"], "retry_after");
    assert_eq!(limited.body["error"]["detail"]["seconds"], retry_after);
    // A withdrawal too: refused before it is looked at (and not stored for its key).
    let fresh = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    let body = json!({"reason": "mistaken", "expected_version": fresh.version});
    let limited = shopper
        .withdraw(fresh.id.0, body.clone(), "limited-key")
        .await;
    limited.assert_error(StatusCode::TOO_MANY_REQUESTS, "rate_limited");

    // Reads are never limited.
    for _ in 0..10 {
        assert_eq!(shopper.get("/api/complaints").await.status, StatusCode::OK);
    }
    // Another session has its own bucket.
    let answer = other
        .post("/api/complaints/999999/messages/read", json!({"up_to": 1}))
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND, "{}", answer.text);

    // Sign-ins from one address share a bucket: 2 already, 2 more, then 429.
    for _ in 0..2 {
        server.sign_in("demo-agent").await;
    }
    let client = server.client();
    client
        .post(
            "/api/session",
            json!({"method": "demo", "username": "demo-agent"}),
        )
        .await
        .assert_error(StatusCode::TOO_MANY_REQUESTS, "rate_limited");

    // Off with 0.
    let server = TestServer::start_with(|config| config.mutation_rate_limit = 0).await;
    let shopper = server.sign_in("demo-shopper").await;
    for _ in 0..30 {
        let answer = shopper
            .post("/api/complaints/999999/messages/read", json!({"up_to": 1}))
            .await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn script_payloads_are_stored_and_returned_exactly_as_given() {
    let payload = "<script>alert(1)</script><img src=x onerror=alert(1)>";
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;

    // A complaint description.
    let orders: Vec<OrderView> = shopper.get("/api/orders").await.json();
    let free = orders.iter().find(|o| o.complaints.is_empty()).unwrap();
    let description = format!("{payload} 商品与描述不符 ' OR 1=1 -- \"; DROP TABLE complaints;");
    let filed = shopper
        .post(
            "/api/complaints",
            json!({"order_id": free.id, "kind": "other", "description": description}),
        )
        .await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.text);
    let filed: ComplaintDetail = filed.json();
    assert_eq!(filed.description, description);
    let again = shopper.detail(filed.summary.id.0).await;
    assert_eq!(again.description, description);

    // A withdrawal note (max 200 characters), in the receipt and the timeline.
    let body =
        json!({"reason": "other", "note": payload, "expected_version": again.summary.version});
    let withdrawn = shopper
        .withdraw(filed.summary.id.0, body, "payload-note")
        .await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.text);
    let detail = shopper.detail(filed.summary.id.0).await;
    assert_eq!(detail.withdrawal.as_ref().unwrap().note, payload);
    let timeline_note = detail
        .timeline
        .iter()
        .find_map(|event| match &event.event {
            complaint_api::TimelineEventKind::Withdrawn { note, .. } => Some(note.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(timeline_note, payload);

    // Search text: a literal substring (no SQL, no LIKE wildcards), nothing found, no error.
    for q in [payload, "' OR 1=1 --", "%", "_", "\\"] {
        let answer = shopper
            .http
            .get(server.url("/api/complaints"))
            .query(&[("q", q)])
            .send()
            .await
            .unwrap();
        let answer = read(answer).await;
        assert_eq!(answer.status, StatusCode::OK, "{q}: {}", answer.text);
        let page: complaint_api::ComplaintPage = answer.json();
        assert!(page.items.is_empty(), "{q}");
        assert!(page.counts.iter().all(|count| count.count == 0), "{q}");
    }
    // The list and tables are intact.
    assert!(shopper.complaints().await.len() > 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsupported_methods_are_405_before_csrf_and_rate_limits() {
    let server = TestServer::start_with(|config| config.mutation_rate_limit = 1).await;
    let http = reqwest::Client::new();
    for (method, path) in [
        ("PUT", "/api/meta"),
        ("TRACE", "/api/meta"),
        ("PATCH", "/api/complaints"),
        ("DELETE", "/api/complaints/1"),
        ("PUT", "/api/session"),
        ("GET", "/api/complaints/1/withdrawal"),
        ("POST", "/api/orders"),
        ("DELETE", "/api/orders"),
    ] {
        let answer = read(
            http.request(
                Method::from_bytes(method.as_bytes()).unwrap(),
                server.url(path),
            )
            .send()
            .await
            .unwrap(),
        )
        .await;
        answer.assert_error(StatusCode::METHOD_NOT_ALLOWED, "invalid_request");
        assert!(answer.headers.contains_key("allow"), "{method} {path}");
    }
    // Unknown paths are 404 for any method.
    let answer = read(http.post(server.url("/api/nothing")).send().await.unwrap()).await;
    answer.assert_error(StatusCode::NOT_FOUND, "not_found");
}

/// `POST /api/session` as `demo-agent` with these extra headers: the status.
async fn sign_in_status(server: &TestServer, headers: &[(&str, &str)]) -> u16 {
    let mut request = reqwest::Client::new()
        .post(server.url("/api/session"))
        .header(CSRF_HEADER, CSRF_HEADER_VALUE)
        .json(&json!({"method": "demo", "username": "demo-agent"}));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn made_up_session_cookies_count_against_the_client_address() {
    let server = TestServer::start_with(|config| config.mutation_rate_limit = 5).await;
    // A real session (one of the address's five sign-ins).
    let shopper = server.sign_in("demo-shopper").await;

    // Nine more sign-ins, each with a cookie no session has: four fit, like without one.
    let mut statuses = Vec::new();
    for attempt in 0..9 {
        let cookie = format!("cd_session={:064x}", 0xdead_beef_u64 + attempt);
        statuses.push(sign_in_status(&server, &[("cookie", &cookie)]).await);
    }
    assert_eq!(statuses, [200, 200, 200, 200, 429, 429, 429, 429, 429]);
    assert_eq!(
        sign_in_status(&server, &[]).await,
        429,
        "nor without a cookie"
    );

    // The real session has a bucket of its own: five changes, then 429.
    for attempt in 0..6 {
        let answer = shopper
            .post("/api/complaints/999999/messages/read", json!({"up_to": 1}))
            .await;
        let expected = if attempt < 5 {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(
            answer.status, expected,
            "attempt {attempt}: {}",
            answer.text
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_the_forwarded_client_address_counts() {
    let server = TestServer::start_with(|config| {
        config.mutation_rate_limit = 2;
        config.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()];
    })
    .await;
    let from = |client: &'static str| [("x-forwarded-for", client)];
    assert_eq!(sign_in_status(&server, &from("203.0.113.1")).await, 200);
    assert_eq!(sign_in_status(&server, &from("203.0.113.1")).await, 200);
    assert_eq!(sign_in_status(&server, &from("203.0.113.1")).await, 429);
    // Another client behind the same proxy has its own bucket.
    assert_eq!(sign_in_status(&server, &from("203.0.113.2")).await, 200);
    // What the client itself put in front of the proxy's entry changes nothing.
    assert_eq!(
        sign_in_status(&server, &from("198.51.100.7, 203.0.113.1")).await,
        429
    );
    assert_eq!(
        sign_in_status(
            &server,
            &[
                ("x-forwarded-for", "198.51.100.8"),
                ("x-forwarded-for", "203.0.113.1")
            ]
        )
        .await,
        429
    );

    // Without --trusted-proxy the header is the client's word: ignored.
    let server = TestServer::start_with(|config| config.mutation_rate_limit = 2).await;
    let statuses = [
        sign_in_status(&server, &from("203.0.113.1")).await,
        sign_in_status(&server, &from("203.0.113.2")).await,
        sign_in_status(&server, &from("203.0.113.3")).await,
    ];
    assert_eq!(statuses, [200, 200, 429]);
}

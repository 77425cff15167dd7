//! The API around withdrawal: sessions, CSRF, bad input, lists, orders, filing, the
//! OpenAPI document, static files, and the headers on every response.

mod common;

use common::{assert_server_headers, read, TestServer, HOUR_MS, MINUTE_MS};
use complaint_api::{
    ComplaintDetail, ComplaintGroup, ComplaintId, ComplaintPage, ComplaintSummary, Eligibility,
    Meta, OrderView, SessionView, CSRF_HEADER, CSRF_HEADER_VALUE,
};
use complaint_rules::{
    self_service_deadline, Blocked, ComplaintStatus, RealName, Role, UtcMillis, POLICY,
    POLICY_VERSION,
};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meta_lists_the_demo_accounts_and_the_policy() {
    let server = TestServer::start().await;
    let answer = server.client().get("/api/meta").await;
    assert_eq!(answer.status, StatusCode::OK);
    answer.assert_server_headers();
    let meta: Meta = answer.json();
    assert_eq!(meta.policy_version, POLICY_VERSION);
    let names: Vec<_> = meta
        .demo_accounts
        .iter()
        .map(|user| (user.username.as_str(), user.role, user.real_name))
        .collect();
    assert_eq!(
        names,
        [
            ("demo-shopper", Role::Shopper, RealName::Verified),
            ("demo-unverified", Role::Shopper, RealName::Unverified),
            ("demo-agent", Role::Agent, RealName::Verified),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_start_identify_and_really_end() {
    let server = TestServer::start().await;
    let client = server.client();
    client
        .get("/api/session")
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");

    // Sign in: the cookie's attributes.
    let response = client
        .http
        .post(server.url("/api/session"))
        .header(CSRF_HEADER, CSRF_HEADER_VALUE)
        .json(&json!({"method": "demo", "username": "demo-shopper"}))
        .send()
        .await
        .unwrap();
    let cookie = response
        .headers()
        .get("set-cookie")
        .expect("a session cookie")
        .to_str()
        .unwrap()
        .to_owned();
    let answer = read(response).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    for attribute in [
        "cd_session=",
        "HttpOnly",
        "SameSite=Strict",
        "Path=/",
        "Max-Age=43200",
    ] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "{cookie}");
    let session: SessionView = answer.json();
    assert_eq!(session.user.username, "demo-shopper");
    assert_eq!(session.user.display_name, "王小明");

    let me: SessionView = client.get("/api/session").await.json();
    assert_eq!(me.user, session.user);

    // A copy of the cookie dies with the session: it is ended in the database.
    let token = cookie.split(';').next().unwrap().to_owned();
    let stolen = reqwest::Client::new();
    let with_token = |path: &str| {
        stolen
            .get(server.url(path))
            .header("cookie", token.clone())
            .send()
    };
    assert_eq!(with_token("/api/session").await.unwrap().status(), 200);
    let out = client.send(Method::DELETE, "/api/session", None, &[]).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    out.assert_server_headers();
    let answer = read(with_token("/api/complaints").await.unwrap()).await;
    answer.assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    client
        .get("/api/session")
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");

    // Unknown accounts are refused.
    client
        .post(
            "/api/session",
            json!({"method": "demo", "username": "nobody"}),
        )
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    // Host tokens are off unless configured.
    client
        .post(
            "/api/session",
            json!({"method": "host_token", "token": "demo-shopper.1.00"}),
        )
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_session_everything_but_meta_is_401() {
    let server = TestServer::start().await;
    let client = server.client();
    for path in [
        "/api/session",
        "/api/complaints",
        "/api/complaints/1",
        "/api/orders",
        "/api/events",
        "/api/agent/assistance",
        "/api/agent/complaints",
        "/api/agent/pressure-reports",
    ] {
        client
            .get(path)
            .await
            .assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    }
    for (path, body) in [
        (
            "/api/complaints/1/withdrawal",
            json!({"reason": "mistaken", "expected_version": 1}),
        ),
        (
            "/api/complaints",
            json!({"order_id": 1, "kind": "other", "description": "一二三四五六七八九十"}),
        ),
        ("/api/complaints/1/messages", json!({"text": "你好"})),
        ("/api/complaints/1/messages/read", json!({"up_to": 1})),
        ("/api/images", json!({})),
        ("/api/agent/assistance/1/approve", json!({})),
        ("/api/agent/arbitration-notes/1/handle", json!({})),
        ("/api/agent/pressure-reports/1/handle", json!({})),
    ] {
        client
            .send(Method::POST, path, Some(body), &[("idempotency-key", "k")])
            .await
            .assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_mutation_needs_the_csrf_header() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let complaint = shopper.any_with(ComplaintStatus::Pending).await;
    let bare = |method: Method, path: &str| {
        shopper
            .http
            .request(method, server.url(path))
            .header("idempotency-key", "csrf")
            .json(&json!({"reason": "mistaken", "expected_version": complaint.version}))
            .send()
    };
    for (method, path) in [
        (
            Method::POST,
            format!("/api/complaints/{}/withdrawal", complaint.id),
        ),
        (Method::POST, "/api/session".to_owned()),
        (Method::DELETE, "/api/session".to_owned()),
        (Method::POST, "/api/complaints".to_owned()),
    ] {
        let answer = read(bare(method, &path).await.unwrap()).await;
        answer.assert_error(StatusCode::FORBIDDEN, "forbidden");
        assert!(
            answer.body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("CSRF"),
            "{}",
            answer.text
        );
    }
    // A wrong value is no better.
    let answer = read(
        shopper
            .http
            .delete(server.url("/api/session"))
            .header(CSRF_HEADER, "yes")
            .send()
            .await
            .unwrap(),
    )
    .await;
    answer.assert_error(StatusCode::FORBIDDEN, "forbidden");
    // Nothing happened: still signed in, still pending.
    assert_eq!(
        shopper.detail(complaint.id.0).await.summary.status,
        ComplaintStatus::Pending
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_a_json_400_never_a_500() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let complaint = shopper.any_with(ComplaintStatus::Pending).await;
    let path = format!("/api/complaints/{}/withdrawal", complaint.id);
    let raw = |body: &'static str, content_type: &'static str| {
        shopper
            .http
            .post(server.url(&path))
            .header(CSRF_HEADER, CSRF_HEADER_VALUE)
            .header("idempotency-key", "bad-input")
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    for (body, content_type) in [
        ("{\"reason\": ", "application/json"),
        ("not json at all", "application/json"),
        ("", "application/json"),
        ("[]", "application/json"),
        (
            "{\"reason\":\"bored\",\"expected_version\":1}",
            "application/json",
        ),
        (
            "{\"reason\":\"mistaken\",\"expected_version\":\"1\"}",
            "application/json",
        ),
        (
            "{\"reason\":\"mistaken\",\"expected_version\":1.5}",
            "application/json",
        ),
        (
            "{\"reason\":\"mistaken\",\"expected_version\":99999999999999999999}",
            "application/json",
        ),
        (
            "{\"reason\":\"mistaken\",\"note\":7,\"expected_version\":1}",
            "application/json",
        ),
        (
            "{\"reason\":\"mistaken\",\"expected_version\":1,\"force\":true}",
            "application/json",
        ),
        ("{\"reason\":\"mistaken\"}", "application/json"),
        (
            "{\"reason\":\"mistaken\",\"expected_version\":1}",
            "text/plain",
        ),
        (
            "{\"reason\":\"mistaken\",\"expected_version\":1}",
            "application/x-www-form-urlencoded",
        ),
    ] {
        let answer = read(raw(body, content_type).await.unwrap()).await;
        answer.assert_error(StatusCode::BAD_REQUEST, "invalid_request");
        assert!(
            answer.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{body}"
        );
    }
    // Bad ids and query parameters.
    for path in [
        "/api/complaints/abc",
        "/api/complaints/1.5",
        "/api/complaints/99999999999999999999",
        "/api/complaints?status=bogus",
        "/api/complaints?limit=0",
        "/api/complaints?limit=101",
        "/api/complaints?limit=-1",
        "/api/complaints?limit=ten",
        "/api/complaints?cursor=garbage",
        "/api/agent/assistance?status=maybe",
    ] {
        let answer = shopper.get(path).await;
        // The agent endpoint checks the role before the parameters.
        let expected = if path.starts_with("/api/agent") {
            (StatusCode::FORBIDDEN, "forbidden")
        } else {
            (StatusCode::BAD_REQUEST, "invalid_request")
        };
        answer.assert_error(expected.0, expected.1);
    }
    // Other bodies: filing, assistance, agent.
    for (path, body) in [
        (
            "/api/complaints",
            json!({"order_id": "one", "kind": "other", "description": "一二三四五六七八九十"}),
        ),
        (
            "/api/complaints",
            json!({"order_id": 1, "kind": "angry", "description": "一二三四五六七八九十"}),
        ),
        (
            "/api/complaints",
            json!({"order_id": 1, "kind": "other", "description": "一二三四五六七八九十", "x": 1}),
        ),
        (
            &format!("/api/complaints/{}/messages", complaint.id),
            json!({"request": {"type": "assisted_withdrawal", "reason": "bored"}}),
        ),
        (
            &format!("/api/complaints/{}/messages/read", complaint.id),
            json!({"up_to": "first"}),
        ),
        (
            "/api/session",
            json!({"method": "password", "username": "x"}),
        ),
    ] {
        shopper
            .post(path, body)
            .await
            .assert_error(StatusCode::BAD_REQUEST, "invalid_request");
    }
    // Unknown endpoints and methods are JSON too.
    shopper
        .get("/api/nope")
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    shopper
        .send(Method::PUT, "/api/complaints", None, &[])
        .await
        .assert_error(StatusCode::METHOD_NOT_ALLOWED, "invalid_request");
    // And nothing was written.
    let after = shopper.detail(complaint.id.0).await;
    assert_eq!(after.summary.version, complaint.version);
}

/// serde reads a struct from a JSON array too, field by field in order: `[]` is a pressure
/// report with no note, `["mistaken", "", 1]` a withdrawal. Every body is documented as an
/// object, and only an object is read.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_body_is_a_json_object_never_an_array() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let complaint = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    let send = |path: String, body: String| {
        shopper
            .http
            .post(server.url(&path))
            .header(CSRF_HEADER, CSRF_HEADER_VALUE)
            .header("idempotency-key", "as-an-array")
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let answer = read(
        send(
            format!("/api/complaints/{}/messages", complaint.id),
            "[]".into(),
        )
        .await
        .unwrap(),
    )
    .await;
    answer.assert_error(StatusCode::BAD_REQUEST, "invalid_request");
    let answer = read(
        send(
            format!("/api/complaints/{}/withdrawal", complaint.id),
            format!(r#"["mistaken", "", {}]"#, complaint.version),
        )
        .await
        .unwrap(),
    )
    .await;
    answer.assert_error(StatusCode::BAD_REQUEST, "invalid_request");
    let after = shopper.detail(complaint.id.0).await;
    assert_eq!(after.summary.status, ComplaintStatus::Pending);
    assert!(
        after.pressure_reports.is_empty(),
        "{:?}",
        after.pressure_reports
    );
    // An object with whitespace around it is still one.
    let answer = read(
        send(
            format!("/api/complaints/{}/withdrawal", complaint.id),
            format!(
                " \n\t{{\"reason\":\"mistaken\",\"expected_version\":{}}} ",
                complaint.version
            ),
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bodies_over_16_kib_are_413() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let complaint = shopper.any_with(ComplaintStatus::Pending).await;
    let huge = json!({"reason": "other", "note": "x".repeat(17 * 1024), "expected_version": complaint.version});
    // The server answers 413 from the Content-Length, before reading the body, and closes the
    // connection: a client still writing may see the connection reset instead of the answer
    // (a race of HTTP/1.1, under load). Retry until the answer is read.
    let mut answer = None;
    for _ in 0..10 {
        let sent = shopper
            .http
            .post(server.url(&format!("/api/complaints/{}/withdrawal", complaint.id)))
            .header(CSRF_HEADER, CSRF_HEADER_VALUE)
            .header("idempotency-key", "huge")
            .header("connection", "close")
            .json(&huge)
            .send()
            .await;
        if let Ok(response) = sent {
            answer = Some(read(response).await);
            break;
        }
    }
    let answer = answer.expect("one of the attempts read the answer");
    answer.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    // Also when streamed without a Content-Length. Each oversized request goes on a connection
    // of its own (`Connection: close`): the server answers before reading the body and closes
    // it, and the request after them must not be sent on it (seen once: a reset).
    let stream =
        futures_util::stream::iter((0..20).map(|_| Ok::<_, std::io::Error>(vec![b' '; 1024])));
    let answer = read(
        shopper
            .http
            .post(server.url("/api/complaints"))
            .header(CSRF_HEADER, CSRF_HEADER_VALUE)
            .header("content-type", "application/json")
            .header("connection", "close")
            .body(reqwest::Body::wrap_stream(stream))
            .send()
            .await
            .unwrap(),
    )
    .await;
    answer.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    // A note of 200 characters is far below the limit.
    let ok = shopper
        .withdraw(
            complaint.id.0,
            json!({"reason": "other", "note": "好".repeat(200), "expected_version": complaint.version}),
            "fits",
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_pages_filters_counts_and_searches() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let page: ComplaintPage = shopper.get("/api/complaints").await.json();
    let total: u32 = page.counts.iter().map(|count| count.count).sum();
    assert_eq!(total as usize, page.items.len(), "fewer than a page");
    assert_eq!(page.next_cursor, None);
    assert!(page
        .items
        .iter()
        .all(|item| item.owner == page.items[0].owner));
    for status in ComplaintStatus::ALL {
        let count = page.counts.iter().find(|count| count.status == status);
        assert!(
            count.is_some_and(|count| count.count >= 1),
            "a seeded {status:?}"
        );
    }
    // The order is `the_list_puts_the_soonest_deadline_first_and_keeps_its_order_across_pages`'s.

    // A listed complaint is the one its page shows, field for field (the list and the
    // detail read their rows differently: as one JSON value per page, and column by column).
    for item in &page.items {
        let detail: ComplaintDetail = shopper
            .get(&format!("/api/complaints/{}", item.id.0))
            .await
            .json();
        assert_eq!(&detail.summary, item);
    }
    assert!(
        page.items.iter().any(|item| item.assistance_pending())
            && page.items.iter().any(|item| !item.assistance_pending()),
        "both values of the flag are read"
    );

    // Keyset pages of 3 give the same items, once each.
    let mut paged = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(cursor) => format!("/api/complaints?limit=3&cursor={cursor}"),
            None => "/api/complaints?limit=3".to_owned(),
        };
        let page: ComplaintPage = shopper.get(&path).await.json();
        assert!(page.items.len() <= 3);
        paged.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(paged, page.items);

    // Status filters the items, not the counts.
    let pending: ComplaintPage = shopper.get("/api/complaints?status=pending").await.json();
    assert!(pending
        .items
        .iter()
        .all(|item| item.status == ComplaintStatus::Pending));
    assert_eq!(pending.counts, page.counts);

    // q matches complaint numbers and order numbers, and the counts follow.
    let target = &page.items[2];
    let by_number: ComplaintPage = shopper
        .get(&format!("/api/complaints?q={}", &target.number[6..]))
        .await
        .json();
    assert_eq!(by_number.items, vec![target.clone()]);
    let total: u32 = by_number.counts.iter().map(|count| count.count).sum();
    assert_eq!(total, 1);
    let by_order: ComplaintPage = shopper
        .get(&format!("/api/complaints?q={}", &target.order.number[8..]))
        .await
        .json();
    assert_eq!(by_order.items, vec![target.clone()]);
    let none: ComplaintPage = shopper.get("/api/complaints?q=%25").await.json();
    assert!(none.items.is_empty(), "% is taken literally");

    // Another user's list has only their own.
    let unverified = server.sign_in("demo-unverified").await;
    let theirs: ComplaintPage = unverified.get("/api/complaints").await.json();
    assert_eq!(theirs.items.len(), 1);
    assert!(theirs
        .items
        .iter()
        .all(|item| !page.items.iter().any(|mine| mine.id == item.id)));
}

/// The product pictures that ship with the app (`public/products/`, copied into `dist/`).
fn shipped_picture(image: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../public")
        .join(image)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn orders_are_shown_with_their_shop_amount_and_picture_wherever_a_complaint_is() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let orders: Vec<OrderView> = shopper.get("/api/orders").await.json();
    for order in &orders {
        let image = order
            .image
            .as_deref()
            .expect("every seeded order has a picture");
        assert!(
            image.starts_with("products/") && image.ends_with(".svg"),
            "relative to the app's base: {image}"
        );
        let file = shipped_picture(image);
        let svg = std::fs::read_to_string(&file)
            .unwrap_or_else(|error| panic!("{}: {error}", file.display()));
        assert!(svg.contains(r#"viewBox="0 0 96 96""#), "{image} is square");
        assert!(!svg.contains("<text"), "{image} has no text");
        assert!(!svg.contains("href"), "{image} fetches nothing");
    }
    let pictures: std::collections::HashSet<_> =
        orders.iter().map(|order| order.image.clone()).collect();
    assert_eq!(pictures.len(), orders.len(), "one picture per product");

    // The list, the detail and the agent's queue carry the order as the orders page shows it.
    let page: ComplaintPage = shopper.get("/api/complaints?limit=100").await.json();
    assert!(!page.items.is_empty());
    for item in &page.items {
        let order = orders
            .iter()
            .find(|order| order.id == item.order.id)
            .expect("the complaint's order");
        assert_eq!(
            (
                &item.order.number,
                &item.order.title,
                &item.order.shop,
                item.order.amount_fen,
                &item.order.image
            ),
            (
                &order.number,
                &order.title,
                &order.shop,
                order.amount_fen,
                &order.image
            )
        );
        assert!(item.order.amount_fen > 0);
    }
    let detail = shopper.detail(page.items[0].id.0).await;
    assert_eq!(detail.summary.order, page.items[0].order);
    let agent = server.sign_in("demo-agent").await;
    let queue: Vec<complaint_api::AssistanceQueueItem> =
        agent.get("/api/agent/assistance").await.json();
    let queued = &queue.first().expect("the seeded request").complaint;
    let mine = page.items.iter().find(|item| item.id == queued.id).unwrap();
    assert_eq!(queued.order, mine.order);
    assert!(queued.order.image.is_some());

    // The JSON names them as documented.
    let raw = shopper.get("/api/complaints?limit=1").await;
    let order = &raw.body["items"][0]["order"];
    assert!(order["shop"].is_string() && order["amount_fen"].is_i64());
    assert!(order["image"].as_str().unwrap().starts_with("products/"));
}

/// The shopper's list: first what can still be withdrawn, the soonest self-service deadline
/// first; then the rest, newest first; in every tab, and page after page even when a window
/// closes in between.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_puts_the_soonest_deadline_first_and_keeps_its_order_across_pages() {
    let start = common::now();
    let (server, clock) = TestServer::start_with_clock_at(start).await;
    let shopper = server.sign_in("demo-shopper").await;
    let all: ComplaintPage = shopper.get("/api/complaints?limit=100").await.json();
    let withdrawable = |item: &ComplaintSummary| ComplaintGroup::Withdrawable.contains(item, start);
    let split = all.items.iter().position(|item| !withdrawable(item));
    let (first, rest) = all.items.split_at(split.unwrap_or(all.items.len()));
    assert!(first.iter().all(withdrawable), "{first:#?}");
    assert!(!rest.iter().any(withdrawable), "{rest:#?}");
    assert_eq!(first.len() as u32, all.withdrawable);
    let deadlines: Vec<UtcMillis> = first
        .iter()
        .map(|item| self_service_deadline(item.filed_at))
        .collect();
    assert!(
        deadlines.len() >= 2 && deadlines.is_sorted(),
        "{deadlines:?}"
    );
    let filed: Vec<UtcMillis> = rest.iter().map(|item| item.filed_at).collect();
    assert!(
        filed.len() >= 2 && filed.is_sorted_by(|a, b| a >= b),
        "{filed:?}"
    );
    // The most urgent one (seeded 23 h 59 min ago) opens the list, and the 可撤销 tab.
    let urgent = shopper
        .seeded(ComplaintStatus::Processing, 23 * HOUR_MS + 59 * MINUTE_MS)
        .await;
    assert_eq!(all.items[0].id, urgent.id);
    let tab: ComplaintPage = shopper
        .get("/api/complaints?group=withdrawable")
        .await
        .json();
    assert_eq!(tab.items, first);

    // Pages of one: the same list. Then the most urgent one's window closes after the first
    // page: the next pages go on in the first page's order (it is neither lost nor shown
    // again among the rest).
    assert_eq!(all_pages(&shopper, "/api/complaints?", 1).await, all.items);
    for path in ["/api/complaints?", "/api/complaints?group=open"] {
        clock.set(start);
        let page: ComplaintPage = shopper.get(&format!("{path}&limit=1")).await.json();
        assert_eq!(page.items[0].id, urgent.id, "{path}");
        clock.set(self_service_deadline(urgent.filed_at).plus(1));
        let mut items = page.items;
        items.extend(pages_from(&shopper, path, 1, page.next_cursor).await);
        let ids: Vec<ComplaintId> = items.iter().map(|item| item.id).collect();
        let expected: Vec<ComplaintId> = all
            .items
            .iter()
            .filter(|item| !path.contains("open") || item.status.is_open())
            .map(|item| item.id)
            .collect();
        assert_eq!(ids, expected, "{path}");
    }

    // The agents' console stays newest first.
    let agent = server.sign_in("demo-agent").await;
    let everyone = all_pages(&agent, "/api/agent/complaints?", 3).await;
    assert!(everyone
        .iter()
        .map(|item| (item.filed_at, item.id))
        .is_sorted_by(|a, b| a >= b));
}

/// Every page of `path` (which has a `?`), following `next_cursor` with pages of `limit`.
async fn all_pages(client: &common::Client, path: &str, limit: u32) -> Vec<ComplaintSummary> {
    pages_from(client, path, limit, None).await
}

/// The pages of `path` from `cursor` on (`None`: from the first).
async fn pages_from(
    client: &common::Client,
    path: &str,
    limit: u32,
    mut cursor: Option<String>,
) -> Vec<ComplaintSummary> {
    let mut items = Vec::new();
    loop {
        let mut url = format!("{path}&limit={limit}");
        if let Some(cursor) = &cursor {
            url.push_str(&format!("&cursor={cursor}"));
        }
        let answer = client.get(&url).await;
        assert_eq!(answer.status, StatusCode::OK, "{url}: {}", answer.text);
        let page: ComplaintPage = answer.json();
        assert!(page.items.len() <= limit as usize);
        items.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return items,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_filters_by_group_pages_within_it_and_counts_the_withdrawable() {
    // The server's clock stands still at `start` until the test moves it.
    let start = common::now();
    let (server, clock) = TestServer::start_with_clock_at(start).await;
    let shopper = server.sign_in("demo-shopper").await;
    let page: ComplaintPage = shopper.get("/api/complaints?limit=100").await.json();
    let all = page.items.clone();
    let group = |group: ComplaintGroup, now: UtcMillis| -> Vec<ComplaintSummary> {
        all.iter()
            .filter(|item| group.contains(item, now))
            .cloned()
            .collect()
    };
    // Seeded: pending 1 min, processing 6 h and 23 h 59 min old are in the window; pending
    // 24 h 1 min, processing 3 days and the rest are not.
    let withdrawable = group(ComplaintGroup::Withdrawable, start);
    assert_eq!(withdrawable.len(), 3, "{withdrawable:#?}");
    assert_eq!(page.withdrawable, 3);
    for (name, expected) in [
        ("withdrawable", ComplaintGroup::Withdrawable),
        ("open", ComplaintGroup::Open),
        ("ended", ComplaintGroup::Ended),
    ] {
        let answer = shopper
            .get(&format!("/api/complaints?group={name}&limit=100"))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
        let filtered: ComplaintPage = answer.json();
        assert_eq!(filtered.items, group(expected, start), "{name}");
        assert!(!filtered.items.is_empty(), "{name}");
        // The counts ignore the group.
        assert_eq!(filtered.counts, page.counts);
        assert_eq!(filtered.withdrawable, 3);
        // Pages of one within the group give the same items, once each.
        let paged = all_pages(&shopper, &format!("/api/complaints?group={name}"), 1).await;
        assert_eq!(paged, filtered.items, "{name} paged");
    }
    let open: usize = page
        .counts
        .iter()
        .filter(|count| count.status.is_open())
        .map(|count| count.count as usize)
        .sum();
    assert_eq!(open, group(ComplaintGroup::Open, start).len());

    // Right at the boundary: one filed exactly 24 h before now (its window has just closed),
    // one a millisecond later (its last millisecond).
    let window = POLICY.self_service_window_ms;
    let closing = shopper
        .seeded(ComplaintStatus::Processing, 23 * HOUR_MS + 59 * MINUTE_MS)
        .await;
    let closed = shopper
        .seeded(ComplaintStatus::Pending, 24 * HOUR_MS + MINUTE_MS)
        .await;
    let fresh = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    for (complaint, filed_at) in [
        (&closing, start.plus(1 - window)),
        (&closed, start.plus(-window)),
    ] {
        server
            .execute_sql(&format!(
                "UPDATE complaints SET filed_at = {} WHERE id = {}",
                filed_at.0, complaint.id
            ))
            .await;
    }
    let in_group = |page: &ComplaintPage| -> Vec<_> { page.items.iter().map(|c| c.id).collect() };
    let at_start: ComplaintPage = shopper
        .get("/api/complaints?group=withdrawable")
        .await
        .json();
    assert!(in_group(&at_start).contains(&closing.id));
    assert!(!in_group(&at_start).contains(&closed.id));
    assert_eq!(at_start.withdrawable, 3);
    assert_eq!(at_start.items.len(), 3);
    assert!(matches!(
        shopper.detail(closing.id.0).await.eligibility,
        Eligibility::Eligible { .. }
    ));
    // The list without a group, counted at the same instant, agrees (and is cached now).
    let whole: ComplaintPage = shopper.get("/api/complaints").await.json();
    assert_eq!(whole.withdrawable, 3);

    // One millisecond later, with nothing written, its window has closed too: the count is
    // not an old one from a cache.
    clock.set(start.plus(1));
    let later: ComplaintPage = shopper
        .get("/api/complaints?group=withdrawable")
        .await
        .json();
    // The soonest deadline first: the one filed 6 h ago, then the fresh one.
    assert_eq!(in_group(&later), vec![withdrawable[1].id, fresh.id]);
    assert_eq!(later.withdrawable, 2);
    let whole: ComplaintPage = shopper.get("/api/complaints").await.json();
    assert_eq!(whole.withdrawable, 2);
    assert_eq!(whole.counts, page.counts, "the statuses did not change");
    assert!(matches!(
        shopper.detail(closing.id.0).await.eligibility,
        Eligibility::Blocked {
            blocked: Blocked::WindowExpired { .. },
            ..
        }
    ));

    // `q` is honoured, like the counts.
    let one: ComplaintPage = shopper
        .get(&format!("/api/complaints?q={}", fresh.number))
        .await
        .json();
    assert_eq!(one.withdrawable, 1);
    let ended = group(ComplaintGroup::Ended, start).remove(0);
    let none: ComplaintPage = shopper
        .get(&format!(
            "/api/complaints?group=withdrawable&q={}",
            ended.number
        ))
        .await
        .json();
    assert!(none.items.is_empty());
    assert_eq!(none.withdrawable, 0);

    // Status and group together, or an unknown group: 400.
    for path in [
        "/api/complaints?status=pending&group=open",
        "/api/complaints?group=everything",
        "/api/agent/complaints?status=pending&group=withdrawable",
    ] {
        let client = if path.starts_with("/api/agent") {
            server.sign_in("demo-agent").await
        } else {
            shopper.clone()
        };
        client
            .get(path)
            .await
            .assert_error(StatusCode::BAD_REQUEST, "invalid_request");
    }

    // Real-name verification is not part of the group: the unverified shopper's fresh
    // complaint is withdrawable (the app tells them to verify).
    let unverified = server.sign_in("demo-unverified").await;
    let theirs: ComplaintPage = unverified
        .get("/api/complaints?group=withdrawable")
        .await
        .json();
    assert_eq!(theirs.items.len(), 1);
    assert_eq!(theirs.withdrawable, 1);

    // The agent's list: everyone's, the same groups, paged within them.
    let agent = server.sign_in("demo-agent").await;
    let everyone: ComplaintPage = agent.get("/api/agent/complaints?limit=100").await.json();
    let now = start.plus(1);
    for group in ComplaintGroup::ALL {
        let expected: Vec<_> = everyone
            .items
            .iter()
            .filter(|item| group.contains(item, now))
            .cloned()
            .collect();
        let paged = all_pages(
            &agent,
            &format!("/api/agent/complaints?group={}", group.code()),
            2,
        )
        .await;
        assert_eq!(paged, expected, "{group:?}");
    }
    assert_eq!(
        everyone.withdrawable, 3,
        "2 of the shopper's, 1 of the other"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filing_is_allowed_again_after_withdrawal_and_refused_while_open() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let orders: Vec<OrderView> = shopper.get("/api/orders").await.json();
    assert!(orders.len() >= 12, "{} orders", orders.len());
    assert!(
        orders
            .iter()
            .filter(|order| order.complaints.is_empty())
            .count()
            >= 2
    );

    // The order whose only complaint is withdrawn: file again.
    let withdrawn_only = orders
        .iter()
        .find(|order| {
            order.complaints.len() == 1 && order.complaints[0].status == ComplaintStatus::Withdrawn
        })
        .expect("an order whose only complaint is withdrawn");
    let filed = shopper
        .post(
            "/api/complaints",
            json!({"order_id": withdrawn_only.id, "kind": "quality", "description": "  鼠标左键连击，用了一周就出现双击问题。  "}),
        )
        .await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.text);
    filed.assert_server_headers();
    let detail: ComplaintDetail = filed.json();
    assert_eq!(detail.summary.status, ComplaintStatus::Pending);
    assert_eq!(detail.summary.version, 1);
    assert_eq!(detail.description, "鼠标左键连击，用了一周就出现双击问题。");
    assert!(detail.summary.number.starts_with("TS") && detail.summary.number.len() == 16);
    assert_eq!(common::events_of_type(&detail, "filed"), 1);
    assert!(matches!(
        detail.eligibility,
        complaint_api::Eligibility::Eligible { .. }
    ));

    // Now it is open: a second one is refused.
    shopper
        .post(
            "/api/complaints",
            json!({"order_id": withdrawn_only.id, "kind": "other", "description": "再投诉一次试试看能不能成功"}),
        )
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "complaint_already_open");

    // An order with no complaint; descriptions are validated.
    let fresh = orders
        .iter()
        .find(|order| order.complaints.is_empty())
        .unwrap();
    shopper
        .post(
            "/api/complaints",
            json!({"order_id": fresh.id, "kind": "other", "description": "太短了"}),
        )
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "description_too_short");
    shopper
        .post(
            "/api/complaints",
            json!({"order_id": fresh.id, "kind": "other", "description": "长".repeat(501)}),
        )
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "description_too_long");

    // Someone else's order, and no order at all: the same 404.
    let unverified = server.sign_in("demo-unverified").await;
    let theirs: Vec<OrderView> = unverified.get("/api/orders").await.json();
    let a = shopper
        .post(
            "/api/complaints",
            json!({"order_id": theirs[0].id, "kind": "other", "description": "这不是我的订单但我想投诉"}),
        )
        .await;
    let b = shopper
        .post(
            "/api/complaints",
            json!({"order_id": 987654, "kind": "other", "description": "这不是我的订单但我想投诉"}),
        )
        .await;
    a.assert_error(StatusCode::NOT_FOUND, "order_not_found");
    assert_eq!(a.body, b.body);

    // After withdrawing the new one, filing works again.
    let withdrawn = shopper
        .withdraw(
            detail.summary.id.0,
            json!({"reason": "mistaken", "expected_version": 1}),
            "again",
        )
        .await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.text);
    let again = shopper
        .post(
            "/api/complaints",
            json!({"order_id": withdrawn_only.id, "kind": "service", "description": "客服答应的补偿一直没有兑现，再次投诉。"}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text);
    let orders: Vec<OrderView> = shopper.get("/api/orders").await.json();
    let order = orders.iter().find(|o| o.id == withdrawn_only.id).unwrap();
    assert_eq!(order.complaints.len(), 3, "nothing is ever deleted");
    assert_eq!(
        order.complaints[0].status,
        ComplaintStatus::Pending,
        "newest first"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_lists_every_path() {
    let server = TestServer::start().await;
    let answer = server.client().get("/api/openapi.json").await;
    assert_eq!(answer.status, StatusCode::OK);
    answer.assert_server_headers();
    let doc = &answer.body;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().expect("paths");
    for (path, method) in [
        ("/api/meta", "get"),
        ("/api/session", "get"),
        ("/api/session", "post"),
        ("/api/session", "delete"),
        ("/api/complaints", "get"),
        ("/api/complaints", "post"),
        ("/api/complaints/{id}", "get"),
        ("/api/complaints/{id}/withdrawal", "post"),
        ("/api/complaints/{id}/messages", "get"),
        ("/api/complaints/{id}/messages", "post"),
        ("/api/complaints/{id}/messages/read", "post"),
        ("/api/messages/unread", "get"),
        ("/api/images", "post"),
        ("/api/images/{id}", "get"),
        ("/api/images/{id}/thumb", "get"),
        ("/api/agent/conversations", "get"),
        ("/api/agent/pressure-by-shop", "get"),
        ("/api/agent/arbitration-notes/{id}/handle", "post"),
        ("/api/orders", "get"),
        ("/api/events", "get"),
        ("/api/agent/assistance", "get"),
        ("/api/agent/assistance/{id}/approve", "post"),
        ("/api/agent/assistance/{id}/reject", "post"),
        ("/api/agent/complaints", "get"),
        ("/api/agent/complaints/{id}/transition", "post"),
        ("/api/agent/pressure-reports", "get"),
        ("/api/agent/pressure-reports/{id}/handle", "post"),
    ] {
        assert!(paths[path][method].is_object(), "{method} {path}");
    }
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    for schema in [
        "ComplaintDetail",
        "WithdrawalRequest",
        "ErrorBody",
        "ComplaintChanged",
        "ComplaintGroup",
        "NewMessage",
        "ServiceRequest",
        "MessageView",
        "ConversationView",
        "UnreadView",
        "ImageView",
        "ConversationQueueItem",
        "ShopPressure",
        "Remedy",
        "PressureKind",
        "PressureReportView",
        "PressureQueueItem",
    ] {
        assert!(schemas.contains_key(schema), "{schema}");
    }
    // Every reference resolves (a type named only by a parameter is easily left out).
    fn refs<'a>(value: &'a serde_json::Value, found: &mut Vec<&'a str>) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(target) = map.get("$ref").and_then(|target| target.as_str()) {
                    found.push(target);
                }
                map.values().for_each(|value| refs(value, found));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|value| refs(value, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    refs(doc, &mut found);
    assert!(found.len() > 50);
    for target in found {
        let name = target
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("{target}"));
        assert!(
            schemas.contains_key(name),
            "{target} is not in the document"
        );
    }
    // Both lists take the group.
    for path in ["/api/complaints", "/api/agent/complaints"] {
        let parameters = paths[path]["get"]["parameters"].as_array().unwrap();
        assert!(
            parameters
                .iter()
                .any(|p| p["name"] == "group" && p["in"] == "query"),
            "{path}"
        );
    }
    // What a shopper recognises an order by.
    for schema in ["OrderBrief", "OrderView"] {
        let properties = schemas[schema]["properties"].as_object().expect(schema);
        for field in ["shop", "amount_fen", "image"] {
            assert!(properties.contains_key(field), "{schema}.{field}");
        }
        let required = schemas[schema]["required"].as_array().unwrap();
        assert!(
            !required.contains(&json!("image")),
            "{schema}.image is optional"
        );
    }
    // The same document as the library generates.
    assert_eq!(
        doc,
        &serde_json::to_value(complaint_server::api_doc()).unwrap()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_is_served_with_an_spa_fallback_and_the_headers() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>投诉管理</title>",
    )
    .unwrap();
    std::fs::write(
        dist.path().join("complaint-desk-0123456789abcdef_bg.wasm"),
        vec![0u8; 64],
    )
    .unwrap();
    std::fs::create_dir(dist.path().join("products")).unwrap();
    std::fs::copy(
        shipped_picture("products/rice-cooker.svg"),
        dist.path().join("products/rice-cooker.svg"),
    )
    .unwrap();
    let dist_path = dist.path().to_owned();
    let server = TestServer::start_with(|config| config.dist = Some(dist_path)).await;
    let http = reqwest::Client::new();

    let index = http.get(server.url("/")).send().await.unwrap();
    assert_eq!(index.status(), 200);
    assert_server_headers(index.headers());
    assert_eq!(index.headers()["cache-control"], "no-cache");
    assert!(index.text().await.unwrap().contains("投诉管理"));

    // A client-side route gets index.html.
    let route = http
        .get(server.url("/complaints/3/withdraw"))
        .send()
        .await
        .unwrap();
    assert_eq!(route.status(), 200);
    assert_server_headers(route.headers());
    assert!(route.text().await.unwrap().contains("投诉管理"));

    let asset = http
        .get(server.url("/complaint-desk-0123456789abcdef_bg.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(asset.status(), 200);
    assert_server_headers(asset.headers());
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );

    // Product pictures are not content-hashed: cached for a day, not for ever.
    let picture = http
        .get(server.url("/products/rice-cooker.svg"))
        .send()
        .await
        .unwrap();
    assert_eq!(picture.status(), 200);
    assert_eq!(picture.headers()["content-type"], "image/svg+xml");
    assert_eq!(picture.headers()["cache-control"], "public, max-age=86400");
    // A missing one falls back to index.html, which is never cached like a picture.
    let missing = http
        .get(server.url("/products/missing.svg"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.headers()["cache-control"], "no-cache");

    // Unknown API paths are not the app.
    let answer = read(http.get(server.url("/api/nothing")).send().await.unwrap()).await;
    answer.assert_error(StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn responses_are_compressed_when_asked() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let response = shopper
        .http
        .get(server.url("/api/complaints"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-encoding"], "br");
    assert_server_headers(response.headers());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_proxy_the_identity_header_signs_in() {
    let server = TestServer::start_with(|config| {
        config.identity_header = Some("x-forwarded-user".into());
        config.demo_sign_in = false;
    })
    .await;
    let http = reqwest::Client::new();
    let answer = read(
        http.get(server.url("/api/session"))
            .header("x-forwarded-user", "demo-shopper")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(answer.json::<SessionView>().user.username, "demo-shopper");
    let answer = read(
        http.get(server.url("/api/complaints"))
            .header("x-forwarded-user", "mallory")
            .send()
            .await
            .unwrap(),
    )
    .await;
    answer.assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    let answer = read(
        http.get(server.url("/api/complaints"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    answer.assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    // Demo sign-in is off: refused, and meta lists no demo accounts.
    server
        .client()
        .post(
            "/api/session",
            json!({"method": "demo", "username": "demo-shopper"}),
        )
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
    let meta: Meta = server.client().get("/api/meta").await.json();
    assert!(meta.demo_accounts.is_empty());
    // Mutations still need the CSRF header.
    let answer = read(
        http.post(server.url("/api/complaints"))
            .header("x-forwarded-user", "demo-shopper")
            .json(&json!({"order_id": 1, "kind": "other", "description": "一二三四五六七八九十"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    answer.assert_error(StatusCode::FORBIDDEN, "forbidden");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_host_app_token_is_exchanged_for_a_session() {
    let server = TestServer::start_with(|config| {
        config.host_token_secret = Some("host-secret".into());
        config.secure_cookies = true;
    })
    .await;
    let expiry = UtcMillis(common::now().0 + 60_000);
    let token = complaint_server::sign_host_token("host-secret", "demo-unverified", expiry);
    let client = server.client();
    let response = client
        .http
        .post(server.url("/api/session"))
        .header(CSRF_HEADER, CSRF_HEADER_VALUE)
        .json(&json!({"method": "host_token", "token": token}))
        .send()
        .await
        .unwrap();
    assert!(response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("; Secure"));
    let answer = read(response).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(
        answer.json::<SessionView>().user.username,
        "demo-unverified"
    );

    for bad in [
        complaint_server::sign_host_token("wrong-secret", "demo-agent", expiry),
        complaint_server::sign_host_token("host-secret", "demo-agent", UtcMillis(1_000)),
        complaint_server::sign_host_token("host-secret", "nobody", expiry),
        "garbage".to_owned(),
    ] {
        server
            .client()
            .post(
                "/api/session",
                json!({"method": "host_token", "token": bad}),
            )
            .await
            .assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_allows_only_the_configured_origins_with_credentials() {
    let server = TestServer::start_with(|config| {
        config.cors_origins = vec!["https://app.example".into()];
    })
    .await;
    let http = reqwest::Client::new();
    let preflight = http
        .request(Method::OPTIONS, server.url("/api/complaints/1/withdrawal"))
        .header("origin", "https://app.example")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type,x-complaint-desk,idempotency-key",
        )
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success(), "{}", preflight.status());
    assert_server_headers(preflight.headers());
    let headers = preflight.headers();
    assert_eq!(
        headers["access-control-allow-origin"],
        "https://app.example"
    );
    assert_eq!(headers["access-control-allow-credentials"], "true");
    let allowed = headers["access-control-allow-headers"].to_str().unwrap();
    assert!(allowed.contains("x-complaint-desk") && allowed.contains("idempotency-key"));

    let meta = http
        .get(server.url("/api/meta"))
        .header("origin", "https://app.example")
        .send()
        .await
        .unwrap();
    let exposed = meta.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap();
    assert!(exposed.contains("x-server-time") && exposed.contains("x-policy-version"));
    assert!(exposed.contains("retry-after"), "{exposed}");

    let other = http
        .get(server.url("/api/meta"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
}

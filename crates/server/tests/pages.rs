//! Pages rendered by the server (`--render`, issue 28): every page of the app renders for its
//! user from the same storage and with the same authorization as the API, carries what its
//! reads answered for the wasm that takes it over, and keeps the app's security: escaped user
//! text, a CSP without 'unsafe-inline', no cache of a user's page, the API's 404.

mod common;

use common::TestServer;
use complaint_api::{ComplaintDetail, OrderView};
use complaint_rules::ComplaintStatus;
use reqwest::StatusCode;

/// The server-rendered build's page, as `rendered.html` gives it (without the wasm: what the
/// server writes into it is under test, not the takeover).
const TEMPLATE: &str = r#"<!DOCTYPE html>
<html lang="zh-CN" data-build="rendered">
  <head>
    <meta charset="utf-8" />
    <script type="module">
import init from './complaint-desk-0123456789abcdef.js';
await init();
</script>
  </head>
  <body></body>
</html>
"#;

async fn rendering_server() -> (TestServer, tempfile::TempDir) {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), TEMPLATE).unwrap();
    std::fs::write(dist.path().join("config.json"), "{}").unwrap();
    let path = dist.path().to_owned();
    let server = TestServer::start_with(move |config| {
        config.dist = Some(path);
        config.render = true;
    })
    .await;
    (server, dist)
}

/// The text of the first `<script>` without attributes (what the page's reads answered).
fn answers_script(html: &str) -> &str {
    let start = html.find("<script>").expect("the answers script") + "<script>".len();
    let end = start + html[start..].find("</script>").unwrap();
    &html[start..end]
}

fn sha256_source(script: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()))
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_is_rendered_for_its_user_with_what_it_read_and_a_csp_for_that() {
    let (server, _dist) = rendering_server().await;
    let shopper = server.sign_in("demo-shopper").await;
    let complaints = shopper.complaints().await;
    let page = shopper.get("/").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let html = &page.text;
    assert!(
        html.contains(r#"data-testid="complaint-list-page""#),
        "{html}"
    );
    // The first page's rows, each with its number, in the list's order.
    let numbers: Vec<usize> = complaints
        .iter()
        .take(20)
        .map(|complaint| {
            html.find(complaint.number.as_str())
                .expect("the row's number")
        })
        .collect();
    assert!(
        numbers.windows(2).all(|pair| pair[0] < pair[1]),
        "rows in order"
    );
    assert!(html.contains(r#"data-testid="complaint-row""#));
    // Who it was rendered for, and what its reads answered, for the wasm.
    assert!(html.contains(r#"<script type="application/json" id="rendered">"#));
    assert!(html.contains("王小明"), "the signed-in user's name");
    let script = answers_script(html);
    assert!(script.contains("__RESOLVED_RESOURCES"), "{script}");
    assert!(script.contains(complaints[0].number.as_str()));

    assert_eq!(page.headers["cache-control"], "private, no-store");
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains(&sha256_source(script)), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    page.assert_server_headers();
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_renders_for_a_shopper_and_for_an_agent() {
    let (server, _dist) = rendering_server().await;
    let shopper = server.sign_in("demo-shopper").await;
    let orders: Vec<OrderView> = shopper.get("/api/orders").await.json();
    let mut paths = vec!["/".to_owned(), "/orders".to_owned(), "/help".to_owned()];
    paths.extend(
        orders
            .iter()
            .map(|order| format!("/orders/{}/complain", order.id)),
    );
    for complaint in shopper.complaints().await {
        let id = complaint.id;
        for page in [
            "",
            "/withdraw",
            "/receipt",
            "/assistance",
            "/pressure",
            "/conversation",
            "/arbitration",
        ] {
            paths.push(format!("/complaints/{id}{page}"));
        }
    }
    // Every page renders (a sub-page that does not apply to a complaint in its state, such
    // as the receipt of one not withdrawn, is the not-found page).
    for path in &paths {
        let page = shopper.get(path).await;
        let whole = page.text.contains(r#"id="main""#) && page.text.ends_with("</html>\n");
        match page.status {
            StatusCode::OK => assert!(whole, "{path}: {}", page.text),
            StatusCode::NOT_FOUND => {
                assert!(path.matches('/').count() == 3, "{path} is not found");
                assert!(
                    whole && page.text.contains(r#"data-testid="not-found-page""#),
                    "{path}"
                );
            }
            status => panic!("{path}: {status}: {}", page.text),
        }
    }

    let agent = server.sign_in("demo-agent").await;
    let any = shopper.complaints().await[0].id;
    for path in ["/agent".to_owned(), format!("/agent/complaints/{any}")] {
        let page = agent.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.text);
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complaint_shows_its_state_and_another_shoppers_is_not_found_as_in_the_api() {
    let (server, _dist) = rendering_server().await;
    let shopper = server.sign_in("demo-shopper").await;
    let withdrawable = shopper.any_with(ComplaintStatus::Pending).await;
    let page = shopper
        .get(&format!("/complaints/{}", withdrawable.id))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains(withdrawable.number.as_str()));
    assert!(page.text.contains(&withdrawable.order.title));

    let other = server.sign_in("demo-unverified").await;
    let theirs = other.complaints().await[0].id;
    let api = shopper.get(&format!("/api/complaints/{theirs}")).await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    let page = shopper.get(&format!("/complaints/{theirs}")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND, "{}", page.text);
    assert!(page.text.contains(r#"data-testid="not-found-page""#));

    let unknown = shopper.get("/no/such/page").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.text.contains(r#"data-testid="not-found-page""#));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_out_a_page_renders_sign_in_and_the_language_cookie_is_honoured() {
    let (server, _dist) = rendering_server().await;
    let visitor = server.client();
    let page = visitor.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text.contains(r#"data-testid="sign-in-page""#),
        "{}",
        page.text
    );
    assert!(page.text.contains(r#"<html lang="zh-CN""#));
    assert!(!page.text.contains(r#"data-testid="complaint-row""#));

    let english = visitor
        .send(
            reqwest::Method::GET,
            "/help",
            None,
            &[("cookie", "complaint-desk.locale=en")],
        )
        .await;
    assert!(
        english.text.contains(r#"<html lang="en""#),
        "{}",
        english.text
    );
    assert!(
        english.text.contains("Withdrawing a complaint: the rules"),
        "{}",
        english.text
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn script_like_text_is_rendered_inert() {
    let (server, _dist) = rendering_server().await;
    let shopper = server.sign_in("demo-shopper").await;
    let payload = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";
    let filed = shopper
        .file_on_a_free_order("other", &format!("商品描述有误 {payload}"))
        .await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.text);
    let detail: ComplaintDetail = filed.json();
    let page = shopper
        .get(&format!("/complaints/{}", detail.summary.id))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = &page.text;
    assert!(
        !html.contains(payload),
        "the payload is never written as markup"
    );
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(
        html.contains("&lt;/script&gt;&lt;script&gt;alert(1)"),
        "escaped in the page"
    );
    // In the answers script it is a string in which no `<` can end the element.
    let script = answers_script(html);
    assert!(script.contains("alert(1)"));
    assert!(!script.contains('<'), "{script}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_refuses_to_render_into_the_client_side_build() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head></head><body></body></html>",
    )
    .unwrap();
    let mut config = complaint_server::Config::with_database_url("sqlite::memory:");
    config.dist = Some(dist.path().to_owned());
    config.render = true;
    let refused = complaint_server::AppState::new(config)
        .await
        .err()
        .expect("refused");
    assert!(
        refused.to_string().contains("build-rendered.sh"),
        "{refused}"
    );
}

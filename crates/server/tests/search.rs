//! The search (`q` of the complaint lists) against a plain in-memory substring filter: the
//! same complaints and the same counts for arbitrary text — NUL, `%`, `_`, `\`, quotes, CJK,
//! emoji, combining marks, very long — on SQLite and on PostgreSQL; and what a shopper types:
//! a word of a product title, a shop's name, a literal `%`.

mod common;

use common::{Client, TestServer};
use complaint_api::{ComplaintPage, ComplaintSummary, StatusCount};
use complaint_rules::ComplaintStatus;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::{Config as ProptestConfig, TestCaseError, TestRunner};
use reqwest::StatusCode;

/// The longest `q` the server searches for (characters as sent).
const MAX_QUERY_CHARS: usize = 100;

/// What the server must answer for `q`, worked out without it.
#[derive(Debug, PartialEq)]
enum Expected {
    /// 400 `invalid_request`.
    Refused,
    Page {
        ids: Vec<i64>,
        counts: Vec<StatusCount>,
    },
    /// Anything else the server might answer (never expected).
    Other { status: u16, body: String },
}

/// The documented search, in memory: `q` is trimmed; a complaint matches when its number, or
/// its order's number, product title or shop name contains the rest, ASCII letters compared
/// without case (and nothing else folded). Longer than 100 characters, or with a NUL (which
/// no text here contains and PostgreSQL cannot even receive as text), it is refused.
fn expected(all: &[ComplaintSummary], q: &str) -> Expected {
    if q.chars().count() > MAX_QUERY_CHARS || q.contains('\0') {
        return Expected::Refused;
    }
    let needle = q.trim().to_ascii_lowercase();
    let contains = |number: &str| number.to_ascii_lowercase().contains(&needle);
    let found: Vec<&ComplaintSummary> = all
        .iter()
        .filter(|complaint| searched_texts(complaint).any(contains))
        .collect();
    Expected::Page {
        ids: found.iter().map(|complaint| complaint.id.0).collect(),
        counts: ComplaintStatus::ALL
            .into_iter()
            .map(|status| StatusCount {
                status,
                count: found.iter().filter(|c| c.status == status).count() as u32,
            })
            .collect(),
    }
}

/// The texts a search looks in.
fn searched_texts(complaint: &ComplaintSummary) -> impl Iterator<Item = &str> {
    let order = &complaint.order;
    [&complaint.number, &order.number, &order.title, &order.shop]
        .into_iter()
        .map(String::as_str)
}

/// What the server answers for `q` on `path` (a whole list fits in one page of 100).
async fn searched(client: &Client, path: &str, q: &str) -> Expected {
    let response = client
        .http
        .get(format!("{}{path}", client.base))
        .query(&[("q", q), ("limit", "100")])
        .send()
        .await
        .expect("the search was sent");
    let answer = common::read(response).await;
    if answer.status == StatusCode::BAD_REQUEST && answer.code() == "invalid_request" {
        return Expected::Refused;
    }
    if answer.status != StatusCode::OK {
        return Expected::Other {
            status: answer.status.as_u16(),
            body: answer.text,
        };
    }
    let page: ComplaintPage = answer.json();
    Expected::Page {
        ids: page.items.iter().map(|complaint| complaint.id.0).collect(),
        counts: page.counts,
    }
}

/// Characters and pieces that mean something to LIKE, to SQL, to C strings, to Unicode.
const AWKWARD: &[&str] = &[
    "\0",
    "\0\0",
    "%",
    "%%",
    "_",
    "__",
    "\\",
    "\\\\",
    "\\%",
    "\\_",
    "%_%",
    "[0-9]",
    "^",
    "$",
    "*",
    "?",
    ".",
    "'",
    "''",
    "\"",
    ";",
    "--",
    "/*",
    "|",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\u{3000}",
    "\u{a0}",
    "\u{200b}",
    "\u{feff}",
    "\u{1}",
    "\u{7f}",
    "投诉",
    "订单号",
    "撤销",
    "😀",
    "👩\u{200d}👩\u{200d}👧",
    "🇨🇳",
    "é",
    "e\u{301}",
    "ß",
    "İ",
    "ı",
    "K",
    "ſ",
    "ＴＳ",
    "１２",
    "٣",
    "ts",
    "Ts",
    "tS",
    "TS",
    "x",
    "0",
    "9",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_finds_exactly_what_a_plain_substring_filter_finds() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let agent = server.sign_in("demo-agent").await;
    let mine = shopper.complaints().await;
    let everyone: Vec<ComplaintSummary> = agent
        .get("/api/agent/complaints?limit=100")
        .await
        .json::<ComplaintPage>()
        .items;
    assert!(everyone.len() > mine.len() && everyone.len() < 100);
    let texts: Vec<Vec<char>> = everyone
        .iter()
        .flat_map(searched_texts)
        .map(|text| text.chars().collect())
        .collect();

    // A piece of a real text (so that searches do find things), an awkward piece, or any
    // text at all; a query is up to four pieces, or one long run.
    let real_piece =
        (select(texts), any::<Index>(), any::<Index>()).prop_map(|(text, start, length)| {
            let start = start.index(text.len());
            let end = start + length.index(text.len() - start + 1);
            let piece: String = text[start..end].iter().collect();
            if end % 2 == 0 {
                piece.to_ascii_lowercase()
            } else {
                piece
            }
        });
    let piece = prop_oneof![
        4 => real_piece,
        3 => select(AWKWARD).prop_map(str::to_owned),
        2 => any::<String>().prop_map(|text| text.chars().take(6).collect::<String>()),
    ];
    let query = prop_oneof![
        8 => prop::collection::vec(piece, 0..4).prop_map(|pieces| pieces.concat()),
        1 => ("[0-9]{90,110}", select(AWKWARD))
            .prop_map(|(digits, awkward)| format!("{digits}{awkward}")),
        1 => "\\PC{95,105}",
    ];

    let runtime = tokio::runtime::Handle::current();
    let mut runner = TestRunner::new(ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let result = runner.run(&(query, any::<bool>()), |(q, as_agent)| {
        let (client, path, all) = if as_agent {
            (&agent, "/api/agent/complaints", &everyone)
        } else {
            (&shopper, "/api/complaints", &mine)
        };
        let answer = tokio::task::block_in_place(|| runtime.block_on(searched(client, path, &q)));
        let expected = expected(all, &q);
        if answer != expected {
            return Err(TestCaseError::fail(format!(
                "q={q:?} on {path}: the server answered {answer:?}, a plain filter gives {expected:?}"
            )));
        }
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
    server.stop().await;
}

/// The ids of the complaints `client` finds on `path` for `q`.
async fn found(client: &Client, path: &str, q: &str) -> Vec<i64> {
    match searched(client, path, q).await {
        Expected::Page { ids, .. } => ids,
        other => panic!("q={q:?} on {path}: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_word_of_a_title_or_a_shop_name_finds_its_complaints_and_wildcards_are_literal() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let agent = server.sign_in("demo-agent").await;
    // An order whose title and shop hold LIKE's wildcards, with a complaint on it.
    server
        .execute_sql(
            "INSERT INTO orders (number, title, shop, amount_fen, placed_at, owner_id)
             SELECT '7000000000000001', '100% 纯棉 T恤', '百分_百\\小店', 5900, 0, id
             FROM users WHERE username = 'demo-shopper'",
        )
        .await;
    let orders: Vec<complaint_api::OrderView> = shopper.get("/api/orders").await.json();
    let cotton = orders
        .iter()
        .find(|order| order.number == "7000000000000001")
        .expect("the order just added");
    let filed = shopper
        .post(
            "/api/complaints",
            serde_json::json!({"order_id": cotton.id, "kind": "quality",
                               "description": "洗了一次就起球，和描述不符"}),
        )
        .await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.text);
    let cotton: complaint_api::ComplaintDetail = filed.json();
    let cotton = cotton.summary.id.0;

    let mine = shopper.complaints().await;
    let with = |part: &str| -> Vec<i64> {
        mine.iter()
            .filter(|complaint| {
                complaint.order.title.contains(part) || complaint.order.shop.contains(part)
            })
            .map(|complaint| complaint.id.0)
            .collect()
    };
    // A word of a product title (the seed's 有机纯牛奶).
    let milk = with("牛奶");
    assert!(!milk.is_empty(), "the seed has a complaint about milk");
    assert_eq!(found(&shopper, "/api/complaints", "牛奶").await, milk);
    // A shop's name, whole or in part, and in the agents' list too.
    let shop = &mine
        .iter()
        .find(|complaint| complaint.id.0 != cotton)
        .unwrap()
        .order
        .shop;
    let at_shop = with(shop);
    assert_eq!(found(&shopper, "/api/complaints", shop).await, at_shop);
    let part: String = shop.chars().take(2).collect();
    assert_eq!(found(&shopper, "/api/complaints", &part).await, with(&part));
    assert!(found(&agent, "/api/agent/complaints", shop)
        .await
        .iter()
        .any(|id| at_shop.contains(id)));
    // ASCII letters regardless of case.
    assert_eq!(found(&shopper, "/api/complaints", "t恤").await, [cotton]);
    // `%`, `_` and `\` are characters, not wildcards: each finds the one order holding it…
    for q in ["%", "100%", "_", "分_百", "\\", "_百\\"] {
        assert_eq!(
            found(&shopper, "/api/complaints", q).await,
            [cotton],
            "q={q:?}"
        );
    }
    // …and never stands for other characters ("1%0" as a pattern would match "100").
    for q in ["1%0", "百__百", "%%", "分\\"] {
        assert_eq!(
            found(&shopper, "/api/complaints", q).await,
            [0i64; 0],
            "q={q:?}"
        );
    }
    server.stop().await;
}

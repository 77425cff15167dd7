//! Decoding `GET /api/complaints?status=&q=&cursor=&limit=` into `ComplaintQuery` from an
//! arbitrary query string, as the server does (`axum::extract::Query` = serde_urlencoded):
//! never panic; whatever decodes re-encodes to a query string that decodes to the same value.

#![no_main]

use complaint_api::ComplaintQuery;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(query) = serde_urlencoded::from_bytes::<ComplaintQuery>(data) else {
        return;
    };
    let encoded = serde_urlencoded::to_string(&query).expect("a decoded query encodes");
    let again: ComplaintQuery =
        serde_urlencoded::from_str(&encoded).expect("an encoded query decodes");
    assert_eq!(again, query, "decode → encode → decode: {encoded:?}");
    if let Some(q) = &query.q {
        let _ = q.trim().chars().count();
    }
});

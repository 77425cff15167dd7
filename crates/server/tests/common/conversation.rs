//! The conversation with customer service over HTTP: messages (each with a fresh
//! `Idempotency-Key` unless the test gives one), typed requests, pictures.

use std::sync::atomic::{AtomicUsize, Ordering};

use complaint_api::{
    AssistanceView, ConversationView, MessageCard, MessageView, PressureReportView, CSRF_HEADER,
    CSRF_HEADER_VALUE, IDEMPOTENCY_KEY_HEADER,
};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use super::{read, Answer, Client};

/// An idempotency key no other request of this test process used.
pub fn fresh_key() -> String {
    static KEYS: AtomicUsize = AtomicUsize::new(0);
    format!(
        "msg-{}-{}",
        std::process::id(),
        KEYS.fetch_add(1, Ordering::Relaxed)
    )
}

impl Client {
    /// `POST /api/complaints/{id}/messages` with `key`.
    pub async fn send_message_with_key(
        &self,
        id: impl std::fmt::Display,
        body: Value,
        key: &str,
    ) -> Answer {
        self.send(
            Method::POST,
            &format!("/api/complaints/{id}/messages"),
            Some(body),
            &[(IDEMPOTENCY_KEY_HEADER, key)],
        )
        .await
    }

    /// `POST /api/complaints/{id}/messages` with a fresh key.
    pub async fn send_message(&self, id: impl std::fmt::Display, body: Value) -> Answer {
        self.send_message_with_key(id, body, &fresh_key()).await
    }

    /// A message carrying the typed `request` and nothing else.
    pub async fn request(&self, id: impl std::fmt::Display, request: Value) -> Answer {
        self.send_message(id, json!({ "request": request })).await
    }

    /// Asks customer service to withdraw complaint `id` (reason `resolved`, the remedy
    /// arrived), in its conversation.
    pub async fn ask_assistance(&self, id: impl std::fmt::Display, note: &str) -> Answer {
        self.request(
            id,
            json!({"type": "assisted_withdrawal", "reason": "resolved", "note": note,
                   "remedy": "arrived"}),
        )
        .await
    }

    /// Reports the seller's pressure on complaint `id`, in its conversation.
    pub async fn report_pressure(&self, id: impl std::fmt::Display, note: &str) -> Answer {
        self.request(
            id,
            json!({"type": "pressure_report", "kind": "demanded_withdrawal", "note": note}),
        )
        .await
    }

    /// The conversation of complaint `id`.
    pub async fn conversation(&self, id: impl std::fmt::Display) -> ConversationView {
        let answer = self.get(&format!("/api/complaints/{id}/messages")).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
        answer.json()
    }

    /// `POST /api/images` with `bytes` as the body.
    pub async fn upload(&self, bytes: Vec<u8>) -> Answer {
        let response = self
            .http
            .post(format!("{}/api/images", self.base))
            .header(CSRF_HEADER, CSRF_HEADER_VALUE)
            .header("content-type", "application/octet-stream")
            .body(bytes)
            .send()
            .await
            .expect("the upload was sent");
        read(response).await
    }
}

impl Answer {
    /// The message of a 201.
    pub fn message(&self) -> MessageView {
        assert_eq!(self.status, StatusCode::CREATED, "{}", self.text);
        self.json()
    }

    /// The assistance request the answer's card shows.
    pub fn requested(&self) -> AssistanceView {
        match self.message().card {
            Some(MessageCard::AssistanceRequested { request }) => request,
            other => panic!("not an assistance request's card: {other:?}"),
        }
    }

    /// The pressure report the answer's card shows.
    pub fn reported(&self) -> PressureReportView {
        match self.message().card {
            Some(MessageCard::PressureReported { report }) => report,
            other => panic!("not a pressure report's card: {other:?}"),
        }
    }
}

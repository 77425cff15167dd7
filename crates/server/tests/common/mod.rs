//! The real server, in-process on an ephemeral port with a fresh database, and a real HTTP
//! client with a cookie jar.
//!
//! The database is a SQLite file in a temporary directory, or — when
//! `COMPLAINT_DESK_TEST_DATABASE` is a `postgres://` URL (an admin database of a PostgreSQL
//! cluster the test may create databases in) — a new PostgreSQL database per test.

#![allow(dead_code)]

pub mod conversation;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};

use complaint_api::{
    ComplaintDetail, ComplaintPage, ComplaintSummary, CSRF_HEADER, CSRF_HEADER_VALUE,
    IDEMPOTENCY_KEY_HEADER, POLICY_VERSION_HEADER, SERVER_TIME_HEADER,
};
use complaint_rules::{ComplaintStatus, UtcMillis, POLICY_VERSION};
use complaint_server::Config;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use sqlx::Connection as _;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub const HOUR_MS: i64 = 3_600_000;
pub const MINUTE_MS: i64 = 60_000;

/// The PostgreSQL cluster to test on, if any (`COMPLAINT_DESK_TEST_DATABASE`).
pub fn postgres_admin_url() -> Option<String> {
    std::env::var("COMPLAINT_DESK_TEST_DATABASE")
        .ok()
        .filter(|url| url.starts_with("postgres:") || url.starts_with("postgresql:"))
}

/// `url` with its database name replaced.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    format!("{}/{name}{query}", &base[..host_end])
}

/// A fresh, empty database for one test: a SQLite file in a temporary directory, or a new
/// PostgreSQL database.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn fresh() -> TestDb {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        if let Some(admin) = postgres_admin_url() {
            let name = format!(
                "cd_test_{}_{}_{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::Relaxed),
                now().0 % 1_000_000_000
            );
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .expect("a connection to the PostgreSQL test cluster");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("CREATE DATABASE");
            conn.close().await.expect("closed");
            return TestDb {
                url: with_database(&admin, &name),
                _dir: None,
            };
        }
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("db").join("complaint-desk.db");
        TestDb {
            url: path.to_str().expect("a UTF-8 path").to_owned(),
            _dir: Some(dir),
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.url.starts_with("postgres")
    }

    /// Runs one SQL statement on the database (to set up what the API cannot, e.g. an
    /// expired session).
    pub async fn execute(&self, sql: &str) {
        execute_sql(&self.url, sql).await;
    }
}

enum TestConn {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
}

impl TestConn {
    /// Runs one statement; fails the test if it fails.
    async fn execute(&mut self, sql: &str) {
        let result = match self {
            TestConn::Sqlite(conn) => sqlx::query(sql).execute(conn).await.map(|_| ()),
            TestConn::Postgres(conn) => sqlx::query(sql).execute(conn).await.map(|_| ()),
        };
        result.unwrap_or_else(|error| panic!("{sql}: {error}"));
    }
}

async fn connection(url: &str) -> TestConn {
    if url.starts_with("postgres") {
        return TestConn::Postgres(
            sqlx::PgConnection::connect(url)
                .await
                .expect("a connection to the test database"),
        );
    }
    let options = if url.starts_with("sqlite:") {
        url.parse::<sqlx::sqlite::SqliteConnectOptions>()
            .expect("a SQLite URL")
    } else {
        sqlx::sqlite::SqliteConnectOptions::new().filename(url)
    };
    TestConn::Sqlite(
        sqlx::SqliteConnection::connect_with(
            &options.busy_timeout(std::time::Duration::from_secs(10)),
        )
        .await
        .expect("a connection to the test database"),
    )
}

/// The database's write lock, taken from outside the server — SQLite's (`BEGIN IMMEDIATE`)
/// or the PostgreSQL advisory lock the server's writes take (`PG_WRITE_LOCK` in `db.rs`) —
/// so that a test can change the database while a request waits for the lock.
pub struct WriteLock(TestConn);

impl WriteLock {
    pub async fn take(url: &str) -> WriteLock {
        let mut conn = connection(url).await;
        match conn {
            TestConn::Sqlite(_) => conn.execute("BEGIN IMMEDIATE").await,
            TestConn::Postgres(_) => {
                conn.execute("BEGIN").await;
                let lock = complaint_server::PG_WRITE_LOCK;
                conn.execute(&format!("SELECT pg_advisory_xact_lock({lock})"))
                    .await;
            }
        }
        WriteLock(conn)
    }

    /// Runs one statement inside the lock's transaction.
    pub async fn execute(&mut self, sql: &str) {
        self.0.execute(sql).await;
    }

    /// Commits what was executed and releases the lock.
    pub async fn commit(mut self) {
        self.execute("COMMIT").await;
    }
}

/// Runs one statement on the database at `url`.
pub async fn execute_sql(url: &str, sql: &str) {
    connection(url).await.execute(sql).await;
}

/// The first column of the first row of `sql`, an integer.
pub async fn scalar_i64(url: &str, sql: &str) -> i64 {
    let result = match connection(url).await {
        TestConn::Sqlite(mut conn) => sqlx::query_scalar(sql).fetch_one(&mut conn).await,
        TestConn::Postgres(mut conn) => sqlx::query_scalar(sql).fetch_one(&mut conn).await,
    };
    result.unwrap_or_else(|error| panic!("{sql}: {error}"))
}

/// Applies the server's migrations up to and including `last` (a version number) to the
/// database at `url`, creating a SQLite file if needed: a database as an older server left
/// it, for the server under test to migrate the rest of the way.
pub async fn migrate_until(url: &str, last: i64) {
    let backend = if url.starts_with("postgres") {
        "postgres"
    } else {
        "sqlite"
    };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    let mut migrator = sqlx::migrate::Migrator::new(dir)
        .await
        .expect("the migrations");
    migrator.migrations = migrator
        .migrations
        .iter()
        .filter(|migration| migration.version <= last)
        .cloned()
        .collect();
    let result = match backend {
        "postgres" => {
            let mut conn = sqlx::PgConnection::connect(url)
                .await
                .expect("a connection");
            migrator.run(&mut conn).await
        }
        _ => {
            std::fs::create_dir_all(std::path::Path::new(url).parent().expect("a directory"))
                .expect("the database's directory");
            let options = sqlx::sqlite::SqliteConnectOptions::new()
                .filename(url)
                .create_if_missing(true)
                .foreign_keys(true);
            let mut conn = sqlx::SqliteConnection::connect_with(&options)
                .await
                .expect("a connection");
            migrator.run(&mut conn).await
        }
    };
    result.unwrap_or_else(|error| panic!("migrating until {last}: {error}"));
}

/// The database's own consistency check: SQLite's `PRAGMA integrity_check` ("ok"); on
/// PostgreSQL (no such check) "ok".
pub async fn integrity_check(url: &str) -> String {
    match connection(url).await {
        TestConn::Sqlite(mut conn) => sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut conn)
            .await
            .expect("integrity_check"),
        TestConn::Postgres(_) => "ok".into(),
    }
}

pub struct TestServer {
    pub addr: SocketAddr,
    pub base: String,
    /// The database URL the server runs on.
    pub database_url: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<anyhow::Result<()>>>,
    /// Keeps the database alive when the server made it.
    db: Option<TestDb>,
}

impl TestServer {
    /// A fresh database.
    pub async fn start() -> TestServer {
        TestServer::start_with(|_| {}).await
    }

    /// A fresh database, with the configuration adjusted.
    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> TestServer {
        let db = TestDb::fresh().await;
        let mut server = TestServer::start_on(&db.url, adjust).await;
        server.db = Some(db);
        server
    }

    /// A fresh database, the server's clock standing still at `start` until the test moves it
    /// (the returned clock).
    pub async fn start_with_clock_at(start: UtcMillis) -> (TestServer, complaint_server::Clock) {
        let clock = complaint_server::Clock::fixed(start);
        let server_clock = clock.clone();
        let server = TestServer::start_with(|config| config.clock = server_clock).await;
        (server, clock)
    }

    /// The server on an existing (or new) database.
    pub async fn start_on(database_url: &str, adjust: impl FnOnce(&mut Config)) -> TestServer {
        let mut config = Config::with_database_url(database_url);
        adjust(&mut config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("an ephemeral port");
        let addr = listener.local_addr().expect("a local address");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(complaint_server::serve_with_shutdown(
            listener,
            config,
            async move {
                let _ = stopped.await;
            },
        ));
        let server = TestServer {
            addr,
            base: format!("http://{addr}"),
            database_url: database_url.to_owned(),
            stop: Some(stop),
            task: Some(task),
            db: None,
        };
        // Ready when it answers (the database is migrated and seeded before it listens for
        // requests, but the listener accepts connections earlier).
        let client = reqwest::Client::new();
        for _ in 0..400 {
            if let Ok(response) = client.get(server.url("/api/meta")).send().await {
                if response.status() == StatusCode::OK {
                    return server;
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        panic!("the server did not start");
    }

    /// Runs one SQL statement on the server's database.
    pub async fn execute_sql(&self, sql: &str) {
        execute_sql(&self.database_url, sql).await;
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Graceful shutdown: in-flight requests finish, the database is closed.
    pub async fn stop(mut self) -> Option<TestDb> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await
                .expect("the server task did not panic")
                .expect("the server stopped cleanly");
        }
        self.db.take()
    }

    /// A client signed in as a seeded demo account.
    pub async fn sign_in(&self, username: &str) -> Client {
        let client = self.client();
        let response = client
            .send(
                Method::POST,
                "/api/session",
                Some(serde_json::json!({"method": "demo", "username": username})),
                &[],
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::OK,
            "sign in: {}",
            response.body
        );
        client
    }

    /// A client with an empty cookie jar.
    pub fn client(&self) -> Client {
        Client {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .build()
                .expect("a client"),
            base: self.base.clone(),
        }
    }
}

#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
}

/// A response, read completely.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
    pub body: Value,
}

impl Answer {
    pub fn code(&self) -> &str {
        self.body["error"]["code"]
            .as_str()
            .unwrap_or("<no error code>")
    }

    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.body.clone())
            .unwrap_or_else(|error| panic!("unexpected body ({error}): {}", self.text))
    }

    /// Both headers every response must carry.
    pub fn assert_server_headers(&self) {
        assert_server_headers(&self.headers);
    }

    pub fn assert_error(&self, status: StatusCode, code: &str) {
        assert_eq!(self.status, status, "{}", self.text);
        assert_eq!(self.code(), code, "{}", self.text);
        assert!(
            self.body["error"]["message"].is_string(),
            "an error has a message: {}",
            self.text
        );
        self.assert_server_headers();
    }
}

pub fn assert_server_headers(headers: &reqwest::header::HeaderMap) {
    let time: i64 = headers
        .get(SERVER_TIME_HEADER)
        .expect("the server time header")
        .to_str()
        .unwrap()
        .parse()
        .expect("the server time is an integer");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    assert!((now - time).abs() < 60_000, "server time {time} vs {now}");
    assert_eq!(
        headers
            .get(POLICY_VERSION_HEADER)
            .expect("the policy version header")
            .to_str()
            .unwrap(),
        POLICY_VERSION.to_string()
    );
}

impl Client {
    /// Sends with the CSRF header (mutations) and the extra headers.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut request = self
            .http
            .request(method, format!("{}{}", self.base, path))
            .header(CSRF_HEADER, CSRF_HEADER_VALUE);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        read(request.send().await.expect("the request was sent")).await
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(Method::GET, path, None, &[]).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.send(Method::POST, path, Some(body), &[]).await
    }

    /// `POST /api/complaints/{id}/withdrawal` with an idempotency key.
    pub async fn withdraw(&self, id: i64, body: Value, key: &str) -> Answer {
        self.send(
            Method::POST,
            &format!("/api/complaints/{id}/withdrawal"),
            Some(body),
            &[(IDEMPOTENCY_KEY_HEADER, key)],
        )
        .await
    }

    pub async fn detail(&self, id: i64) -> ComplaintDetail {
        let answer = self.get(&format!("/api/complaints/{id}")).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
        answer.json()
    }

    /// Every complaint the list shows this user (agents: their own list, empty).
    pub async fn complaints(&self) -> Vec<ComplaintSummary> {
        let answer = self.get("/api/complaints?limit=100").await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
        answer.json::<ComplaintPage>().items
    }

    /// The seeded complaint with this status filed about `age_ms` ago (± 5 minutes).
    pub async fn seeded(&self, status: ComplaintStatus, age_ms: i64) -> ComplaintSummary {
        let now = now();
        self.complaints()
            .await
            .into_iter()
            .find(|complaint| {
                complaint.status == status
                    && (now.0 - complaint.filed_at.0 - age_ms).abs() < 5 * MINUTE_MS
            })
            .unwrap_or_else(|| panic!("a seeded {status:?} complaint filed {age_ms} ms ago"))
    }

    /// Files a complaint of `kind` on the first of the user's orders that has none.
    pub async fn file_on_a_free_order(&self, kind: &str, description: &str) -> Answer {
        let orders: Vec<complaint_api::OrderView> = self.get("/api/orders").await.json();
        let free = orders
            .iter()
            .find(|order| order.complaints.is_empty())
            .expect("an order without a complaint");
        let body =
            serde_json::json!({"order_id": free.id, "kind": kind, "description": description});
        self.post("/api/complaints", body).await
    }

    /// An agent's platform `move` of complaint `id`, seen at `version`.
    pub async fn transition(&self, id: impl std::fmt::Display, to: &str, version: i64) -> Answer {
        let path = format!("/api/agent/complaints/{id}/transition");
        let body = serde_json::json!({"move": to, "expected_version": version});
        self.post(&path, body).await
    }

    /// The seeded complaint with this status (the first listed).
    pub async fn any_with(&self, status: ComplaintStatus) -> ComplaintSummary {
        self.complaints()
            .await
            .into_iter()
            .find(|complaint| complaint.status == status)
            .unwrap_or_else(|| panic!("a seeded {status:?} complaint"))
    }
}

pub async fn read(response: reqwest::Response) -> Answer {
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.expect("a body");
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::Null)
    };
    Answer {
        status,
        headers,
        text,
        body,
    }
}

pub fn now() -> UtcMillis {
    UtcMillis(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64,
    )
}

/// How many timeline events of this `type` the complaint has.
pub fn events_of_type(detail: &ComplaintDetail, kind: &str) -> usize {
    detail
        .timeline
        .iter()
        .filter(|event| serde_json::to_value(&event.event).unwrap()["type"] == kind)
        .count()
}

/// The server binary as a child process (what a deployment runs), on `database_url`.
pub struct ChildServer {
    child: tokio::process::Child,
    pub base: String,
}

impl ChildServer {
    pub async fn start(database_url: &str, extra: &[&str]) -> ChildServer {
        use tokio::io::AsyncBufReadExt as _;
        let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_complaint-server"))
            .args(["--addr", "127.0.0.1:0", "--database-url", database_url])
            .args(["--mutation-rate-limit", "0"])
            .args(extra)
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("the server binary starts");
        // "Complaint Desk is listening on http://127.0.0.1:PORT/" once it is ready.
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = tokio::io::BufReader::new(stdout).lines();
        let base = tokio::time::timeout(std::time::Duration::from_secs(60), async {
            while let Some(line) = lines.next_line().await.expect("a line") {
                if let Some(rest) = line.strip_prefix("Complaint Desk is listening on ") {
                    return rest.trim_end_matches('/').to_owned();
                }
            }
            panic!("the server exited before listening");
        })
        .await
        .expect("the server listens within a minute");
        // Keep reading its output so it never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        ChildServer { child, base }
    }

    /// SIGKILL: no graceful shutdown, no flush, whatever was in flight.
    pub async fn kill(mut self) {
        self.child.kill().await.expect("SIGKILL");
    }
}

/// How an event stream went on, read by [`SseReader::rest_within`].
#[derive(Debug)]
pub struct StreamRest {
    /// `(event name, data)` of every event read, in order.
    pub events: Vec<(String, String)>,
    /// Whether the server ended the stream (else it was still open when the wait was over).
    pub ended: bool,
}

/// Reads server-sent events from `GET /api/events`.
pub struct SseReader {
    stream: futures_util::stream::BoxStream<'static, reqwest::Result<bytes::Bytes>>,
    buffer: String,
}

impl SseReader {
    /// Opens the stream; `cookie` is the `cd_session=…` pair.
    pub async fn open(base: &str, cookie: &str) -> SseReader {
        let response = reqwest::Client::new()
            .get(format!("{base}/api/events"))
            .header("cookie", cookie)
            .send()
            .await
            .expect("the stream opens");
        assert_eq!(response.status(), StatusCode::OK);
        SseReader::from_response(response)
    }

    /// Reads the stream of an answer the caller has already checked.
    pub fn from_response(response: reqwest::Response) -> SseReader {
        use futures_util::StreamExt as _;
        SseReader {
            stream: response.bytes_stream().boxed(),
            buffer: String::new(),
        }
    }

    /// The data of the next event named `name`; fails the test after 10 s.
    pub async fn next(&mut self, name: &str) -> String {
        self.next_within(name, std::time::Duration::from_secs(10))
            .await
            .expect("an event within 10 s")
    }

    /// The data of the next event named `name` within `wait` (comments and other events
    /// skipped); `None` when none came.
    pub async fn next_within(&mut self, name: &str, wait: std::time::Duration) -> Option<String> {
        use futures_util::StreamExt as _;
        tokio::time::timeout(wait, async {
            loop {
                while let Some((event, data)) = self.next_block() {
                    if event.as_deref() == Some(name) {
                        return data;
                    }
                }
                let chunk = self
                    .stream
                    .next()
                    .await
                    .expect("the stream stays open")
                    .expect("a chunk");
                self.buffer.push_str(&String::from_utf8_lossy(&chunk));
            }
        })
        .await
        .ok()
    }

    /// The next complete block of the buffer (an event, or a comment): its event name, if
    /// any, and its data.
    fn next_block(&mut self) -> Option<(Option<String>, String)> {
        let end = self.buffer.find("\n\n")?;
        let block: String = self.buffer.drain(..end + 2).collect();
        let mut event = None;
        let mut data = String::new();
        for line in block.lines() {
            if let Some(value) = line.strip_prefix("event:") {
                event = Some(value.trim().to_owned());
            } else if let Some(value) = line.strip_prefix("data:") {
                data.push_str(value.trim());
            }
        }
        Some((event, data))
    }

    /// Reads every event until the server ends the stream or `wait` is over.
    pub async fn rest_within(&mut self, wait: std::time::Duration) -> StreamRest {
        use futures_util::StreamExt as _;
        let mut events = Vec::new();
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            while let Some((event, data)) = self.next_block() {
                if let Some(event) = event {
                    events.push((event, data));
                }
            }
            match tokio::time::timeout_at(deadline, self.stream.next()).await {
                Ok(Some(Ok(chunk))) => self.buffer.push_str(&String::from_utf8_lossy(&chunk)),
                Ok(Some(Err(_)) | None) => {
                    return StreamRest {
                        events,
                        ended: true,
                    }
                }
                Err(_) => {
                    return StreamRest {
                        events,
                        ended: false,
                    }
                }
            }
        }
    }
}

/// Signs in by the API and returns the `cd_session=…` cookie pair.
pub async fn session_cookie(base: &str, username: &str) -> String {
    let response = reqwest::Client::new()
        .post(format!("{base}/api/session"))
        .header(CSRF_HEADER, CSRF_HEADER_VALUE)
        .json(&serde_json::json!({"method": "demo", "username": username}))
        .send()
        .await
        .expect("sign-in sent");
    assert_eq!(response.status(), StatusCode::OK);
    response
        .headers()
        .get("set-cookie")
        .expect("a cookie")
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

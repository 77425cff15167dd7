-- Complaint Desk, initial schema (SQLite).
--
-- Nothing is ever deleted: a withdrawn complaint stays, marked `revoked`, with its
-- revocation record; decided assistance requests stay with their decision; ended sessions
-- are flagged `revoked`. Enumerations are stored as their snake_case wire codes.
-- Times are UTC milliseconds since the Unix epoch.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('shopper', 'agent')),
    real_name     TEXT    NOT NULL CHECK (real_name IN ('verified', 'unverified')),
    -- Seeded demo account: may sign in by username alone when demo sign-in is on.
    demo          INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    created_at    INTEGER NOT NULL
);

CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    number      TEXT    NOT NULL UNIQUE,
    title       TEXT    NOT NULL,
    shop        TEXT    NOT NULL,
    amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
    placed_at   INTEGER NOT NULL,
    owner_id    INTEGER NOT NULL REFERENCES users (id)
);

CREATE INDEX orders_by_owner ON orders (owner_id, placed_at DESC, id DESC);

CREATE TABLE complaints (
    id           INTEGER PRIMARY KEY,
    number       TEXT    NOT NULL UNIQUE,
    order_id     INTEGER NOT NULL REFERENCES orders (id),
    owner_id     INTEGER NOT NULL REFERENCES users (id),
    kind         TEXT    NOT NULL CHECK (kind IN ('not_as_described', 'logistics', 'service', 'quality', 'other')),
    description  TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'processing', 'arbitration', 'resolved', 'closed', 'revoked')),
    filed_at     INTEGER NOT NULL,
    -- Bumped on every change; compared with the client's `expected_version`.
    version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    updated_at   INTEGER NOT NULL
);

-- The list query: own complaints, optionally by status, newest first, keyset on (filed_at, id).
CREATE INDEX complaints_by_owner ON complaints (owner_id, filed_at DESC, id DESC);
CREATE INDEX complaints_by_owner_status ON complaints (owner_id, status, filed_at DESC, id DESC);
-- The agent's list over all users.
CREATE INDEX complaints_by_status ON complaints (status, filed_at DESC, id DESC);
CREATE INDEX complaints_by_filed ON complaints (filed_at DESC, id DESC);
CREATE INDEX complaints_by_order ON complaints (order_id);

CREATE TABLE timeline_events (
    id            INTEGER PRIMARY KEY,
    complaint_id  INTEGER NOT NULL REFERENCES complaints (id),
    at            INTEGER NOT NULL,
    actor_id      INTEGER NOT NULL REFERENCES users (id),
    -- The `type` of complaint_api::TimelineEventKind, for queries.
    kind          TEXT    NOT NULL,
    -- complaint_api::TimelineEventKind as JSON.
    event         TEXT    NOT NULL CHECK (json_valid(event))
);

CREATE INDEX timeline_by_complaint ON timeline_events (complaint_id, at, id);

CREATE TABLE revocations (
    id            INTEGER PRIMARY KEY,
    complaint_id  INTEGER NOT NULL UNIQUE REFERENCES complaints (id),
    reference     TEXT    NOT NULL UNIQUE,
    revoked_at    INTEGER NOT NULL,
    reason        TEXT    NOT NULL CHECK (reason IN ('resolved', 'mistaken', 'other')),
    note          TEXT    NOT NULL,
    withdrawn_by  TEXT    NOT NULL CHECK (withdrawn_by IN ('owner', 'agent_on_behalf')),
    actor_id      INTEGER NOT NULL REFERENCES users (id)
);

CREATE TABLE assistance_requests (
    id                INTEGER PRIMARY KEY,
    complaint_id      INTEGER NOT NULL REFERENCES complaints (id),
    status            TEXT    NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    ground            TEXT    NOT NULL CHECK (ground IN ('window_expired', 'self_service_failed')),
    reason            TEXT    NOT NULL CHECK (reason IN ('resolved', 'mistaken', 'other')),
    note              TEXT    NOT NULL,
    requested_at      INTEGER NOT NULL,
    decided_at        INTEGER,
    decided_by        INTEGER REFERENCES users (id),
    rejection_reason  TEXT,
    CHECK ((status = 'pending') = (decided_at IS NULL))
);

-- At most one request per complaint waits for an agent.
CREATE UNIQUE INDEX assistance_one_pending ON assistance_requests (complaint_id) WHERE status = 'pending';
CREATE INDEX assistance_by_status ON assistance_requests (status, requested_at, id);
CREATE INDEX assistance_by_complaint ON assistance_requests (complaint_id, requested_at DESC, id DESC);

CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    -- SHA-256 (hex) of the random token in the cookie; the token itself is never stored.
    token_hash  TEXT    NOT NULL UNIQUE,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked     INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
);

CREATE TABLE idempotency_records (
    user_id      INTEGER NOT NULL REFERENCES users (id),
    idem_key     TEXT    NOT NULL,
    -- SHA-256 (hex) of the method, path and canonical request body.
    fingerprint  TEXT    NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);

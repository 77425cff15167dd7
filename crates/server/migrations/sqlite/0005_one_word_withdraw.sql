-- One word for the owner's act (issue 26): a complaint is `withdrawn` (it was `revoked`), its
-- record lives in `withdrawals` (was `revocations`, with `revoked_at`), its timeline event is
-- of type `withdrawn`. Sessions keep their `revoked` flag: a session is revoked, a complaint
-- is withdrawn. As migrations/postgres/0005_one_word_withdraw.sql: keep them in step.
--
-- SQLite cannot change a CHECK constraint in place, so `complaints` is rebuilt as SQLite's
-- "making other kinds of table schema changes" says: with foreign keys off (migrations run on
-- such a connection, and the server checks every reference afterwards: db/sqlite.rs), a new
-- table, the rows copied, the old one dropped, the new one renamed, its indexes made again.

CREATE TABLE complaints_new (
    id           INTEGER PRIMARY KEY,
    number       TEXT    NOT NULL UNIQUE,
    order_id     INTEGER NOT NULL REFERENCES orders (id),
    owner_id     INTEGER NOT NULL REFERENCES users (id),
    kind         TEXT    NOT NULL CHECK (kind IN ('not_as_described', 'logistics', 'service', 'quality', 'other')),
    description  TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'processing', 'arbitration', 'resolved', 'closed', 'withdrawn')),
    filed_at     INTEGER NOT NULL,
    -- Bumped on every change; compared with the client's `expected_version`.
    version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    updated_at   INTEGER NOT NULL
);
INSERT INTO complaints_new (id, number, order_id, owner_id, kind, description, status, filed_at, version, updated_at)
    SELECT id, number, order_id, owner_id, kind, description,
           CASE status WHEN 'revoked' THEN 'withdrawn' ELSE status END, filed_at, version, updated_at
      FROM complaints;
DROP TABLE complaints;
ALTER TABLE complaints_new RENAME TO complaints;

-- The list query: own complaints, optionally by status, newest first, keyset on (filed_at, id).
CREATE INDEX complaints_by_owner ON complaints (owner_id, filed_at DESC, id DESC);
CREATE INDEX complaints_by_owner_status ON complaints (owner_id, status, filed_at DESC, id DESC);
-- The agent's list over all users.
CREATE INDEX complaints_by_status ON complaints (status, filed_at DESC, id DESC);
CREATE INDEX complaints_by_filed ON complaints (filed_at DESC, id DESC);
CREATE INDEX complaints_by_order ON complaints (order_id);

UPDATE timeline_events
   SET kind = 'withdrawn', event = json_set(event, '$.type', 'withdrawn')
 WHERE kind = 'revoked';

ALTER TABLE revocations RENAME TO withdrawals;
ALTER TABLE withdrawals RENAME COLUMN revoked_at TO withdrawn_at;

-- The answers kept for idempotency keys are compact JSON written by the server, in which a
-- key or a value between unescaped quotes is structure, never a user's text: these
-- replacements change exactly the renamed fields and codes. A withdrawal retried across this
-- upgrade with its old key is still refused as a reused key (its fingerprint named the old
-- path); the complaint is withdrawn, and the app shows it so.
UPDATE idempotency_records
   SET body = replace(replace(replace(replace(replace(body,
              '"status":"revoked"', '"status":"withdrawn"'),
              '"type":"revoked"', '"type":"withdrawn"'),
              '"code":"already_revoked"', '"code":"already_withdrawn"'),
              '"revocation":', '"withdrawal":'),
              '"revoked_at":', '"withdrawn_at":')
 WHERE body LIKE '%revo%';

-- The conversation with customer service (客服对话, issue 27): one per complaint, between its
-- owner and the agents. Messages in order (by id: writes are serialized), evidence pictures
-- stored in the database (re-encoded by the server), how far each side has read, and
-- arbitration notes; the safeguards' answers of every withdrawal and the category of a
-- pressure report. Nothing is ever deleted.

-- Arbitration notes: the owner of a complaint in arbitration says it is settled with the
-- seller, or appeals; an agent handles each note once.
CREATE TABLE arbitration_notes (
    id            INTEGER PRIMARY KEY,
    complaint_id  INTEGER NOT NULL REFERENCES complaints (id),
    kind          TEXT    NOT NULL CHECK (kind IN ('settled', 'appeal')),
    note          TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('open', 'handled')),
    sent_at       INTEGER NOT NULL,
    sent_by       INTEGER NOT NULL REFERENCES users (id),
    handled_at    INTEGER,
    handled_by    INTEGER REFERENCES users (id),
    CHECK ((status = 'open') = (handled_at IS NULL)),
    CHECK ((handled_at IS NULL) = (handled_by IS NULL))
);

CREATE INDEX arbitration_notes_by_complaint ON arbitration_notes (complaint_id, sent_at DESC, id DESC);
CREATE INDEX arbitration_notes_by_status ON arbitration_notes (status, sent_at, id);

-- A message: its author (the owner, role `shopper`, or an agent), its text (trimmed, may be
-- empty when it carries pictures or a card) and what it is besides its words — a card, with
-- the request or decision it shows (the card's current state is read from that row).
CREATE TABLE messages (
    id                   INTEGER PRIMARY KEY,
    complaint_id         INTEGER NOT NULL REFERENCES complaints (id),
    author_id            INTEGER NOT NULL REFERENCES users (id),
    author_role          TEXT    NOT NULL CHECK (author_role IN ('shopper', 'agent')),
    text                 TEXT    NOT NULL,
    card                 TEXT    CHECK (card IN ('assistance_requested', 'assistance_decided',
                                                 'arbitration_note', 'arbitration_note_handled',
                                                 'pressure_reported', 'pressure_handled',
                                                 'evidence_requested')),
    assistance_id        INTEGER REFERENCES assistance_requests (id),
    arbitration_note_id  INTEGER REFERENCES arbitration_notes (id),
    pressure_report_id   INTEGER REFERENCES pressure_reports (id),
    sent_at              INTEGER NOT NULL,
    -- Each card names exactly the row it shows, and nothing else.
    CHECK ((assistance_id IS NOT NULL) =
           (card IS NOT NULL AND card IN ('assistance_requested', 'assistance_decided'))),
    CHECK ((arbitration_note_id IS NOT NULL) =
           (card IS NOT NULL AND card IN ('arbitration_note', 'arbitration_note_handled'))),
    CHECK ((pressure_report_id IS NOT NULL) =
           (card IS NOT NULL AND card IN ('pressure_reported', 'pressure_handled')))
);

-- A conversation in order, and its messages by side (unread counts, who waits for an answer).
CREATE INDEX messages_by_complaint ON messages (complaint_id, id);
CREATE INDEX messages_by_role ON messages (author_role, complaint_id, id);

-- Evidence pictures: as re-encoded by the server (`format` is what is stored), with a
-- thumbnail in the same format. Uploaded first (owned by the uploader, no message yet), then
-- attached to one message at a position (0-based, at most 4 a message). The thumbnail comes
-- before the picture in the row, so reading it does not walk the picture's pages.
CREATE TABLE images (
    id           INTEGER PRIMARY KEY,
    uploader_id  INTEGER NOT NULL REFERENCES users (id),
    uploaded_at  INTEGER NOT NULL,
    message_id   INTEGER REFERENCES messages (id),
    position     INTEGER CHECK (position >= 0),
    format       TEXT    NOT NULL CHECK (format IN ('jpeg', 'png', 'webp')),
    width        INTEGER NOT NULL CHECK (width > 0),
    height       INTEGER NOT NULL CHECK (height > 0),
    bytes        INTEGER NOT NULL CHECK (bytes > 0),
    thumb        BLOB    NOT NULL,
    data         BLOB    NOT NULL,
    CHECK ((message_id IS NULL) = (position IS NULL))
);

CREATE UNIQUE INDEX images_by_message ON images (message_id, position) WHERE message_id IS NOT NULL;
CREATE INDEX images_unattached ON images (uploader_id, id) WHERE message_id IS NULL;

-- How far each side has read a conversation: the owner (`shopper`), and the agents (one
-- marker shared by every agent).
CREATE TABLE conversation_reads (
    complaint_id  INTEGER NOT NULL REFERENCES complaints (id),
    side          TEXT    NOT NULL CHECK (side IN ('shopper', 'agent')),
    up_to         INTEGER NOT NULL,
    read_at       INTEGER NOT NULL,
    PRIMARY KEY (complaint_id, side)
);

-- The safeguards' answer of a withdrawal (for a settlement: had the remedy arrived?), on the
-- receipt and on an assisted withdrawal's request; a pressure report's category. NULL: not
-- asked (another reason), or recorded before this migration.
ALTER TABLE revocations ADD COLUMN remedy TEXT CHECK (remedy IN ('arrived', 'not_yet', 'not_applicable'));
ALTER TABLE assistance_requests ADD COLUMN remedy TEXT CHECK (remedy IN ('arrived', 'not_yet', 'not_applicable'));
ALTER TABLE pressure_reports ADD COLUMN kind TEXT CHECK (kind IN ('demanded_withdrawal', 'conditional_refund', 'harassment', 'threat', 'other'));

-- Pressure reports (举报商家施压): the owner reports that the seller demanded, induced or
-- pressured a withdrawal; an agent handles it. Never deleted; a handled report keeps when
-- and by whom.
CREATE TABLE pressure_reports (
    id            INTEGER PRIMARY KEY,
    complaint_id  INTEGER NOT NULL REFERENCES complaints (id),
    status        TEXT    NOT NULL CHECK (status IN ('open', 'handled')),
    note          TEXT    NOT NULL,
    reported_at   INTEGER NOT NULL,
    reported_by   INTEGER NOT NULL REFERENCES users (id),
    handled_at    INTEGER,
    handled_by    INTEGER REFERENCES users (id),
    CHECK ((status = 'open') = (handled_at IS NULL)),
    CHECK ((handled_at IS NULL) = (handled_by IS NULL))
);

-- At most one open report per complaint (reporting again while one is open changes nothing).
CREATE UNIQUE INDEX pressure_one_open ON pressure_reports (complaint_id) WHERE status = 'open';
-- The agents' queue, and a complaint's reports.
CREATE INDEX pressure_by_status ON pressure_reports (status, reported_at, id);
CREATE INDEX pressure_by_complaint ON pressure_reports (complaint_id, reported_at DESC, id DESC);

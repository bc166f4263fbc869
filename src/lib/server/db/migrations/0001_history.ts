// The history spine: sources, boards, runs with their raw payloads, snapshots and entries.
export default /* sql */ `
CREATE TABLE source_state (
  source_id      TEXT PRIMARY KEY,
  enabled        INTEGER NOT NULL DEFAULT 1,
  updated_at     TEXT NOT NULL
);

CREATE TABLE boards (
  id             TEXT PRIMARY KEY,
  source_id      TEXT NOT NULL,
  category       TEXT,
  created_at     TEXT NOT NULL
);
CREATE INDEX boards_source ON boards(source_id);

-- Raw bytes exactly as fetched or imported, gzip-compressed and shared between runs that saw the same bytes.
CREATE TABLE payloads (
  id             INTEGER PRIMARY KEY,
  sha256         TEXT NOT NULL UNIQUE,
  media_type     TEXT,
  bytes          INTEGER NOT NULL,
  gzip           BLOB NOT NULL,
  created_at     TEXT NOT NULL
);

-- One fetch or one imported file. outcome: added | unchanged | superseded | held | skipped | rejected | failed.
CREATE TABLE runs (
  id             INTEGER PRIMARY KEY,
  source_id      TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('scrape', 'import')),
  origin         TEXT NOT NULL,
  feed           TEXT,
  started_at     TEXT NOT NULL,
  finished_at    TEXT,
  outcome        TEXT,
  reason         TEXT,
  http_status    INTEGER,
  bytes          INTEGER,
  attempts       INTEGER NOT NULL DEFAULT 1,
  payload_id     INTEGER REFERENCES payloads(id)
);
CREATE INDEX runs_source_started ON runs(source_id, started_at);

-- What one run did to one board (a file or page can publish several boards or dates).
CREATE TABLE run_results (
  id             INTEGER PRIMARY KEY,
  run_id         INTEGER NOT NULL REFERENCES runs(id),
  board_id       TEXT,
  as_of          TEXT,
  outcome        TEXT NOT NULL,
  reason         TEXT,
  snapshot_id    INTEGER REFERENCES snapshots(id)
);
CREATE INDEX run_results_run ON run_results(run_id);

CREATE TABLE snapshots (
  id             INTEGER PRIMARY KEY,
  board_id       TEXT NOT NULL REFERENCES boards(id),
  as_of          TEXT NOT NULL,
  as_of_basis    TEXT NOT NULL,
  feed           TEXT NOT NULL,
  feed_priority  INTEGER NOT NULL,
  method_version TEXT,
  origin         TEXT NOT NULL,
  fetched_at     TEXT NOT NULL,
  content_hash   TEXT NOT NULL,
  row_count      INTEGER NOT NULL,
  rank_semantics TEXT NOT NULL CHECK (rank_semantics IN ('ub', 'ordinal', 'computed')),
  adjustment     TEXT,
  status         TEXT NOT NULL CHECK (status IN ('active', 'held', 'superseded')),
  status_reason  TEXT,
  warnings       TEXT,
  run_id         INTEGER REFERENCES runs(id),
  payload_id     INTEGER REFERENCES payloads(id)
);
CREATE INDEX snapshots_board_date ON snapshots(board_id, as_of, status);
CREATE INDEX snapshots_board_hash ON snapshots(board_id, content_hash);

CREATE TABLE entries (
  id             INTEGER PRIMARY KEY,
  snapshot_id    INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  row_key        TEXT NOT NULL,
  rank           INTEGER NOT NULL,
  rank_lower     INTEGER,
  rank_upper     INTEGER,
  model          TEXT NOT NULL,
  organization   TEXT,
  license        TEXT,
  score          REAL,
  ci_lower       REAL,
  ci_upper       REAL,
  votes          INTEGER,
  extras         TEXT,
  needs_review   INTEGER NOT NULL DEFAULT 0,
  UNIQUE (snapshot_id, position)
);

-- A lease so the scheduler and a manual \`rankdrift scrape\` never run one source at the same time.
CREATE TABLE source_locks (
  source_id      TEXT PRIMARY KEY,
  holder         TEXT NOT NULL,
  expires_at     TEXT NOT NULL
);
`;

// Stored analysis: computed as snapshots arrive so pages stay fast, and rebuildable from scratch.
export default /* sql */ `
CREATE TABLE events (
  id                   TEXT PRIMARY KEY,
  kind                 TEXT NOT NULL,
  board_id             TEXT NOT NULL,
  date                 TEXT NOT NULL,
  previous_date        TEXT NOT NULL,
  snapshot_id          INTEGER NOT NULL,
  previous_snapshot_id INTEGER NOT NULL,
  model                TEXT,
  previous_model       TEXT,
  family               TEXT,
  release              TEXT,
  organization         TEXT,
  from_rank            INTEGER,
  to_rank              INTEGER,
  score_change         REAL,
  z                    REAL,
  severity             TEXT NOT NULL,
  detail               TEXT NOT NULL,
  detected_at          TEXT NOT NULL
);
CREATE INDEX events_board_date ON events(board_id, date);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_family ON events(family);
CREATE INDEX events_snapshot ON events(snapshot_id);
CREATE INDEX events_detected ON events(detected_at);

CREATE TABLE mismatches (
  id                   TEXT PRIMARY KEY,
  kind                 TEXT NOT NULL,
  family               TEXT NOT NULL,
  organization         TEXT,
  date                 TEXT NOT NULL,
  last_seen            TEXT NOT NULL,
  checkpoint_name      TEXT NOT NULL,
  checkpoint_board     TEXT NOT NULL,
  checkpoint_date      TEXT NOT NULL,
  checkpoint_rank      INTEGER NOT NULL,
  checkpoint_score     REAL,
  checkpoint_release   TEXT,
  checkpoint_pct       REAL,
  release_name         TEXT NOT NULL,
  release_board        TEXT NOT NULL,
  release_date         TEXT NOT NULL,
  release_rank         INTEGER NOT NULL,
  release_score        REAL,
  release_release      TEXT,
  release_pct          REAL,
  gap                  REAL NOT NULL,
  significant          INTEGER NOT NULL,
  severity             TEXT NOT NULL,
  common_set_size      INTEGER,
  detail               TEXT NOT NULL,
  detected_at          TEXT NOT NULL
);
CREATE INDEX mismatches_date ON mismatches(date);
CREATE INDEX mismatches_family ON mismatches(family);

CREATE TABLE agreement (
  board_a        TEXT NOT NULL,
  board_b        TEXT NOT NULL,
  date           TEXT NOT NULL,
  n              INTEGER NOT NULL,
  kendall_tau_b  REAL,
  spearman       REAL,
  snapshot_a     INTEGER NOT NULL,
  snapshot_b     INTEGER NOT NULL,
  PRIMARY KEY (board_a, board_b, date)
);
CREATE INDEX agreement_date ON agreement(date);
`;

// Model identity: every distinct raw name a source shows, what it resolves to, and analysts' decisions.
export default /* sql */ `
-- A raw name as one source shows it; \`hint\` is what the entry says about the underlying model beyond
-- its name (an Aider run's --model, a SWE-bench Model tag), '' when nothing.
CREATE TABLE names (
  id             INTEGER PRIMARY KEY,
  source_id      TEXT NOT NULL,
  raw_name       TEXT NOT NULL,
  hint           TEXT NOT NULL DEFAULT '',
  first_seen     TEXT NOT NULL,
  UNIQUE (source_id, raw_name, hint)
);

ALTER TABLE entries ADD COLUMN name_id INTEGER REFERENCES names(id);
CREATE INDEX entries_name ON entries(name_id);

-- Rebuilt whenever the crosswalk or a decision changes; entries are never touched.
CREATE TABLE name_resolutions (
  name_id           INTEGER PRIMARY KEY REFERENCES names(id),
  family            TEXT,
  release           TEXT,
  release_kind      TEXT,
  variants          TEXT NOT NULL DEFAULT '[]',
  organization      TEXT,
  confidence        REAL NOT NULL,
  method            TEXT NOT NULL,
  normalized        TEXT,
  suggestions       TEXT NOT NULL DEFAULT '[]',
  crosswalk_version TEXT NOT NULL,
  resolved_at       TEXT NOT NULL
);
CREATE INDEX name_resolutions_family ON name_resolutions(family);
CREATE INDEX name_resolutions_release ON name_resolutions(release);

-- Append-only: the newest unrevoked decision for a name wins over every automatic rule.
-- source_id NULL applies to the raw name on every source.
CREATE TABLE identity_decisions (
  id             INTEGER PRIMARY KEY,
  source_id      TEXT,
  raw_name       TEXT NOT NULL,
  action         TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'merge', 'split', 'rename')),
  family         TEXT,
  release        TEXT,
  label          TEXT,
  reason         TEXT,
  actor          TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  revoked_at     TEXT
);
CREATE INDEX identity_decisions_name ON identity_decisions(raw_name);

-- Display labels analysts gave families (the rename action).
CREATE TABLE family_labels (
  family         TEXT PRIMARY KEY,
  label          TEXT NOT NULL,
  decision_id    INTEGER NOT NULL REFERENCES identity_decisions(id)
);
`;

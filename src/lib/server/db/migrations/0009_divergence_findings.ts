// Divergence findings: one row per story of a model placed far apart by two headline boards, dated when
// it first crossed the threshold (src/lib/analysis/divergence-findings.ts). Each board's first
// snapshot is queued for analysis, so the next pass walks every pair's history from its start.
export default /* sql */ `
CREATE TABLE divergence_findings (
  id               TEXT PRIMARY KEY,
  board_a          TEXT NOT NULL,
  board_b          TEXT NOT NULL,
  subject          TEXT NOT NULL,
  family           TEXT NOT NULL,
  release          TEXT,
  organization     TEXT,
  date             TEXT NOT NULL,
  ended            TEXT,
  boards           TEXT NOT NULL,
  names            TEXT NOT NULL,
  ranks            TEXT NOT NULL,
  as_of            TEXT NOT NULL,
  divergence       REAL NOT NULL,
  top_gap          REAL NOT NULL,
  significant      INTEGER NOT NULL,
  common_set_size  INTEGER NOT NULL,
  severity         TEXT NOT NULL,
  detail           TEXT NOT NULL,
  detected_at      TEXT NOT NULL
);
CREATE INDEX divergence_findings_pair ON divergence_findings(board_a, board_b, date);
CREATE INDEX divergence_findings_date ON divergence_findings(date);
UPDATE snapshots SET analyzed = 0 WHERE status = 'active'
  AND id IN (SELECT id FROM snapshots s WHERE status = 'active'
    AND as_of = (SELECT MIN(as_of) FROM snapshots t WHERE t.board_id = s.board_id AND t.status = 'active'));
`;

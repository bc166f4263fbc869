// Where each stored name appears (board, published organization, first and last date in force), kept
// by the analysis pass: the model, organization and identity indexes read this instead of scanning
// every entry ever stored. And which snapshots the analysis has caught up with, so a crash between
// storing a snapshot and analysing it is made good by the next pass.
export default /* sql */ `
CREATE TABLE name_presence (
  name_id       INTEGER NOT NULL REFERENCES names(id),
  board_id      TEXT NOT NULL,
  organization  TEXT NOT NULL,   -- as the board published it; '' when it showed none
  first_as_of   TEXT NOT NULL,
  last_as_of    TEXT NOT NULL,
  PRIMARY KEY (name_id, board_id, organization)
) WITHOUT ROWID;

INSERT INTO name_presence (name_id, board_id, organization, first_as_of, last_as_of)
SELECT e.name_id, s.board_id, COALESCE(e.organization, ''), MIN(s.as_of), MAX(s.as_of)
FROM entries e JOIN snapshots s ON s.id = e.snapshot_id
WHERE s.status = 'active' AND e.name_id IS NOT NULL
GROUP BY e.name_id, s.board_id, COALESCE(e.organization, '');

ALTER TABLE snapshots ADD COLUMN analyzed INTEGER NOT NULL DEFAULT 1;
CREATE INDEX snapshots_unanalyzed ON snapshots(id) WHERE analyzed = 0;
`;

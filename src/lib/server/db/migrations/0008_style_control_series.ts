// Style-controlled LMArena Text snapshots (the arena.ai page, its captures, the overview) used to share
// a board id with the unadjusted series, so the history alternated between two fits of the same votes.
// They move to `lmarena-text/style-control[/<category>]`, where the catalog's style-control files
// already were. Nothing is deleted but what the analysis derived from the mixed series: the moved
// snapshots' events, mismatches and agreement, recomputed by the next analysis pass from the queue set
// here. On a date where a moved snapshot had pushed an unadjusted one aside, the unadjusted one is in
// force again.
export default /* sql */ `
CREATE TEMP TABLE style_moves AS
SELECT id AS snapshot_id, board_id AS old_board, as_of,
       'lmarena-text/style-control' || substr(board_id, length('lmarena-text') + 1) AS new_board
FROM snapshots
WHERE adjustment = 'style-control'
  AND (board_id = 'lmarena-text' OR board_id LIKE 'lmarena-text/%')
  AND board_id <> 'lmarena-text/style-control' AND board_id NOT LIKE 'lmarena-text/style-control/%';

CREATE TEMP TABLE style_boards AS
SELECT old_board AS board_id FROM style_moves UNION SELECT new_board FROM style_moves;

INSERT OR IGNORE INTO boards (id, source_id, category, created_at)
SELECT m.new_board, b.source_id, substr(m.new_board, length('lmarena-text/') + 1), MIN(b.created_at)
FROM style_moves m JOIN boards b ON b.id = m.old_board
GROUP BY m.new_board;

DELETE FROM events
WHERE snapshot_id IN (SELECT snapshot_id FROM style_moves) OR previous_snapshot_id IN (SELECT snapshot_id FROM style_moves);
DELETE FROM mismatches
WHERE EXISTS (SELECT 1 FROM style_moves m WHERE m.old_board = mismatches.checkpoint_board AND m.as_of = mismatches.checkpoint_date)
   OR EXISTS (SELECT 1 FROM style_moves m WHERE m.old_board = mismatches.release_board AND m.as_of = mismatches.release_date);
DELETE FROM agreement WHERE board_a IN (SELECT board_id FROM style_boards) OR board_b IN (SELECT board_id FROM style_boards);

UPDATE snapshots SET board_id = (SELECT new_board FROM style_moves WHERE snapshot_id = snapshots.id)
WHERE id IN (SELECT snapshot_id FROM style_moves);
UPDATE run_results SET board_id = (SELECT new_board FROM style_moves WHERE snapshot_id = run_results.snapshot_id)
WHERE snapshot_id IN (SELECT snapshot_id FROM style_moves);

-- One snapshot in force per board and date, chosen as ingest chooses (best feed, then the latest fetch).
CREATE TEMP TABLE style_winners AS
SELECT board_id, as_of,
       (SELECT s2.id FROM snapshots s2 WHERE s2.board_id = s.board_id AND s2.as_of = s.as_of AND s2.status IN ('active', 'superseded')
        ORDER BY s2.feed_priority DESC, s2.fetched_at DESC, s2.id DESC LIMIT 1) AS winner
FROM snapshots s
WHERE s.board_id IN (SELECT board_id FROM style_boards) AND s.status IN ('active', 'superseded')
GROUP BY board_id, as_of;
UPDATE snapshots SET
  status = CASE WHEN id = w.winner THEN 'active' ELSE 'superseded' END,
  status_reason = CASE
    WHEN id = w.winner THEN NULL
    WHEN status = 'active' THEN 'the board has a snapshot of the same date from a preferred feed, which takes precedence'
    ELSE status_reason END
FROM style_winners w
WHERE snapshots.board_id = w.board_id AND snapshots.as_of = w.as_of AND snapshots.status IN ('active', 'superseded');

DELETE FROM name_presence WHERE board_id IN (SELECT board_id FROM style_boards);
INSERT INTO name_presence (name_id, board_id, organization, first_as_of, last_as_of)
SELECT e.name_id, s.board_id, COALESCE(e.organization, ''), MIN(s.as_of), MAX(s.as_of)
FROM entries e JOIN snapshots s ON s.id = e.snapshot_id
WHERE s.status = 'active' AND e.name_id IS NOT NULL AND s.board_id IN (SELECT board_id FROM style_boards)
GROUP BY e.name_id, s.board_id, COALESCE(e.organization, '');

UPDATE snapshots SET analyzed = 0 WHERE status = 'active' AND board_id IN (SELECT board_id FROM style_boards);

DROP TABLE style_moves;
DROP TABLE style_boards;
DROP TABLE style_winners;
`;

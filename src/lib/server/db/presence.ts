import type { Db } from './connection';
import { stmt } from './statements';

/** A name's first and last date on a board under one organization: [name_id, board_id, organization ('' for none), first_as_of, last_as_of]. */
export type PresenceRange = [nameId: number, boardId: string, organization: string, firstAsOf: string, lastAsOf: string];

const COLUMNS = 'name_id, board_id, organization, first_as_of, last_as_of';
const RANGES = `SELECT e.name_id, s.board_id, COALESCE(e.organization, ''), MIN(s.as_of), MAX(s.as_of)`;
const INSERT_RANGES = `INSERT INTO name_presence (${COLUMNS}) ${RANGES}`;
const GROUPED = `GROUP BY e.name_id, s.board_id, COALESCE(e.organization, '')`;

/**
 * Adds snapshots now in force to `name_presence`, in one upsert whose rows are grouped first: a pass
 * brings a board several snapshots of the same names, and upserting them one snapshot at a time was a
 * sixth of the analysis at the scale set. Rows a same-date snapshot they replaced showed, and they do
 * not, are recomputed from the board's active snapshots (their dates may have come only from it).
 */
export function addPresence(db: Db, snapshotIds: number[]): void {
	if (snapshotIds.length === 0) return;
	const ids = JSON.stringify(snapshotIds);
	stmt(
		db,
		`${INSERT_RANGES}
		 FROM json_each(@ids) j CROSS JOIN snapshots s ON s.id = j.value CROSS JOIN entries e ON e.snapshot_id = s.id
		 WHERE s.status = 'active' AND e.name_id IS NOT NULL
		 ${GROUPED}
		 ON CONFLICT (name_id, board_id, organization) DO UPDATE SET
		   first_as_of = min(first_as_of, excluded.first_as_of), last_as_of = max(last_as_of, excluded.last_as_of)`
	).run({ ids });
	// Asked first: the query below reads all of a snapshot's rows even when it replaced nothing.
	const replacing = stmt(
		db,
		`SELECT DISTINCT me.id FROM json_each(@ids) j CROSS JOIN snapshots me ON me.id = j.value
		 JOIN snapshots x ON x.board_id = me.board_id AND x.as_of = me.as_of AND x.status <> 'active'`
	)
		.pluck()
		.all({ ids }) as number[];
	for (const id of replacing) restoreReplaced(db, id);
}

/** The rows a replaced same-date snapshot showed and `snapshotId` does not, recomputed from the board's active snapshots. */
function restoreReplaced(db: Db, snapshotId: number): void {
	const gone = stmt(
		db,
		`SELECT e.name_id, COALESCE(e.organization, '') AS organization
		 FROM snapshots me JOIN snapshots x ON x.board_id = me.board_id AND x.as_of = me.as_of AND x.status <> 'active'
		 JOIN entries e ON e.snapshot_id = x.id
		 WHERE me.id = @id AND e.name_id IS NOT NULL
		 EXCEPT SELECT name_id, COALESCE(organization, '') FROM entries WHERE snapshot_id = @id`
	).all({ id: snapshotId }) as { name_id: number; organization: string }[];
	if (gone.length === 0) return;
	const board = (stmt(db, 'SELECT board_id FROM snapshots WHERE id = ?').get(snapshotId) as { board_id: string }).board_id;
	const pairs = JSON.stringify(gone.map((g) => [g.name_id, g.organization]));
	stmt(
		db,
		`DELETE FROM name_presence WHERE board_id = @board
		 AND (name_id, organization) IN (SELECT value ->> 0, value ->> 1 FROM json_each(@pairs))`
	).run({ board, pairs });
	stmt(
		db,
		`${INSERT_RANGES}
		 FROM entries e JOIN snapshots s ON s.id = e.snapshot_id
		 WHERE s.board_id = @board AND s.status = 'active'
		   AND e.name_id IN (SELECT value ->> 0 FROM json_each(@pairs))
		   AND (e.name_id, COALESCE(e.organization, '')) IN (SELECT value ->> 0, value ->> 1 FROM json_each(@pairs))
		 ${GROUPED}`
	).run({ board, pairs });
}

/**
 * Every name's presence over the active snapshots, read only, so a rebuild can have it read on its
 * helper thread while this one computes (a grouping of every stored row: a tenth of a rebuild's time).
 */
export function presenceRanges(db: Db): PresenceRange[] {
	// Snapshot by snapshot, each one's entries lie together in the table; left to itself SQLite walked the
	// name index and fetched every entry's row from a different page (3× slower on the recorded history).
	return stmt(db, `${RANGES} FROM snapshots s CROSS JOIN entries e ON e.snapshot_id = s.id WHERE s.status = 'active' AND e.name_id IS NOT NULL ${GROUPED}`)
		.raw(true)
		.all() as PresenceRange[];
}

/** `name_presence` replaced by `ranges` (a rebuild's, from `presenceRanges`). */
export function replacePresence(db: Db, ranges: PresenceRange[]): void {
	stmt(db, 'DELETE FROM name_presence').run();
	const insert = stmt(db, `INSERT INTO name_presence (${COLUMNS}) VALUES (?, ?, ?, ?, ?)`);
	for (const r of ranges) insert.run(r);
}

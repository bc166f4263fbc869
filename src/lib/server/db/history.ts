import type { Db } from './connection';
import { stmt } from './statements';
import type { EntryRow } from './snapshots';

/** The published columns every row of a board carries. */
export type PublishedColumns = Pick<EntryRow, 'rank' | 'rank_lower' | 'rank_upper' | 'model' | 'organization' | 'license' | 'score' | 'ci_lower' | 'ci_upper' | 'votes'>;

export interface HistoryRow extends PublishedColumns {
	board_id: string;
	as_of: string;
	snapshot_id: number;
	family: string | null;
	release: string | null;
	release_kind: 'public' | 'checkpoint' | null;
	variants: string | null;
	row_count: number;
}

const HISTORY_COLUMNS = `s.board_id, s.as_of, s.id AS snapshot_id, e.rank, e.rank_lower, e.rank_upper, e.model, e.organization, e.license,
	e.score, e.ci_lower, e.ci_upper, e.votes, r.family, r.release, r.release_kind, r.variants, s.row_count`;

/**
 * A board's active snapshots in long format (one row per model per date), oldest first, optionally only
 * ranks up to `maxRank`. Snapshot by snapshot, so a whole history streams in flat memory and no query
 * ever sorts more than one snapshot's rows.
 */
export function* iterateBoardHistory(db: Db, board: string, f: { from?: string | null; to?: string | null; maxRank?: number | null } = {}): Generator<HistoryRow> {
	const snapshots = activeSnapshotsInRange(db, board, f);
	const rows = stmt(
		db,
		`SELECT ${HISTORY_COLUMNS} FROM snapshots s JOIN entries e ON e.snapshot_id = s.id LEFT JOIN name_resolutions r ON r.name_id = e.name_id
		 WHERE s.id = @id AND (@maxRank IS NULL OR e.rank <= @maxRank) ORDER BY e.rank, e.position`
	);
	for (const { id } of snapshots) yield* rows.all({ id, maxRank: f.maxRank ?? null }) as HistoryRow[];
}

/** A history row as raw values: [rank, rank_lower, rank_upper, name_id, model (only when there is no name_id), organization, license, score, ci_lower, ci_upper, votes]. */
export type RawHistoryRow = [number, number | null, number | null, number | null, string | null, string | null, string | null, number | null, number | null, number | null, number | null];

/**
 * The same history as `iterateBoardHistory`, a snapshot at a time, as arrays naming the model by its
 * name id: the path of million-row exports, where handing JavaScript an object and a model string per
 * row costs more than reading it.
 */
export function* iterateBoardHistorySnapshots(
	db: Db,
	board: string,
	f: { from?: string | null; to?: string | null; maxRank?: number | null }
): Generator<{ asOf: string; rows: RawHistoryRow[] }> {
	const snapshots = activeSnapshotsInRange(db, board, f);
	// A statement of its own (not the shared cache): raw mode is a property of the statement.
	const rows = db
		.prepare(
			`SELECT rank, rank_lower, rank_upper, name_id, CASE WHEN name_id IS NULL THEN model END, organization, license, score, ci_lower, ci_upper, votes
			 FROM entries WHERE snapshot_id = @id AND (@maxRank IS NULL OR rank <= @maxRank) ORDER BY position`
		)
		.raw(true);
	for (const { id, as_of } of snapshots) {
		const list = rows.all({ id, maxRank: f.maxRank ?? null }) as RawHistoryRow[];
		// Read in the board's own order (the index's), which is nearly always rank order: re-sorted only when
		// it is not, instead of SQLite sorting every snapshot. The sort is stable: ties keep the board's order.
		if (list.some((r, i) => i > 0 && r[0] < list[i - 1][0])) list.sort((x, y) => x[0] - y[0]);
		yield { asOf: as_of, rows: list };
	}
}

/** Names as published with what they resolve to: [name_id, raw_name, family, release, variants JSON or null]. */
export function namesWithResolutions(db: Db, nameIds: number[]): [number, string, string | null, string | null, string | null][] {
	return stmt(
		db,
		`SELECT n.id, n.raw_name, r.family, r.release, r.variants FROM names n LEFT JOIN name_resolutions r ON r.name_id = n.id
		 WHERE n.id IN (SELECT value FROM json_each(?))`
	)
		.raw(true)
		.all(JSON.stringify(nameIds)) as [number, string, string | null, string | null, string | null][];
}

function activeSnapshotsInRange(db: Db, board: string, f: { from?: string | null; to?: string | null }): { id: number; as_of: string }[] {
	return stmt(
		db,
		`SELECT id, as_of FROM snapshots WHERE board_id = @board AND status = 'active' AND (@from IS NULL OR as_of >= @from) AND (@to IS NULL OR as_of <= @to)
		 ORDER BY as_of, feed_priority DESC, id`
	).all({ board, from: f.from ?? null, to: f.to ?? null }) as { id: number; as_of: string }[];
}

// A family's rows, read whole or a few snapshots at a time, in one order to the last tie (ties of rank in
// the board's own order), so that rows read in parts and merged stand exactly as one read: the merge in
// services/family-history.ts (`precedes`) compares the same columns in this order.
const FAMILY_ROWS = `SELECT ${HISTORY_COLUMNS} FROM name_resolutions r JOIN entries e ON e.name_id = r.name_id JOIN snapshots s ON s.id = e.snapshot_id`;
const FAMILY_HISTORY_ORDER = 'ORDER BY s.board_id, s.as_of, e.rank, s.id, e.position';

/** Every row of one family (or one release) on every board over time, oldest first. */
export function familyHistory(db: Db, f: { family: string; release?: string | null; from?: string | null; to?: string | null }): HistoryRow[] {
	return stmt(
		db,
		`${FAMILY_ROWS}
		 WHERE r.family = @family AND (@release IS NULL OR r.release = @release) AND s.status = 'active'
		   AND (@from IS NULL OR s.as_of >= @from) AND (@to IS NULL OR s.as_of <= @to)
		 ${FAMILY_HISTORY_ORDER}`
	).all({ family: f.family, release: f.release ?? null, from: f.from ?? null, to: f.to ?? null }) as HistoryRow[];
}

/** The family's rows in the given snapshots only (whatever their status), in `familyHistory`'s order. */
export function familyRowsIn(db: Db, family: string, snapshotIds: number[]): HistoryRow[] {
	return stmt(
		db,
		`${FAMILY_ROWS}
		 WHERE r.family = @family AND e.snapshot_id IN (SELECT value FROM json_each(@ids))
		 ${FAMILY_HISTORY_ORDER}`
	).all({ family, ids: JSON.stringify(snapshotIds) }) as HistoryRow[];
}

/** Ids of the active snapshots dated up to `to`, ascending. */
export function activeSnapshotIdsUpTo(db: Db, to: string): number[] {
	return stmt(db, `SELECT id FROM snapshots WHERE status = 'active' AND as_of <= ? ORDER BY id`).pluck().all(to) as number[];
}

export interface FamilySummary {
	family: string;
	organization: string | null;
	boards: number;
	names: number;
	first_as_of: string;
	last_as_of: string;
}

/**
 * Families with stored entries, optionally one organization's (matched case-insensitively on the resolved
 * or published organization), optionally as known on `until` (seen by then, last seen by then).
 */
export function familySummaries(db: Db, f: { organization?: string | null; until?: string | null } = {}): FamilySummary[] {
	// Only a name still listed after `until` needs its entries read for when it was last seen by then.
	return stmt(
		db,
		`SELECT r.family, MAX(r.organization) AS organization, COUNT(DISTINCT p.board_id) AS boards, COUNT(DISTINCT p.name_id) AS names,
		   MIN(p.first_as_of) AS first_as_of,
		   MAX(CASE WHEN @until IS NULL OR p.last_as_of <= @until THEN p.last_as_of ELSE
		     (SELECT MAX(s.as_of) FROM entries e JOIN snapshots s ON s.id = e.snapshot_id
		      WHERE e.name_id = p.name_id AND s.board_id = p.board_id AND COALESCE(e.organization, '') = p.organization
		        AND s.status = 'active' AND s.as_of <= @until) END) AS last_as_of
		 FROM name_resolutions r JOIN name_presence p ON p.name_id = r.name_id
		 WHERE r.family IS NOT NULL AND (@until IS NULL OR p.first_as_of <= @until)
		   AND (@org IS NULL OR r.organization = @org COLLATE NOCASE OR p.organization = @org COLLATE NOCASE)
		 GROUP BY r.family ORDER BY r.family`
	).all({ org: f.organization ?? null, until: f.until ?? null }) as FamilySummary[];
}

export interface OrganizationSummary {
	organization: string;
	families: number;
}

/** Organizations as resolved by the crosswalk (falling back to what boards publish). */
export function organizationSummaries(db: Db): OrganizationSummary[] {
	return stmt(
		db,
		`SELECT COALESCE(r.organization, NULLIF(p.organization, '')) AS organization, COUNT(DISTINCT r.family) AS families
		 FROM name_presence p LEFT JOIN name_resolutions r ON r.name_id = p.name_id
		 WHERE COALESCE(r.organization, NULLIF(p.organization, '')) IS NOT NULL
		 GROUP BY COALESCE(r.organization, NULLIF(p.organization, '')) COLLATE NOCASE ORDER BY 1`
	).all() as OrganizationSummary[];
}

export interface NameSeen {
	source_id: string;
	raw_name: string;
	hint: string;
	release: string | null;
	variants: string;
	method: string;
	confidence: number;
	boards: string;
	first_as_of: string;
	last_as_of: string;
}

/** Every raw name that resolved to a family, with where and when it was seen in snapshots in force (up to `until`, when given). */
export function familyNames(db: Db, family: string, until: string | null = null): NameSeen[] {
	return stmt(
		db,
		`SELECT n.source_id, n.raw_name, n.hint, r.release, r.variants, r.method, r.confidence,
		   group_concat(DISTINCT s.board_id) AS boards, MIN(s.as_of) AS first_as_of, MAX(s.as_of) AS last_as_of
		 FROM name_resolutions r JOIN names n ON n.id = r.name_id JOIN entries e ON e.name_id = n.id JOIN snapshots s ON s.id = e.snapshot_id
		 WHERE r.family = @family AND s.status = 'active' AND (@until IS NULL OR s.as_of <= @until) GROUP BY n.id ORDER BY MIN(s.as_of)`
	).all({ family, until }) as NameSeen[];
}

export interface SearchHit {
	raw_name: string;
	source_id: string;
	family: string | null;
	release: string | null;
}

/** Names (raw, normalized or family) containing the query, for the global search. */
export function searchNames(db: Db, query: string, limit: number): SearchHit[] {
	const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return stmt(
		db,
		`SELECT n.raw_name, n.source_id, r.family, r.release FROM names n LEFT JOIN name_resolutions r ON r.name_id = n.id
		 WHERE n.raw_name LIKE @like ESCAPE '\\' OR r.normalized LIKE @like ESCAPE '\\' OR r.family LIKE @like ESCAPE '\\'
		 ORDER BY r.family IS NULL, length(n.raw_name) LIMIT @limit`
	).all({ like, limit }) as SearchHit[];
}

/**
 * Names on the same source resolved to the same family and release as the given names (and the names
 * themselves). The join order is forced: by family index first, never a scan of every name of the source.
 */
export function sameModelNames(db: Db, nameIds: number[]): number[] {
	return (
		stmt(
			db,
			`SELECT value AS id FROM json_each(@ids)
			 UNION
			 SELECT r2.name_id FROM json_each(@ids) j
			   CROSS JOIN name_resolutions r1 ON r1.name_id = j.value
			   CROSS JOIN name_resolutions r2 ON r2.family = r1.family AND +r2.release IS r1.release
			   CROSS JOIN names n1 ON n1.id = r1.name_id
			   CROSS JOIN names n2 ON n2.id = r2.name_id AND n2.source_id = n1.source_id
			 WHERE r1.family IS NOT NULL`
		).all({ ids: JSON.stringify(nameIds) }) as { id: number }[]
	).map((r) => r.id);
}

/** The board's active snapshots in a window of the latest `count` up to a date, oldest first. */
export function recentSnapshots(db: Db, board: string, to: string, count: number): { id: number; as_of: string; row_count: number }[] {
	return (
		stmt(
			db,
			`SELECT id, as_of, row_count FROM snapshots WHERE board_id = ? AND status = 'active' AND as_of <= ?
			 ORDER BY as_of DESC, feed_priority DESC, id DESC LIMIT ?`
		).all(board, to, count) as { id: number; as_of: string; row_count: number }[]
	).reverse();
}

/**
 * The rows of the given names in the given snapshots: a chart's series without reading whole snapshots.
 * In no order: the board chart merges them with rows it kept and sorts the whole (`leaderRows`).
 */
export function rowsOfNames(db: Db, snapshotIds: number[], nameIds: number[]): (HistoryRow & { position: number })[] {
	return stmt(
		db,
		`SELECT ${HISTORY_COLUMNS}, e.position FROM entries e JOIN snapshots s ON s.id = e.snapshot_id LEFT JOIN name_resolutions r ON r.name_id = e.name_id
		 WHERE e.name_id IN (SELECT value FROM json_each(@names)) AND e.snapshot_id IN (SELECT value FROM json_each(@snaps))`
	).all({ names: JSON.stringify(nameIds), snaps: JSON.stringify(snapshotIds) }) as (HistoryRow & { position: number })[];
}

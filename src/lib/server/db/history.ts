import type { Db } from './connection';
import { stmt } from './statements';

export interface HistoryRow {
	board_id: string;
	as_of: string;
	snapshot_id: number;
	rank: number;
	rank_lower: number | null;
	rank_upper: number | null;
	model: string;
	organization: string | null;
	license: string | null;
	score: number | null;
	ci_lower: number | null;
	ci_upper: number | null;
	votes: number | null;
	family: string | null;
	release: string | null;
	variants: string | null;
	row_count: number;
}

const HISTORY_COLUMNS = `s.board_id, s.as_of, s.id AS snapshot_id, e.rank, e.rank_lower, e.rank_upper, e.model, e.organization, e.license,
	e.score, e.ci_lower, e.ci_upper, e.votes, r.family, r.release, r.variants, s.row_count`;

/**
 * A board's active snapshots in long format (one row per model per date), oldest first, optionally only
 * ranks up to `maxRank`. An iterator, so a whole history streams without being held in memory.
 */
export function iterateBoardHistory(db: Db, board: string, f: { from?: string | null; to?: string | null; maxRank?: number | null } = {}): IterableIterator<HistoryRow> {
	return stmt(
		db,
		`SELECT ${HISTORY_COLUMNS} FROM snapshots s JOIN entries e ON e.snapshot_id = s.id LEFT JOIN name_resolutions r ON r.name_id = e.name_id
		 WHERE s.board_id = @board AND s.status = 'active' AND (@from IS NULL OR s.as_of >= @from) AND (@to IS NULL OR s.as_of <= @to)
		   AND (@maxRank IS NULL OR e.rank <= @maxRank)
		 ORDER BY s.as_of, e.rank, e.position`
	).iterate({ board, from: f.from ?? null, to: f.to ?? null, maxRank: f.maxRank ?? null }) as IterableIterator<HistoryRow>;
}

/** Every row of one family (or one release) on every board over time, oldest first. */
export function familyHistory(db: Db, f: { family: string; release?: string | null; from?: string | null; to?: string | null }): HistoryRow[] {
	return stmt(
		db,
		`SELECT ${HISTORY_COLUMNS} FROM name_resolutions r JOIN entries e ON e.name_id = r.name_id JOIN snapshots s ON s.id = e.snapshot_id
		 WHERE r.family = @family AND (@release IS NULL OR r.release = @release) AND s.status = 'active'
		   AND (@from IS NULL OR s.as_of >= @from) AND (@to IS NULL OR s.as_of <= @to)
		 ORDER BY s.board_id, s.as_of, e.rank`
	).all({ family: f.family, release: f.release ?? null, from: f.from ?? null, to: f.to ?? null }) as HistoryRow[];
}

export interface FamilySummary {
	family: string;
	organization: string | null;
	boards: number;
	names: number;
	first_as_of: string;
	last_as_of: string;
}

/** Families with stored entries, optionally one organization's (matched case-insensitively on the resolved or published organization). */
export function familySummaries(db: Db, f: { organization?: string | null } = {}): FamilySummary[] {
	return stmt(
		db,
		`SELECT r.family, MAX(r.organization) AS organization, COUNT(DISTINCT s.board_id) AS boards, COUNT(DISTINCT e.name_id) AS names,
		   MIN(s.as_of) AS first_as_of, MAX(s.as_of) AS last_as_of
		 FROM name_resolutions r JOIN entries e ON e.name_id = r.name_id JOIN snapshots s ON s.id = e.snapshot_id
		 WHERE r.family IS NOT NULL AND s.status = 'active'
		   AND (@org IS NULL OR r.organization = @org COLLATE NOCASE OR e.organization = @org COLLATE NOCASE)
		 GROUP BY r.family ORDER BY r.family`
	).all({ org: f.organization ?? null }) as FamilySummary[];
}

export interface OrganizationSummary {
	organization: string;
	families: number;
}

/** Organizations as resolved by the crosswalk (falling back to what boards publish). */
export function organizationSummaries(db: Db): OrganizationSummary[] {
	return stmt(
		db,
		`SELECT COALESCE(r.organization, e.organization) AS organization, COUNT(DISTINCT r.family) AS families
		 FROM entries e LEFT JOIN name_resolutions r ON r.name_id = e.name_id
		 WHERE COALESCE(r.organization, e.organization) IS NOT NULL
		 GROUP BY COALESCE(r.organization, e.organization) COLLATE NOCASE ORDER BY 1`
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

/** Every raw name that resolved to a family, with where and when it was seen. */
export function familyNames(db: Db, family: string): NameSeen[] {
	return stmt(
		db,
		`SELECT n.source_id, n.raw_name, n.hint, r.release, r.variants, r.method, r.confidence,
		   group_concat(DISTINCT s.board_id) AS boards, MIN(s.as_of) AS first_as_of, MAX(s.as_of) AS last_as_of
		 FROM name_resolutions r JOIN names n ON n.id = r.name_id JOIN entries e ON e.name_id = n.id JOIN snapshots s ON s.id = e.snapshot_id
		 WHERE r.family = ? GROUP BY n.id ORDER BY MIN(s.as_of)`
	).all(family) as NameSeen[];
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

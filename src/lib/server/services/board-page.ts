import { publicSnapshot } from './public-origin';
import type { Db } from '../db/connection';
import { boardExists, firstActiveAsOf, snapshotInForce, type SnapshotRow } from '../db/snapshots';
import { sourceOfBoard } from '../../catalogue';
import { rankingRows, type RankingRow } from './boards';
import type { UncertaintySource } from '../../analysis/uncertainty';

export const SORT_KEYS = ['rank', 'model', 'organization', 'score', 'votes'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface BoardPageQuery {
	date: string;
	sort: SortKey;
	dir: 'asc' | 'desc';
	q: string;
	org: string;
}

export interface BoardPageData {
	board: string;
	date: string;
	query: BoardPageQuery;
	snapshot: Pick<SnapshotRow, 'as_of' | 'feed' | 'row_count' | 'rank_semantics' | 'adjustment' | 'method_version' | 'origin' | 'fetched_at'> | null;
	firstAsOf: string | null;
	rows: RankingRow[];
	/** Whether the intervals the tiers come from are the board's own (`published`) or derived from its task count; null: no tiers. */
	tierIntervals: UncertaintySource;
	total: number;
	organizations: string[];
	source: BoardSource | null;
}

/** What a board page says of the board's source: how to read its scores and ranks, and its licence. */
export interface BoardSource {
	id: string;
	name: string;
	scoreMeaning: string;
	rankNote: string;
	license: string;
	licenseUrl: string | null;
	attribution: string;
}

export function boardSource(board: string): BoardSource | null {
	const def = sourceOfBoard(board);
	return def
		? { id: def.id, name: def.name, scoreMeaning: def.scoreMeaning, rankNote: def.rankNote, license: def.license.name, licenseUrl: def.license.url, attribution: def.attribution }
		: null;
}

function compare<T extends { rank: number }>(a: T, b: T, key: keyof T): number {
	const va = a[key];
	const vb = b[key];
	if (va === vb) return a.rank - b.rank;
	if (va === null || va === undefined) return 1;
	if (vb === null || vb === undefined) return -1;
	return typeof va === 'string' ? va.localeCompare(String(vb)) : (va as number) - (vb as number);
}

/** Rows sorted by one column, ties by rank; missing values stay last whichever way the column is sorted. */
export function sortRows<T extends { rank: number }>(rows: T[], key: keyof T, dir: 'asc' | 'desc'): T[] {
	const sign = dir === 'asc' ? 1 : -1;
	return [...rows].sort((a, b) => {
		const c = compare(a, b, key);
		return a[key] === null || b[key] === null ? c : sign * c;
	});
}

/** A board's ranking in force at a date, filtered and sorted as the URL asks; null for an unknown board. */
export function boardPage(db: Db, board: string, query: BoardPageQuery): BoardPageData | null {
	if (!boardExists(db, board)) return null;
	const source = boardSource(board);
	const snapshot = snapshotInForce(db, board, query.date);
	const firstAsOf = firstActiveAsOf(db, board);
	if (!snapshot) return { board, date: query.date, query, snapshot: null, firstAsOf, rows: [], tierIntervals: null, total: 0, organizations: [], source };
	const { rows: all, tierIntervals } = rankingRows(db, snapshot.id);
	const needle = query.q.toLowerCase();
	const filtered = all.filter(
		(r) => (!needle || r.model.toLowerCase().includes(needle)) && (!query.org || r.organization === query.org)
	);
	const rows = sortRows(filtered, query.sort, query.dir);
	const organizations = [...new Set(all.map((r) => r.organization).filter((o): o is string => !!o))].sort();
	return {
		board,
		date: query.date,
		query,
		snapshot: publicSnapshot(snapshot),
		firstAsOf,
		rows,
		tierIntervals,
		total: all.length,
		organizations,
		source
	};
}

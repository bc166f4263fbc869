import type { Db } from '../db/connection';
import { iterateBoardHistory, iterateBoardHistoryRaw, resolutionsOf, type HistoryRow, type RawHistoryRow } from '../db/history';
import { csvCell } from './csv';
import { LIST_SEPARATOR } from './flatten';

export interface HistoryFilter {
	from: string | null;
	to: string | null;
	maxRank: number | null;
}

/** Where a page of a board history stops: the as-of date reached and how many of its rows were already given. */
export interface HistoryCursor {
	a: string;
	n: number;
}

export const isHistoryCursor = (v: unknown): v is HistoryCursor =>
	typeof v === 'object' &&
	v !== null &&
	typeof (v as HistoryCursor).a === 'string' &&
	/^\d{4}-\d{2}-\d{2}$/.test((v as HistoryCursor).a) &&
	Number.isInteger((v as HistoryCursor).n) &&
	(v as HistoryCursor).n >= 0;

/**
 * Up to `limit` history rows after `after`. A board has at most one active snapshot per date and a
 * snapshot's rows come in a fixed order (rank, then the board's own order), so "date reached + rows
 * of it already given" is a stable position. Each page opens and closes its own statement: nothing is
 * left running on the shared connection between pages.
 */
export function historyPage(db: Db, board: string, f: HistoryFilter, after: HistoryCursor | null, limit: number): { rows: HistoryRow[]; next: HistoryCursor | null } {
	const from = after && (!f.from || after.a > f.from) ? after.a : f.from;
	const it = iterateBoardHistory(db, board, { from, to: f.to, maxRank: f.maxRank });
	const rows: HistoryRow[] = [];
	let skip = after?.n ?? 0;
	let more = false;
	try {
		for (const r of it) {
			if (skip > 0 && r.as_of === after!.a) {
				skip--;
				continue;
			}
			if (rows.length === limit) {
				more = true;
				break;
			}
			rows.push(r);
		}
	} finally {
		it.return(undefined);
	}
	if (!more || rows.length === 0) return { rows, next: null };
	const last = rows[rows.length - 1].as_of;
	let n = after && after.a === last ? after.n : 0;
	for (const r of rows) if (r.as_of === last) n++;
	return { rows, next: { a: last, n } };
}

/** Every history row, a snapshot at a time: flat memory, and the connection free between snapshots. */
export function historyRows(db: Db, board: string, f: HistoryFilter): Generator<HistoryRow> {
	return iterateBoardHistory(db, board, f);
}

/**
 * The CSV records of a board history, built straight from raw rows (names resolved once each, not per
 * row): the same cells the generic path makes from `historyJson`, at the speed a million-row export needs.
 */
export function* historyCsvRecords(db: Db, board: string, f: HistoryFilter, licence: [string, string]): Generator<(string | number | boolean)[]> {
	const names = new Map<number, [string, string, string]>();
	const none: [string, string, string] = ['', '', ''];
	let batch: RawHistoryRow[] = [];
	function* flush() {
		const unknown = [...new Set(batch.map((r) => r[5]).filter((id): id is number => id !== null && !names.has(id)))];
		for (const r of resolutionsOf(db, unknown))
			names.set(r.name_id, [r.family ?? '', r.release ?? '', (JSON.parse(r.variants) as string[]).join(LIST_SEPARATOR)]);
		for (const r of batch) {
			const [family, release, variants] = (r[5] !== null && names.get(r[5])) || none;
			yield [board, r[0], cell(r[1]), cell(r[2]), cell(r[3]), csvCell(r[4]), csvCell(family), csvCell(release), csvCell(variants), csvCell(r[6]), csvCell(r[7]), cell(r[8]), cell(r[9]), cell(r[10]), cell(r[11]), ...licence];
		}
		batch = [];
	}
	for (const r of iterateBoardHistoryRaw(db, board, f)) {
		batch.push(r);
		if (batch.length >= 5000) yield* flush();
	}
	yield* flush();
}

const cell = (v: number | null) => (v === null ? '' : csvCell(v));

export const HISTORY_COLUMNS = [
	'board',
	'as_of',
	'rank',
	'rank_lower',
	'rank_upper',
	'model',
	'family',
	'release',
	'variants',
	'organization',
	'license',
	'score',
	'ci_lower',
	'ci_upper',
	'votes'
];

/** One history row as the JSON contract gives it (variants as a list). */
export function historyJson(r: HistoryRow): Record<string, unknown> {
	return {
		board: r.board_id,
		as_of: r.as_of,
		rank: r.rank,
		rank_lower: r.rank_lower,
		rank_upper: r.rank_upper,
		model: r.model,
		family: r.family,
		release: r.release,
		variants: r.variants ? (JSON.parse(r.variants) as string[]) : [],
		organization: r.organization,
		license: r.license,
		score: r.score,
		ci_lower: r.ci_lower,
		ci_upper: r.ci_upper,
		votes: r.votes
	};
}

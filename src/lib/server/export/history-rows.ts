import type { Db } from '../db/connection';
import { iterateBoardHistory, type HistoryRow } from '../db/history';

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
		it.return?.();
	}
	if (!more || rows.length === 0) return { rows, next: null };
	const last = rows[rows.length - 1].as_of;
	let n = after && after.a === last ? after.n : 0;
	for (const r of rows) if (r.as_of === last) n++;
	return { rows, next: { a: last, n } };
}

/** Every history row, read a batch at a time: flat memory, and the connection free between batches. */
export function* historyRows(db: Db, board: string, f: HistoryFilter, batch: number): Generator<HistoryRow> {
	let after: HistoryCursor | null = null;
	for (;;) {
		const page = historyPage(db, board, f, after, batch);
		yield* page.rows;
		if (!page.next) return;
		after = page.next;
	}
}

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

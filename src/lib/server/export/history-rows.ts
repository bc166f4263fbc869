import type { Db } from '../db/connection';
import { iterateBoardHistory, iterateBoardHistorySnapshots, namesWithResolutions, type HistoryRow } from '../db/history';
import { csvField } from './csv';
import type { CsvBlock } from './dataset';
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

const BLOCK_CHARS = 16 * 1024;

/**
 * Numbers as CSV cells, comma-separated: what csvField gives each (empty for null, NaN and ±Infinity),
 * made by JSON.stringify, which writes a number as String does (ECMAScript's Number::toString) and
 * non-finite ones as null. Not String(n): V8 keeps the text of every number it converts in its
 * number-string cache, allocated in the old generation, so a million-row export's scores and votes piled
 * up old-generation garbage until a full collection; JSON.stringify writes the digits straight into its
 * result. The server's memory growth over a 1,000,000-row download: 42–47 MB with String, 10–16 MB with
 * this, five runs each, alternating, at the same speed.
 */
function numberCells(list: (number | null)[]): string {
	const cells = JSON.stringify(list).slice(1, -1);
	return cells.includes('n') ? cells.replaceAll('null', '') : cells;
}

/**
 * The CSV records of a board history as text blocks of about BLOCK_CHARS: the same bytes the generic
 * path makes from `historyJson`, at the speed a million-row export needs. A name's cells (model,
 * family, release, variants) are encoded once per export, not once per row, and so are organizations
 * and licences.
 */
export function* historyCsvBlocks(db: Db, board: string, f: HistoryFilter, licence: [string, string]): Generator<CsvBlock> {
	const boardCell = csvField(board);
	const suffix = `,${csvField(licence[0])},${csvField(licence[1])}\r\n`;
	const nameCells = new Map<number, string>();
	const textCells = new Map<string, string>();
	const text = (v: string | null): string => {
		if (v === null) return '';
		let cell = textCells.get(v);
		if (cell === undefined) {
			cell = csvField(v);
			// Organizations and licences are few; a board of unique ones must not grow the map without end.
			if (textCells.size < 10_000) textCells.set(v, cell);
		}
		return cell;
	};
	// Ranks are few small integers, found in that cache after the first snapshot: String is quicker for
	// them (a million rows' seven numbers through numberCells took 1.15 s, ranks through String 0.85 s).
	const rank = (v: number | null): string => (v === null || !Number.isFinite(v) ? '' : String(v));
	const values: (number | null)[] = [0, 0, 0, 0];
	for (const { asOf, rows } of iterateBoardHistorySnapshots(db, board, f)) {
		const unknown = [...new Set(rows.map((r) => r[3]).filter((id): id is number => id !== null && !nameCells.has(id)))];
		for (const [id, model, family, release, variants] of namesWithResolutions(db, unknown))
			nameCells.set(id, [model, family, release, variants ? (JSON.parse(variants) as string[]).join(LIST_SEPARATOR) : ''].map(csvField).join(','));
		const prefix = `${boardCell},${csvField(asOf)},`;
		let block = '';
		let inBlock = 0;
		for (const r of rows) {
			const name = r[3] === null ? `${csvField(r[4])},,,` : nameCells.get(r[3])!;
			values[0] = r[7];
			values[1] = r[8];
			values[2] = r[9];
			values[3] = r[10];
			block += `${prefix}${rank(r[0])},${rank(r[1])},${rank(r[2])},${name},${text(r[5])},${text(r[6])},${numberCells(values)}${suffix}`;
			inBlock++;
			// Blocks stay well under V8's large-object size: strings above it are freed only by a full
			// collection, and a million-row export would hold hundreds of them until one ran.
			if (block.length >= BLOCK_CHARS) {
				yield { text: block, rows: inBlock };
				block = '';
				inBlock = 0;
			}
		}
		if (inBlock) yield { text: block, rows: inBlock };
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

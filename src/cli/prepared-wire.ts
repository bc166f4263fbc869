import type { PreparedFile } from '../lib/server/ingest/import-files';
import type { PreparedRow } from '../lib/snapshots/rows';
import type { ExtraValue } from '../lib/snapshots/snapshot';

// A prepared file as the parse worker posts it, each snapshot's rows in columns. Posted as objects, the
// rows were decoded by the writing thread a property at a time (structured clone): a fifth of a second
// of the recorded import's writer, which is the thread the import waits for. Columns are a few arrays
// per snapshot, and the rows are made again here in one pass.

/**
 * The numbers of a row, in this order, NUMBERS_PER_ROW to a row; null is NaN (as SQLite stores NaN: NULL).
 * `rowsOf` spells the order out (an object literal: built by key it took twice as long).
 */
const NUMBERS = ['rank', 'rankLower', 'rankUpper', 'score', 'ciLower', 'ciUpper', 'votes'] as const;
const NUMBERS_PER_ROW = NUMBERS.length;

interface RowColumns {
	rowKey: string[];
	model: string[];
	organization: (string | null)[];
	license: (string | null)[];
	numbers: Float64Array;
	needsReview: Uint8Array;
	/** Null when no row has extras; then each row's, or null. */
	extras: (Record<string, ExtraValue> | null)[] | null;
	/** By row index, for the few rows that have one. */
	fingerprints: Record<number, string>;
}

type Snapshots = Extract<PreparedFile['parsed'], { kind: 'snapshots' }>;
type WireSnapshot = Omit<Snapshots['snapshots'][number], 'rows'> & { rows: RowColumns };
export type WirePreparedFile = Omit<PreparedFile, 'parsed'> & {
	parsed: Exclude<PreparedFile['parsed'], Snapshots> | (Omit<Snapshots, 'snapshots'> & { snapshots: WireSnapshot[] });
};

function columnsOf(rows: PreparedRow[]): RowColumns {
	const numbers = new Float64Array(rows.length * NUMBERS_PER_ROW);
	const needsReview = new Uint8Array(rows.length);
	const fingerprints: Record<number, string> = {};
	let extras: RowColumns['extras'] = null;
	rows.forEach((r, i) => {
		NUMBERS.forEach((k, j) => {
			numbers[i * NUMBERS_PER_ROW + j] = r[k] ?? Number.NaN;
		});
		needsReview[i] = r.needsReview ? 1 : 0;
		if (r.fingerprint !== undefined) fingerprints[i] = r.fingerprint;
		if (r.extras) (extras ??= rows.map(() => null))[i] = r.extras;
	});
	return {
		rowKey: rows.map((r) => r.rowKey),
		model: rows.map((r) => r.model),
		organization: rows.map((r) => r.organization ?? null),
		license: rows.map((r) => r.license ?? null),
		numbers,
		needsReview,
		extras,
		fingerprints
	};
}

const orNull = (n: number) => (Number.isNaN(n) ? null : n);

function rowsOf(c: RowColumns): PreparedRow[] {
	return c.rowKey.map((rowKey, i): PreparedRow => {
		const at = i * NUMBERS_PER_ROW;
		const row: PreparedRow = {
			rowKey,
			rank: c.numbers[at],
			rankLower: orNull(c.numbers[at + 1]),
			rankUpper: orNull(c.numbers[at + 2]),
			model: c.model[i],
			organization: c.organization[i],
			license: c.license[i],
			score: orNull(c.numbers[at + 3]),
			ciLower: orNull(c.numbers[at + 4]),
			ciUpper: orNull(c.numbers[at + 5]),
			votes: orNull(c.numbers[at + 6]),
			needsReview: c.needsReview[i] === 1
		};
		const extras = c.extras?.[i];
		if (extras) row.extras = extras;
		if (i in c.fingerprints) row.fingerprint = c.fingerprints[i];
		return row;
	});
}

/** The prepared file as the worker posts it. */
export function toWire(file: PreparedFile): WirePreparedFile {
	if (file.parsed.kind !== 'snapshots') return file as WirePreparedFile;
	return { ...file, parsed: { ...file.parsed, snapshots: file.parsed.snapshots.map((s) => ({ ...s, rows: columnsOf(s.rows) })) } };
}

/** The prepared file the worker posted, its rows made again. */
export function fromWire(file: WirePreparedFile): PreparedFile {
	if (file.parsed.kind !== 'snapshots') return file as PreparedFile;
	return { ...file, parsed: { ...file.parsed, snapshots: file.parsed.snapshots.map((s) => ({ ...s, rows: rowsOf(s.rows) })) } };
}

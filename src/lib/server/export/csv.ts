import { stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import type { Readable } from 'node:stream';

export type CsvCell = string | number | boolean | null | undefined;

/** A text cell that is just a number ("-3", "+1.5e3") is a value, not a formula: it is left alone. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Spreadsheets run text cells that start with = + - @ (or a tab / CR) as formulas; a leading
 * apostrophe keeps them text. Numbers stay numbers: -3 is a value, "-3 (est.)" is text.
 */
export function neutraliseFormula(value: CsvCell): CsvCell {
	if (typeof value !== 'string') return value;
	return /^[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

const options = {
	header: true,
	record_delimiter: '\r\n',
	// RFC 4180: a field holding a line break must be quoted. csv-stringify only quotes the record
	// delimiter itself (CRLF), so a bare LF or CR would otherwise split the row for every reader.
	quoted_match: /^\s|\s$|[\r\n]/,
	cast: {
		boolean: (v: boolean) => (v ? 'true' : 'false'),
		number: (v: number) => (Number.isFinite(v) ? String(v) : '')
	}
} as const;

function toRecord(row: Record<string, CsvCell>, columns: string[]): CsvCell[] {
	return columns.map((c) => {
		const v = row[c];
		return v === null || v === undefined ? '' : neutraliseFormula(v);
	});
}

/** RFC 4180 CSV (header row, CRLF, UTF-8) of whole rows in memory: for small tables and the CLI. */
export function toCsv(rows: Record<string, CsvCell>[], columns: string[]): string {
	return stringifySync(
		rows.map((r) => toRecord(r, columns)),
		{ ...options, columns }
	);
}

/**
 * The same CSV as `toCsv`, as text chunks of about `chunkBytes` each, produced only when the consumer
 * asks for the next one: a pull-based HTTP body or a file write loop keeps memory flat however many
 * rows there are. The header comes first even when there are no rows.
 */
export function* csvChunks(rows: Iterable<Record<string, CsvCell>>, columns: string[], chunkBytes = 64 * 1024): Generator<string, void, undefined> {
	const header = stringifySync([], { ...options, columns });
	let batch: CsvCell[][] = [];
	let pending = header;
	let estimate = header.length;
	for (const row of rows) {
		const record = toRecord(row, columns);
		batch.push(record);
		for (const cell of record) estimate += typeof cell === 'string' ? cell.length + 1 : 12;
		if (estimate >= chunkBytes) {
			yield pending + stringifySync(batch, { ...options, header: false, columns });
			batch = [];
			pending = '';
			estimate = 0;
		}
	}
	if (batch.length > 0 || pending) yield pending + (batch.length ? stringifySync(batch, { ...options, header: false, columns }) : '');
}

/** The same CSV, streamed row by row from an iterator so a million-row export runs in flat memory. */
export function csvStream(rows: Iterable<Record<string, CsvCell>>, columns: string[]): Readable {
	const stringifier = stringify({ ...options, columns });
	const iterator = rows[Symbol.iterator]();
	let finished = false;
	const pump = () => {
		while (!finished) {
			const next = iterator.next();
			if (next.done) {
				finished = true;
				stringifier.end();
				return;
			}
			if (!stringifier.write(toRecord(next.value, columns))) {
				stringifier.once('drain', pump);
				return;
			}
		}
	};
	queueMicrotask(pump);
	return stringifier;
}

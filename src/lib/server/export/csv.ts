import { stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import type { Readable } from 'node:stream';

export type CsvCell = string | number | boolean | null | undefined;

/**
 * Spreadsheets run text cells that start with = + - @ (or a tab / CR) as formulas; a leading
 * apostrophe keeps them text. Numbers stay numbers: -3 is a value, "-3 (est.)" is text.
 */
export function neutraliseFormula(value: CsvCell): CsvCell {
	if (typeof value !== 'string') return value;
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const options = {
	header: true,
	record_delimiter: '\r\n',
	quoted_match: /^\s|\s$/,
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

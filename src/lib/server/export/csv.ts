export type CsvCell = string | number | boolean | null | undefined;

/** A text cell that is just a number ("-3", "+1.5e3") is a value, not a formula: it is left alone. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Spreadsheets run text cells that start with = + - @ (or a tab / CR) as formulas; a leading
 * apostrophe keeps them text. Numbers stay numbers: -3 is a value, "-3 (est.)" is text.
 */
export function neutraliseFormula(value: CsvCell): CsvCell {
	if (typeof value !== 'string') return value;
	return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

// A field is quoted when it holds a comma, a quote, CR, LF or a byte-order mark, or starts or ends with
// a space (which spreadsheets would trim); quotes inside are doubled. Records end with CRLF (RFC 4180).
// Written here rather than with a CSV library: a million-row export spends its time in this loop, and
// this is twice as fast as Papa Parse's unparse for the same bytes.
const NEEDS_QUOTES = /[",\r\n\ufeff]|^ | $/;

function field(v: string | number | boolean): string {
	if (typeof v !== 'string') return String(v);
	return NEEDS_QUOTES.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** One cell as it appears in the CSV text: encoded, and quoted when it must be. */
export function csvField(v: CsvCell): string {
	return field(csvCell(v));
}

/** One CSV cell as written: empty for null, numbers and booleans as text, formulas neutralised. */
export function csvCell(v: CsvCell): string | number | boolean {
	if (v === null || v === undefined) return '';
	if (typeof v === 'number') return Number.isFinite(v) ? v : '';
	return neutraliseFormula(v) as string | boolean;
}

function toRecord(row: Record<string, CsvCell>, columns: string[]): (string | number | boolean)[] {
	return columns.map((c) => csvCell(row[c]));
}

/** Records of ready cells as CSV text, every record ending in CRLF. */
export function encodeRecords(records: (string | number | boolean)[][]): string {
	let out = '';
	for (const record of records) {
		let line = record.length ? field(record[0]) : '';
		for (let i = 1; i < record.length; i++) line += ',' + field(record[i]);
		out += line + '\r\n';
	}
	return out;
}

/** RFC 4180 CSV (header row, CRLF, UTF-8) of whole rows in memory: for small tables and the CLI. */
export function toCsv(rows: Record<string, CsvCell>[], columns: string[]): string {
	return encodeRecords([columns, ...rows.map((r) => toRecord(r, columns))]);
}

/**
 * The same CSV as `toCsv`, as text chunks of about `chunkBytes` each, produced only when the consumer
 * asks for the next one: a pull-based HTTP body or a file write loop keeps memory flat however many
 * rows there are. The header comes first even when there are no rows.
 */
export function* csvChunks(rows: Iterable<Record<string, CsvCell>>, columns: string[], chunkBytes = 64 * 1024): Generator<string, void, undefined> {
	yield* recordChunks(
		(function* () {
			for (const row of rows) yield toRecord(row, columns);
		})(),
		columns,
		chunkBytes
	);
}

function* recordChunks(records: Iterable<(string | number | boolean)[]>, columns: string[], chunkBytes = 64 * 1024): Generator<string, void, undefined> {
	let pending = encodeRecords([columns]);
	let batch: (string | number | boolean)[][] = [];
	let estimate = pending.length;
	for (const record of records) {
		batch.push(record);
		for (const cell of record) estimate += typeof cell === 'string' ? cell.length + 1 : 12;
		if (estimate >= chunkBytes) {
			yield pending + encodeRecords(batch);
			batch = [];
			pending = '';
			estimate = 0;
		}
	}
	if (batch.length > 0 || pending) yield pending + encodeRecords(batch);
}

/**
 * CSV chunks from blocks of records already encoded (each ending in CRLF), after the header; blocks
 * smaller than `chunkBytes` are joined so a short block does not cost a write of its own.
 */
export function* textChunks(blocks: Iterable<string>, columns: string[], chunkBytes = 64 * 1024): Generator<string, void, undefined> {
	let pending = encodeRecords([columns]);
	for (const block of blocks) {
		pending += block;
		if (pending.length >= chunkBytes) {
			yield pending;
			pending = '';
		}
	}
	if (pending) yield pending;
}

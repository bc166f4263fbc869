import { toCsv, type CsvCell } from '../lib/server/export/csv';
import type { OutputFormat } from './args';

export type Row = Record<string, unknown>;

function columnsOf(rows: Row[], preferred: string[]): string[] {
	const cols = [...preferred];
	for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
	return cols;
}

function cellForCsv(v: unknown): CsvCell {
	if (v === null || v === undefined) return null;
	if (typeof v === 'object') return JSON.stringify(v);
	return v as CsvCell;
}

function cellForTable(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (Array.isArray(v)) return v.join(', ');
	if (typeof v === 'object') return JSON.stringify(v);
	return String(v);
}

/** Nested objects become dotted columns (`ranks.lmarena-text`) so CSV and tables stay flat; arrays are joined. */
export function flattenRow(row: Row, prefix = ''): Row {
	const out: Row = {};
	for (const [k, v] of Object.entries(row)) {
		if (v !== null && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flattenRow(v as Row, `${prefix}${k}.`));
		else out[`${prefix}${k}`] = Array.isArray(v) ? v.join(' ') : v;
	}
	return out;
}

/**
 * The CLI's output contract: `json` is one array of flat objects (numbers as numbers, never paged),
 * `csv` the same columns as RFC 4180 CSV, `table` aligned text for people.
 */
export function renderRows(rows: Row[], format: OutputFormat, preferred: string[] = []): string {
	if (format === 'json') return JSON.stringify(rows, null, 2) + '\n';
	rows = rows.map((r) => flattenRow(r));
	const columns = columnsOf(rows, preferred);
	if (format === 'csv') return toCsv(rows.map((r) => Object.fromEntries(columns.map((c) => [c, cellForCsv(r[c])]))), columns);
	if (rows.length === 0) return '(no rows)\n';
	const cells = rows.map((r) => columns.map((c) => cellForTable(r[c])));
	const widths = columns.map((c, i) => Math.min(60, Math.max(c.length, ...cells.map((row) => row[i].length))));
	const line = (vals: string[]) =>
		vals
			.map((v, i) => (v.length > widths[i] ? v.slice(0, widths[i] - 1) + '…' : v.padEnd(widths[i])))
			.join('  ')
			.trimEnd();
	return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

import type { CsvCell } from './csv';

/** What a list becomes in one CSV cell: items joined with "; " (board ids, variant tags, suggestions). */
export const LIST_SEPARATOR = '; ';

function cell(v: unknown): CsvCell {
	if (v === null || v === undefined) return null;
	if (Array.isArray(v)) return v.map((x) => (x !== null && typeof x === 'object' ? JSON.stringify(x) : String(x))).join(LIST_SEPARATOR);
	if (typeof v === 'object') return JSON.stringify(v);
	return v as CsvCell;
}

/**
 * A JSON row as one flat CSV record: nested objects become dotted columns (`ranks.lmarena-text`,
 * `checkpoint.name`), lists are joined with "; ", numbers and booleans stay what they are.
 */
export function flattenRecord(row: Record<string, unknown>, prefix = '', out: Record<string, CsvCell> = {}): Record<string, CsvCell> {
	for (const [k, v] of Object.entries(row)) {
		if (v !== null && typeof v === 'object' && !Array.isArray(v)) flattenRecord(v as Record<string, unknown>, `${prefix}${k}.`, out);
		else out[`${prefix}${k}`] = cell(v);
	}
	return out;
}

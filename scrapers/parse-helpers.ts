import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parse as parseCsvSync } from 'csv-parse/sync';
import type * as cheerio from 'cheerio';
import { ParseError } from '../src/lib/catalogue/errors';
import type { ParsedRow } from '../src/lib/snapshots/snapshot';

const requireCjs = createRequire(import.meta.url);
let cheerioLoad: typeof cheerio.load | null = null;

/**
 * `cheerio.load` from the module of cheerio's that defines it. The package's entry adds `fromURL` and
 * friends, which load undici: 0.15 s of the recorded import's writing thread and 0.08 s of its parse
 * worker, for code nothing here calls. Should a cheerio release move that module, the entry serves.
 */
function cheerioLoader(): typeof cheerio.load {
	const entry = requireCjs.resolve('cheerio');
	try {
		return (requireCjs(join(dirname(entry), 'load-parse.js')) as typeof cheerio).load;
	} catch {
		return (requireCjs(entry) as typeof cheerio).load;
	}
}

/**
 * `cheerio.load`, with cheerio loaded by the first page parsed: it brings parse5, which a command that
 * parses no HTML, or a parse worker before its first HTML file, should not pay. Its CommonJS build,
 * loaded synchronously, as the parsers are.
 */
export function loadHtml(html: string): cheerio.CheerioAPI {
	cheerioLoad ??= cheerioLoader();
	return cheerioLoad(html);
}

/**
 * `parse` remembered for the last text it was given: formats are tried one after another on the same
 * document, and a file should be parsed once, not by every detector and again by its parser. A text
 * that fails is not remembered (the error is thrown again for it).
 */
function rememberLast<T>(parse: (text: string) => T): (text: string) => T {
	let last: { text: string; value: T } | null = null;
	return (text) => {
		if (last && last.text === text) return last.value;
		const value = parse(text);
		last = { text, value };
		return value;
	};
}

/** JSON.parse remembered for the last text (a megabyte catalog is read by several detectors). Throws SyntaxError like JSON.parse. */
export const parseJsonOnce: (text: string) => unknown = rememberLast((text) => JSON.parse(text) as unknown);

/** csv-parse's records, remembered for the last text (an arena table is read by two detectors and its parser); shared, so never changed. */
const csvRecordsOnce = rememberLast((text): readonly string[][] => {
	try {
		return parseCsvSync(text, {
			bom: true,
			relax_column_count: true,
			skip_empty_lines: true,
			trim: false
		}) as string[][];
	} catch (e) {
		throw new ParseError(`not readable as CSV: ${(e as Error).message.split('\n')[0]}`);
	}
});

export interface CsvTable {
	header: string[];
	rows: string[][];
	/** Lines (1-based, header = 1) that were shorter than the header and read as blank to the end. */
	shortLines: number[];
}

/**
 * RFC 4180 CSV via csv-parse; a ragged last line (a truncated download) is an error, not a short row.
 * `terminated`: the format's writer always ends the file with a line break, so a file without one
 * was cut off — the only sign left when a download stops between two fields.
 * `shortRows: 'blank'`: a short line before the last reads as blank cells to the end, for files whose
 * own site reads them that way (a header-keyed CSV reader leaves the missing fields undefined);
 * otherwise it is an error.
 */
export function parseCsv(text: string, opts: { terminated?: boolean; shortRows?: 'error' | 'blank' } = {}): CsvTable {
	const records = csvRecordsOnce(text);
	if (records.length === 0) throw new ParseError('the file is empty');
	const [header, ...rows] = records;
	const width = header.length;
	const shortLines: number[] = [];
	rows.forEach((r, i) => {
		if (r.length >= width) return;
		if (i === rows.length - 1) throw new ParseError(`truncated: the last line has ${r.length} of ${width} columns`);
		if (opts.shortRows !== 'blank') throw new ParseError(`line ${i + 2} has ${r.length} columns, the header has ${width}`);
		shortLines.push(i + 2);
		rows[i] = r.concat(Array<string>(width - r.length).fill(''));
	});
	if (opts.terminated && !/\n\s*$/.test(text))
		throw new ParseError('truncated: the file does not end with a line break, as every file of this format does');
	return { header: header.map((h) => h.trim()), rows, shortLines };
}

/** Index of each wanted column (case-insensitive); throws naming the first missing one. */
export function requireColumns<K extends string>(
	header: string[],
	wanted: Record<K, string | string[]>
): Record<K, number> {
	const lower = header.map((h) => h.trim().toLowerCase());
	const out = {} as Record<K, number>;
	for (const [key, names] of Object.entries(wanted) as [K, string | string[]][]) {
		const options = Array.isArray(names) ? names : [names];
		const i = options.map((n) => lower.indexOf(n.toLowerCase())).find((x) => x >= 0);
		if (i === undefined) throw new ParseError(`layout changed: no column "${options[0]}"`);
		out[key] = i;
	}
	return out;
}

export function optionalColumn(header: string[], ...names: string[]): number | null {
	const lower = header.map((h) => h.trim().toLowerCase());
	for (const n of names) {
		const i = lower.indexOf(n.toLowerCase());
		if (i >= 0) return i;
	}
	return null;
}

const EMPTY = new Set(['', '-', '—', 'n/a', 'na', 'nan', 'none', 'null', 'unknown']);

/** A number from a table cell: thousands separators, %, $, stray spaces; null for blanks and N/A. */
export function cellNumber(cell: string | undefined | null): number | null {
	if (cell === undefined || cell === null) return null;
	const t = String(cell).replace(/[\s\u00a0,$%]/g, '');
	if (EMPTY.has(t.toLowerCase())) return null;
	if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number.NaN;
	return Number(t);
}

/** A number that must be present and numeric; the message names the row and column. */
export function requireNumber(cell: string | undefined, what: string, line: number): number {
	const n = cellNumber(cell);
	if (n === null || Number.isNaN(n)) throw new ParseError(`line ${line}: ${what} ${JSON.stringify(cell ?? '')} is not a number`);
	return n;
}

export function cellText(cell: string | undefined | null): string | null {
	if (cell === undefined || cell === null) return null;
	const t = String(cell).replace(/\s+/g, ' ').trim();
	return t === '' ? null : t;
}

/**
 * Ranks rows by score, best first, giving tied scores the same (competition) rank — or, when
 * `tiesByOrder` is set, breaking ties by the board's own order so every rank is distinct.
 */
export function rankByScore<T extends { score: number }>(
	rows: T[],
	opts: { tiesByOrder?: boolean } = {}
): (T & { rank: number })[] {
	const order = rows.map((r, i) => ({ r, i })).sort((a, b) => b.r.score - a.r.score || a.i - b.i);
	let rank = 0;
	let prevScore = Number.NaN;
	return order.map(({ r }, i) => {
		if (opts.tiesByOrder || r.score !== prevScore) rank = i + 1;
		prevScore = r.score;
		return { ...r, rank };
	});
}

/** Ranks 1..N in order with no ties and no gaps: the board's own row numbers, not an upper-bound rank. */
export function isSequentialRanking(ranks: number[]): boolean {
	return ranks.every((r, i) => r === i + 1);
}

export function slug(text: string): string {
	return text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/** Guard used by parsers: a table that parsed but holds no model rows is rejected, never stored as empty. */
export function assertRows(rows: ParsedRow[], what: string): void {
	if (rows.length === 0) throw new ParseError(`empty: ${what} has no model rows`);
}

// LMArena's rank-interval rule lives with the analysis, which also applies it to derived intervals.
export { rankIntervalsFromCi } from '../src/lib/analysis/uncertainty';

interface DomNode {
	type: string;
	data?: string;
	children?: DomNode[];
}

/** What css-select's `*` matches (domhandler's `isTag`). */
const isElement = (n: DomNode) => n.type === 'tag' || n.type === 'script' || n.type === 'style';

/** Each element's own text nodes, elements in document order: the order `find('*').addBack().contents()` gives. */
function ownTextsInElementOrder(node: DomNode, parts: string[]): void {
	const children = node.children ?? [];
	for (const c of children) if (c.type === 'text') parts.push(c.data ?? '');
	for (const c of children) if (isElement(c)) ownTextsInElementOrder(c, parts);
}

/**
 * Text of a cell with its child elements' texts separated by spaces (so brand and model never glue).
 * Walked directly: through cheerio's selections it was about a quarter of parsing LMArena's overview page.
 */
export function spacedText(el: cheerio.Cheerio<never>): string {
	const parts: string[] = [];
	for (const root of el.toArray() as DomNode[]) ownTextsInElementOrder(root, parts);
	return parts.join(' ').replace(/\s+/g, ' ').trim();
}

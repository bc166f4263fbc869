import type { AppContext } from '../context';
import { csvChunks, textChunks, type CsvCell } from './csv';
import { flattenRecord } from './flatten';
import { LICENCE_COLUMNS, licenceBlock, licenceCells } from './licences';
import { encodeCursor, isOffsetCursor, type Params } from './params';


/** One row of a dataset: its JSON contract form and the sources whose data it carries. */
export interface ExportRow {
	json: Record<string, unknown>;
	sources: string[];
}

export interface Page {
	rows: ExportRow[];
	/** The cursor of the next page, or null on the last. */
	next: string | null;
}

/** A dataset with its filters applied: what the HTTP routes and `rankdrift export` serialise. */
export interface DatasetQuery {
	dataset: string;
	/** File name without extension: what and when (`lmarena-text_2025-04-11`). */
	filename: string;
	/** The filters as understood (defaults filled in), echoed in JSON. */
	query: Record<string, unknown>;
	/** Facts about the whole result (the snapshot used, boards compared…), echoed in JSON. */
	meta?: Record<string, unknown>;
	/** CSV columns before the licence columns; also the keys of each flat row. */
	columns: string[];
	/** Sources the result is about even when it has no rows (a board's own source). */
	sources: string[];
	/** Every row, produced lazily (long datasets read the database in batches). */
	rows(): Iterable<ExportRow>;
	/** One page of rows, for paginated JSON; absent when the dataset is always returned whole. */
	page?(params: Params, limit: number): Page;
	/** A flat CSV record of a JSON row, when plain flattening is not what a spreadsheet wants. */
	flat?(json: Record<string, unknown>): Record<string, CsvCell>;
	/**
	 * The CSV records after the header (every column of `csvColumns`), made directly as encoded text in
	 * blocks with their row counts, for datasets long enough that going through JSON rows costs more than
	 * reading them; must equal the generic path's output byte for byte.
	 */
	csvText?(): Iterable<CsvBlock>;
}

/** Encoded CSV records, each ending in CRLF, and how many there are. */
export interface CsvBlock {
	text: string;
	rows: number;
}

export interface DatasetDefinition {
	name: string;
	summary: string;
	/** The HTTP route, `{…}` standing for the id (`/api/boards/{board}/history`). */
	path: string;
	/** What the path segment (HTTP) or positional argument (CLI) names, when the dataset takes one. */
	id?: 'board' | 'family' | 'organization' | 'source';
	/** Filter names, as query parameters (`include_stale`) and CLI options (`--include-stale`). */
	params: string[];
	paginated: boolean;
	open(ctx: AppContext, id: string | null, params: Params): DatasetQuery;
}

export function flatRow(q: DatasetQuery, row: ExportRow): Record<string, CsvCell> {
	const flat = q.flat ? q.flat(row.json) : flattenRecord(row.json);
	return { ...flat, ...licenceCells(row.sources) };
}

export function csvColumns(q: DatasetQuery): string[] {
	return [...q.columns.filter((c) => !(LICENCE_COLUMNS as readonly string[]).includes(c)), ...LICENCE_COLUMNS];
}

function* mapEach<S, T>(items: Iterable<S>, f: (item: S) => T): Generator<T> {
	for (const item of items) yield f(item);
}

/** The whole dataset as RFC 4180 CSV text chunks, pulled one at a time. */
export function csvOf(q: DatasetQuery): Generator<string, void, undefined> {
	if (q.csvText) return textChunks(mapEach(q.csvText(), (b) => b.text), csvColumns(q));
	return csvChunks(mapEach(q.rows(), (r) => flatRow(q, r)), csvColumns(q));
}

/**
 * The whole dataset as one JSON array of flat rows (the CSV's columns, numbers as numbers), in chunks,
 * formatted like every other `--format json` of the CLI.
 */
export function* jsonArrayOf(q: DatasetQuery): Generator<string, void, undefined> {
	const columns = csvColumns(q);
	let first = true;
	for (const r of q.rows()) {
		const flat = flatRow(q, r);
		const ordered = Object.fromEntries(columns.map((c) => [c, flat[c] ?? null]));
		yield `${first ? '[\n' : ',\n'}  ${JSON.stringify(ordered, null, 2).replace(/\n/g, '\n  ')}`;
		first = false;
	}
	yield first ? '[]\n' : '\n]\n';
}

export interface JsonEnvelope {
	dataset: string;
	query: Record<string, unknown>;
	[meta: string]: unknown;
	license: Record<string, { name: string; url: string | null }>;
	attribution: Record<string, string>;
	count: number;
	next_cursor?: string | null;
	data: Record<string, unknown>[];
}

/** The JSON response: the rows of one page (or all), with the licence and attribution of every source they carry. */
export function jsonOf(q: DatasetQuery, params: Params, paginated: boolean, limit: number): JsonEnvelope {
	const page: Page = paginated && q.page ? q.page(params, limit) : { rows: [...q.rows()], next: null };
	const sources = [...q.sources];
	for (const r of page.rows) for (const s of r.sources) if (!sources.includes(s)) sources.push(s);
	const { license, attribution } = licenceBlock(sources);
	return {
		dataset: q.dataset,
		query: paginated ? { ...q.query, limit } : q.query,
		...q.meta,
		license,
		attribution,
		count: page.rows.length,
		...(paginated ? { next_cursor: page.next } : {}),
		data: page.rows.map((r) => r.json)
	};
}

/** Paging over a list computed whole: offset cursors. */
export function offsetPage(all: ExportRow[], params: Params, limit: number): Page {
	const start = params.cursor(isOffsetCursor)?.o ?? 0;
	const end = start + limit;
	return { rows: all.slice(start, end), next: end < all.length ? encodeCursor({ o: end }) : null };
}

/** File-name part from an id: `lmarena-text/coding` → `lmarena-text-coding`, anything odd → `-`. */
export function filePart(s: string): string {
	return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'x';
}

import type { ParsedRow, ParsedSnapshot } from '../../../src/lib/snapshots/snapshot';
import { FetchError, ParseError } from '../../../src/lib/catalogue/errors';
import { parseJsonOnce, rankIntervalsFromCi } from '../../parse-helpers';
import { decodeText } from '../../../src/lib/catalogue/documents';
import type { FetchContext, FetchedDocument, Settings, SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { settingText } from '../../../src/lib/catalogue';
import { DATASET_ROWS_URL } from '../../../src/lib/catalogue/sources/lmarena';
import { canonicalCategory } from './categories';
import { readDatasetParquet } from './dataset-parquet';
import { namesStyleControl, seriesBoard } from './shared';

export interface DatasetRow {
	model_name: string;
	organization?: string | null;
	license?: string | null;
	rating: number;
	rating_lower?: number | null;
	rating_upper?: number | null;
	vote_count?: number | null;
	rank?: number | null;
	category: string;
	leaderboard_publish_date: string;
}

interface RowsPage {
	rows: { row_idx?: number; row: DatasetRow }[];
	num_rows_total?: number;
	/** Added by our fetcher: which dataset config the rows came from, and how it had to read them. */
	config?: string;
	note?: string;
}

function parsePage(text: string): RowsPage | null {
	if (!text.trimStart().startsWith('{')) return null;
	try {
		const data = parseJsonOnce(text) as RowsPage;
		return Array.isArray(data?.rows) && (data.rows.length === 0 || typeof data.rows[0]?.row === 'object') ? data : null;
	} catch {
		return null;
	}
}

const PUBLISH_DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * Rows of LMArena's official dataset (`lmarena-ai/leaderboard-dataset`) as the HF datasets-server
 * returns them. `overall` is the board itself, other categories `<board>/<category>`; the publish
 * date is the as-of date, and when `latest` holds several publish dates only the newest is kept.
 */
export function datasetRowsFormat(board: string, subBoardOf: (config: string) => string | null): SnapshotFormat {
	return {
		name: 'dataset-rows-json',
		description: 'HF datasets-server /rows JSON of lmarena-ai/leaderboard-dataset (rank = upper-bound rank; publish date given)',
		// Known by its opening as well, so a cut-off download is told as damaged, not as unrecognised.
		detect: (doc) => {
			if (/^\s*\{[^]{0,2000}"leaderboard_publish_date"/.test(doc.text.slice(0, 2100)) && /"rows"\s*:/.test(doc.text.slice(0, 2100))) return true;
			const p = parsePage(doc.text);
			return !!p && (p.rows.length === 0 || 'leaderboard_publish_date' in p.rows[0].row);
		},
		parse(doc) {
			const page = parsePage(doc.text);
			if (!page) throw new ParseError('not a datasets-server rows page: not valid JSON (cut off or damaged)');
			if (page.rows.length === 0) throw new ParseError('empty: the dataset returned no rows');
			const adjustment = namesStyleControl(page.config ?? doc.path) ? 'style-control' : 'none';
			const sub = page.config ? subBoardOf(page.config) : null;
			const arenaBoard = sub ? `${board}/${sub}` : board;
			const rows = page.rows.map((r, i) => {
				const row = r.row;
				if (!row || typeof row.model_name !== 'string' || typeof row.category !== 'string')
					throw new ParseError(`row ${i + 1}: model_name or category missing`);
				if (typeof row.rating !== 'number') throw new ParseError(`row ${i + 1} (${row.model_name}): rating is not a number`);
				if (typeof row.leaderboard_publish_date !== 'string' || !PUBLISH_DATE.test(row.leaderboard_publish_date))
					throw new ParseError(`row ${i + 1} (${row.model_name}): leaderboard_publish_date missing`);
				return row;
			});
			const newest = rows.reduce((d, r) => (r.leaderboard_publish_date > d ? r.leaderboard_publish_date : d), '');
			const warnings = [
				...(rows.some((r) => r.leaderboard_publish_date !== newest) ? [`older publish dates in the response were ignored; kept ${newest.slice(0, 10)}`] : []),
				...(page.note ? [page.note] : [])
			];
			const byCategory = new Map<string, DatasetRow[]>();
			for (const r of rows) {
				if (r.leaderboard_publish_date !== newest) continue;
				const list = byCategory.get(r.category) ?? [];
				list.push(r);
				byCategory.set(r.category, list);
			}
			return [...byCategory].map(([category, list]): ParsedSnapshot => {
				const sorted = [...list].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || b.rating - a.rating);
				const intervals = rankIntervalsFromCi(sorted.map((r) => ({ ciLower: r.rating_lower ?? null, ciUpper: r.rating_upper ?? null })));
				const hasRank = sorted.every((r) => typeof r.rank === 'number');
				const parsed = sorted.map((r, i): ParsedRow => {
					const rank = hasRank ? r.rank! : i + 1;
					return {
						rowKey: r.model_name,
						rank,
						rankLower: intervals[i] ? Math.min(rank, intervals[i]!.best) : null,
						rankUpper: intervals[i] ? Math.max(rank, intervals[i]!.worst) : null,
						model: r.model_name,
						organization: r.organization ?? null,
						license: r.license ?? null,
						score: r.rating,
						ciLower: r.rating_lower ?? null,
						ciUpper: r.rating_upper ?? null,
						votes: r.vote_count ?? null
					};
				});
				return {
					board: seriesBoard(arenaBoard, canonicalCategory(category), adjustment),
					publishedAsOf: newest.slice(0, 10),
					feed: 'official-dataset',
					rankSemantics: hasRank ? 'ub' : 'computed',
					adjustment,
					methodVersion: null,
					rows: parsed,
					warnings
				};
			});
		}
	};
}

/** The categories a run keeps: every one the data holds, unless RANKDRIFT_LMARENA_CATEGORIES names some (any feed's spelling). */
function wantedCategories(settings: Settings): Set<string> | null {
	const list = settingText(settings, 'RANKDRIFT_LMARENA_CATEGORIES')?.split(',').map((c) => c.trim()).filter(Boolean);
	return list?.length ? new Set(list.map(canonicalCategory)) : null;
}

const PAGE_LENGTH = 100;
const MAX_PAGES = 400;

/** `…/<config>/latest-00000-of-00001.parquet` or `…/rows?…&config=<config>` → the config. */
export function datasetConfigOf(url: string): string {
	const u = new URL(url);
	return u.searchParams.get('config') ?? u.pathname.split('/').slice(-2, -1)[0] ?? 'text';
}

function rowsDocument(origin: string, status: number, config: string, rows: RowsPage['rows'], note?: string): FetchedDocument {
	const body = JSON.stringify({ config, rows, num_rows_total: rows.length, ...(note ? { note } : {}) });
	return { origin, status, mediaType: 'application/json', bytes: new TextEncoder().encode(body), name: `rows-${config}.json` };
}

/**
 * Pages through `/rows` (at most 100 rows a request). With categories named, stops once they have all
 * been read and a later one begins, since rows come grouped by category.
 */
async function fetchRowsPages(ctx: FetchContext, rowsUrl: string, note?: string): Promise<FetchedDocument> {
	const wanted = wantedCategories(ctx.settings);
	const base = new URL(rowsUrl);
	const config = datasetConfigOf(rowsUrl);
	const collected: RowsPage['rows'] = [];
	const done = new Set<string>();
	let current: string | null = null;
	let total = Infinity;
	let status = 200;
	let offset = 0;
	for (let page = 0; page < MAX_PAGES && offset < total; page++) {
		const url = new URL(base);
		url.searchParams.set('offset', String(offset));
		url.searchParams.set('length', String(PAGE_LENGTH));
		const res = await ctx.http.get(url.toString(), { accept: 'application/json' });
		status = res.status;
		const data = parsePage(decodeText(res.bytes).text);
		if (!data) throw new FetchError(`unexpected answer from the dataset server at offset ${offset} (not a rows page)`, { status: res.status, attempts: res.attempts, body: res.bytes });
		total = data.num_rows_total ?? total;
		if (data.rows.length === 0) break;
		let passedWanted = false;
		for (const r of data.rows) {
			const category = canonicalCategory(r.row?.category ?? '');
			if (category !== current) {
				if (current !== null) done.add(current);
				current = category;
			}
			if (!wanted || wanted.has(category)) collected.push(r);
			if (wanted && [...wanted].every((c) => done.has(c)) && !wanted.has(category)) passedWanted = true;
		}
		offset += data.rows.length;
		if (passedWanted) break;
	}
	return rowsDocument(rowsUrl, status, config, collected, note);
}

/**
 * A config's `latest` split: its parquet file in one request, or, when that cannot be had or read,
 * the rows pages (`RANKDRIFT_LMARENA_ROWS_URL` points them elsewhere). A URL that is itself a rows
 * URL is paged directly.
 */
export async function fetchDataset(ctx: FetchContext): Promise<FetchedDocument> {
	const config = datasetConfigOf(ctx.url);
	const rowsUrl = (base: string) => `${base}${base.includes('?') ? '&' : '?'}config=${encodeURIComponent(config)}&split=latest`;
	if (!new URL(ctx.url).pathname.endsWith('.parquet')) return fetchRowsPages(ctx, ctx.url);
	try {
		const res = await ctx.http.get(ctx.url, { accept: 'application/octet-stream' });
		const wanted = wantedCategories(ctx.settings);
		const rows = (await readDatasetParquet(res.bytes)).filter((r) => !wanted || wanted.has(canonicalCategory(String(r.category))));
		return rowsDocument(ctx.url, res.status, config, rows.map((row, i) => ({ row_idx: i, row })));
	} catch (e) {
		if (!(e instanceof FetchError || e instanceof ParseError)) throw e;
		return fetchRowsPages(ctx, rowsUrl(settingText(ctx.settings, 'RANKDRIFT_LMARENA_ROWS_URL') ?? DATASET_ROWS_URL), `read from the rows pages: the parquet file failed (${e.message})`);
	}
}

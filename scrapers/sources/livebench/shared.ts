import { splitFootnote } from '../../../src/lib/snapshots/scrape-artefacts';
import type { ExtraValue, ParsedRow, ParsedSnapshot } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import { assertRows, cellNumber, cellText, rankByScore } from '../../parse-helpers';

export const BOARD = 'livebench';

const RELEASE_FILE = /^table_(\d{4})_(\d{2})_(\d{2})\.csv$/i;
const RELEASE_FOLDER = /^table_(\d{4})_(\d{2})_(\d{2})$/i;

/**
 * The question-set release a table belongs to, as `YYYY-MM-DD`: the site serves `table_<RELEASE>.csv`,
 * and the git-history recordings keep each release's tables in a `table_<RELEASE>/` folder.
 * Accepts a file name, a path or a URL.
 */
export function releaseOf(pathOrName: string): string | null {
	const parts = pathOrName.split(/[\\/?#]/).filter(Boolean);
	const file = parts.at(-1) ?? '';
	const m = file.match(RELEASE_FILE) ?? (parts.length > 1 ? parts.at(-2)!.match(RELEASE_FOLDER) : null);
	return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** `2025-05-30` → `categories_2025_05_30.json`, the file the site loads beside `table_2025_05_30.csv`. */
export function categoriesFileName(release: string): string {
	return `categories_${release.replaceAll('-', '_')}.json`;
}

/** `Agentic Coding Average` / `Agentic Coding` → `agentic_coding_average`: one extras key per category in every format. */
export function categoryExtraKey(category: string): string {
	const base = category
		.replace(/\s*average\s*$/i, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_|_$/g, '');
	return `${base}_average`;
}

/** The site shows averages with `toFixed(2)` and sorts by that shown value, so ties are ties on the site too. */
export function shown(n: number): number {
	return Number(n.toFixed(2));
}

/** Mean of the numbers present, or null when none is (the site's `calculateAverage`: blank and N/A cells are skipped). */
export function meanOfPresent(values: (number | null)[]): number | null {
	const present = values.filter((v): v is number => v !== null);
	return present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
}

/**
 * A score cell: a number, or null for blank / N/A / NaN (a task not run, or an average the site
 * could not compute); anything else means the layout is not what we think.
 */
export function scoreCell(cell: string | undefined, what: string, line: number): number | null {
	const n = cellNumber(cell);
	if (Number.isNaN(n)) throw new ParseError(`line ${line}: ${what} ${JSON.stringify(cell ?? '')} is not a number`);
	return n;
}

/**
 * The model cell of a rendered table. The page prints some footnotes after the name and scrapes
 * flatten them into the cell; the footnote is kept as an extra so the name is the model's alone.
 */
export function renderedModel(cell: string | undefined, line: number): { model: string; extras: Record<string, ExtraValue> } {
	const text = cellText(cell);
	if (!text) throw new ParseError(`line ${line}: model name is empty`);
	const { name, footnote } = splitFootnote(text);
	return { model: name, extras: footnote ? { footnote } : {} };
}

export interface ScoredRow {
	model: string;
	organization?: string | null;
	/** Global Average as the site shows it; null when the site could not compute one. */
	score: number | null;
	extras: Record<string, ExtraValue>;
	/** Why the row has no score (`no IF score`), for the warning. */
	missing?: string;
}

/**
 * Ranks by the Global Average as the site sorts by default: higher first, equal shown values share a rank.
 * Rows without a Global Average cannot be placed and are left out, named in a warning.
 */
export function rankedSnapshot(rows: ScoredRow[], opts: { feed: ParsedSnapshot['feed']; methodVersion: string | null; warnings?: string[] }): ParsedSnapshot {
	const warnings = [...(opts.warnings ?? [])];
	const unscored = rows.filter((r) => r.score === null);
	if (unscored.length) {
		const names = unscored.slice(0, 5).map((r) => (r.missing ? `${r.model} (${r.missing})` : r.model));
		const more = unscored.length > 5 ? ` and ${unscored.length - 5} more` : '';
		warnings.push(`left out ${unscored.length} model(s) with no Global Average: ${names.join(', ')}${more}`);
	}
	const scored = rows.filter((r): r is ScoredRow & { score: number } => r.score !== null);
	const ranked = rankByScore(scored).map(
		(r): ParsedRow => ({
			rowKey: r.model,
			rank: r.rank,
			model: r.model,
			organization: r.organization ?? null,
			score: r.score,
			extras: r.extras
		})
	);
	if (rows.length > 0 && ranked.length === 0) throw new ParseError('no model has a Global Average: every row lacks a whole category');
	assertRows(ranked, 'the LiveBench table');
	return {
		board: BOARD,
		publishedAsOf: null,
		feed: opts.feed,
		rankSemantics: 'computed',
		adjustment: null,
		methodVersion: opts.methodVersion,
		rows: ranked,
		warnings
	};
}

import type { Db } from '../db/connection';
import { agreementAt, listMismatches, type MismatchRow } from '../db/analysis';
import { listFindings } from '../analysis/findings';
import type { Finding } from '../../analysis/findings';
import { familyLabels } from '../db/identity';
import { dataVersion } from '../db/versions';
import { LruCache } from '../../lru-cache';
import { headlineBoards } from '../analysis/analyze';
import { mostDivergentAt, type DivergenceReport } from '../analysis/reports';
import type { DivergenceRow } from '../../analysis/divergence';
import { addDays } from '../../dates';
import { boardsAsOf, type BoardListItem } from './board-list';
import { primaryBoards } from '../../catalogue';
import { ViewCache } from '../analysis/views';
import { rankSpread, type SpreadRow } from '../../analysis/spread';
import type { SnapshotView } from '../../analysis/types';
import { firstSnapshotDate } from '../db/snapshots';
import { isStale } from '../../analysis/freshness';
import { staleDaysOf, type AppContext } from '../context';

export const OVERVIEW_DIVERGENT = 15;
export const OVERVIEW_FINDINGS = 12;
export const OVERVIEW_MISMATCHES = 20;
/** Models in the overview's dot plot: enough to show a pattern, few enough to read without scrolling. */
export const OVERVIEW_SPREAD = 12;

export interface AgreementCell {
	tau: number | null;
	rho: number | null;
	n: number;
	/** The date the pair was last compared (both boards fresh then). */
	date: string;
	/** Whether that comparison is older than the staleness window at the page's date. */
	stale: boolean;
}

export interface AgreementMatrix {
	boards: string[];
	/** Keyed `${a}|${b}` with a < b. */
	cells: Record<string, AgreementCell>;
}

export interface OverviewData {
	/** The date asked for. */
	date: string;
	/** The date the analytics are shown for: `date`, or when every board is stale at `date` the latest at which two headline boards have data. */
	analysisDate: string;
	allStale: boolean;
	/** No board has any data on or before `date`; then the first date that has some, if any (the one date after `date` the page names). */
	noDataYet: boolean;
	firstDataDate: string | null;
	staleDays: number;
	boards: BoardListItem[];
	headline: string[];
	divergence: { rows: DivergenceRow[]; compared: DivergenceReport['boards']; excluded: DivergenceReport['excluded'] };
	/** The most divergent models' ranks on every compared board (the overview's dot plot), in the table's order. */
	spread: SpreadRow[];
	/** Boards drawn in their source's full colour (the others muted). */
	primary: string[];
	/** The latest medium and high findings up to the analysis date (within `findingsSince`). */
	findings: Finding[];
	findingsSince: string;
	mismatches: MismatchRow[];
	/** Mismatches seen on or after this date count as open. */
	mismatchesSince: string;
	matrix: AgreementMatrix;
	/** Display labels analysts gave families (the rename decision), by family id. */
	labels: Record<string, string>;
}

/** The latest date any board has data on or before `date` (null for an empty database). */
function latestDataDate(boards: BoardListItem[]): string | null {
	let latest: string | null = null;
	for (const b of boards) if (b.as_of && (!latest || b.as_of > latest)) latest = b.as_of;
	return latest;
}

/**
 * The latest date at which two headline boards had data: the second newest of their latest snapshots.
 * At the newest alone only one board may be fresh, and the overview's analytics compare boards.
 */
function latestComparableDate(boards: BoardListItem[], headline: string[]): string | null {
	const dates = boards
		.filter((b) => b.as_of && headline.includes(b.id))
		.map((b) => b.as_of!)
		.sort()
		.reverse();
	return dates[1] ?? dates[0] ?? latestDataDate(boards);
}

/** The latest agreement of every pair of headline boards on or before `date`. */
export function agreementMatrix(db: Db, headline: string[], date: string, staleDays: number): AgreementMatrix {
	const cells: Record<string, AgreementCell> = {};
	for (const r of agreementAt(db, date)) {
		if (!headline.includes(r.board_a) || !headline.includes(r.board_b)) continue;
		const [a, b] = r.board_a < r.board_b ? [r.board_a, r.board_b] : [r.board_b, r.board_a];
		cells[`${a}|${b}`] = { tau: r.kendall_tau_b, rho: r.spearman, n: r.n, date: r.date, stale: isStale(r.date, date, staleDays) };
	}
	const boards = headline.filter((b) => Object.keys(cells).some((k) => k.split('|').includes(b)));
	return { boards, cells };
}

/** How far back the overview looks for its latest findings. */
export const OVERVIEW_FINDINGS_DAYS = 90;

/** Medium- and high-severity findings, newest first, in the window up to `date` (what its CSV link downloads). */
export function latestFindings(db: Db, date: string, limit: number): { findings: Finding[]; since: string } {
	const since = addDays(date, -OVERVIEW_FINDINGS_DAYS);
	return { findings: listFindings(db, { since, until: date, minSeverity: 'medium' }).slice(0, limit), since };
}

/**
 * Variant mismatches open at `date`: first seen on or before it and seen again within the staleness
 * window before it.
 */
export function openMismatches(db: Db, date: string, staleDays: number, limit: number): MismatchRow[] {
	return listMismatches(db, { since: addDays(date, -staleDays), until: date, limit });
}

/**
 * The overview at a date: most divergent models, latest findings, open mismatches, board agreement and
 * each board's freshness. When every board is stale at the date, the analytics are shown for the
 * latest date at which two headline boards have data instead of an empty page.
 */
export function overview(ctx: AppContext, date: string): OverviewData {
	const { db } = ctx;
	const staleDays = staleDaysOf(ctx);
	// The boards' list carries source health, which changes with every scrape run: always read fresh.
	const boards = boardsAsOf(ctx, date);
	const headline = headlineBoards(db);
	const allStale = boards.length > 0 && boards.every((b) => b.stale);
	const latest = latestDataDate(boards);
	const analysisDate = allStale ? (latestComparableDate(boards, headline) ?? date) : date;
	const key = JSON.stringify([dataVersion(db), analysisDate, staleDays, headline]);
	let analysis = analyses.get(key);
	if (!analysis) analyses.set(key, (analysis = overviewAnalysis(db, headline, analysisDate, staleDays)));
	return {
		date,
		analysisDate,
		allStale,
		noDataYet: boards.length > 0 && latest === null,
		firstDataDate: latest === null ? firstSnapshotDate(db) : null,
		staleDays,
		boards,
		headline,
		primary: primaryBoards(),
		...analysis
	};
}

type OverviewAnalysis = Pick<OverviewData, 'divergence' | 'spread' | 'findings' | 'findingsSince' | 'mismatches' | 'mismatchesSince' | 'matrix' | 'labels'>;

// The analysis part of the overview changes only with new data or analysis.
const analyses = new LruCache<string, OverviewAnalysis>(16);

function overviewAnalysis(db: Db, headline: string[], analysisDate: string, staleDays: number): OverviewAnalysis {
	const report = mostDivergentAt(db, { date: analysisDate, staleDays }, OVERVIEW_DIVERGENT);
	const latest = latestFindings(db, analysisDate, OVERVIEW_FINDINGS);
	const views = new ViewCache(db);
	const compared = report.boards.map((b) => views.inForce(b.board, analysisDate)).filter((v): v is SnapshotView => !!v);
	return {
		divergence: { rows: report.rows, compared: report.boards, excluded: report.excluded },
		spread: rankSpread(compared, report.rows.slice(0, OVERVIEW_SPREAD)),
		findings: latest.findings,
		findingsSince: latest.since,
		mismatches: openMismatches(db, analysisDate, staleDays, OVERVIEW_MISMATCHES),
		mismatchesSince: addDays(analysisDate, -staleDays),
		matrix: agreementMatrix(db, headline, analysisDate, staleDays),
		labels: Object.fromEntries(familyLabels(db))
	};
}

import { seriesColour } from '../../components/charts/palette';
import type { Db } from '../db/connection';
import { boardDates, listAgreement } from '../db/analysis';
import { boardExists, boardIds } from '../db/snapshots';
import { familyLabels } from '../db/identity';
import { dataVersion } from '../db/versions';
import { LruCache } from '../../lru-cache';
import { headlineBoards } from '../analysis/analyze';
import { divergenceReport } from '../analysis/reports';
import { ViewCache } from '../analysis/views';
import { agreement, MIN_AGREEMENT_SET, type Agreement } from '../../analysis/agreement';
import { commonSet } from '../../analysis/common-set';
import type { DivergenceRow } from '../../analysis/divergence';
import type { AnalysisEntry, SnapshotView } from '../../analysis/types';
import type { ScatterChartData } from '../../components/charts/types';
import { packChart, type PackedLineChartData } from '../../components/charts/packed';
import { NotFoundError } from '../errors';
import { freshness, isStale } from '../../analysis/freshness';
import { staleDaysOf, type AppContext } from '../context';

/** How many of the largest divergences the scatter labels. */
export const LABELLED_OUTLIERS = 10;

export type UnmatchedReason = 'unresolved' | 'family-absent' | 'other-release';

export interface UnmatchedName {
	name: string;
	rank: number;
	family: string | null;
	release: string | null;
	reason: UnmatchedReason;
}

// A page, not a data dump: the CSV links carry every row.
const SHOWN_DIVERGENCES = 25;
const SHOWN_UNMATCHED = 100;

export interface CompareSide {
	board: string;
	asOf: string | null;
	ageDays: number | null;
	stale: boolean;
	rows: number;
	/** Rows of this board that matched nothing on the other, with why: the best-ranked SHOWN_UNMATCHED of them. */
	unmatched: UnmatchedName[];
	unmatchedCount: number;
	/** Rows of a matched family that did not stand for it (another release or setting, a duplicate row). */
	alsoRan: number;
}

export interface ComparePageData {
	a: string;
	b: string;
	date: string;
	staleDays: number;
	boards: string[];
	headline: string[];
	sides: [CompareSide, CompareSide] | null;
	/** The largest divergences (the table); the scatter has every model of the common set. */
	rows: DivergenceRow[];
	commonSetSize: number;
	current: Agreement | null;
	minSet: number;
	scatter: ScatterChartData | null;
	/** `measured`: some date had enough shared models for a τ-b (else the chart would be empty). */
	tau: { chart: PackedLineChartData; measured: boolean; stored: boolean };
	labels: Record<string, string>;
}

/** Why a row of one board has no counterpart in the common set of the two. */
function unmatchedNames(view: SnapshotView, other: SnapshotView, used: Set<AnalysisEntry>, matchedFamilies: Set<string>): { list: UnmatchedName[]; alsoRan: number } {
	const otherFamilies = new Set(other.entries.map((e) => e.family).filter((f): f is string => !!f));
	const list: UnmatchedName[] = [];
	let alsoRan = 0;
	for (const e of view.entries) {
		if (used.has(e)) continue;
		if (e.family && matchedFamilies.has(e.family)) {
			alsoRan++;
			continue;
		}
		const reason: UnmatchedReason = !e.family ? 'unresolved' : otherFamilies.has(e.family) ? 'other-release' : 'family-absent';
		list.push({ name: e.name, rank: e.rank, family: e.family, release: e.release, reason });
	}
	return { list: list.sort((x, y) => x.rank - y.rank), alsoRan };
}

/** Agreement of the pair over time: stored for headline pairs, else computed the same way at each date both were fresh. */
function agreementHistory(db: Db, cache: ViewCache, a: string, b: string, to: string, staleDays: number): { rows: Agreement[] | ReturnType<typeof listAgreement>; stored: boolean } {
	const stored = listAgreement(db, { to, boardA: a, boardB: b }).filter((r) => (r.board_a === a && r.board_b === b) || (r.board_a === b && r.board_b === a));
	if (stored.length) return { rows: stored, stored: true };
	const [first, second] = a < b ? [a, b] : [b, a];
	const out: Agreement[] = [];
	for (const d of [...new Set([...boardDates(db, first), ...boardDates(db, second)])].filter((d) => d <= to).sort()) {
		const va = cache.inForce(first, d);
		const vb = cache.inForce(second, d);
		if (!va || !vb || isStale(va.asOf, d, staleDays) || isStale(vb.asOf, d, staleDays)) continue;
		out.push(agreement(va, vb, d));
	}
	return { rows: out, stored: false };
}

/**
 * Two boards side by side at a date: each model's common-set percentile on both (the divergence
 * analysis of the pair, stale boards included and flagged), their agreement now and over time, and
 * the rows of each board that matched nothing on the other.
 */
export function comparePage(ctx: AppContext, a: string, b: string, date: string): ComparePageData {
	const { db } = ctx;
	const staleDays = staleDaysOf(ctx);
	for (const board of [a, b]) if (!boardExists(db, board)) throw new NotFoundError(`no board "${board.slice(0, 100)}" in this database`);
	const key = [dataVersion(db), a, b, date, staleDays].join('|');
	let page = pages.get(key);
	if (!page) pages.set(key, (page = buildComparePage(db, a, b, date, staleDays)));
	return { ...page, boards: boardIds(db), headline: headlineBoards(db) };
}

const pages = new LruCache<string, Omit<ComparePageData, 'boards' | 'headline'>>(16);

function buildComparePage(db: Db, a: string, b: string, date: string, staleDays: number): Omit<ComparePageData, 'boards' | 'headline'> {
	const cache = new ViewCache(db);
	const report = divergenceReport(db, { date, boards: [a, b], includeStale: true, staleDays });
	const va = cache.inForce(a, date);
	const vb = cache.inForce(b, date);
	const history = agreementHistory(db, cache, a, b, date, staleDays);
	const tauRows = history.rows.map((r) => ('kendallTauB' in r ? { date: r.date, n: r.n, tau: r.kendallTauB, rho: r.spearman } : { date: r.date, n: r.n, tau: r.kendall_tau_b, rho: r.spearman }));
	const tau = {
		stored: history.stored,
		measured: tauRows.some((r) => r.tau !== null),
		chart: packChart({
			series: [
				{
					key: 'tau',
					label: 'Kendall τ-b',
					colour: seriesColour(0),
					points: tauRows.map((r) => ({ date: r.date, y: r.tau, lo: null, hi: null, note: r.tau === null ? `|S| = ${r.n}: too few shared models` : `τ-b ${r.tau.toFixed(3)}, ρ ${r.rho?.toFixed(3) ?? '—'}, |S| = ${r.n}` }))
				}
			],
			markers: [],
			scale: 'tau',
			yTitle: 'Kendall τ-b'
		})
	};
	const base = { a, b, date, staleDays, minSet: MIN_AGREEMENT_SET, tau, labels: Object.fromEntries(familyLabels(db)) };
	if (!va || !vb) return { ...base, sides: null, rows: [], commonSetSize: 0, current: null, scatter: null };

	const matched = commonSet([va, vb]);
	const used = [new Set(matched.map((m) => m.entries[0])), new Set(matched.map((m) => m.entries[1]))];
	const families = new Set(matched.map((m) => m.family));
	const side = (v: SnapshotView, other: SnapshotView, k: number): CompareSide => {
		const { ageDays, stale } = freshness(v.asOf, date, staleDays);
		const { list, alsoRan } = unmatchedNames(v, other, used[k], families);
		return { board: v.board, asOf: v.asOf, ageDays: ageDays!, stale, rows: v.entries.length, unmatched: list.slice(0, SHOWN_UNMATCHED), unmatchedCount: list.length, alsoRan };
	};
	const rows = report.rows;
	const outliers = new Set(rows.slice(0, LABELLED_OUTLIERS).filter((r) => Math.abs(r.divergence) >= 0.1));
	return {
		...base,
		sides: [side(va, vb, 0), side(vb, va, 1)],
		rows: rows.slice(0, SHOWN_DIVERGENCES),
		commonSetSize: matched.length,
		current: agreement(va, vb, date),
		scatter: rows.length
			? {
					boards: [a, b],
					xTitle: `percentile on ${a} (0 = top)`,
					yTitle: `percentile on ${b} (0 = top)`,
					points: rows.map((r) => ({
						x: r.pct[a],
						y: r.pct[b],
						label: base.labels[r.family] ?? r.family,
						outlier: outliers.has(r),
						names: [r.names[a], r.names[b]]
					}))
				}
			: null
	};
}

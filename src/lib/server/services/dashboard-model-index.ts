import type { Db } from '../db/connection';
import { familySummaries, type FamilySummary } from '../db/history';
import { familyLabels } from '../db/identity';
import { dataVersion } from '../db/versions';
import { crosswalkInfo } from '../identity/service';
import { listFindings } from '../analysis/findings';
import { divergenceReport } from '../analysis/reports';
import type { DivergenceRow } from '../../analysis/divergence';
import { LruCache } from '../../lru-cache';
import { todayUtc } from '../../dates';
import type { Params } from '../export/params';
import { staleDaysOf, type AppContext } from '../context';

export const MODEL_SORTS = ['seen', 'spread', 'boards', 'lab', 'finding', 'name'] as const;
export type ModelSort = (typeof MODEL_SORTS)[number];

export interface ModelIndexQuery {
	q: string | null;
	/** Organization, as the index names it (case-insensitive). */
	lab: string | null;
	/** Only families listed on at least this many boards. */
	minBoards: number | null;
	sort: ModelSort;
	date: string;
}

export interface ModelIndexRow extends FamilySummary {
	label: string;
	/** The two fresh headline boards that disagree on it most at the date: where it places higher and lower (null on fewer than two). */
	best: { board: string; rank: number } | null;
	worst: { board: string; rank: number } | null;
	/** Their gap in percentage points of common-set percentile: the site's divergence unit. */
	spread: number | null;
	latestFinding: { date: string; kind: string; severity: string; summary: string } | null;
}

/** The index's filters as a page URL or the API gives them (one reading for both, so a page and its CSV agree). */
export function modelIndexQuery(p: Params, now: Date): ModelIndexQuery {
	return {
		q: p.text('q')?.toLowerCase() ?? null,
		lab: p.text('lab'),
		minBoards: p.int('min_boards', 1, 1000),
		sort: p.choice('sort', MODEL_SORTS) ?? 'seen',
		date: p.date('date') ?? todayUtc(now)
	};
}

/** Each family's widest gap between two fresh headline boards at a date (the overview's divergence, per family). */
function widestDivergence(db: Db, date: string, staleDays: number): Map<string, DivergenceRow> {
	const widest = new Map<string, DivergenceRow>();
	for (const r of divergenceReport(db, { date, staleDays }).rows) {
		const w = widest.get(r.family);
		if (!w || Math.abs(r.divergence) > Math.abs(w.divergence)) widest.set(r.family, r);
	}
	return widest;
}

// The enriched list depends on the data and the date only; filters and order are applied per request.
const indexes = new LruCache<string, ModelIndexRow[]>(8);

function enrichedIndex(db: Db, date: string, staleDays: number): ModelIndexRow[] {
	const key = JSON.stringify([dataVersion(db), date, staleDays]);
	const hit = indexes.get(key);
	if (hit) return hit;
	const labels = familyLabels(db);
	const names = new Map(crosswalkInfo().families.map((f) => [f.id, f.name]));
	const widest = widestDivergence(db, date, staleDays);
	const latest = new Map<string, ModelIndexRow['latestFinding']>();
	for (const f of listFindings(db, { until: date, minSeverity: 'medium' }))
		if (f.family && !latest.has(f.family)) latest.set(f.family, { date: f.date, kind: f.kind, severity: f.severity, summary: f.summary });
	const rows = familySummaries(db, { until: date }).map((f): ModelIndexRow => {
		const w = widest.get(f.family);
		const [high, low] = w ? [...w.boards].sort((a, b) => w.pct[a] - w.pct[b]) : [];
		return {
			...f,
			label: labels.get(f.family) ?? names.get(f.family) ?? f.family,
			best: w ? { board: high, rank: w.ranks[high] } : null,
			worst: w ? { board: low, rank: w.ranks[low] } : null,
			spread: w ? Math.round(Math.abs(w.divergence) * 100) : null,
			latestFinding: latest.get(f.family) ?? null
		};
	});
	indexes.set(key, rows);
	return rows;
}

const nullsLast = (a: number | string | null, b: number | string | null, cmp: (x: never, y: never) => number) =>
	a === null ? (b === null ? 0 : 1) : b === null ? -1 : cmp(a as never, b as never);
const desc = (x: number, y: number) => y - x;
const text = (x: string, y: string) => x.localeCompare(y);

const ORDER: Record<ModelSort, (a: ModelIndexRow, b: ModelIndexRow) => number> = {
	seen: (a, b) => b.last_as_of.localeCompare(a.last_as_of),
	spread: (a, b) => nullsLast(a.spread, b.spread, desc),
	boards: (a, b) => b.boards - a.boards,
	lab: (a, b) => nullsLast(a.organization, b.organization, text),
	finding: (a, b) => nullsLast(a.latestFinding?.date ?? null, b.latestFinding?.date ?? null, (x: string, y: string) => y.localeCompare(x)),
	name: (a, b) => a.label.localeCompare(b.label)
};

/**
 * The families listed by `date` with their widest divergence between two fresh headline boards and their latest
 * medium or high finding, filtered and ordered as asked (ties by name).
 */
export function modelIndex(ctx: AppContext, query: ModelIndexQuery): { query: ModelIndexQuery; labs: string[]; families: ModelIndexRow[] } {
	const all = enrichedIndex(ctx.db, query.date, staleDaysOf(ctx));
	const needle = query.q?.toLowerCase() ?? null;
	const lab = query.lab?.toLowerCase() ?? null;
	const families = all
		.filter(
			(f) =>
				(!needle || f.family.includes(needle) || f.label.toLowerCase().includes(needle)) &&
				(!lab || f.organization?.toLowerCase() === lab) &&
				(!query.minBoards || f.boards >= query.minBoards)
		)
		.sort((a, b) => ORDER[query.sort](a, b) || a.label.localeCompare(b.label));
	const labs = [...new Set(all.map((f) => f.organization).filter((o): o is string => !!o))].sort((a, b) => a.localeCompare(b));
	return { query, labs, families };
}

import type { Db } from '../db/connection';
import { familySummaries, type FamilySummary } from '../db/history';
import { familyLabels } from '../db/identity';
import { dataVersion } from '../db/versions';
import { crosswalkInfo } from '../identity/service';
import { headlineBoards } from '../analysis/analyze';
import { listFindings } from '../analysis/findings';
import { ViewCache } from '../analysis/views';
import { LruCache } from '../../lru-cache';
import { daysBetween, todayUtc } from '../../dates';
import type { Params } from '../export/params';

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
	/** Its best and worst rank among the fresh headline boards listing it at the date (null on fewer than two). */
	best: { board: string; rank: number } | null;
	worst: { board: string; rank: number } | null;
	/** Worst minus best rank, in places. */
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

/** Every family's best rank on each fresh headline board at a date. */
function headlineRanks(db: Db, date: string, staleDays: number): Map<string, { board: string; rank: number }[]> {
	const views = new ViewCache(db);
	const out = new Map<string, { board: string; rank: number }[]>();
	for (const board of headlineBoards(db)) {
		const v = views.inForce(board, date);
		if (!v || daysBetween(v.asOf, date) > staleDays) continue;
		const best = new Map<string, number>();
		for (const e of v.entries) if (e.family && e.rank < (best.get(e.family) ?? Infinity)) best.set(e.family, e.rank);
		for (const [family, rank] of best) out.set(family, [...(out.get(family) ?? []), { board, rank }]);
	}
	return out;
}

// The enriched list depends on the data and the date only; filters and order are applied per request.
const indexes = new LruCache<string, ModelIndexRow[]>(8);

function enrichedIndex(db: Db, date: string, staleDays: number): ModelIndexRow[] {
	const key = JSON.stringify([dataVersion(db), date, staleDays]);
	const hit = indexes.get(key);
	if (hit) return hit;
	const labels = familyLabels(db);
	const names = new Map(crosswalkInfo().families.map((f) => [f.id, f.name]));
	const ranks = headlineRanks(db, date, staleDays);
	const latest = new Map<string, ModelIndexRow['latestFinding']>();
	for (const f of listFindings(db, { until: date, minSeverity: 'medium' }))
		if (f.family && !latest.has(f.family)) latest.set(f.family, { date: f.date, kind: f.kind, severity: f.severity, summary: f.summary });
	const rows = familySummaries(db, { until: date }).map((f): ModelIndexRow => {
		const on = [...(ranks.get(f.family) ?? [])].sort((a, b) => a.rank - b.rank);
		const two = on.length >= 2;
		return {
			...f,
			label: labels.get(f.family) ?? names.get(f.family) ?? f.family,
			best: two ? on[0] : null,
			worst: two ? on[on.length - 1] : null,
			spread: two ? on[on.length - 1].rank - on[0].rank : null,
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
 * The families listed by `date` with their spread across the fresh headline boards and their latest
 * medium or high finding, filtered and ordered as asked (ties by name).
 */
export function modelIndex(db: Db, query: ModelIndexQuery, staleDays: number): { query: ModelIndexQuery; labs: string[]; families: ModelIndexRow[] } {
	const all = enrichedIndex(db, query.date, staleDays);
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

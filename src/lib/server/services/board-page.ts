import { seriesColour } from '../../components/charts/palette';
import { publicSnapshot } from './public-origin';
import { LruCache } from '../../lru-cache';
import { cacheScope, dataVersion } from '../db/versions';
import type { Db } from '../db/connection';
import { recentSnapshots, rowsOfNames, sameModelNames } from '../db/history';
import { boardExists, entriesOf, firstActiveAsOf, previousActiveSnapshot, snapshotInForce, type SnapshotRow } from '../db/snapshots';
import { headlineBoards } from '../analysis/analyze';
import { splitVariants, ViewCache } from '../analysis/views';
import { boardOrder, rowIdentity } from '../../analysis/identity-keys';
import type { AnalysisEntry, SnapshotView } from '../../analysis/types';
import type { LineChartData, Series } from '../../components/charts/types';
import { packChart, type PackedLineChartData } from '../../components/charts/packed';
import { toRankingRow, type RankingRow } from './ranking-rows';
import { chartAnnotations } from './chart-annotations';
import { tiersOf } from '../../analysis/tiers';
import type { UncertaintySource } from '../../analysis/uncertainty';
import { sourceOfBoard } from '../../catalogue';
import type { ExtraValue } from '../../snapshots/snapshot';

export const BOARD_SORT_KEYS = ['rank', 'change', 'model', 'organization', 'license', 'score', 'votes'] as const;
export type BoardSortKey = (typeof BOARD_SORT_KEYS)[number];
export const OPEN_CHOICES = ['yes', 'no'] as const;

/** Text columns read A→Z first; numbers and changes largest first. */
export function defaultDir(sort: BoardSortKey): 'asc' | 'desc' {
	return sort === 'rank' || sort === 'model' || sort === 'organization' || sort === 'license' ? 'asc' : 'desc';
}

/** What the board page and its CSV (the `board` dataset) are filtered and sorted by. */
export interface BoardFilter {
	date: string;
	sort: BoardSortKey;
	dir: 'asc' | 'desc';
	/** Part of a model's name or family id. */
	q: string | null;
	org: string | null;
	license: string | null;
	open: 'yes' | 'no' | null;
}

export interface BoardQuery extends BoardFilter {
	/** How many of the top models the history chart follows. */
	top: number;
	/** How many rows of the (filtered, sorted) ranking to show; the CSV always has them all. */
	show: number;
}

/** Rows shown before "show all": a long board stays quick to load and read. */
export const DEFAULT_SHOWN_ROWS = 100;

export interface BoardRow extends RankingRow {
	family: string | null;
	/** Whether the weights are public: from the board's licence column or its open-model flag; null when it does not say. */
	openWeights: boolean | null;
	/** Published rank of the same model (release and run settings) in the previous snapshot. */
	previousRank: number | null;
	/** previousRank − rank: positive = moved up. */
	change: number | null;
	isNew: boolean;
}

export interface BoardDiff {
	previousAsOf: string;
	previousRows: number;
	entered: { model: string; rank: number; family: string | null }[];
	left: { model: string; rank: number; family: string | null }[];
	/** Largest moves up and down among models in both snapshots. */
	risers: BoardRow[];
	fallers: BoardRow[];
}

export interface BoardPageData {
	board: string;
	date: string;
	query: BoardQuery;
	headline: boolean;
	snapshot: Pick<SnapshotRow, 'as_of' | 'feed' | 'row_count' | 'rank_semantics' | 'adjustment' | 'method_version' | 'origin' | 'fetched_at'> | null;
	firstAsOf: string | null;
	rows: BoardRow[];
	/** Rows matching the filters (rows holds the first `query.show` of them). */
	matching: number;
	total: number;
	organizations: string[];
	licenses: string[];
	diff: BoardDiff | null;
	history: PackedLineChartData | null;
	source: BoardSource | null;
	/** Whether the tiers come from the board's own intervals or ones derived from its task count; null: no tiers. */
	tierIntervals: UncertaintySource;
}

/** What a board page says of the board's source: how to read its scores and ranks, and its licence. */
export interface BoardSource {
	id: string;
	name: string;
	scoreMeaning: string;
	rankNote: string;
	license: string;
	licenseUrl: string | null;
	attribution: string;
}

export function boardSource(board: string): BoardSource | null {
	const def = sourceOfBoard(board);
	return def
		? { id: def.id, name: def.name, scoreMeaning: def.scoreMeaning, rankNote: def.rankNote, license: def.license.name, licenseUrl: def.license.url, attribution: def.attribution }
		: null;
}

function compare<T extends { rank: number }>(a: T, b: T, key: keyof T): number {
	const va = a[key];
	const vb = b[key];
	if (va === vb) return a.rank - b.rank;
	if (va === null || va === undefined) return 1;
	if (vb === null || vb === undefined) return -1;
	return typeof va === 'string' ? va.localeCompare(String(vb)) : (va as number) - (vb as number);
}

/** Rows sorted by one column, ties by rank; missing values stay last whichever way the column is sorted. */
export function sortRows<T extends { rank: number }>(rows: T[], key: keyof T, dir: 'asc' | 'desc'): T[] {
	const sign = dir === 'asc' ? 1 : -1;
	return [...rows].sort((a, b) => {
		const c = compare(a, b, key);
		return a[key] === null || b[key] === null ? c : sign * c;
	});
}

const PROPRIETARY = /^(proprietary|closed|api only)$/i;

/** Open weights as the board states it: an explicit open-model flag, else a licence that is not proprietary. */
export function openWeights(license: string | null, extras: Record<string, ExtraValue>): boolean | null {
	for (const key of ['os_model', 'open_weights', 'oss']) if (typeof extras[key] === 'boolean') return extras[key] as boolean;
	if (!license) return null;
	return !PROPRIETARY.test(license.trim());
}

/** One key per entry: its release (or family) and run settings, else its name, as the event analysis matches rows. */
function keysByPosition(entries: AnalysisEntry[]): Map<number, string> {
	return new Map(entries.map((e) => [e.position, rowIdentity(e)]));
}

/** Best published rank per key. */
function rankByKey(entries: AnalysisEntry[]): Map<string, AnalysisEntry> {
	const out = new Map<string, AnalysisEntry>();
	for (const e of [...entries].sort(boardOrder)) if (!out.has(rowIdentity(e))) out.set(rowIdentity(e), e);
	return out;
}

/** How many of the board's latest snapshots the top-N chart follows: enough for the story, light enough to draw. */
export const HISTORY_SNAPSHOTS = 120;

type LeaderRow = ReturnType<typeof rowsOfNames>[number];

// A stored snapshot's rows never change, and a new snapshot moves the chart's window by one while its
// leaders mostly stay: the rows read are kept per board and leaders' names, so the first view after new
// data reads only the new snapshots' rows (the whole window again when the leaders change).
const leaderRowsCache = new LruCache<string, Map<number, LeaderRow[]>>(8);

/** The rows of `names` in the window's snapshots, by date, then rank and position (best first on a date). */
function leaderRows(db: Db, board: string, snapshots: { id: number }[], names: number[]): LeaderRow[] {
	const key = `${board}|${cacheScope(db)}|${[...names].sort((a, b) => a - b).join(',')}`;
	let bySnapshot = leaderRowsCache.get(key);
	if (!bySnapshot) leaderRowsCache.set(key, (bySnapshot = new Map()));
	const kept = bySnapshot;
	const missing = snapshots.filter((s) => !kept.has(s.id)).map((s) => s.id);
	if (missing.length) {
		for (const id of missing) kept.set(id, []);
		for (const r of rowsOfNames(db, missing, names)) kept.get(r.snapshot_id)!.push(r);
	}
	// Views of older dates widen what is kept; past twice a window it is cut back to this one.
	if (kept.size > 2 * HISTORY_SNAPSHOTS) {
		const inWindow = new Set(snapshots.map((s) => s.id));
		for (const id of kept.keys()) if (!inWindow.has(id)) kept.delete(id);
	}
	return snapshots
		.flatMap((s) => kept.get(s.id)!)
		.sort((a, b) => (a.as_of < b.as_of ? -1 : a.as_of > b.as_of ? 1 : a.rank - b.rank || a.position - b.position));
}

/** The rank history of the models in the top `top` at the snapshot, over the board's latest snapshots up to it. */
export function topHistory(db: Db, board: string, current: AnalysisEntry[], date: string, top: number): LineChartData {
	const leaders: { key: string; name: string; nameId: number | null }[] = [];
	for (const e of [...current].sort(boardOrder)) {
		const key = rowIdentity(e);
		if (leaders.some((l) => l.key === key)) continue;
		leaders.push({ key, name: e.name, nameId: e.nameId ?? null });
		if (leaders.length >= top) break;
	}
	const wanted = new Map(leaders.map((l, i) => [l.key, i]));
	const snapshots = recentSnapshots(db, board, date, HISTORY_SNAPSHOTS);
	const dates = snapshots.map((s) => s.as_of);
	const points = leaders.map(() => new Map<string, { rank: number; lo: number | null; hi: number | null; name: string; rows: number }>());
	// Only the rows of the leaders (under any name their release had on this source): never whole snapshots.
	const names = sameModelNames(db, leaders.map((l) => l.nameId).filter((id): id is number => id !== null));
	for (const r of leaderRows(db, board, snapshots, names)) {
		const key = rowIdentity({
			name: r.model,
			family: r.family,
			release: r.release,
			...splitVariants(r.variants ? (JSON.parse(r.variants) as string[]) : [])
		} as AnalysisEntry);
		const i = wanted.get(key);
		if (i === undefined || points[i].has(r.as_of)) continue;
		points[i].set(r.as_of, { rank: r.rank, lo: r.rank_lower, hi: r.rank_upper, name: r.model, rows: r.row_count });
	}
	const series: Series[] = leaders.map((l, i) => {
		const seen = [...points[i].keys()];
		const first = seen[0];
		const last = seen[seen.length - 1];
		return {
			key: l.key,
			label: l.name,
			colour: seriesColour(i),
			points: dates
				.filter((d) => d >= first && d <= last)
				.map((d) => {
					const p = points[i].get(d);
					return p
						? { date: d, y: p.rank, lo: p.lo, hi: p.hi, note: `${p.name}: #${p.rank} of ${p.rows}` }
						: { date: d, y: null, lo: null, hi: null, note: 'not listed' };
				})
		};
	});
	return { series, markers: [], scale: 'rank', yTitle: 'rank (1 = top)', until: date };
}

// A snapshot's rows (compared with the one before it) and its top-N history never change once
// stored (the history up to it only grows by later snapshots, which it does not show): both are
// kept by snapshot ids.
const comparedCache = new LruCache<string, ComparedSnapshot>(16);
const historyCache = new LruCache<string, PackedLineChartData>(32);

function cachedTopHistory(db: Db, board: string, entries: AnalysisEntry[], snapshot: SnapshotRow, top: number): PackedLineChartData {
	// A snapshot filed later but dated earlier, or one put in force, changes the window: the data version is in the key.
	const key = `${snapshot.id}|${top}|${dataVersion(db)}`;
	let h = historyCache.get(key);
	if (!h) historyCache.set(key, (h = packChart(topHistory(db, board, entries, snapshot.as_of, top))));
	return h;
}

/** Everything of a snapshot's page that does not depend on the URL's filters and sort. */
interface ComparedSnapshot {
	all: BoardRow[];
	diff: BoardDiff | null;
	organizations: string[];
	licenses: string[];
}

function compareWithPrevious(db: Db, view: SnapshotView, prevSnap: SnapshotRow | null, prevView: SnapshotView | null): ComparedSnapshot {
	const keys = keysByPosition(view.entries);
	const before = prevView ? rankByKey(prevView.entries) : null;
	const familyAt = new Map(view.entries.map((e) => [e.position, e.family]));
	const tiers = tiersOf(view.entries);
	const all = entriesOf(db, view.id).map((e): BoardRow => {
		const r = toRankingRow(e, tiers.get(e.position) ?? null);
		const prev = before?.get(keys.get(e.position)!) ?? null;
		return {
			...r,
			family: familyAt.get(e.position) ?? null,
			openWeights: openWeights(r.license, r.extras),
			previousRank: prev?.rank ?? null,
			change: prev ? prev.rank - r.rank : null,
			isNew: !!before && !prev
		};
	});

	let diff: BoardDiff | null = null;
	if (prevSnap && prevView && before) {
		const nowKeys = new Set(keys.values());
		const moved = all.filter((r) => r.change !== null && r.change !== 0);
		const seenLeft = new Set<string>();
		diff = {
			previousAsOf: prevSnap.as_of,
			previousRows: prevSnap.row_count,
			entered: all.filter((r) => r.isNew).map((r) => ({ model: r.model, rank: r.rank, family: r.family })),
			left: [...prevView.entries]
				.sort(boardOrder)
				.filter((e) => {
					const k = rowIdentity(e);
					if (nowKeys.has(k) || seenLeft.has(k)) return false;
					seenLeft.add(k);
					return true;
				})
				.map((e) => ({ model: e.name, rank: e.rank, family: e.family })),
			risers: [...moved].filter((r) => r.change! > 0).sort((a, b) => b.change! - a.change! || a.rank - b.rank).slice(0, 5),
			fallers: [...moved].filter((r) => r.change! < 0).sort((a, b) => a.change! - b.change! || a.rank - b.rank).slice(0, 5)
		};
	}
	return {
		all,
		diff,
		organizations: [...new Set(all.map((r) => r.organization).filter((o): o is string => !!o))].sort(),
		licenses: [...new Set(all.map((r) => r.license).filter((o): o is string => !!o))].sort()
	};
}

/** The ranking of a board at a date as filtered and sorted, before the page picks what to show of it. */
export interface BoardRanking extends Omit<BoardPageData, 'query' | 'rows' | 'matching' | 'history'> {
	/** Every row matching the filters, in the asked order. */
	rows: BoardRow[];
}

/** The ranking, and the snapshot in force with its analysis view (what the page's history chart starts from). */
function rankingAt(
	db: Db,
	board: string,
	filter: BoardFilter,
	withPrevious = true
): { ranking: BoardRanking; inForce: { snapshot: SnapshotRow; view: SnapshotView } | null } | null {
	if (!boardExists(db, board)) return null;
	const source = boardSource(board);
	const headline = headlineBoards(db).includes(board);
	const snapshot = snapshotInForce(db, board, filter.date);
	const firstAsOf = firstActiveAsOf(db, board);
	const empty = { board, date: filter.date, headline, firstAsOf, rows: [], total: 0, organizations: [], licenses: [], diff: null, source, tierIntervals: null };
	if (!snapshot) return { ranking: { ...empty, snapshot: null }, inForce: null };

	const cache = new ViewCache(db);
	const view = cache.byId(snapshot.id)!;
	const prevSnap = withPrevious ? previousActiveSnapshot(db, board, snapshot.as_of) : null;
	const key = `${snapshot.id}|${prevSnap?.id ?? 0}|${cacheScope(db)}`;
	let compared = comparedCache.get(key);
	if (!compared) comparedCache.set(key, (compared = compareWithPrevious(db, view, prevSnap, prevSnap ? cache.byId(prevSnap.id) : null)));
	const { all, diff, organizations, licenses } = compared;

	const needle = filter.q?.toLowerCase() ?? null;
	const filtered = all.filter(
		(r) =>
			(!needle || r.model.toLowerCase().includes(needle) || (r.family ?? '').includes(needle)) &&
			(!filter.org || r.organization === filter.org) &&
			(!filter.license || r.license === filter.license) &&
			(!filter.open || r.openWeights === (filter.open === 'yes'))
	);
	const ranking = {
		...empty,
		snapshot: publicSnapshot(snapshot),
		rows: sortRows(filtered, filter.sort, filter.dir),
		total: all.length,
		organizations,
		licenses,
		diff,
		tierIntervals: view.uncertaintySource
	};
	return { ranking, inForce: { snapshot, view } };
}

/**
 * A board's ranking in force at a date, filtered, sorted and compared with the previous snapshot: the
 * rows of the board page and of its CSV (the `board` dataset) alike. Null for an unknown board.
 * `withPrevious: false` leaves the comparison out (no diff, no rank changes) for a caller that shows
 * none, as the CLI's `board`: the previous snapshot's view costs as much again.
 */
export function boardRanking(db: Db, board: string, filter: BoardFilter, { withPrevious = true } = {}): BoardRanking | null {
	return rankingAt(db, board, filter, withPrevious)?.ranking ?? null;
}

/** The board page: the ranking as filtered, its first `show` rows, and the history of today's top `top`. */
export function boardDashboard(db: Db, board: string, query: BoardQuery): BoardPageData | null {
	const found = rankingAt(db, board, query);
	if (!found) return null;
	const { rows, ...rest } = found.ranking;
	const inForce = found.inForce;
	return {
		...rest,
		query,
		rows: rows.slice(0, query.show),
		matching: rows.length,
		history: inForce
			? { ...cachedTopHistory(db, board, inForce.view.entries, inForce.snapshot, query.top), annotations: chartAnnotations(db, [board], query.date) }
			: null
	};
}

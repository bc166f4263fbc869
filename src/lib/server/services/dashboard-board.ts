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
import { toRankingRow, type RankingRow } from './boards';
import { tiersOf } from '../../analysis/tiers';
import type { UncertaintySource } from '../../analysis/uncertainty';
import { boardSource, sortRows, type BoardSource } from './board-page';
import type { ExtraValue } from '../../model/snapshot';

export const BOARD_SORT_KEYS = ['rank', 'change', 'model', 'organization', 'license', 'score', 'votes'] as const;
export type BoardSortKey = (typeof BOARD_SORT_KEYS)[number];
export const OPEN_CHOICES = ['yes', 'no'] as const;

export interface BoardQuery {
	date: string;
	sort: BoardSortKey;
	dir: 'asc' | 'desc';
	q: string | null;
	org: string | null;
	license: string | null;
	open: 'yes' | 'no' | null;
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
	history: LineChartData | null;
	source: BoardSource | null;
	/** Whether the tiers come from the board's own intervals or ones derived from its task count; null: no tiers. */
	tierIntervals: UncertaintySource;
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
	for (const r of rowsOfNames(db, snapshots.map((s) => s.id), names)) {
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
const historyCache = new LruCache<string, LineChartData>(32);

function cachedTopHistory(db: Db, board: string, entries: AnalysisEntry[], snapshot: SnapshotRow, top: number): LineChartData {
	// A snapshot filed later but dated earlier, or one put in force, changes the window: the data version is in the key.
	const key = `${snapshot.id}|${top}|${dataVersion(db)}`;
	let h = historyCache.get(key);
	if (!h) historyCache.set(key, (h = topHistory(db, board, entries, snapshot.as_of, top)));
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

/** A board's ranking in force at a date, filtered, sorted and compared with the previous snapshot; null for an unknown board. */
export function boardDashboard(db: Db, board: string, query: BoardQuery): BoardPageData | null {
	if (!boardExists(db, board)) return null;
	const source = boardSource(board);
	const headline = headlineBoards(db).includes(board);
	const snapshot = snapshotInForce(db, board, query.date);
	const firstAsOf = firstActiveAsOf(db, board);
	const empty = { board, date: query.date, query, headline, firstAsOf, rows: [], matching: 0, total: 0, organizations: [], licenses: [], diff: null, history: null, source, tierIntervals: null };
	if (!snapshot) return { ...empty, snapshot: null };

	const cache = new ViewCache(db);
	const view = cache.byId(snapshot.id)!;
	const prevSnap = previousActiveSnapshot(db, board, snapshot.as_of);
	const key = `${snapshot.id}|${prevSnap?.id ?? 0}|${cacheScope(db)}`;
	let compared = comparedCache.get(key);
	if (!compared) comparedCache.set(key, (compared = compareWithPrevious(db, view, prevSnap, prevSnap ? cache.byId(prevSnap.id) : null)));
	const { all, diff, organizations, licenses } = compared;

	const needle = query.q?.toLowerCase() ?? null;
	const filtered = all.filter(
		(r) =>
			(!needle || r.model.toLowerCase().includes(needle) || (r.family ?? '').includes(needle)) &&
			(!query.org || r.organization === query.org) &&
			(!query.license || r.license === query.license) &&
			(!query.open || r.openWeights === (query.open === 'yes'))
	);
	const rows = sortRows(filtered, query.sort, query.dir);

	return {
		...empty,
		snapshot: publicSnapshot(snapshot),
		rows: rows.slice(0, query.show),
		matching: rows.length,
		total: all.length,
		organizations,
		licenses,
		diff,
		history: cachedTopHistory(db, board, view.entries, snapshot, query.top),
		tierIntervals: view.uncertaintySource
	};
}

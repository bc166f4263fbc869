import type { Db } from '../db/connection';
import {
	activeSnapshotIds,
	boardDates,
	type ActiveSnapshotRow,
	clearAnalysis,
	countMismatches,
	deleteEventsOfInactiveSnapshots,
	insertEvents,
	markAnalyzed,
	seenOnBoardBefore,
	analysedOnBoardBefore,
	replacedOnDates,
	neighbours,
	openDivergenceSubjects,
	replacePairDivergences,
	replaceStepEvents,
	upsertAgreement,
	upsertMismatches
} from '../db/analysis';
import { boardIds, getSnapshot, type SnapshotRow } from '../db/snapshots';
import { addPresence, presenceRanges, replacePresence, type PresenceRange } from '../db/presence';
import { agreement, type Agreement } from '../../analysis/agreement';
import { boardHistoryEvents, DEFAULT_EVENT_OPTIONS, historyEvents, seriesKey, type HistoryItem, type SeenTracker, type StepNoise, type StepNoiseCache } from '../../analysis/events';
import { identityScope } from '../db/versions';
import { LruCache } from '../../lru-cache';
import { couldBeSame, type NewcomerTest } from '../../analysis/identity-keys';
import { commonSet, type Matched } from '../../analysis/common-set';
import { divergence } from '../../analysis/divergence';
import { PairWalk, type DivergenceStory } from '../../analysis/divergence-findings';
import { crossBoardMismatches, retractionMismatches, sameBoardMismatches } from '../../analysis/mismatches';
import type { BoardEvent, Mismatch, SnapshotView } from '../../analysis/types';
import { allSources } from '../../catalogue';
import { ViewCache } from './views';
import { isStale } from '../../analysis/freshness';

export interface AnalysisOptions {
	now: Date;
	staleDays: number;
}

/**
 * Boards compared across sources, and searched for variant mismatches: each source's headline boards
 * that exist in this database (its overall view; SWE-bench's per-model bash-only board). Category boards
 * would repeat every finding once per category.
 */
export function headlineBoards(db: Db): string[] {
	const present = new Set(boardIds(db));
	return allSources()
		.flatMap((s) => s.headlineBoards ?? [s.id])
		.filter((b) => present.has(b));
}

function fresh(view: SnapshotView, date: string, staleDays: number): boolean {
	return !isStale(view.asOf, date, staleDays);
}

/** The newcomer test for one board and date, asked of the database's entries (only the top rows are ever asked). */
function newcomerOnBoard(db: Db, board: string, before: string): NewcomerTest {
	return (e) => !seenOnBoardBefore(db, board, before, { family: e.family, release: e.release, nameId: e.nameId ?? null });
}

/**
 * Steps counted for the noise model. A step's snapshots never change and their names are resolved
 * before any pass counts them; what changes the count is an old name resolving differently, so the
 * cache keys on the identity epoch, not on every new name's resolution.
 */
// A pass needs the last steps of each board it touches: about noiseSteps per board, a few hundred in all.
const countedSteps = new LruCache<string, StepNoise>(1000);

function stepNoiseCache(db: Db): StepNoiseCache {
	const scope = identityScope(db);
	return {
		get: (prev, next) => countedSteps.get(`${scope}|${prev}:${next}`),
		set: (prev, next, noise) => countedSteps.set(`${scope}|${prev}:${next}`, noise)
	};
}

/**
 * What was seen on a board before each snapshot, when `pass` (this pass's snapshots of the board) come
 * into its history: the snapshots analysed before are asked of `name_presence`, this pass's own are
 * looked at in memory. A pass that replaces a snapshot on its date asks the entries instead, since
 * `name_presence` still shows the replaced rows until the pass is stored.
 */
function seenInDb(db: Db, board: string, pass: SnapshotView[]): SeenTracker {
	if (replacedOnDates(db, board, pass.map((v) => v.asOf))) return { isNewAt: (view) => newcomerOnBoard(db, board, view.asOf), saw: () => {} };
	return {
		isNewAt: (view) => (e) =>
			!pass.some((p) => p.asOf < view.asOf && p.entries.some((x) => couldBeSame(e, x))) &&
			!analysedOnBoardBefore(db, board, view.asOf, { family: e.family, release: e.release, nameId: e.nameId ?? null }),
		saw: () => {}
	};
}

/**
 * The snapshots whose events change when `added` come into a board's history, and the window of history
 * their events need. Each added snapshot's own events; the next snapshot of the board (its entrants, or
 * the start of its series); the previous one of its series (whether its jumps were blips); and the
 * series' following snapshots whose noise its moves are part of.
 */
export function eventWindow(history: ActiveSnapshotRow[], added: Set<number>, noiseSteps: number): { from: number; to: number; report: Set<number> } | null {
	const series = history.map((h) => seriesKey(h));
	const report = new Set<number>();
	const ofSeries = (i: number, step: 1 | -1, count: number): number[] => {
		const out: number[] = [];
		for (let j = i + step; j >= 0 && j < history.length && out.length < count; j += step) if (series[j] === series[i]) out.push(j);
		return out;
	};
	history.forEach((h, i) => {
		if (!added.has(h.id)) return;
		report.add(i);
		if (i + 1 < history.length) report.add(i + 1);
		for (const j of [...ofSeries(i, -1, 1), ...ofSeries(i, 1, noiseSteps + 1)]) report.add(j);
	});
	if (report.size === 0) return null;
	// Back far enough for every reported snapshot's series noise; on to one past the last, for its blips.
	const from = Math.min(...[...report].map((i) => Math.min(i - 1, ...ofSeries(i, -1, noiseSteps + 1))));
	const to = Math.max(...[...report].map((i) => Math.max(i, ...ofSeries(i, 1, 1))));
	return { from: Math.max(0, from), to, report: new Set([...report].map((i) => history[i].id)) };
}

/**
 * Within one pass the same two snapshots meet on every date neither board moves: each pair is
 * compared once and its findings re-dated.
 */
class PairMemo {
	// Common sets are large (a row per shared model) and a pass meets them in runs: its agreement, then
	// its divergence, of the same pair of snapshots. A rebuild meets tens of thousands of pairs, so only
	// the latest few are kept.
	private matched = new LruCache<string, Matched[]>(64);
	private agreements = new Map<string, Agreement>();
	private mismatches = new Map<string, Mismatch[]>();

	/** The pair's common set, shared by its agreement and its divergence. */
	commonSet(a: SnapshotView, b: SnapshotView): Matched[] {
		const key = `${a.id}:${b.id}`;
		let found = this.matched.get(key);
		if (!found) this.matched.set(key, (found = commonSet([a, b])));
		return found;
	}

	agreement(a: SnapshotView, b: SnapshotView, date: string, matched?: Matched[]): Agreement {
		const key = `${a.id}:${b.id}`;
		let found = this.agreements.get(key);
		if (!found) this.agreements.set(key, (found = agreement(a, b, date, matched ?? this.commonSet(a, b))));
		return found.date === date ? found : { ...found, date };
	}

	crossBoard(a: SnapshotView, b: SnapshotView, date: string): Mismatch[] {
		const key = `${a.id}:${b.id}`;
		let found = this.mismatches.get(key);
		if (!found) this.mismatches.set(key, (found = crossBoardMismatches(a, b, date)));
		return found.map((m) => (m.date === date ? m : { ...m, date }));
	}
}

/** Agreement of a pair at each date in `dates` where both boards have a fresh snapshot in force. */
function pairAgreement(cache: ViewCache, memo: PairMemo, a: string, b: string, dates: string[], staleDays: number): Agreement[] {
	const [first, second] = a < b ? [a, b] : [b, a];
	const out: Agreement[] = [];
	for (const date of dates) {
		const va = cache.inForce(first, date);
		const vb = cache.inForce(second, date);
		if (!va || !vb || !fresh(va, date, staleDays) || !fresh(vb, date, staleDays)) continue;
		out.push(memo.agreement(va, vb, date));
	}
	return out;
}

function crossBoardAt(cache: ViewCache, memo: PairMemo, boards: string[], date: string, staleDays: number): Mismatch[] {
	const views = boards.map((b) => cache.inForce(b, date)).filter((v): v is SnapshotView => !!v && fresh(v, date, staleDays));
	const out: Mismatch[] = [];
	for (const a of views) for (const b of views) if (a !== b && a.board.split('/')[0] !== b.board.split('/')[0]) out.push(...memo.crossBoard(a, b, date));
	return out;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** A source's own boards share its voters or tasks: their divergence is no finding. */
const ofOneSource = (a: string, b: string) => a.split('/')[0] === b.split('/')[0];

/** A pair's divergence findings from `from` on (from its first date with null). */
interface PairDivergences {
	boards: [string, string];
	from: string | null;
	stories: DivergenceStory[];
	closed: Map<string, string>;
}

/**
 * Walks a pair's dates from `from` on, where both boards have a fresh snapshot in force, from the
 * stories under way just before. One step per new pair of snapshots: a date where neither board moved
 * gives the same rows, which cannot change a story. Steps are made one at a time, so a walk over years
 * never holds more than one step's rows. Given `agreements`, the pair's agreement at each of those dates
 * is added from the same common set (a rebuild would otherwise match every pair of snapshots twice).
 */
function pairDivergences(
	db: Db,
	cache: ViewCache,
	memo: PairMemo,
	boards: [string, string],
	from: string | null,
	staleDays: number,
	agreements?: Agreement[]
): PairDivergences {
	const [a, b] = [...boards].sort();
	const dates = [...new Set([...boardDates(db, a), ...boardDates(db, b)])].filter((d) => !from || d >= from).sort();
	const walk = new PairWalk(from ? openDivergenceSubjects(db, boards, from) : new Set());
	let last = '';
	for (const date of dates) {
		const va = cache.inForce(a, date);
		const vb = cache.inForce(b, date);
		if (!va || !vb || !fresh(va, date, staleDays) || !fresh(vb, date, staleDays)) continue;
		if (`${va.id}:${vb.id}` === last) {
			agreements?.push(memo.agreement(va, vb, date));
			continue;
		}
		last = `${va.id}:${vb.id}`;
		const matched = memo.commonSet(va, vb);
		agreements?.push(memo.agreement(va, vb, date, matched));
		// Only the rows that can start or end a story are made: a step of thousands has a handful.
		walk.step({ date, rows: divergence([va, vb], matched, walk.matters) });
	}
	return { boards, from, stories: walk.stories, closed: walk.closed };
}

/** What an analysis pass writes: computed with no lock held, applied in one short transaction. */
export interface AnalysisWrite {
	/** Rebuild: everything stored is replaced. Incremental: the steps named are replaced, the rest upserted. */
	rebuild: boolean;
	/** The snapshots an incremental pass caught up with. */
	snapshotIds: number[];
	steps: { snapshotIds: number[]; events: BoardEvent[] }[];
	mismatches: Mismatch[];
	agreements: Agreement[];
	divergences: PairDivergences[];
	/** A rebuild's name presence, all of it (an incremental pass adds its snapshots' to what is stored). */
	presence?: PresenceRange[];
}

/** The active snapshots among `snapshotIds`, oldest first. */
function activeAmong(db: Db, snapshotIds: number[]): SnapshotRow[] {
	return snapshotIds
		.map((id) => getSnapshot(db, id))
		.filter((s): s is SnapshotRow => !!s && s.status === 'active')
		.sort((x, y) => x.as_of.localeCompare(y.as_of));
}

/** A new headline snapshot's neighbours on its board, and the dates it now governs beside each other headline board. */
interface Governed {
	prev: number | null;
	next: number | null;
	/** Per other headline board: the snapshot's own date, and the other board's dates up to its board's next snapshot. */
	dates: Map<string, string[]>;
}

/**
 * What each of a pass's headline snapshots governs: a snapshot that arrives after later ones of other
 * boards (an older history imported) is in force beside each of them, not only on its own date. Each
 * board's dates are read once per pass.
 */
function governedBy(db: Db, snapshots: SnapshotRow[], headline: string[]): Map<SnapshotRow, Governed> {
	const datesOf = new Map<string, string[]>();
	const dates = (board: string) => datesOf.get(board) ?? datesOf.set(board, boardDates(db, board)).get(board)!;
	const out = new Map<SnapshotRow, Governed>();
	for (const s of snapshots) {
		if (!headline.includes(s.board_id)) continue;
		const { prev, next } = neighbours(db, s.board_id, s.as_of);
		const until = (next ? getSnapshot(db, next)?.as_of : null) ?? '9999-12-31';
		const governed = headline.filter((o) => o !== s.board_id).map((o): [string, string[]] => [o, [s.as_of, ...dates(o).filter((d) => d > s.as_of && d < until)]]);
		out.set(s, { prev, next, dates: new Map(governed) });
	}
	return out;
}

/** A pass's events (the steps into and out of each new snapshot) and each new snapshot's mismatches. */
function addedEventsAndMismatches(db: Db, cache: ViewCache, snapshots: SnapshotRow[], headline: string[], opts: AnalysisOptions): Pick<AnalysisWrite, 'steps' | 'mismatches'> {
	const memo = new PairMemo();
	const out: Pick<AnalysisWrite, 'steps' | 'mismatches'> = { steps: [], mismatches: [] };
	const byBoard = new Map<string, Set<number>>();
	for (const s of snapshots) byBoard.set(s.board_id, (byBoard.get(s.board_id) ?? new Set()).add(s.id));
	for (const [board, added] of byBoard) {
		const history = activeSnapshotIds(db, board);
		const window = eventWindow(history, added, DEFAULT_EVENT_OPTIONS.noiseSteps);
		if (!window) continue;
		const items = history.slice(window.from, window.to + 1).map((h): HistoryItem => ({ id: h.id, series: seriesKey(h), view: () => cache.byId(h.id)! }));
		const pass = [...added].map((id) => cache.byId(id)!);
		const events = historyEvents(items, seenInDb(db, board, pass), DEFAULT_EVENT_OPTIONS, headline.includes(board), (v) => window.report.has(v.id), stepNoiseCache(db));
		out.steps.push({ snapshotIds: [...window.report], events });
	}
	// Cross-board mismatches at every date a new snapshot governs, as a rebuild compares them.
	const crossDates = new Set<string>();
	for (const [s, { prev, next, dates }] of governedBy(db, snapshots, headline)) {
		const view = cache.byId(s.id)!;
		out.mismatches.push(...sameBoardMismatches(view));
		out.mismatches.push(...retractionMismatches([prev, s.id, next].map((id) => (id ? cache.byId(id) : null)).filter((v): v is SnapshotView => !!v)));
		for (const d of [...dates.values()].flat()) crossDates.add(d);
	}
	for (const date of [...crossDates].sort()) out.mismatches.push(...crossBoardAt(cache, memo, headline, date, opts.staleDays));
	return out;
}

/** What a pass finds between pairs of boards over time: their agreement and their divergence. */
export type PairFindings = Pick<AnalysisWrite, 'agreements' | 'divergences'>;

/**
 * A pass's findings between pairs of boards: the agreement of each new snapshot's board with every
 * other headline board over the dates it now governs, and each pair's divergence walked again from the
 * earliest date the pass changes. Reads only, so another thread may compute it (`PassHelper`)
 * while this one computes the events and mismatches.
 */
export function addedPairFindings(db: Db, snapshotIds: number[], opts: AnalysisOptions, cache = new ViewCache(db)): PairFindings {
	const memo = new PairMemo();
	const headline = headlineBoards(db);
	const snapshots = activeAmong(db, snapshotIds).filter((s) => headline.includes(s.board_id));
	const out: PairFindings = { agreements: [], divergences: [] };
	const agreementsDue = new Map<string, { board: string; other: string; dates: string[] }[]>();
	for (const [s, { dates: governed }] of governedBy(db, snapshots, headline))
		for (const [other, dates] of governed) {
			const key = pairKey(s.board_id, other);
			if (!agreementsDue.has(key)) agreementsDue.set(key, []);
			agreementsDue.get(key)!.push({ board: s.board_id, other, dates });
		}
	// Pair by pair, the agreement of the dates each new snapshot governs, then the pair's divergence walked
	// again from the earliest date it changes: the walk meets the same pairs of snapshots, whose common
	// sets the memo still holds (agreements of every pair first, then the walks, made each set twice).
	const changedFrom = new Map<string, string>();
	for (const s of snapshots) if (!changedFrom.has(s.board_id)) changedFrom.set(s.board_id, s.as_of);
	for (let i = 0; i < headline.length; i++)
		for (let j = i + 1; j < headline.length; j++) {
			const pair: [string, string] = [headline[i], headline[j]];
			for (const due of agreementsDue.get(pairKey(...pair)) ?? []) out.agreements.push(...pairAgreement(cache, memo, due.board, due.other, due.dates, opts.staleDays));
			if (ofOneSource(...pair)) continue;
			const from = pair.map((b) => changedFrom.get(b)).filter((d): d is string => !!d).sort()[0];
			if (from) out.divergences.push(pairDivergences(db, cache, memo, pair, from, opts.staleDays));
		}
	return out;
}

/** A share of a pass that reads only, so another thread may compute it while this one computes the rest. */
export type SideWork = { kind: 'pair-findings'; snapshotIds: number[] } | { kind: 'rebuild-share'; boards: string[] };

/** A rebuild's share that nothing else of it reads: the category boards' events, and every name's presence. */
interface RebuildShare {
	steps: AnalysisWrite['steps'];
	presence: PresenceRange[];
}

/** What each kind of side work gives. */
export interface SideResults {
	'pair-findings': PairFindings;
	'rebuild-share': RebuildShare;
}

/** A share of a pass computed somewhere else (`PassHelper`) while this thread computes the rest. */
export interface Elsewhere {
	start(work: SideWork, opts: AnalysisOptions): void;
	/** The result of the work last started, waited for; null if it could not be had (the caller computes it then). */
	take<K extends SideWork['kind']>(kind: K): SideResults[K] | null;
}

/** Computes side work (on whichever thread calls it). */
export function doSideWork(db: Db, work: SideWork, opts: AnalysisOptions): SideResults[SideWork['kind']] {
	return work.kind === 'pair-findings' ? addedPairFindings(db, work.snapshotIds, opts) : rebuildShare(db, work.boards);
}

function rebuildShare(db: Db, categories: string[], cache?: ViewCache): RebuildShare {
	return { steps: allBoardEvents(db, categories, cache), presence: presenceRanges(db) };
}

/**
 * The analysis new snapshots bring: events of the steps into and out of each, its mismatches, and the
 * agreement and divergence of its board with every other headline board. Given `elsewhere`, the pair
 * findings are computed there while this thread computes the rest.
 */
export function computeAdded(db: Db, snapshotIds: number[], opts: AnalysisOptions, elsewhere?: Elsewhere): AnalysisWrite {
	elsewhere?.start({ kind: 'pair-findings', snapshotIds }, opts);
	const cache = new ViewCache(db);
	const { steps, mismatches } = addedEventsAndMismatches(db, cache, activeAmong(db, snapshotIds), headlineBoards(db), opts);
	const { agreements, divergences } = elsewhere?.take('pair-findings') ?? addedPairFindings(db, snapshotIds, opts, cache);
	return { rebuild: false, snapshotIds, steps, mismatches, agreements, divergences };
}

/** A board's active snapshots, oldest first, as views. */
function activeHistory(db: Db, cache: ViewCache, board: string): SnapshotView[] {
	return activeSnapshotIds(db, board).map((s) => cache.byId(s.id)!);
}

/** The events of a board's whole history, as one step. */
function historyStep(history: SnapshotView[], headline: boolean): AnalysisWrite['steps'][number] {
	return { snapshotIds: history.map((v) => v.id), events: boardHistoryEvents(history, DEFAULT_EVENT_OPTIONS, headline) };
}

/** Each board's events over its whole active history, one step per board. */
function allBoardEvents(db: Db, boards: string[], cache = new ViewCache(db)): AnalysisWrite['steps'] {
	const headline = headlineBoards(db);
	return boards.map((board) => historyStep(activeHistory(db, cache, board), headline.includes(board)));
}

/**
 * Every event, mismatch and agreement, and the names' presence, recomputed from the stored snapshots.
 * Given `elsewhere`, the category boards' events and the presence are computed there (those snapshots
 * are most of the rows, and nothing else of a rebuild reads them or the presence) while this thread
 * computes the headline boards'.
 */
export function computeRebuild(db: Db, opts: AnalysisOptions, elsewhere?: Elsewhere): AnalysisWrite {
	const cache = new ViewCache(db);
	const memo = new PairMemo();
	const headline = headlineBoards(db);
	const boards = boardIds(db);
	const categories = boards.filter((b) => !headline.includes(b));
	elsewhere?.start({ kind: 'rebuild-share', boards: categories }, opts);
	const stepOf = new Map<string, AnalysisWrite['steps'][number]>();
	const write: AnalysisWrite = { rebuild: true, snapshotIds: [], steps: [], mismatches: [], agreements: [], divergences: [] };
	for (const board of boards.filter((b) => headline.includes(b))) {
		const history = activeHistory(db, cache, board);
		stepOf.set(board, historyStep(history, true));
		for (const v of history) write.mismatches.push(...sameBoardMismatches(v));
		write.mismatches.push(...retractionMismatches(history));
	}
	const datesOf = new Map(headline.map((b) => [b, boardDates(db, b)]));
	for (let i = 0; i < headline.length; i++) {
		for (let j = i + 1; j < headline.length; j++) {
			if (!ofOneSource(headline[i], headline[j])) {
				write.divergences.push(pairDivergences(db, cache, memo, [headline[i], headline[j]], null, opts.staleDays, write.agreements));
				continue;
			}
			const dates = [...new Set([...datesOf.get(headline[i])!, ...datesOf.get(headline[j])!])].sort();
			write.agreements.push(...pairAgreement(cache, memo, headline[i], headline[j], dates, opts.staleDays));
		}
	}
	const allDates = [...new Set([...datesOf.values()].flat())].sort();
	for (const date of allDates) write.mismatches.push(...crossBoardAt(cache, memo, headline, date, opts.staleDays));
	const share = elsewhere?.take('rebuild-share') ?? rebuildShare(db, categories, cache);
	categories.forEach((b, i) => stepOf.set(b, share.steps[i]));
	write.presence = share.presence;
	write.steps = boards.map((b) => stepOf.get(b)!);
	return write;
}

/** Stores a computed pass. Call inside a transaction (the pipeline adds the alert decision to it). */
export function applyAnalysis(db: Db, write: AnalysisWrite, now: Date): void {
	if (write.rebuild) {
		clearAnalysis(db);
		for (const step of write.steps) insertEvents(db, step.events, now);
		replacePresence(db, write.presence ?? presenceRanges(db));
		markAnalyzed(db, 'all');
	} else {
		// Events that hang off snapshots no longer in force (replaced on their date) go first.
		deleteEventsOfInactiveSnapshots(db);
		for (const step of write.steps) replaceStepEvents(db, step.snapshotIds, step.events, now);
		addPresence(db, write.snapshotIds);
		markAnalyzed(db, write.snapshotIds);
	}
	upsertMismatches(db, write.mismatches, now);
	upsertAgreement(db, write.agreements);
	for (const d of write.divergences) replacePairDivergences(db, d.boards, d.from, d.stories, d.closed, now);
}

/**
 * Computes with no lock held, then stores in one write transaction — recomputing under the lock if
 * another connection committed in between, so a pass never stores analysis of data that has moved on.
 */
export function computeThenStore<T>(db: Db, compute: () => AnalysisWrite, store: (write: AnalysisWrite) => T): T {
	const version = db.pragma('data_version', { simple: true });
	let write = compute();
	return db
		.transaction(() => {
			if (db.pragma('data_version', { simple: true }) !== version) write = compute();
			return store(write);
		})
		.immediate();
}

/** Recomputes everything and stores it (`rankdrift analyze --rebuild`). */
export function rebuildAnalysis(db: Db, opts: AnalysisOptions, elsewhere?: Elsewhere): { events: number; mismatches: number; agreement: number } {
	const stored = computeThenStore(db, () => computeRebuild(db, opts, elsewhere), (write) => {
		applyAnalysis(db, write, opts.now);
		return write;
	});
	return { events: stored.steps.reduce((n, s) => n + s.events.length, 0), mismatches: countMismatches(db), agreement: stored.agreements.length };
}

import { createHash } from 'node:crypto';
import { MAX_GAP_DAYS } from './series-gap';
import { daysBetween } from '../dates';
import { boardOrder, byKey, identityBasis, leader, newcomerTest, releaseIdentity, rowIdentity, sameModel, seenKeys, type NewcomerTest } from './identity-keys';
import { meanRanks, round } from './ranking';
import type { AnalysisEntry, BoardEvent, EventKind, Severity, SnapshotView } from './types';

export interface EventOptions {
	/** Fixed rank-change threshold; by default it scales with the board: max(2, ⌈4% of the models in both snapshots⌉). */
	jumpThreshold?: number | null;
	/** A model first seen on a board is an event only when it enters this high. */
	entrantTopK: number;
	/** |Δscore| / √(se₁² + se₂²) a jump needs where the board gives CIs. */
	minZ: number;
	/** Two snapshots further apart than this cannot date a move or a de-listing: only leaders and entrants are reported across. */
	maxGapDays: number;
	/** Share of the shared models moving past the threshold, or of the old rows gone, that makes a step one board-wide shift. */
	shiftShare: number;
	/** A board-wide shift needs at least this many models moved or gone (a 5-row board reshuffling is just a few jumps). */
	shiftMin: number;
	/** How many earlier steps of the same series the noise model learns from. */
	noiseSteps: number;
	/** A jump must exceed this multiple of its rank region's usual move (95th percentile over the earlier steps). */
	noiseFactor: number;
	/** Moves a region needs in the earlier steps before its percentile is trusted over the default threshold. */
	noiseMinSamples: number;
}

export const DEFAULT_EVENT_OPTIONS: EventOptions = {
	jumpThreshold: null,
	entrantTopK: 10,
	minZ: 3,
	maxGapDays: MAX_GAP_DAYS,
	shiftShare: 0.4,
	shiftMin: 10,
	noiseSteps: 20,
	noiseFactor: 2,
	noiseMinSamples: 20
};

/** Upper bounds of the rank regions whose noise is learned apart: the top of a board moves less than its tail. */
export const RANK_REGIONS = [3, 10, 25, 50, 100, 200, Infinity];

export function rankRegion(rank: number): number {
	return RANK_REGIONS.findIndex((top) => rank <= top);
}

export function jumpThreshold(n: number, opts: EventOptions): number {
	return opts.jumpThreshold ?? Math.max(2, Math.ceil(0.04 * n));
}

export function eventId(kind: EventKind, board: string, date: string, key: string): string {
	return createHash('sha1').update(`${kind}|${board}|${date}|${key}`).digest('hex').slice(0, 16);
}

/** se from a 95% CI: its width / 3.92 (two 1.96-σ halves). */
function standardError(e: AnalysisEntry): number | null {
	return e.ciLower !== null && e.ciUpper !== null && e.ciUpper > e.ciLower ? (e.ciUpper - e.ciLower) / 3.92 : null;
}

export function scoreZ(a: AnalysisEntry, b: AnalysisEntry): number | null {
	const se1 = standardError(a);
	const se2 = standardError(b);
	if (se1 === null || se2 === null || a.score === null || b.score === null) return null;
	return Math.abs(b.score - a.score) / Math.sqrt(se1 ** 2 + se2 ** 2);
}

/**
 * The series a snapshot belongs to: its feed and how it ranks. Events compare a snapshot only with the
 * previous one of its series, so two feeds or methods interleaved on one board never read as moves.
 */
export function seriesKey(v: Pick<SnapshotView, 'feed' | 'rankSemantics' | 'adjustment' | 'methodVersion'>): string {
	return [v.feed, v.rankSemantics, v.adjustment ?? 'none', v.methodVersion ?? ''].join('|');
}

/**
 * What changed in how the board ranks between two snapshots of different series, if anything: no moves
 * are computed across such a change (even scores of two feeds or methods are not on one scale).
 */
export function methodologyChange(prev: SnapshotView, next: SnapshotView): string | null {
	const changes: string[] = [];
	if (prev.feed !== next.feed) changes.push(`feed ${prev.feed} → ${next.feed}`);
	if ((prev.adjustment ?? 'none') !== (next.adjustment ?? 'none'))
		changes.push(`score adjustment ${prev.adjustment ?? 'none'} → ${next.adjustment ?? 'none'}`);
	if ((prev.methodVersion ?? '') !== (next.methodVersion ?? ''))
		changes.push(`method version ${prev.methodVersion ?? 'unstated'} → ${next.methodVersion ?? 'unstated'}`);
	if (prev.rankSemantics !== next.rankSemantics) changes.push(`rank semantics ${prev.rankSemantics} → ${next.rankSemantics}`);
	return changes.length ? changes.join('; ') : null;
}

function allScored(v: SnapshotView): boolean {
	return v.entries.length > 0 && v.entries.every((e) => e.score !== null);
}

/**
 * Whether the old leader still shares the top in the new snapshot: at rank 1 among ties (an
 * upper-bound rank), or with a rank interval reaching 1. Swapping places inside a statistical tie
 * is not a change of leader.
 */
function stillTiedForFirst(oldTop: AnalysisEntry, next: SnapshotView): boolean {
	const again = next.entries.find((e) => sameModel(e, oldTop) && e.configTags.join() === oldTop.configTags.join());
	return !!again && (again.rank === 1 || again.rankLower === 1);
}

/** How far each model present on both dates moved (+ = rose), ranks re-taken among those models, by its old board rank. */
export interface StepMoves {
	moved: Map<string, { fromRank: number; moved: number }>;
	/** Rows of the old snapshot gone from the new one. */
	gone: number;
	before: number;
}

/** The usual move at each rank region of a series: the 95th percentile of |move| over its earlier steps, when there are enough. */
export type NoiseModel = (number | null)[];

/** One step's moves counted by rank region and size (|move|): all the noise model keeps of a step. */
export type StepNoise = Map<number, number>[];

export function stepNoise(step: StepMoves): StepNoise {
	const counts: StepNoise = RANK_REGIONS.map(() => new Map());
	for (const { fromRank, moved } of step.moved.values()) {
		const r = counts[rankRegion(fromRank)];
		const size = Math.abs(moved);
		r.set(size, (r.get(size) ?? 0) + 1);
	}
	return counts;
}

/**
 * The moves of a series' last steps, counted by region and size: moves are whole or half places, so a
 * window of thousands of rows over many steps is a few hundred counts, and sliding it by a step costs
 * that step's counts, not the window's.
 */
export class NoiseWindow {
	private counts = RANK_REGIONS.map(() => new Map<number, number>());
	private totals = RANK_REGIONS.map(() => 0);
	private steps: StepNoise[] = [];

	constructor(private opts: EventOptions = DEFAULT_EVENT_OPTIONS) {}

	/** Takes in a step, letting the oldest go once the window holds `noiseSteps`. */
	push(step: StepNoise): void {
		this.tally(step, 1);
		this.steps.push(step);
		if (this.steps.length > this.opts.noiseSteps) this.tally(this.steps.shift()!, -1);
	}

	private tally(step: StepNoise, sign: 1 | -1): void {
		step.forEach((sizes, r) => {
			for (const [size, count] of sizes) {
				const left = (this.counts[r].get(size) ?? 0) + sign * count;
				if (left === 0) this.counts[r].delete(size);
				else this.counts[r].set(size, left);
				this.totals[r] += sign * count;
			}
		});
	}

	/** The 95th percentile of |move| per region (linear between the two nearest moves), where a region has enough moves. */
	model(): NoiseModel {
		return this.counts.map((counts, r) => {
			const n = this.totals[r];
			if (n < this.opts.noiseMinSamples) return null;
			const at = (n - 1) * 0.95;
			const lo = Math.floor(at);
			const sizes = [...counts.keys()].sort((a, b) => a - b);
			const valueAt = (index: number) => {
				let seen = 0;
				for (const size of sizes) if ((seen += counts.get(size)!) > index) return size;
				return sizes[sizes.length - 1];
			};
			const low = valueAt(lo);
			return low + (valueAt(Math.min(lo + 1, n - 1)) - low) * (at - lo);
		});
	}
}

/** The noise model of a series from its last steps (at most `noiseSteps` of them count). */
export function noiseModel(steps: StepMoves[], opts: EventOptions = DEFAULT_EVENT_OPTIONS): NoiseModel {
	const window = new NoiseWindow(opts);
	for (const s of steps) window.push(stepNoise(s));
	return window.model();
}

/** The threshold a move at `fromRank` must reach: the board-size default, or far outside the region's learned noise. */
export function regionThreshold(fromRank: number, n: number, noise: NoiseModel | null, opts: EventOptions): number {
	const base = jumpThreshold(n, opts);
	const usual = noise?.[rankRegion(fromRank)] ?? null;
	return usual === null ? base : Math.max(base, Math.ceil(opts.noiseFactor * usual));
}

/** A jump with what telling a blip needs: its row key and its move among the shared models. */
export interface OpenJump {
	event: BoardEvent;
	key: string;
	moved: number;
}

/** What one step needs beyond its two snapshots. */
export interface StepContext {
	/** The series' own noise, learned from its earlier steps. */
	noise?: NoiseModel | null;
	/** Moves of the following step of the series: a jump it undoes by half or more is a blip. */
	following?: StepMoves | null;
	/** This step's moves, when the caller has them already (the history pass counts every step's noise). */
	moves?: StepMoves;
	/** Headline boards are what analysts read first: their moves at the top rate higher. */
	headline?: boolean;
	/** Told each jump with its row key, for a history that learns of the following step only later. */
	onJump?: (jump: OpenJump) => void;
}

function ranksAmong(entries: AnalysisEntry[], byScore: boolean): number[] {
	return byScore ? meanRanks(entries.map((e) => e.score!), true) : meanRanks(entries.map((e) => e.rank));
}

// Each snapshot of a series is read as the later side of one step and the earlier of the next, by the
// move detector and by every other: its rows by identity are made once (a view never changes).
const rowsOfView = new WeakMap<SnapshotView, Map<string, AnalysisEntry>>();

/** A view's rows by row identity, its best row for each (read-only: shared by every step it is in). */
function rowsByIdentity(view: SnapshotView): Map<string, AnalysisEntry> {
	let rows = rowsOfView.get(view);
	if (!rows) rowsOfView.set(view, (rows = byKey(view.entries, rowIdentity)));
	return rows;
}

/** Moves between two snapshots of one series (see `StepMoves`). */
export function stepMoves(prev: SnapshotView, next: SnapshotView): StepMoves {
	const byScore = allScored(prev) && allScored(next);
	const before = rowsByIdentity(prev);
	const after = rowsByIdentity(next);
	const common = [...before.keys()].filter((k) => after.has(k));
	const oldRanks = ranksAmong(common.map((k) => before.get(k)!), byScore);
	const newRanks = ranksAmong(common.map((k) => after.get(k)!), byScore);
	const moved = new Map(common.map((k, i) => [k, { fromRank: before.get(k)!.rank, moved: oldRanks[i] - newRanks[i] }]));
	return { moved, gone: before.size - common.length, before: before.size };
}

function isBlip(key: string, moved: number, following: StepMoves | null | undefined): boolean {
	const back = following?.moved.get(key)?.moved;
	// Undone by half or more, in the other direction, by the very next snapshot of the series.
	return back !== undefined && Math.sign(back) === -Math.sign(moved) && Math.abs(moved + back) <= Math.abs(moved) / 2;
}

/**
 * High only on a headline board, near the top, where the published ranks moved past the threshold too
 * (not only the ranks re-taken among shared models); a large move deep in a long table is low.
 */
function jumpSeverity(a: AnalysisEntry, b: AnalysisEntry, threshold: number, size: number, headline: boolean): Severity {
	const top = Math.min(a.rank, b.rank);
	const published = Math.abs(a.rank - b.rank) >= threshold;
	if (headline && published && (top <= 3 || (top <= 10 && size >= 2))) return 'high';
	if (top <= 10 || (top <= 25 && size >= 2) || (headline && top <= 50 && size >= 3)) return 'medium';
	return 'low';
}

type EventFields = Partial<BoardEvent> & { severity: Severity; detail: string };

/** Two snapshots of one board as every detector reads them. */
interface Step {
	prev: SnapshotView;
	next: SnapshotView;
	/** Each side's rows by row identity, and the identities listed on both dates. */
	before: Map<string, AnalysisEntry>;
	after: Map<string, AnalysisEntry>;
	common: string[];
	/** Most shared models keep their exact name: a feed using API keys after one using display names does not. */
	sameNaming: boolean;
	/** What changed in how the board ranks, if anything. */
	method: string | null;
	/** Told with the events of a step across a long gap; '' when the gap is ordinary. */
	afterGap: string;
	/** An event of this step, its id from its kind and key. */
	event(kind: EventKind, key: string, e: EventFields): BoardEvent;
}

function readStep(prev: SnapshotView, next: SnapshotView, opts: EventOptions): Step {
	const before = rowsByIdentity(prev);
	const after = rowsByIdentity(next);
	const common = [...before.keys()].filter((k) => after.has(k));
	// When names are not kept, a different name is a spelling, not a rename.
	const sameNaming = common.length > 0 && common.filter((k) => before.get(k)!.name === after.get(k)!.name).length >= common.length / 2;
	const gap = daysBetween(prev.asOf, next.asOf);
	const base = { board: next.board, date: next.asOf, previousDate: prev.asOf, snapshotId: next.id, previousSnapshotId: prev.id };
	return {
		prev,
		next,
		before,
		after,
		common,
		sameNaming,
		method: methodologyChange(prev, next),
		afterGap: gap > opts.maxGapDays ? ` (first snapshot after ${gap} days)` : '',
		event: (kind, key, e) => ({
			id: eventId(kind, next.board, next.asOf, key),
			kind,
			...base,
			model: null,
			previousModel: null,
			family: null,
			release: null,
			organization: null,
			fromRank: null,
			toRank: null,
			scoreChange: null,
			z: null,
			blip: false,
			...e
		})
	};
}

const who = (e: AnalysisEntry) => ({ family: e.family, release: e.release, organization: e.organization });

function methodologyEvents(s: Step): BoardEvent[] {
	if (!s.method) return [];
	return [s.event('methodology', 'method', { severity: 'medium', detail: `how ${s.next.board} ranks changed: ${s.method}; no moves are computed across it` })];
}

/** Compared as releases, so a rename or a settings variant of the same release is not a new leader. */
function newLeaderEvents(s: Step): BoardEvent[] {
	const oldTop = leader(s.prev.entries);
	const newTop = leader(s.next.entries);
	if (s.method || !oldTop || !newTop || sameModel(oldTop, newTop)) return [];
	const debut = !s.prev.entries.some((e) => sameModel(e, newTop));
	if (!debut && stillTiedForFirst(oldTop, s.next)) return [];
	return [
		s.event('new-leader', releaseIdentity(newTop), {
			...who(newTop),
			model: newTop.name,
			previousModel: oldTop.name,
			toRank: newTop.rank,
			fromRank: s.before.get(rowIdentity(newTop))?.rank ?? null,
			// Between differently built feeds (API keys vs display names) the top can differ by rounding alone.
			severity: s.sameNaming ? 'high' : 'medium',
			detail: `${newTop.name} is now #1 on ${s.next.board}, replacing ${oldTop.name}${s.afterGap}`
		})
	];
}

/** A model nothing seen on this board before could be, arriving in the top k: told once per release. */
function entrantEvents(s: Step, isNew: NewcomerTest, opts: EventOptions): BoardEvent[] {
	const events: BoardEvent[] = [];
	const reported = new Set<string>();
	for (const e of [...s.next.entries].sort(boardOrder)) {
		const rk = releaseIdentity(e);
		if (e.rank > opts.entrantTopK || reported.has(rk) || !isNew(e)) continue;
		reported.add(rk);
		events.push(
			s.event('new-entrant', rk, {
				...who(e),
				model: e.name,
				toRank: e.rank,
				severity: e.rank <= 3 ? 'high' : 'medium',
				detail: `${e.name} enters ${s.next.board} at #${e.rank}`
			})
		);
	}
	return events;
}

/** A step in which many models moved past the threshold, or many rows went, is one board-wide shift; null otherwise. */
function recalibrationEvent(s: Step, moves: StepMoves, opts: EventOptions): BoardEvent | null {
	const n = s.common.length;
	const threshold = jumpThreshold(n, opts);
	const movedFar = [...moves.moved.values()].filter((m) => Math.abs(m.moved) >= threshold).length;
	const manyMoved = n > 0 && movedFar >= opts.shiftMin && movedFar / n >= opts.shiftShare;
	const manyGone = moves.gone >= opts.shiftMin && moves.gone / moves.before >= opts.shiftShare;
	if (!manyMoved && !manyGone) return null;
	const parts = [
		...(movedFar / Math.max(n, 1) >= opts.shiftShare ? [`${movedFar} of the ${n} models listed on both dates moved ${threshold} or more places`] : []),
		...(moves.gone / moves.before >= opts.shiftShare ? [`${moves.gone} of ${moves.before} rows were dropped`] : [])
	];
	return s.event('recalibration', 'shift', {
		severity: 'medium',
		detail: `${s.next.board} changed as a whole between ${s.prev.asOf} and ${s.next.asOf}: ${parts.join(' and ')}; a re-fit, a new method or a pruning, not individual moves`
	});
}

/** Gone from the board, never a drop. Across a change of naming an unresolved name may only be spelled differently. */
function delistedEvents(s: Step): BoardEvent[] {
	const events: BoardEvent[] = [];
	for (const [key, e] of s.before) {
		if (s.after.has(key) || (!s.sameNaming && !e.family)) continue;
		events.push(
			s.event('delisted', key, {
				...who(e),
				previousModel: e.name,
				fromRank: e.rank,
				severity: e.rank <= 10 ? 'medium' : 'low',
				detail: `${e.name} (was #${e.rank}) is no longer listed on ${s.next.board}`
			})
		);
	}
	return events;
}

/** The same release shown under a new name, where the board otherwise kept its names. */
function renamedEvents(s: Step): BoardEvent[] {
	if (!s.sameNaming) return [];
	const events: BoardEvent[] = [];
	for (const key of s.common) {
		const a = s.before.get(key)!;
		const b = s.after.get(key)!;
		// A row known by its name alone matched by that name: a new spelling of it (case, spacing) is no new name.
		if (a.name === b.name || identityBasis(a) === 'name') continue;
		events.push(
			s.event('renamed', key, {
				...who(b),
				model: b.name,
				previousModel: a.name,
				fromRank: a.rank,
				toRank: b.rank,
				severity: 'low',
				detail: `${a.name} is now shown as ${b.name} on ${s.next.board} (same release)`
			})
		);
	}
	return events;
}

/**
 * Ranks re-taken among the models present in both snapshots, so additions and de-listings move no one;
 * a move must be far outside what this part of the board usually does between snapshots.
 */
function jumpEvents(s: Step, moves: StepMoves, opts: EventOptions, ctx: StepContext): BoardEvent[] {
	const n = s.common.length;
	if (n < 2) return [];
	const events: BoardEvent[] = [];
	for (const key of s.common) {
		const { moved } = moves.moved.get(key)!;
		const a = s.before.get(key)!;
		const b = s.after.get(key)!;
		const threshold = regionThreshold(a.rank, n, ctx.noise ?? null, opts);
		if (Math.abs(moved) < threshold) continue;
		const z = scoreZ(a, b);
		if (z !== null && z < opts.minZ) continue;
		const jump = s.event('jump', key, {
			...who(b),
			model: b.name,
			previousModel: a.name,
			fromRank: a.rank,
			toRank: b.rank,
			scoreChange: a.score !== null && b.score !== null ? round(b.score - a.score, 3) : null,
			z: z === null ? null : round(z, 2),
			severity: jumpSeverity(a, b, threshold, Math.abs(moved) / threshold, ctx.headline ?? false),
			blip: isBlip(key, moved, ctx.following),
			detail: `${b.name} ${moved > 0 ? 'rose' : 'fell'} ${Math.abs(moved)} places among the ${n} models listed on both dates (#${a.rank} → #${b.rank}; ${threshold} needed here)${z === null ? '' : `, z = ${round(z, 1)}`}`
		});
		ctx.onJump?.({ event: jump, key, moved });
		events.push(jump);
	}
	return events;
}

/**
 * Events between two snapshots of one board: `prev` is the previous snapshot of `next`'s series, or of
 * the board when `next` starts a series (then only the change of method and the entrants are told).
 * `isNew` tells whether a row of `next` is a model never seen on the board before (only asked of rows in the top k).
 */
export function boardEvents(prev: SnapshotView, next: SnapshotView, isNew: NewcomerTest, opts: EventOptions = DEFAULT_EVENT_OPTIONS, ctx: StepContext = {}): BoardEvent[] {
	const step = readStep(prev, next, opts);
	const told = [...methodologyEvents(step), ...newLeaderEvents(step), ...entrantEvents(step, isNew, opts)];
	// Across a change of method or a long gap, moves and de-listings cannot be told or dated.
	if (step.method || step.afterGap) return told;
	const moves = ctx.moves ?? stepMoves(prev, next);
	// A board-wide shift is told once, instead of the moves and de-listings it is made of.
	const shift = recalibrationEvent(step, moves, opts);
	if (shift) return [...told, shift];
	return [...told, ...delistedEvents(step), ...renamedEvents(step), ...jumpEvents(step, moves, opts, ctx)];
}

/** A snapshot of a board history as the event pass walks it: its series known up front, its rows loaded only when needed. */
export interface HistoryItem {
	id: number;
	series: string;
	view(): SnapshotView;
}

export const historyItem = (view: SnapshotView): HistoryItem => ({ id: view.id, series: seriesKey(view), view: () => view });

/** The newcomer test as of each snapshot of a history, and how a snapshot is recorded as seen. */
export interface SeenTracker {
	isNewAt(view: SnapshotView): NewcomerTest;
	saw(item: HistoryItem): void;
}

/** A newcomer test over everything the history passed so far has shown (a rebuild walks the whole board in order). */
export function seenInHistory(): SeenTracker {
	const seen = new Set<string>();
	return {
		isNewAt: () => newcomerTest(seen),
		saw: (item) => {
			for (const e of item.view().entries) for (const k of seenKeys(e)) seen.add(k);
		}
	};
}

/** Step noise already counted (by the two snapshots' ids): a pass over new snapshots need not reload the steps behind them. */
export interface StepNoiseCache {
	get(prev: number, next: number): StepNoise | undefined;
	set(prev: number, next: number, noise: StepNoise): void;
}

/**
 * Events of a board history's snapshots (oldest first: the board's active snapshots, of which `report`
 * chooses those whose events are wanted). Each snapshot is compared with the previous one of its
 * series, whose earlier steps give the noise its moves are judged against; a snapshot starting a series
 * is compared with the board's previous snapshot for its change of method and its entrants only.
 */
export function historyEvents(
	history: HistoryItem[],
	seen: SeenTracker,
	opts: EventOptions = DEFAULT_EVENT_OPTIONS,
	headline = false,
	report: (item: HistoryItem) => boolean = () => true,
	cache: StepNoiseCache | null = null
): BoardEvent[] {
	const out: BoardEvent[] = [];
	const lastOfSeries = new Map<string, HistoryItem>();
	const noiseOfSeries = new Map<string, NoiseWindow>();
	// A step's jumps are blips or not once the series' next step is known.
	const openJumps = new Map<string, OpenJump[]>();
	history.forEach((item, i) => {
		const prev = lastOfSeries.get(item.series);
		if (!prev) {
			if (i > 0 && report(item)) out.push(...boardEvents(history[i - 1].view(), item.view(), seen.isNewAt(item.view()), opts, { headline }));
		} else {
			let noise = noiseOfSeries.get(item.series);
			if (!noise) noiseOfSeries.set(item.series, (noise = new NoiseWindow(opts)));
			const open = openJumps.get(item.series) ?? [];
			let counted = cache?.get(prev.id, item.id);
			// The moves themselves only when a blip is to be told or the step was never counted.
			let moves: StepMoves | undefined;
			if (open.length || !counted) {
				moves = stepMoves(prev.view(), item.view());
				for (const j of open) j.event.blip = isBlip(j.key, j.moved, moves);
				if (!counted) {
					counted = stepNoise(moves);
					cache?.set(prev.id, item.id, counted);
				}
			}
			const jumps: OpenJump[] = [];
			if (report(item)) out.push(...boardEvents(prev.view(), item.view(), seen.isNewAt(item.view()), opts, { noise: noise.model(), headline, moves, onJump: (j) => jumps.push(j) }));
			openJumps.set(item.series, jumps);
			noise.push(counted!);
		}
		lastOfSeries.set(item.series, item);
		seen.saw(item);
	});
	return out;
}

/** Every event in a board's history of active snapshots (oldest first). */
export function boardHistoryEvents(history: SnapshotView[], opts: EventOptions = DEFAULT_EVENT_OPTIONS, headline = false): BoardEvent[] {
	return historyEvents(history.map(historyItem), seenInHistory(), opts, headline);
}

import { createHash } from 'node:crypto';
import { boardOrder, byKey, leader, newcomerTest, releaseIdentity, rowIdentity, sameModel, seenKeys, type NewcomerTest } from './identity-keys';
import { meanRanks, round } from './ranking';
import type { AnalysisEntry, BoardEvent, EventKind, Severity, SnapshotView } from './types';

export interface EventOptions {
	/** Fixed rank-change threshold; by default it scales with the board: max(2, ⌈4% of the models in both snapshots⌉). */
	jumpThreshold?: number | null;
	/** A model first seen on a board is an event only when it enters this high. */
	entrantTopK: number;
	/** |Δscore| / √(se₁² + se₂²) a jump needs where the board gives CIs. */
	minZ: number;
}

export const DEFAULT_EVENT_OPTIONS: EventOptions = { jumpThreshold: null, entrantTopK: 10, minZ: 3 };

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

/** What changed in how the board ranks, if anything: no jumps are computed across such a change. */
export function methodologyChange(prev: SnapshotView, next: SnapshotView, byScore: boolean): string | null {
	const changes: string[] = [];
	if ((prev.adjustment ?? 'none') !== (next.adjustment ?? 'none'))
		changes.push(`score adjustment ${prev.adjustment ?? 'none'} → ${next.adjustment ?? 'none'}`);
	if ((prev.methodVersion ?? '') !== (next.methodVersion ?? ''))
		changes.push(`method version ${prev.methodVersion ?? 'unstated'} → ${next.methodVersion ?? 'unstated'}`);
	// Ranks of different kinds only clash when ranks, not scores, are compared.
	if (!byScore && prev.rankSemantics !== next.rankSemantics) changes.push(`rank semantics ${prev.rankSemantics} → ${next.rankSemantics}`);
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

/**
 * Events between two consecutive active snapshots of one board. `isNew` tells whether a row of `next`
 * is a model never seen on the board before (only asked of rows in the top k).
 */
export function boardEvents(prev: SnapshotView, next: SnapshotView, isNew: NewcomerTest, opts: EventOptions = DEFAULT_EVENT_OPTIONS): BoardEvent[] {
	const events: BoardEvent[] = [];
	const byScore = allScored(prev) && allScored(next);
	const base = { board: next.board, date: next.asOf, previousDate: prev.asOf, snapshotId: next.id, previousSnapshotId: prev.id };
	const make = (kind: EventKind, key: string, e: Partial<BoardEvent> & { severity: Severity; detail: string }): BoardEvent => ({
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
		...e
	});
	const who = (e: AnalysisEntry) => ({ family: e.family, release: e.release, organization: e.organization });

	const method = methodologyChange(prev, next, byScore);
	if (method) events.push(make('methodology', 'method', { severity: 'medium', detail: `how ${next.board} ranks changed: ${method}; no jumps are computed across it` }));

	const before = byKey(prev.entries, rowIdentity);
	const after = byKey(next.entries, rowIdentity);
	const common = [...before.keys()].filter((k) => after.has(k));
	// Two snapshots name models the same way when most shared models keep their exact name. When they
	// do not (a feed using API keys after one using display names), a different name is a spelling, not a rename.
	const sameNaming = common.length > 0 && common.filter((k) => before.get(k)!.name === after.get(k)!.name).length >= common.length / 2;

	// Leader: compared as releases, so a rename or a settings variant of the same release is not a new leader.
	const oldTop = leader(prev.entries);
	const newTop = leader(next.entries);
	const debut = newTop && !prev.entries.some((e) => sameModel(e, newTop));
	if (oldTop && newTop && !sameModel(oldTop, newTop) && (debut || !stillTiedForFirst(oldTop, next))) {
		events.push(
			make('new-leader', releaseIdentity(newTop), {
				...who(newTop),
				model: newTop.name,
				previousModel: oldTop.name,
				toRank: newTop.rank,
				fromRank: before.get(rowIdentity(newTop))?.rank ?? null,
				// Between differently built feeds (API keys vs display names) the top can differ by rounding alone.
				severity: sameNaming ? 'high' : 'medium',
				detail: `${newTop.name} is now #1 on ${next.board}, replacing ${oldTop.name}`
			})
		);
	}

	// New entrants: a model nothing seen on this board before could be, arriving in the top k.
	const sortedNext = [...next.entries].sort(boardOrder);
	const reported = new Set<string>();
	sortedNext.forEach((e) => {
		const rk = releaseIdentity(e);
		if (e.rank > opts.entrantTopK || reported.has(rk) || !isNew(e)) return;
		reported.add(rk);
		events.push(
			make('new-entrant', rk, {
				...who(e),
				model: e.name,
				toRank: e.rank,
				severity: e.rank <= 3 ? 'high' : 'medium',
				detail: `${e.name} enters ${next.board} at #${e.rank}`
			})
		);
	});

	// Delisted: gone from the board, never a drop. Across a change of naming an unresolved name may only be spelled differently.
	for (const [key, e] of before) {
		if (after.has(key)) continue;
		if (!sameNaming && !e.family) continue;
		events.push(
			make('delisted', key, {
				...who(e),
				previousModel: e.name,
				fromRank: e.rank,
				severity: e.rank <= 10 ? 'medium' : 'low',
				detail: `${e.name} (was #${e.rank}) is no longer listed on ${next.board}`
			})
		);
	}

	// Renamed: the same release shown under a new name, where the board otherwise kept its names.
	if (sameNaming) {
		for (const key of common) {
			const a = before.get(key)!;
			const b = after.get(key)!;
			if (a.name === b.name || key.startsWith('n:')) continue;
			events.push(
				make('renamed', key, {
					...who(b),
					model: b.name,
					previousModel: a.name,
					fromRank: a.rank,
					toRank: b.rank,
					severity: 'low',
					detail: `${a.name} is now shown as ${b.name} on ${next.board} (same release)`
				})
			);
		}
	}

	if (method || common.length < 2) return events;

	// Jumps: ranks re-taken among the models present in both snapshots, so additions and de-listings move no one.
	const olds = common.map((k) => before.get(k)!);
	const news = common.map((k) => after.get(k)!);
	const oldRanks = byScore ? meanRanks(olds.map((e) => e.score!), true) : meanRanks(olds.map((e) => e.rank));
	const newRanks = byScore ? meanRanks(news.map((e) => e.score!), true) : meanRanks(news.map((e) => e.rank));
	const threshold = jumpThreshold(common.length, opts);
	common.forEach((key, i) => {
		const moved = oldRanks[i] - newRanks[i];
		if (Math.abs(moved) < threshold) return;
		const z = scoreZ(olds[i], news[i]);
		if (z !== null && z < opts.minZ) return;
		const a = olds[i];
		const b = news[i];
		const size = Math.abs(moved) / threshold;
		const severity: Severity = size >= 3 || Math.min(b.rank, a.rank) <= 3 ? 'high' : size >= 2 ? 'medium' : 'low';
		events.push(
			make('jump', key, {
				...who(b),
				model: b.name,
				previousModel: a.name,
				fromRank: a.rank,
				toRank: b.rank,
				scoreChange: a.score !== null && b.score !== null ? round(b.score - a.score, 3) : null,
				z: z === null ? null : round(z, 2),
				severity,
				detail: `${b.name} ${moved > 0 ? 'rose' : 'fell'} ${Math.abs(moved)} places among the ${common.length} models listed on both dates (#${a.rank} → #${b.rank})${z === null ? '' : `, z = ${round(z, 1)}`}`
			})
		);
	});
	return events;
}

/** Every event in a board's history of active snapshots (oldest first). */
export function boardHistoryEvents(history: SnapshotView[], opts: EventOptions = DEFAULT_EVENT_OPTIONS): BoardEvent[] {
	const out: BoardEvent[] = [];
	const seen = new Set<string>();
	history.forEach((view, i) => {
		if (i > 0) out.push(...boardEvents(history[i - 1], view, newcomerTest(seen), opts));
		for (const e of view.entries) for (const k of seenKeys(e)) seen.add(k);
	});
	return out;
}

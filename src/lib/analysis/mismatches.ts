import { createHash } from 'node:crypto';
import { commonSet } from './common-set';
import { seriesKey } from './events';
import { boardOrder } from './identity-keys';
import { percentile, round } from './ranking';
import { scoreZ } from './events';
import type { AnalysisEntry, Mismatch, MismatchKind, MismatchSide, Severity, SnapshotView } from './types';

export interface MismatchOptions {
	/** Same board: the checkpoint must rank this much better, as a share of the board (0.1 = 10% of its models)… */
	sameBoardMinShare: number;
	/** …and at least this many places. */
	sameBoardMinPlaces: number;
	/** Across boards: the common-set percentile gap that counts as large. */
	crossBoardMinGap: number;
	/** Shared models a cross-board gap needs to be rated high. */
	crossBoardHighSet: number;
	/** Retraction: the checkpoint vanishes within this many days of the public release appearing. */
	retractionWindowDays: number;
}

export const DEFAULT_MISMATCH_OPTIONS: MismatchOptions = {
	sameBoardMinShare: 0.1,
	sameBoardMinPlaces: 5,
	crossBoardMinGap: 0.25,
	crossBoardHighSet: 20,
	retractionWindowDays: 60
};

const PRE_RELEASE_TAGS = new Set(['experimental', 'exp', 'preview', 'beta', 'codename']);

/**
 * A pre-release checkpoint. The crosswalk's verdict wins: some public releases carry "preview" in
 * their name (gpt-4.5-preview); labels decide only for releases the crosswalk does not know.
 */
export function isCheckpoint(e: AnalysisEntry): boolean {
	if (e.releaseKind) return e.releaseKind === 'checkpoint';
	return e.labelTags.some((t) => PRE_RELEASE_TAGS.has(t));
}

/** The family's public release as the board names it (a known public release, or an unlabelled family-only name). */
function isPublic(e: AnalysisEntry): boolean {
	return !isCheckpoint(e);
}

export function mismatchId(kind: MismatchKind, parts: (string | null)[]): string {
	return createHash('sha1').update([kind, ...parts].join('|')).digest('hex').slice(0, 16);
}

function side(e: AnalysisEntry, view: SnapshotView, pct: number | null): MismatchSide {
	return { name: e.name, board: view.board, date: view.asOf, rank: e.rank, score: e.score, release: e.release, pct: pct === null ? null : round(pct) };
}

/** Like with like: a checkpoint is set against a release run the same way (thinking, effort). */
function sameSettings(a: AnalysisEntry, b: AnalysisEntry): boolean {
	return [...a.configTags].sort().join() === [...b.configTags].sort().join();
}

// A view is checked against every other headline board at every date it is in force: its families are
// sorted and grouped once (a view never changes).
const familiesOfView = new WeakMap<SnapshotView, Map<string, AnalysisEntry[]>>();

/** A view's entries by family, each family's best first (entries with none left out; read-only, shared). */
function byFamily(view: SnapshotView): Map<string, AnalysisEntry[]> {
	const known = familiesOfView.get(view);
	if (known) return known;
	const out = new Map<string, AnalysisEntry[]>();
	for (const e of [...view.entries].sort(boardOrder)) {
		if (!e.family) continue;
		const list = out.get(e.family);
		if (list) list.push(e);
		else out.set(e.family, [e]);
	}
	familiesOfView.set(view, out);
	return out;
}

/**
 * Same board, same snapshot: a checkpoint or pre-release-labelled release ranked far above its
 * family's public release. Significant when their rank intervals do not overlap, or (without
 * intervals) when the scores differ by z ≥ 3.
 */
export function sameBoardMismatches(view: SnapshotView, opts: MismatchOptions = DEFAULT_MISMATCH_OPTIONS): Mismatch[] {
	const out: Mismatch[] = [];
	const minPlaces = Math.max(opts.sameBoardMinPlaces, Math.ceil(opts.sameBoardMinShare * view.entries.length));
	for (const [family, list] of byFamily(view)) {
		const checkpoint = list.find(isCheckpoint);
		const release = checkpoint && list.find((e) => isPublic(e) && e.release !== checkpoint.release && sameSettings(e, checkpoint));
		if (!checkpoint || !release) continue;
		const gap = release.rank - checkpoint.rank;
		if (gap < minPlaces) continue;
		const intervals = checkpoint.rankUpper !== null && release.rankLower !== null;
		const z = scoreZ(checkpoint, release);
		const significant = intervals ? checkpoint.rankUpper! < release.rankLower! : z !== null && z >= 3;
		out.push({
			id: mismatchId('same-board', [view.board, family, checkpoint.release ?? checkpoint.name, release.release ?? release.name]),
			kind: 'same-board',
			family,
			organization: checkpoint.organization ?? release.organization,
			date: view.asOf,
			checkpoint: side(checkpoint, view, null),
			release: side(release, view, null),
			gap,
			significant,
			severity: significant && gap >= 2 * minPlaces ? 'high' : significant ? 'medium' : 'low',
			commonSetSize: null,
			detail: `${checkpoint.name} (#${checkpoint.rank}) ranks ${gap} places above the public ${release.name} (#${release.rank}) on ${view.board}`
		});
	}
	return out;
}

/**
 * Across two boards at one date: board A ranks a family only through a pre-release checkpoint while
 * board B ranks its public release. Each is placed in its board's order among the models the two
 * boards share; a large percentile gap in the checkpoint's favour is a mismatch.
 */
export function crossBoardMismatches(a: SnapshotView, b: SnapshotView, date: string, opts: MismatchOptions = DEFAULT_MISMATCH_OPTIONS): Mismatch[] {
	const out: Mismatch[] = [];
	const famA = byFamily(a);
	const famB = byFamily(b);
	const candidates: { family: string; checkpoint: AnalysisEntry; release: AnalysisEntry }[] = [];
	for (const [family, listA] of famA) {
		const listB = famB.get(family);
		// A checks a checkpoint B does not list: B's public release is the other side, whether or not A
		// also lists that release (then A's own gap is a same-board mismatch besides).
		if (!listB || listB.some(isCheckpoint)) continue;
		const checkpoint = listA.find(isCheckpoint);
		const release = checkpoint && listB.find((e) => isPublic(e) && sameSettings(e, checkpoint));
		if (checkpoint && release) candidates.push({ family, checkpoint, release });
	}
	// Most pairs of boards have no such family: the common set is built only when one does.
	if (candidates.length === 0) return out;
	const shared = commonSet([a, b]);
	if (shared.length < 10) return out;
	for (const { family, checkpoint, release } of candidates) {
		const others = shared.filter((m) => m.family !== family);
		const rankAmong = (e: AnalysisEntry, boardIndex: number) =>
			1 + others.filter((m) => m.entries[boardIndex].rank < e.rank).length + others.filter((m) => m.entries[boardIndex].rank === e.rank).length / 2;
		const n = others.length + 1;
		const pctA = percentile(rankAmong(checkpoint, 0), n);
		const pctB = percentile(rankAmong(release, 1), n);
		const gap = pctB - pctA;
		if (gap < opts.crossBoardMinGap) continue;
		// A percentile among a dozen shared models moves by 8 points per place: high needs a set that can carry it.
		const severity: Severity = gap >= 0.5 && n >= opts.crossBoardHighSet ? 'high' : 'medium';
		out.push({
			id: mismatchId('cross-board', [family, a.board, checkpoint.release ?? checkpoint.name, b.board, release.release ?? release.name]),
			kind: 'cross-board',
			family,
			organization: checkpoint.organization ?? release.organization,
			date,
			checkpoint: side(checkpoint, a, pctA),
			release: side(release, b, pctB),
			gap: round(gap),
			// Different boards never share an interval scale: the gap itself is the evidence.
			significant: gap >= 2 * opts.crossBoardMinGap,
			severity,
			commonSetSize: n,
			detail: `${a.board} ranks ${family} through the checkpoint ${checkpoint.name} (top ${Math.round(pctA * 100)}% of ${n} shared models) while ${b.board} ranks the public ${release.name} at ${Math.round(pctB * 100)}%`
		});
	}
	return out;
}

/**
 * A checkpoint that disappears from a board soon after the family's public release appears there,
 * ranked lower than the checkpoint was: the board swapped the flattering entry for the real one.
 */
export function retractionMismatches(history: SnapshotView[], opts: MismatchOptions = DEFAULT_MISMATCH_OPTIONS): Mismatch[] {
	const out: Mismatch[] = [];
	const publicFirstSeen = new Map<string, SnapshotView>();
	for (let i = 1; i < history.length; i++) {
		const prev = history[i - 1];
		const next = history[i];
		for (const v of [prev, next]) for (const e of v.entries) if (isPublic(e) && e.family && !publicFirstSeen.has(e.family)) publicFirstSeen.set(e.family, v);
		// Between two feeds or methods a checkpoint's name can vanish by spelling alone: only a series drops one.
		if (seriesKey(prev) !== seriesKey(next)) continue;
		const stillThere = new Set(next.entries.filter(isCheckpoint).map((e) => `${e.family}|${e.release ?? e.name}`));
		for (const c of prev.entries) {
			if (!c.family || !isCheckpoint(c) || stillThere.has(`${c.family}|${c.release ?? c.name}`)) continue;
			const publicSince = publicFirstSeen.get(c.family);
			if (!publicSince) continue;
			const days = (Date.parse(next.asOf) - Date.parse(publicSince.asOf)) / 86_400_000;
			if (days < 0 || days > opts.retractionWindowDays) continue;
			const publicNow = next.entries.find((e) => e.family === c.family && isPublic(e) && sameSettings(e, c));
			const minPlaces = Math.max(opts.sameBoardMinPlaces, Math.ceil(opts.sameBoardMinShare * next.entries.length));
			if (!publicNow || publicNow.rank - c.rank < minPlaces) continue;
			out.push({
				id: mismatchId('retraction', [next.board, c.family, c.release ?? c.name]),
				kind: 'retraction',
				family: c.family,
				organization: c.organization ?? publicNow.organization,
				date: next.asOf,
				checkpoint: side(c, prev, null),
				release: side(publicNow, next, null),
				gap: publicNow.rank - c.rank,
				significant: c.rankUpper !== null && publicNow.rankLower !== null ? c.rankUpper < publicNow.rankLower : publicNow.rank - c.rank >= 5,
				severity: publicNow.rank - c.rank >= 10 ? 'high' : 'medium',
				commonSetSize: null,
				detail: `${c.name} (#${c.rank}) left ${next.board} on ${next.asOf}, ${Math.round(days)} days after the public ${publicNow.name} appeared; the public release ranks #${publicNow.rank}`
			});
		}
	}
	return out;
}

/** Keeps the first sighting of each mismatch id (a mismatch persists across many snapshots), with the date it was last seen. */
export function firstSightings(all: Mismatch[]): (Mismatch & { lastSeen: string; sightings: number })[] {
	const byId = new Map<string, Mismatch & { lastSeen: string; sightings: number }>();
	for (const m of [...all].sort((x, y) => x.date.localeCompare(y.date))) {
		const seen = byId.get(m.id);
		if (!seen) byId.set(m.id, { ...m, lastSeen: m.date, sightings: 1 });
		else {
			seen.lastSeen = m.date;
			seen.sightings++;
			// Once significant, stay significant: later snapshots with wider intervals do not undo the evidence.
			if (m.significant && !seen.significant) Object.assign(seen, { ...m, date: seen.date, lastSeen: m.date, sightings: seen.sightings });
		}
	}
	return [...byId.values()];
}

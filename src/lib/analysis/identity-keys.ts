import type { AnalysisEntry } from './types';

/** How a model is known when nothing better is: its raw name without case, spacing or punctuation noise. */
export function nameKey(name: string): string {
	return name.toLowerCase().replace(/[\s_]+/g, '-').replace(/[^a-z0-9.\-()]/g, '');
}

/** What a row is known by: its release if resolved that far, else its family, else only its name. */
export type IdentityBasis = 'release' | 'family' | 'name';

export function identityBasis(e: Pick<AnalysisEntry, 'release' | 'family'>): IdentityBasis {
	return e.release ? 'release' : e.family ? 'family' : 'name';
}

/** The model as a release, whatever settings it was run with: what "a different release" means. */
export function releaseIdentity(e: AnalysisEntry): string {
	switch (identityBasis(e)) {
		case 'release':
			return `r:${e.release}`;
		case 'family':
			return `f:${e.family}`;
		case 'name':
			return `n:${nameKey(e.name)}`;
	}
}

/**
 * The model as one row of one board: its release (or family) plus how it was run. A label change keeps
 * the key. A row known only by its name carries its settings in that name.
 */
export function rowIdentity(e: AnalysisEntry): string {
	if (identityBasis(e) === 'name') return releaseIdentity(e);
	return `${releaseIdentity(e)}|${[...e.configTags].sort().join('+')}`;
}

/**
 * Whether two rows are the same model as releases go: the same release when both name one, the same
 * family when either names only the family (a rolling alias, an undated name), else the same name.
 */
export function sameModel(a: AnalysisEntry, b: AnalysisEntry): boolean {
	if (a.release && b.release) return a.release === b.release;
	if (a.family && b.family) return a.family === b.family;
	return nameKey(a.name) === nameKey(b.name);
}

/** Keys under which a row counts as "seen" on a board, for telling a newcomer from a model already there. */
export function seenKeys(e: AnalysisEntry): string[] {
	if (e.release) return [`r:${e.release}`, `f:${e.family}`];
	if (e.family) return [`f:${e.family}`, `fo:${e.family}`];
	// An unknown model is only known again by its exact name (however it was run).
	return [`n:${e.name}`];
}

/** Whether a row is new to a board: nothing seen there before could be the same model. */
export type NewcomerTest = (e: AnalysisEntry) => boolean;

/** The newcomer test over the keys (see `seenKeys`) of everything seen on the board before. */
export function newcomerTest(seen: Set<string>): NewcomerTest {
	return (e) => {
		if (e.release) return !seen.has(`r:${e.release}`) && !seen.has(`fo:${e.family}`);
		if (e.family) return !seen.has(`f:${e.family}`);
		return !seen.has(`n:${e.name}`);
	};
}

/** Whether a row `seen` earlier makes `e` no newcomer: `newcomerTest` for one row, without building its keys (the two are held equal by tests/unit/newcomer-rule.test.ts). */
export function couldBeSame(e: AnalysisEntry, seen: AnalysisEntry): boolean {
	if (e.release) return seen.release === e.release || (seen.family === e.family && seen.release === null);
	if (e.family) return seen.family === e.family;
	return seen.family === null && seen.name === e.name;
}

/** Best entry first: rank, then score, then the board's own order. */
export function boardOrder(a: AnalysisEntry, b: AnalysisEntry): number {
	return a.rank - b.rank || (a.score !== null && b.score !== null ? b.score - a.score : 0) || a.position - b.position;
}

/** One entry per key (a board listing one model several times is represented by its best row). */
export function byKey(entries: AnalysisEntry[], key: (e: AnalysisEntry) => string): Map<string, AnalysisEntry> {
	const out = new Map<string, AnalysisEntry>();
	for (const e of [...entries].sort(boardOrder)) {
		const k = key(e);
		if (!out.has(k)) out.set(k, e);
	}
	return out;
}

/** The board's #1: the first entry with the best rank ("sole or first #1"). */
export function leader(entries: AnalysisEntry[]): AnalysisEntry | null {
	return entries.length ? [...entries].sort(boardOrder)[0] : null;
}

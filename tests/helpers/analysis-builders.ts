import type { AnalysisEntry, SnapshotView } from '../../src/lib/analysis/types';

let nextId = 1;

/** An entry with sensible defaults: family and release named after the model unless given. */
export function entry(name: string, rank: number, over: Partial<AnalysisEntry> = {}): AnalysisEntry {
	return {
		name,
		family: name,
		release: `${name}@1`,
		releaseKind: 'public',
		labelTags: [],
		configTags: [],
		organization: null,
		rank,
		rankLower: null,
		rankUpper: null,
		score: null,
		ciLower: null,
		ciUpper: null,
		position: rank,
		...over
	};
}

/** A board snapshot ranking the given names in order (rank = position) unless entries are given. */
export function view(board: string, asOf: string, entries: (string | AnalysisEntry)[], over: Partial<SnapshotView> = {}): SnapshotView {
	const published = entries.some((e) => typeof e !== 'string' && ((e.rankLower !== null && e.rankUpper !== null) || (e.ciLower !== null && e.ciUpper !== null)));
	return {
		id: nextId++,
		board,
		asOf,
		feed: 'live-page',
		rankSemantics: 'ordinal',
		adjustment: null,
		methodVersion: null,
		uncertaintySource: published ? 'published' : null,
		entries: entries.map((e, i) => (typeof e === 'string' ? entry(e, i + 1) : { ...e, position: e.position ?? i + 1 })),
		...over
	};
}

/** Scored entries 1..n with a CI half-width, best first. */
export function scored(names: string[], opts: { top?: number; step?: number; half?: number } = {}): AnalysisEntry[] {
	const top = opts.top ?? 1500;
	const step = opts.step ?? 10;
	const half = opts.half ?? 3;
	return names.map((n, i) => entry(n, i + 1, { score: top - i * step, ciLower: top - i * step - half, ciUpper: top - i * step + half }));
}

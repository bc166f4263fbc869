import type { SnapshotView } from './types';

export interface SpreadSubject {
	family: string;
	release: string | null;
}

export interface SpreadRow extends SpreadSubject {
	/** The model's best-ranked row on each board that lists it: its published rank and the name it goes by there. */
	ranks: Record<string, { rank: number; name: string }>;
	best: number;
	worst: number;
}

/**
 * Each subject's rank on every board at once (the overview's dot plot): a release is found by its
 * release on each board, a family without one by its family; boards that do not list it are left out.
 */
export function rankSpread(views: SnapshotView[], subjects: SpreadSubject[]): SpreadRow[] {
	return subjects.flatMap((s) => {
		const ranks: SpreadRow['ranks'] = {};
		for (const v of views) {
			let best: { rank: number; name: string } | null = null;
			for (const e of v.entries) {
				const same = s.release ? e.release === s.release : e.family === s.family;
				if (same && (!best || e.rank < best.rank)) best = { rank: e.rank, name: e.name };
			}
			if (best) ranks[v.board] = best;
		}
		const list = Object.values(ranks).map((r) => r.rank);
		return list.length < 2 ? [] : [{ ...s, ranks, best: Math.min(...list), worst: Math.max(...list) }];
	});
}

import { describe, expect, it } from 'vitest';
import { rankSpread } from '../../src/lib/analysis/spread';
import type { AnalysisEntry, SnapshotView } from '../../src/lib/analysis/types';

const entry = (name: string, family: string, release: string | null, rank: number): AnalysisEntry => ({
	name, family, release, releaseKind: 'public', labelTags: [], configTags: [], organization: null,
	rank, rankLower: null, rankUpper: null, score: null, ciLower: null, ciUpper: null, position: rank
});
const view = (board: string, entries: AnalysisEntry[]): SnapshotView => ({
	id: board.length, board, asOf: '2025-06-01', feed: 'x', rankSemantics: 'ordinal', adjustment: null, methodVersion: null, uncertaintySource: null, entries
});

describe('rank spread', () => {
	const a = view('a', [entry('m-high', 'm', 'm@2', 9), entry('m', 'm', 'm@1', 2), entry('n', 'n', 'n@1', 5)]);
	const b = view('b', [entry('M (thinking)', 'm', 'm@1', 14), entry('M', 'm', 'm@1', 20)]);
	const c = view('c', [entry('n', 'n', 'n@1', 1)]);

	it("gives a release's best-ranked row on every board that lists it, with its best and worst rank", () => {
		const [row] = rankSpread([a, b, c], [{ family: 'm', release: 'm@1' }]);
		expect(row).toEqual({ family: 'm', release: 'm@1', ranks: { a: { rank: 2, name: 'm' }, b: { rank: 14, name: 'M (thinking)' } }, best: 2, worst: 14 });
	});

	it('matches by family when no release is named, and leaves out a model listed on fewer than two boards', () => {
		expect(rankSpread([a, b, c], [{ family: 'm', release: null }])[0].ranks.a).toEqual({ rank: 2, name: 'm' });
		expect(rankSpread([b, c], [{ family: 'n', release: 'n@1' }])).toEqual([]);
	});
});

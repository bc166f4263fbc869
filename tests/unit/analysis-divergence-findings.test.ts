import { describe, expect, it } from 'vitest';
import type { DivergenceRow } from '../../src/lib/analysis/divergence';
import { crosses, DIVERGENCE_RULE, PairWalk, type PairStep } from '../../src/lib/analysis/divergence-findings';

/** Walks the steps as the analysis does: each step's rows first sifted by what can change the walk. */
function walkPair(steps: PairStep[], open: Set<string>) {
	const walk = new PairWalk(open);
	for (const s of steps) walk.step({ date: s.date, rows: s.rows.filter(walk.matters) });
	return { stories: walk.stories, closed: walk.closed };
}

function row(over: Partial<DivergenceRow> & { a?: number; b?: number }): DivergenceRow {
	const { a = 3, b = 30, ...rest } = over;
	return {
		family: 'fam',
		release: 'fam@1',
		level: 'release',
		organization: null,
		names: { arena: 'Fam 1', bench: 'fam-1' },
		otherNames: { arena: [], bench: [] },
		ranks: { arena: a, bench: b },
		pct: {},
		divergence: -0.5,
		spread: 0.5,
		sd: 0.25,
		topGap: 3,
		significant: true,
		uncertaintyKnown: true,
		uncertainty: { arena: 'published', bench: 'derived' },
		commonSetSize: 40,
		boards: ['arena', 'bench'],
		asOf: { arena: '2025-06-01', bench: '2025-06-01' },
		...rest
	};
}

describe('divergence findings', () => {
	it('a significant percentile gap crosses; the same gap with overlapping intervals does not, below the top', () => {
		expect(crosses(row({ a: 20, b: 45, topGap: 1.2 }))).toBe(true);
		expect(crosses(row({ a: 20, b: 45, topGap: 1.2, significant: false }))).toBe(false);
		expect(crosses(row({ a: 20, b: 45, topGap: 1.2, commonSetSize: DIVERGENCE_RULE.minCommonSet - 1 }))).toBe(false);
	});

	it('#2 on one board and #14 on the other is a story though the percentile gap is small', () => {
		const top = row({ a: 2, b: 14, divergence: -0.04, topGap: 2.8, significant: false, uncertaintyKnown: false });
		expect(crosses(top)).toBe(true);
		// Within the top 10 on both, or with intervals known to overlap, it is not.
		expect(crosses({ ...top, ranks: { arena: 2, bench: 9 } })).toBe(false);
		expect(crosses({ ...top, uncertaintyKnown: true })).toBe(false);
		// Nor when the common-set ranks are close: the gap is made of models the other board does not list.
		expect(crosses({ ...top, topGap: DIVERGENCE_RULE.topGap - 0.1 })).toBe(false);
	});

	it('is told when it first crosses, not again while it stays above, and again after it fell back', () => {
		const step = (date: string, r: DivergenceRow) => ({ date, rows: [r] });
		const { stories, closed } = walkPair(
			[
				step('2025-01-01', row({ divergence: -0.1, topGap: 0.5, a: 20, b: 24 })),
				step('2025-02-01', row({})),
				step('2025-03-01', row({ divergence: -0.3, topGap: 1.5 })),
				step('2025-04-01', row({})),
				step('2025-05-01', row({ divergence: -0.1, topGap: 0.5, a: 20, b: 24 })),
				step('2025-06-01', row({ a: 2, b: 14 }))
			],
			new Set()
		);
		expect(stories.map((s) => [s.date, s.ended])).toEqual([
			['2025-02-01', '2025-05-01'],
			['2025-06-01', null]
		]);
		expect(stories[1]).toMatchObject({ boards: ['arena', 'bench'], ranks: [2, 14], names: ['Fam 1', 'fam-1'], severity: 'high' });
		expect(closed.size).toBe(0);
	});

	it('a story under way before the walk is not told again, and its end is reported', () => {
		const { stories, closed } = walkPair([{ date: '2025-02-01', rows: [row({})] }, { date: '2025-03-01', rows: [row({ divergence: 0, topGap: 0, a: 5, b: 5 })] }], new Set(['fam@1']));
		expect(stories).toEqual([]);
		expect([...closed]).toEqual([['fam@1', '2025-03-01']]);
	});

	it('leaves out of a step only rows that can neither start nor end a story', () => {
		const quiet = row({ divergence: -0.1, topGap: 0.5, a: 20, b: 24 });
		const between = row({ divergence: -0.3, topGap: 1, a: 20, b: 30 });
		expect(new PairWalk(new Set()).matters(quiet)).toBe(false);
		expect(new PairWalk(new Set()).matters(row({}))).toBe(true);
		// Fallen back: it matters only while its story is under way.
		expect(new PairWalk(new Set(['fam@1'])).matters(quiet)).toBe(true);
		expect(new PairWalk(new Set(['fam@1'])).matters(between)).toBe(false);
		const walk = new PairWalk(new Set());
		walk.step({ date: '2025-01-01', rows: [row({})] });
		expect(walk.matters(quiet)).toBe(true);
		expect(walk.matters(row({ release: 'fam@2', divergence: -0.1, topGap: 0.5, a: 20, b: 24 }))).toBe(false);
	});

	it('severity is high only for a model in the top 10 of one board', () => {
		const [story] = walkPair([{ date: '2025-02-01', rows: [row({ a: 12, b: 45 })] }], new Set()).stories;
		expect(story.severity).toBe('medium');
	});
});

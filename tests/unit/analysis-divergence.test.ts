import { describe, expect, it } from 'vitest';
import { agreement } from '../../src/lib/analysis/agreement';
import { commonSet, otherRows, rankCommonSet, rankOneInCommonSet } from '../../src/lib/analysis/common-set';
import { divergence, mostDivergent, mostDivergentPairs, pairwiseDivergence } from '../../src/lib/analysis/divergence';
import { entry, view } from '../helpers/analysis-builders';

const letters = (n: number) => Array.from({ length: n }, (_, i) => `m${String(i).padStart(2, '0')}`);

describe('common-set divergence', () => {
	it('compares only models on both boards, re-ranked inside the set: pct = (rank − 0.5) / |S|', () => {
		const a = view('a', '2025-01-01', ['x', 'only-a', 'y', 'z']);
		const b = view('b', '2025-01-01', ['z', 'y', 'only-b', 'x']);
		const rows = divergence([a, b]);
		expect(rows.map((r) => r.commonSetSize)).toEqual([3, 3, 3]);
		const x = rows.find((r) => r.family === 'x')!;
		expect(x.ranks).toEqual({ a: 1, b: 4 });
		expect(x.pct).toEqual({ a: 0.1667, b: 0.8333 });
		expect(x.divergence).toBeCloseTo(-0.6667, 4);
		expect(rows[0].family).not.toBe('y'); // y sits in the middle on both: least divergent
		expect(rows.find((r) => r.family === 'y')!.divergence).toBe(0);
	});

	it('weights the top: #2 vs #14 is a larger top gap than #52 vs #64, though both are twelve places', () => {
		const order = letters(70);
		const moved = (from: number, to: number) => {
			const out = [...order];
			out.splice(to, 0, ...out.splice(from, 1));
			return out;
		};
		const top = divergence([view('a', 'd', order), view('b', 'd', moved(1, 13))]).find((r) => r.family === 'm01')!;
		const deep = divergence([view('a', 'd', order), view('b', 'd', moved(51, 63))]).find((r) => r.family === 'm51')!;
		expect(top.ranks).toEqual({ a: 2, b: 14 });
		expect(top.topGap).toBeCloseTo(Math.log2(7), 2);
		expect(deep.topGap).toBeCloseTo(Math.log2(64 / 52), 2);
		expect(Math.abs(top.divergence)).toBeCloseTo(Math.abs(deep.divergence), 4);
	});

	it('ties share the mean rank inside the common set', () => {
		const a = view('a', '2025-01-01', [entry('x', 1), entry('y', 1), entry('z', 3)], { rankSemantics: 'ub' });
		const b = view('b', '2025-01-01', ['x', 'y', 'z']);
		const rows = divergence([a, b]);
		expect(rows.find((r) => r.family === 'x')!.pct.a).toBeCloseTo((1.5 - 0.5) / 3, 4);
		expect(rows.find((r) => r.family === 'y')!.pct.a).toBeCloseTo((1.5 - 0.5) / 3, 4);
	});

	it('matches by release, and by family only where a board names just the family — and says which', () => {
		const a = view('a', '2025-01-01', [entry('gpt-4o', 1, { release: 'gpt-4o@2024-05-13' }), entry('gpt-4o', 2, { release: 'gpt-4o@2024-08-06', name: 'gpt-4o-0806' }), entry('o3', 3, { release: 'o3@2025-04-16' })]);
		const b = view('b', '2025-01-01', [entry('o3 (high)', 1, { family: 'o3', release: null }), entry('GPT-4o', 2, { family: 'gpt-4o', release: 'gpt-4o@2024-08-06' })]);
		const matched = commonSet([a, b]);
		expect(matched.map((m) => [m.key, m.level])).toEqual([
			['release:gpt-4o@2024-08-06', 'release'],
			['family:o3', 'family']
		]);
	});

	it('never matches two different releases of one family, nor a checkpoint for the public model when a public one exists', () => {
		const a = view('a', '2025-01-01', [entry('claude-3.5-sonnet-0620', 1, { family: 'claude-3.5-sonnet', release: 'claude-3.5-sonnet@2024-06-20' })]);
		const b = view('b', '2025-01-01', [entry('claude-3.5-sonnet-1022', 1, { family: 'claude-3.5-sonnet', release: 'claude-3.5-sonnet@2024-10-22' })]);
		expect(commonSet([a, b])).toEqual([]);
		const c = view('c', '2025-01-01', [
			entry('maverick-exp', 1, { family: 'llama-4-maverick', release: 'llama-4-maverick@03-26-experimental', releaseKind: 'checkpoint' }),
			entry('maverick', 30, { family: 'llama-4-maverick', release: 'llama-4-maverick@2025-04-05' })
		]);
		const d = view('d', '2025-01-01', [entry('Llama 4 Maverick', 5, { family: 'llama-4-maverick', release: null, releaseKind: null })]);
		const [m] = commonSet([c, d]);
		expect(m.level).toBe('family');
		expect(m.entries[0].name).toBe('maverick');
	});

	it('a family each board lists once: by its shared release, by family when one board names none (a lone checkpoint included), with no other names', () => {
		const a = view('a', '2025-01-01', [
			entry('maverick-exp', 1, { family: 'llama-4-maverick', release: 'llama-4-maverick@03-26-experimental', releaseKind: 'checkpoint' }),
			entry('o3', 2, { release: 'o3@2025-04-16' })
		]);
		const b = view('b', '2025-01-01', [entry('o3-2025-04-16', 1, { family: 'o3', release: 'o3@2025-04-16' }), entry('Llama 4 Maverick', 2, { family: 'llama-4-maverick', release: null, releaseKind: null })]);
		expect(commonSet([a, b]).map((m) => ({ key: m.key, level: m.level, release: m.release, names: m.entries.map((e) => e.name), others: m.rows.map((_, b) => otherRows(m, b)) }))).toEqual([
			{ key: 'family:llama-4-maverick', level: 'family', release: null, names: ['maverick-exp', 'Llama 4 Maverick'], others: [[], []] },
			{ key: 'release:o3@2025-04-16', level: 'release', release: 'o3@2025-04-16', names: ['o3', 'o3-2025-04-16'], others: [[], []] }
		]);
	});

	it('matches a release once however many settings a board lists: the plainest shared setting stands, the other rows are kept as other names', () => {
		const ds = (name: string, rank: number, configTags: string[] = []) => entry(name, rank, { family: 'deepseek-v3.2', release: 'deepseek-v3.2@2025-12-01', configTags });
		const a = view('a', 'd', [entry('x', 1), ds('deepseek-v3.2', 2), ds('deepseek-v3.2-thinking', 3, ['thinking'])]);
		const b = view('b', 'd', [ds('DeepSeek V3.2 Thinking', 1, ['thinking']), entry('x', 2), ds('DeepSeek V3.2', 3), ds('DeepSeek V3.2', 4)]);
		const matched = commonSet([a, b]);
		expect(matched.map((m) => m.key)).toEqual(['release:x@1', 'release:deepseek-v3.2@2025-12-01']);
		const [, m] = matched;
		// Both boards list the release without a setting: those rows are compared, not b's better thinking row.
		expect(m.entries.map((e) => [e.name, e.rank])).toEqual([
			['deepseek-v3.2', 2],
			['DeepSeek V3.2', 3]
		]);
		expect(m.rows.map((_, b) => otherRows(m, b).map((e) => [e.name, e.rank]))).toEqual([[['deepseek-v3.2-thinking', 3]], [['DeepSeek V3.2 Thinking', 1], ['DeepSeek V3.2', 4]]]);
		const row = divergence([a, b]).find((r) => r.family === 'deepseek-v3.2')!;
		expect(row.commonSetSize).toBe(2);
		expect(row.otherNames).toEqual({ a: ['deepseek-v3.2-thinking'], b: ['DeepSeek V3.2 Thinking', 'DeepSeek V3.2'] });
	});

	it('with no setting shared, each board\'s best-ranked row of the release stands for it, once', () => {
		const k2 = (name: string, rank: number, configTags: string[]) => entry(name, rank, { family: 'kimi-k2', release: 'kimi-k2@1', configTags });
		const a = view('a', 'd', [k2('k2 high', 4, ['effort:high']), k2('k2 low', 2, ['effort:low'])]);
		const b = view('b', 'd', [k2('K2 thinking', 3, ['thinking']), k2('K2 max', 1, ['effort:max'])]);
		const matched = commonSet([a, b]);
		expect(matched).toHaveLength(1);
		expect(matched[0].entries.map((e) => e.name)).toEqual(['k2 low', 'K2 max']);
		expect(matched[0].rows.map((_, b) => otherRows(matched[0], b).map((e) => e.name))).toEqual([['k2 high'], ['K2 thinking']]);
	});

	it('ranks one match as ranking the whole common set does: ties, intervals, entries without one, boards without spread', () => {
		// A seeded generator: the same boards each run, with many ties and partial intervals.
		let seed = 7;
		const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
		for (let round = 0; round < 20; round++) {
			const board = (id: string, spread: boolean) =>
				view(
					id,
					'd',
					Array.from({ length: 30 }, (_, i) => {
						const rank = 1 + next(12);
						const has = spread && next(4) > 0;
						return entry(`m${i}`, rank, has ? { rankLower: Math.max(1, rank - next(4)), rankUpper: rank + next(5) } : {});
					})
				);
			const views = [board('a', true), board('b', round % 3 !== 0), board('c', true)];
			const matched = commonSet(views);
			const all = rankCommonSet(views, matched);
			matched.forEach((_, i) => {
				const one = rankOneInCommonSet(views, matched, i);
				expect(one.ranks).toEqual(views.map((_, b) => all.ranks[b][i]));
				expect(one.intervals).toEqual(views.map((_, b) => all.intervals[b][i]));
			});
		}
	});

	it('is significant only when the rank intervals in the common set do not overlap', () => {
		const names = letters(12);
		const withIntervals = (order: string[]) => order.map((n, i) => entry(n, i + 1, { rankLower: Math.max(1, i), rankUpper: Math.min(12, i + 2) }));
		const a = view('a', '2025-01-01', withIntervals(names), { rankSemantics: 'ub' });
		const b = view('b', '2025-01-01', withIntervals([...names].reverse()));
		const rows = divergence([a, b]);
		const top = rows.find((r) => r.family === 'm00')!;
		expect(top.uncertaintyKnown).toBe(true);
		expect(top.significant).toBe(true);
		const middle = rows.find((r) => r.family === 'm06')!;
		expect(Math.abs(middle.divergence)).toBeLessThan(0.1);
		expect(middle.significant).toBe(false);
	});

	it('with intervals on one board only, a gap is not judged: the other board\'s point rank is no interval', () => {
		const names = letters(12);
		const a = view('a', '2025-01-01', names.map((n, i) => entry(n, i + 1, { rankLower: Math.max(1, i), rankUpper: Math.min(12, i + 2) })));
		const rows = divergence([a, view('b', '2025-01-01', [...names].reverse())]);
		const top = rows.find((r) => r.family === 'm00')!;
		expect(Math.abs(top.divergence)).toBeGreaterThan(0.9);
		expect(top.uncertaintyKnown).toBe(false);
		expect(top.significant).toBe(false);
	});

	it('without published uncertainty on either board nothing is called significant', () => {
		const rows = divergence([view('a', '2025-01-01', letters(5)), view('b', '2025-01-01', [...letters(5)].reverse())]);
		expect(rows.every((r) => !r.uncertaintyKnown && !r.significant)).toBe(true);
	});

	it('with more than two boards, divergence is the spread of percentiles on the models all share', () => {
		const rows = divergence([view('a', 'd', ['x', 'y', 'z']), view('b', 'd', ['z', 'x', 'y']), view('c', 'd', ['y', 'z', 'x', 'w'])]);
		const x = rows.find((r) => r.family === 'x')!;
		expect(x.boards).toEqual(['a', 'b', 'c']);
		expect(x.divergence).toBe(x.spread);
		expect(x.spread).toBeCloseTo(0.8333 - 0.1667, 3);
		expect(x.sd).toBeGreaterThan(0);
	});

	it('asked for some rows, makes exactly those, in the same order as the whole list', () => {
		const names = letters(12);
		const views = [view('a', 'd', names), view('b', 'd', [...names.slice(3), ...names.slice(0, 3)])];
		const keep = (f: { divergence: number; ranks: Record<string, number> }) => Math.abs(f.divergence) >= 0.4 || f.ranks.a <= 2;
		const some = divergence(views, undefined, keep);
		expect(some.length).toBeGreaterThan(2);
		expect(some.length).toBeLessThan(12);
		expect(some).toEqual(divergence(views).filter(keep));
	});

	it('one board alone, or no shared models, gives no rows', () => {
		expect(divergence([view('a', 'd', ['x'])])).toEqual([]);
		expect(divergence([view('a', 'd', ['x']), view('b', 'd', ['y'])])).toEqual([]);
	});

	it('a model near the top of one board and mid-table on another is among the largest divergences of the day', () => {
		const base = letters(40);
		const a = view('a', 'd', ['star', ...base]);
		const b = view('b', 'd', [...base.slice(0, 20), 'star', ...base.slice(20)]);
		const c = view('c', 'd', [...base.slice(0, 2), 'star', ...base.slice(2)]);
		const top = mostDivergent(pairwiseDivergence([a, b, c]), 3);
		expect(top[0].family).toBe('star');
		expect(top[0].boards).toEqual(['a', 'b']);
	});

	it('finds the most divergent models pair by pair exactly as from the whole pairwise report, ties included', () => {
		let seed = 7;
		const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
		for (let trial = 0; trial < 20; trial++) {
			// Few distinct positions and shared families, so equal divergences and same-model rows are common.
			const pool = Array.from({ length: 30 }, (_, i) => entry(`m${i}`, 1, { family: `f${i % 12}`, release: i % 3 ? `f${i % 12}@${i % 2}` : null }));
			const views = ['a', 'b', 'c', 'd'].map((board) =>
				view(
					board,
					'd',
					pool.filter(() => random() < 0.8).map((e) => ({ ...e, rank: 1 + Math.floor(random() * 6) }))
				)
			);
			for (const limit of [1, 5, 1000]) expect(mostDivergentPairs(views, limit)).toEqual(mostDivergent(pairwiseDivergence(views), limit));
		}
	});

	it("needs of each pair only its own most divergent rows, which a caller may keep between calls", () => {
		const pool = Array.from({ length: 40 }, (_, i) => entry(`m${i}`, 1, { family: `f${i}` }));
		const views = ['a', 'b', 'c'].map((board, k) => view(board, 'd', pool.map((e, i) => ({ ...e, rank: 1 + ((i * (k + 3)) % 40) }))));
		const kept = new Map<string, ReturnType<typeof divergence>>();
		const pairRows = (a: (typeof views)[number], b: (typeof views)[number]) => {
			const key = `${a.board}|${b.board}`;
			if (!kept.has(key)) kept.set(key, mostDivergent(divergence([a, b]), 5));
			return kept.get(key)!;
		};
		const whole = mostDivergent(pairwiseDivergence(views), 5);
		expect(mostDivergentPairs(views, 5, pairRows)).toEqual(whole);
		expect([...kept.values()].every((rows) => rows.length === 5)).toBe(true);
		// Again from the kept rows alone: the same list.
		expect(mostDivergentPairs(views, 5, pairRows)).toEqual(whole);
		expect(kept.size).toBe(3);
	});
});

describe('board agreement', () => {
	it('reports τ-b and Spearman only when the common set has at least 10 models', () => {
		const names = letters(12);
		const same = agreement(view('a', 'd', names), view('b', 'd', names), 'd');
		expect(same).toMatchObject({ n: 12, kendallTauB: 1, spearman: 1 });
		const reversed = agreement(view('a', 'd', names), view('b', 'd', [...names].reverse()), 'd');
		expect(reversed.kendallTauB).toBe(-1);
		const small = agreement(view('a', 'd', names.slice(0, 9)), view('b', 'd', names.slice(0, 9)), 'd');
		expect(small).toMatchObject({ n: 9, kendallTauB: null, spearman: null });
	});
});

import { describe, expect, it } from 'vitest';
import { kendallTauB, meanRanks, percentile, spearman } from '../../src/lib/analysis/ranking';

describe('ranking statistics', () => {
	it('gives tied items the mean of the places they occupy', () => {
		expect(meanRanks([1, 2, 2, 4])).toEqual([1, 2.5, 2.5, 4]);
		expect(meanRanks([10, 30, 30, 20], true)).toEqual([4, 1.5, 1.5, 3]);
	});

	it('percentile puts the top of n at 0.5/n and the bottom at (n − 0.5)/n', () => {
		expect(percentile(1, 10)).toBeCloseTo(0.05);
		expect(percentile(10, 10)).toBeCloseTo(0.95);
	});

	it('Kendall τ-b is 1 for the same order, −1 for the reverse, and handles ties', () => {
		expect(kendallTauB([1, 2, 3, 4], [1, 2, 3, 4])).toBe(1);
		expect(kendallTauB([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
		// scipy.stats.kendalltau([1,2,2,3],[1,2,3,3]) = 0.8
		expect(kendallTauB([1, 2, 2, 3], [1, 2, 3, 3])).toBeCloseTo(0.8, 10);
		expect(kendallTauB([1, 1, 1], [1, 2, 3])).toBeNull();
	});

	it('Spearman is the Pearson correlation of mean ranks', () => {
		expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 10);
		expect(spearman([1, 2, 3], [3, 2, 1])).toBe(-1);
	});
});

/** The textbook O(n²) definition, to hold the fast one to. */
function tauBByPairs(a: number[], b: number[]): number | null {
	let c = 0;
	let d = 0;
	let ta = 0;
	let tb = 0;
	for (let i = 0; i < a.length; i++)
		for (let j = i + 1; j < a.length; j++) {
			const x = Math.sign(a[i] - a[j]);
			const y = Math.sign(b[i] - b[j]);
			if (x === 0 && y === 0) continue;
			if (x === 0) ta++;
			else if (y === 0) tb++;
			else if (x === y) c++;
			else d++;
		}
	const denom = Math.sqrt((c + d + ta) * (c + d + tb));
	return denom === 0 ? null : (c - d) / denom;
}

describe('Kendall τ-b, fast form', () => {
	it('equals the pair-by-pair definition on random rankings with many ties', () => {
		let seed = 99;
		const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
		for (let trial = 0; trial < 200; trial++) {
			const n = 2 + Math.floor(random() * 60);
			const levels = 1 + Math.floor(random() * 12);
			const a = Array.from({ length: n }, () => Math.floor(random() * levels));
			const b = Array.from({ length: n }, () => Math.floor(random() * levels));
			const fast = kendallTauB(a, b);
			const slow = tauBByPairs(a, b);
			if (slow === null) expect(fast).toBeNull();
			else expect(fast).toBeCloseTo(slow, 12);
		}
	});
});

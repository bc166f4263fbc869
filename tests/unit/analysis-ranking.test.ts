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

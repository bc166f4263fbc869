import { describe, expect, it } from 'vitest';
import { rankIntervalsFromCi, wilsonInterval, withUncertainty, type UncertaintyRule } from '../../src/lib/analysis/uncertainty';
import { entry } from '../helpers/analysis-builders';

const rule: UncertaintyRule = { kind: 'pass-rate', tasks: 100, basis: 'test' };

describe('Wilson score interval', () => {
	it('matches the closed form worked by hand: 50 % of 100 → 40.38–59.62 %', () => {
		// z = 1.96: centre (0.5 + 0.0192) / 1.0384 = 0.5; half = (1.96 / 1.0384) · √(0.0025 + 0.0000960) = 0.09617.
		const [lo, hi] = wilsonInterval(50, 100);
		expect(lo).toBeCloseTo(40.383, 2);
		expect(hi).toBeCloseTo(59.617, 2);
	});

	it('does not collapse at 0 % and stays inside 0–100: 0 of 10 → 0–27.75 %', () => {
		// z²/n = 0.38415: upper = (0.19208 + 0.19208) / 1.38415 = 0.27753.
		const [lo, hi] = wilsonInterval(0, 10);
		expect(lo).toBe(0);
		expect(hi).toBeCloseTo(27.75, 1);
		const [, top] = wilsonInterval(100, 10);
		expect(top).toBeLessThanOrEqual(100);
	});

	it('narrows as the task count grows', () => {
		const width = (n: number) => wilsonInterval(60, n)[1] - wilsonInterval(60, n)[0];
		expect(width(500)).toBeLessThan(width(225));
		expect(width(225)).toBeLessThan(width(50));
	});
});

describe('rank intervals from score intervals (LMArena rule)', () => {
	it('best = 1 + models whose lower bound is above the upper bound; worst = models whose upper bound reaches the lower bound', () => {
		const rows = [
			{ ciLower: 90, ciUpper: 100 },
			{ ciLower: 85, ciUpper: 95 },
			{ ciLower: 70, ciUpper: 80 },
			{ ciLower: 80, ciUpper: 82 },
			{ ciLower: null, ciUpper: null }
		];
		expect(rankIntervalsFromCi(rows)).toEqual([
			{ best: 1, worst: 2 },
			{ best: 1, worst: 2 },
			// Lower bounds 90 and 85 are above its upper 80; every upper bound (100, 95, 80, 82) reaches its lower 70.
			{ best: 3, worst: 4 },
			// 90 and 85 are above 82 too; 100, 95, 80 and 82 reach 80.
			{ best: 3, worst: 4 },
			null
		]);
	});

	it('a bound exactly equal to another counts as overlapping (not above)', () => {
		const [a, b] = rankIntervalsFromCi([
			{ ciLower: 80, ciUpper: 90 },
			{ ciLower: 70, ciUpper: 80 }
		]);
		expect(b).toEqual({ best: 1, worst: 2 });
		expect(a).toEqual({ best: 1, worst: 2 });
	});
});

describe('withUncertainty', () => {
	it('keeps a board\'s published intervals and says so', () => {
		const entries = [entry('a', 1, { rankLower: 1, rankUpper: 2 }), entry('b', 2, { rankLower: 1, rankUpper: 2 })];
		const out = withUncertainty(entries, rule);
		expect(out.source).toBe('published');
		expect(out.entries).toBe(entries);
	});

	it('derives Wilson intervals and rank intervals from the task count where none is published', () => {
		const entries = [entry('a', 1, { score: 80 }), entry('b', 2, { score: 75 }), entry('c', 3, { score: 40 }), entry('d', 4, { score: null })];
		const out = withUncertainty(entries, rule);
		expect(out.source).toBe('derived');
		const [a, b, c, d] = out.entries;
		expect([a.ciLower, a.ciUpper]).toEqual(wilsonInterval(80, 100));
		// 80 % and 75 % of 100 overlap (71.1–86.7 vs 65.7–82.5); 40 % (30.9–49.8) is clearly below both.
		expect([a.rankLower, a.rankUpper, b.rankLower, b.rankUpper]).toEqual([1, 2, 1, 2]);
		expect([c.rankLower, c.rankUpper]).toEqual([3, 3]);
		expect([d.ciLower, d.rankLower]).toEqual([null, null]);
	});

	it('leaves a board unknown when nothing is known about it', () => {
		const out = withUncertainty([entry('a', 1, { score: 80 })], null);
		expect(out.source).toBeNull();
		expect(out.entries[0].rankLower).toBeNull();
	});
});

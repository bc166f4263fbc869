import { describe, expect, it } from 'vitest';
import { tiersOf, type TierEntry } from '../../src/lib/analysis/tiers';

const scored = (rank: number, score: number, half: number): TierEntry => ({ position: rank, rank, ciLower: score - half, ciUpper: score + half, rankLower: null, rankUpper: null });

describe('tiers', () => {
	it('groups models the leader does not clear, and starts a tier at the first one it does', () => {
		// #1 1500±10 → [1490, 1510]; #2 1495 and #3 1488 reach into it; #4 1470±5 tops out at 1475 < 1490.
		const t = tiersOf([scored(1, 1500, 10), scored(2, 1495, 8), scored(3, 1488, 6), scored(4, 1470, 5), scored(5, 1466, 5), scored(6, 1440, 4)]);
		expect([...t.values()]).toEqual([1, 1, 1, 2, 2, 3]);
	});

	it("measures each tier from its own first model, not from the row above (no chaining)", () => {
		// Each row overlaps the next, but #3 is clear of #1.
		const t = tiersOf([scored(1, 100, 2), scored(2, 97, 2), scored(3, 94, 1.5)]);
		expect([...t.values()]).toEqual([1, 1, 2]);
	});

	it('uses rank intervals when scores have none, and gives no tier to a row without an interval', () => {
		const r = (rank: number, lo: number | null, hi: number | null): TierEntry => ({ position: rank, rank, ciLower: null, ciUpper: null, rankLower: lo, rankUpper: hi });
		const t = tiersOf([r(1, 1, 3), r(2, 1, 4), r(3, null, null), r(4, 4, 6), r(5, 5, 9)]);
		expect([...t.entries()]).toEqual([[1, 1], [2, 1], [3, null], [4, 2], [5, 2]]);
	});

	it('gives no tiers where nothing is known, and one tier to a lone row', () => {
		const none: TierEntry = { position: 1, rank: 1, ciLower: null, ciUpper: null, rankLower: null, rankUpper: null };
		expect([...tiersOf([none, { ...none, position: 2, rank: 2 }]).values()]).toEqual([null, null]);
		expect([...tiersOf([scored(1, 50, 1)]).values()]).toEqual([1]);
	});
});

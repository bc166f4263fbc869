import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardRanking } from '../../src/lib/server/services/board-page';
import type { RankingRow } from '../../src/lib/server/services/ranking-rows';
import { recordedDbCopy } from '../helpers/recorded-db';

// Tiers on recorded boards: LMArena publishes score intervals; Aider's are derived from its 225 exercises.
let t: Awaited<ReturnType<typeof recordedDbCopy>>;
beforeAll(async () => (t = await recordedDbCopy()));
afterAll(() => t.cleanup());

const page = (board: string, date: string) => boardRanking(t.db, board, { date, sort: 'rank', dir: 'asc', q: null, org: null, license: null, open: null })!;

/**
 * Tiers rise with rank; where the board publishes score intervals, every member's reaches its tier
 * leader's (else it would lead a tier of its own) and each leader is clear of the one before.
 */
function expectConsistentTiers(rows: RankingRow[], published: boolean) {
	const tiered = rows.filter((r) => r.tier !== null);
	expect(tiered.length).toBeGreaterThan(10);
	const tiers = tiered.map((r) => r.tier!);
	expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
	expect(tiers[0]).toBe(1);
	if (!published) return;
	const leaders = new Map<number, RankingRow>();
	for (const r of tiered) {
		const lead = leaders.get(r.tier!) ?? (leaders.set(r.tier!, r), r);
		expect(r.ci_upper!, `${r.model} in tier ${r.tier}`).toBeGreaterThanOrEqual(lead.ci_lower!);
	}
	for (const [tier, lead] of leaders) if (tier > 1) expect(lead.ci_upper!).toBeLessThan(leaders.get(tier - 1)!.ci_lower!);
}

describe('tiers on recorded boards', () => {
	it('LMArena text (published intervals, 2025-04-11): tied groups down the board, consistent with the intervals', () => {
		const p = page('lmarena-text', '2025-04-11');
		expect(p.tierIntervals).toBe('published');
		expectConsistentTiers(p.rows, true);
		const sizes = [...new Set(p.rows.map((r) => r.tier))].map((tier) => p.rows.filter((r) => r.tier === tier).length);
		expect(sizes.length).toBeGreaterThan(3);
		expect(Math.max(...sizes)).toBeGreaterThan(1);
	});

	it("Aider polyglot (derived from 225 exercises, 2025-04-11): tiers from Wilson intervals, wider than a vote-based board's", () => {
		const p = page('aider-polyglot', '2025-04-11');
		expect(p.tierIntervals).toBe('derived');
		expectConsistentTiers(p.rows, false);
		const tiers = new Set(p.rows.map((r) => r.tier));
		expect(tiers.size).toBeLessThan(p.rows.length / 2);
	});

	it('a board with no knowable interval has no tiers', () => {
		const p = page('artificial-analysis', '2026-03-15');
		expect(p.tierIntervals).toBeNull();
		expect(p.rows.every((r) => r.tier === null)).toBe(true);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { divergenceReport } from '../../src/lib/server/analysis/reports';
import { ViewCache } from '../../src/lib/server/analysis/views';
import { snapshotInForce } from '../../src/lib/server/db/snapshots';
import { recordedDbCopy } from '../helpers/recorded-db';

let t: Awaited<ReturnType<typeof recordedDbCopy>>;
beforeAll(async () => {
	t = await recordedDbCopy();
});
afterAll(() => t.cleanup());

const report = (boards: string[]) => divergenceReport(t.db, { date: '2025-04-11', boards, staleDays: 45 });

describe('derived uncertainty on the recorded history (2025-04-11)', () => {
	it('LMArena text × LiveBench: every row has intervals on both sides, LiveBench\'s derived, and only wide gaps are significant', () => {
		const { rows } = report(['lmarena-text', 'livebench']);
		expect(rows.length).toBe(33);
		expect(rows.every((r) => r.uncertaintyKnown)).toBe(true);
		expect(rows[0].uncertainty).toEqual({ 'lmarena-text': 'published', livebench: 'derived' });
		const significant = rows.filter((r) => r.significant);
		// With LiveBench's point rank taken as exact, 17 of 33 were significant, down to gaps of 3 points.
		expect(significant.length).toBeGreaterThan(0);
		expect(significant.length).toBeLessThan(17);
		for (const r of significant) expect(Math.abs(r.divergence)).toBeGreaterThan(0.2);
		expect(rows.find((r) => r.family === 'claude-3.7-sonnet')!.significant).toBe(true);
	});

	it('Aider polyglot × LiveBench: uncertainty known on every row, both sides derived', () => {
		const { rows } = report(['aider-polyglot', 'livebench']);
		expect(rows.length).toBeGreaterThan(15);
		expect(rows.every((r) => r.uncertaintyKnown)).toBe(true);
		expect(rows[0].uncertainty).toEqual({ 'aider-polyglot': 'derived', livebench: 'derived' });
	});

	it('Artificial Analysis stays unknown, so nothing compared with it is significant', () => {
		const { rows } = divergenceReport(t.db, { date: '2026-03-15', boards: ['lmarena-text/style-control', 'artificial-analysis'], staleDays: 45 });
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.some((r) => r.uncertaintyKnown || r.significant)).toBe(false);
	});

	it('gives Aider\'s top run a Wilson interval over 225 exercises and a rank interval that holds its rank', () => {
		const s = snapshotInForce(t.db, 'aider-polyglot', '2025-04-11')!;
		const v = new ViewCache(t.db).byId(s.id)!;
		expect(v.uncertaintySource).toBe('derived');
		const top = v.entries.find((e) => e.rank === 1)!;
		// 72.9 % of 225 (164 solved): Wilson 95% ≈ 66.7–78.3 %.
		expect(top.score).toBe(72.9);
		expect(top.ciLower!).toBeCloseTo(66.7, 0);
		expect(top.ciUpper!).toBeCloseTo(78.3, 0);
		for (const e of v.entries) expect(e.rankLower! <= e.rank && e.rank <= e.rankUpper!).toBe(true);
	});
});

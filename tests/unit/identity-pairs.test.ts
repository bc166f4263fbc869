import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { evaluatePairs, loadCrosswalk, type LabelledPair } from '../../src/lib/identity';
import { fixture } from '../helpers/paths';

/**
 * tests/fixtures/identity/pairs.csv: real names from the recorded boards, each with a board and a
 * date where it appears, labelled by hand (same family? same release?). Many hard negatives: mini vs
 * base, point versions, checkpoints vs the public release.
 */
const rows = parse(readFileSync(fixture('identity', 'pairs.csv'), 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
const pairs: LabelledPair[] = rows.map((r) => ({
	a: { name: r.name_a, source: r.source_a, date: r.date_a },
	b: { name: r.name_b, source: r.source_b, date: r.date_b },
	sameFamily: r.same_family === '1',
	sameRelease: r.same_release === '1'
}));

describe('labelled cross-board pairs', () => {
	it('are at least 150 real pairs, mostly across boards, with plenty of hard negatives', () => {
		expect(pairs.length).toBeGreaterThanOrEqual(150);
		expect(pairs.filter((p) => p.a.source !== p.b.source).length).toBeGreaterThanOrEqual(120);
		expect(pairs.filter((p) => !p.sameFamily).length).toBeGreaterThanOrEqual(50);
		expect(pairs.filter((p) => p.sameFamily && !p.sameRelease).length).toBeGreaterThanOrEqual(30);
		for (const p of pairs) {
			expect(p.sameFamily || !p.sameRelease, `${p.a.name} / ${p.b.name}`).toBe(true);
			expect(p.a.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(p.b.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		}
	});

	it('same-family recall ≥ 95% with zero false merges of families or releases', () => {
		const report = evaluatePairs(pairs, loadCrosswalk());
		const show = (list: typeof report.falseFamilyMerges) => list.map((o) => `${o.a.name} ~ ${o.b.name} → ${o.ra.family}/${o.ra.release}`);
		expect(show(report.falseFamilyMerges)).toEqual([]);
		expect(show(report.falseReleaseMerges)).toEqual([]);
		expect(report.familyRecall).toBeGreaterThanOrEqual(0.95);
	});
});

import { describe, expect, it } from 'vitest';
import { couldBeSame, newcomerTest, seenKeys } from '../../src/lib/analysis/identity-keys';
import { entry } from '../helpers/analysis-builders';
import type { AnalysisEntry } from '../../src/lib/analysis/types';

// The newcomer rule is written twice: as keys (`seenKeys` + `newcomerTest`, for everything a board
// showed before) and row against row (`couldBeSame`, the analysis pass's check of its own snapshots,
// where building every row's keys cost more than the comparison). They must agree on every kind of row.
describe('the newcomer rule', () => {
	// Every kind of row: a release (of one family or another), the family without a release, an unknown model.
	const rows: AnalysisEntry[] = [];
	for (const name of ['alpha', 'beta'])
		for (const [family, release] of [
			['f', 'f@1'],
			['f', 'f@2'],
			['g', 'g@1'],
			['f', null],
			['g', null],
			[null, null]
		] as const)
			rows.push(entry(name, 1, { family, release }));

	it('says the same row against row as over the keys of what was seen', () => {
		for (const e of rows)
			for (const seen of rows) expect([e.name, e.family, e.release, seen.name, seen.family, seen.release, couldBeSame(e, seen)]).toEqual([e.name, e.family, e.release, seen.name, seen.family, seen.release, !newcomerTest(new Set(seenKeys(seen)))(e)]);
	});

	it('knows a release by the release or its family shown without one, a family by any of its rows, an unknown model by its name', () => {
		const [f1, , g1, f, , unknownAlpha] = rows;
		expect(couldBeSame(f1, f)).toBe(true);
		expect(couldBeSame(f, f1)).toBe(true);
		expect(couldBeSame(f1, g1)).toBe(false);
		expect(couldBeSame(unknownAlpha, rows[11])).toBe(false);
		expect(couldBeSame(unknownAlpha, unknownAlpha)).toBe(true);
	});
});

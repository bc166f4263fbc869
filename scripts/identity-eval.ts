/**
 * Scores the identity resolver on labelled name pairs (default tests/fixtures/identity/pairs.csv):
 * same-family recall, false merges of families and of releases, and every miss / false merge.
 *
 *   npx tsx scripts/identity-eval.ts [pairs.csv] [--crosswalk path]
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { evaluatePairs, loadCrosswalk, type LabelledPair } from '../src/lib/identity';

const args = process.argv.slice(2);
const cwAt = args.indexOf('--crosswalk');
const crosswalk = loadCrosswalk(cwAt >= 0 ? args[cwAt + 1] : undefined);
const file = args.find((a, i) => !a.startsWith('--') && (cwAt < 0 || i !== cwAt + 1)) ?? 'tests/fixtures/identity/pairs.csv';

const records = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
const pairs: LabelledPair[] = records.map((r) => ({
	a: { name: r.name_a, source: r.source_a || null, date: r.date_a || null },
	b: { name: r.name_b, source: r.source_b || null, date: r.date_b || null },
	sameFamily: r.same_family === '1',
	sameRelease: r.same_release === '1'
}));
const report = evaluatePairs(pairs, crosswalk);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(`pairs: ${report.total} (${report.familyPositives} same-family, ${report.releasePositives} same-release)`);
console.log(`same-family recall: ${pct(report.familyRecall)} (${report.familyHits}/${report.familyPositives})`);
console.log(`same-release recall: ${pct(report.releaseRecall)} (${report.releaseHits}/${report.releasePositives})`);
console.log(`false family merges: ${report.falseFamilyMerges.length}`);
console.log(`false release merges: ${report.falseReleaseMerges.length}`);
const show = (title: string, list: typeof report.familyMisses) => {
	if (!list.length) return;
	console.log(`\n${title}:`);
	for (const m of list) console.log(`  ${m.a.name} [${m.ra.family} ${m.ra.release}]  ~  ${m.b.name} [${m.rb.family} ${m.rb.release}]`);
};
show('FALSE FAMILY MERGES', report.falseFamilyMerges);
show('FALSE RELEASE MERGES', report.falseReleaseMerges);
show('family misses', report.familyMisses);
if (args.includes('--releases')) show('release misses', report.releaseMisses);
process.exitCode = report.falseFamilyMerges.length || report.falseReleaseMerges.length ? 1 : 0;

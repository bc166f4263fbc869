import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/paths';

// The benchmark is a script, not a timed test: this only keeps it working. It runs the --quick data
// set end to end and checks the report has every measurement, each a real number — never whether a
// goal was met, which depends on the machine.

function runQuickBench(): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--import', 'tsx/esm', join(projectRoot, 'scripts/bench.ts'), '--quick'], { cwd: projectRoot });
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.on('exit', (code) => resolve({ code, output }));
	});
}

const positive = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;

describe('npm run bench -- --quick', () => {
	it('measures every goal on a small data set and writes the JSON report', { timeout: 900_000 }, async () => {
		const { code, output } = await runQuickBench();
		expect(code, output.slice(-2000)).toBe(0);
		const path = /report written to (\S+\.json)/.exec(output)?.[1];
		expect(path, output.slice(-2000)).toBeTruthy();
		const report = JSON.parse(readFileSync(path!, 'utf8'));

		expect(report.mode).toBe('quick');
		expect(report.scaleSet.rows).toBeGreaterThan(0);
		for (const k of ['dbSizeMb', 'ingestSeconds', 'rowsPerSecond', 'analysisSeconds', 'sqlite3RowsPerSecond']) expect(positive(report.scaleSet[k]), k).toBe(true);
		expect(report.recordedImport.exit).toBe(0);
		expect(positive(report.recordedImport.ms)).toBe(true);
		for (const page of ['overview', 'model', 'board', 'compare']) {
			const p = report.pages[page];
			expect(positive(p.p50) && positive(p.p95) && p.p95 >= p.p50, page).toBe(true);
			expect(p.statements, page).toBeGreaterThan(0);
			const first = report.firstViews[page];
			expect(first.firstMs.length, page).toBe(3);
			expect(first.firstMs.every(positive) && positive(first.thenMs), page).toBe(true);
		}
		for (const k of ['helpMs', 'boardMs', 'boardScaleMs']) expect(positive(report.cli[k]), k).toBe(true);
		expect(report.export.rows).toBeGreaterThan(0);
		expect(positive(report.export.ms) && positive(report.export.sqliteMs)).toBe(true);
		expect(report.alerts.samplesMs.length).toBeGreaterThan(0);
		expect(report.alerts.samplesMs.every(positive)).toBe(true);
		expect(positive(report.footprint.rssMb) && positive(report.footprint.firstLoadJsGzipKb)).toBe(true);

		// Every goal of the issue is reported, each with its measured value and whether it was met.
		const names = report.goals.map((g: { name: string }) => g.name);
		for (const goal of [/ingest vs sqlite3/, /full analysis vs ingest/, /import all recorded history/, /--help, cold/, /--format json, cold/, /page overview warm p95/, /page model first view/, /page compare first view/, /export throughput/, /export memory/, /alert accepted by SMTP/, /server \+ scheduler RSS/, /first-load JS/])
			expect(names.some((n: string) => goal.test(n)), String(goal)).toBe(true);
		for (const g of report.goals) expect(typeof g.met).toBe('boolean');
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliProcess } from '../helpers/cli';
import { fixture } from '../helpers/paths';
import { recordedDbCopy } from '../helpers/recorded-db';
import type { Db } from '../../src/lib/server/db/connection';
import { acceptHeldSnapshot } from '../../src/lib/server/db/snapshots';
import { clearAnalysis } from '../../src/lib/server/db/analysis';
import { dataVersion } from '../../src/lib/server/db/versions';
import { comparePage } from '../../src/lib/server/services/dashboard-compare';
import { modelPage } from '../../src/lib/server/services/dashboard-model';
import { testContext } from '../helpers/context';

// Whole pages are cached until the data changes, and the server is not the only writer: an import
// from the CLI, in another process, must make the server's next page reflect it.

let rec: Awaited<ReturnType<typeof recordedDbCopy>>;
let db: Db;
const DATE = '2025-02-01';

beforeAll(async () => {
	rec = await recordedDbCopy();
	db = rec.db;
});

afterAll(() => rec?.cleanup());

const compare = () => comparePage(testContext(db), 'lmarena-text', 'livebench', DATE);
const model = () => modelPage(testContext(db), 'gpt-4o', { date: DATE, view: 'rank', scope: 'headline', with: null });

describe('page caches', () => {
	it('serve the same page while nothing changes', () => {
		expect(model()).toBe(model());
		const a = compare();
		const b = compare();
		expect(b.rows).toBe(a.rows);
	});

	it('are invalidated by an import in another process, and by putting a held snapshot in force', { timeout: 60_000 }, async () => {
		const before = dataVersion(db);
		const shownBefore = compare();
		const modelBefore = model();
		// A 14-row board file dated 2025-02-01 next to boards of ~170 rows: stored, but held by the row-count rule.
		const r = await cliProcess(['import', 'lmarena-text', fixture('export'), '--db', rec.path]);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toMatch(/held/);
		const afterImport = dataVersion(db);
		expect(afterImport).not.toBe(before);
		// Held: the pages are recomputed, and show what they showed.
		const modelAfter = model();
		expect(modelAfter).not.toBe(modelBefore);
		expect(modelAfter).toEqual(modelBefore);
		expect(compare().sides![0].asOf).toBe(shownBefore.sides![0].asOf);

		expect(acceptHeldSnapshot(db, 'lmarena-text', DATE, new Date())).not.toBeNull();
		expect(dataVersion(db)).not.toBe(afterImport);
		const shownAfter = compare();
		expect(shownAfter.sides![0].asOf).toBe(DATE);
		expect(shownAfter.sides![0].rows).toBe(14);
	});

	it('are invalidated when the analysis is cleared for a rebuild', () => {
		const before = dataVersion(db);
		const page = model();
		expect(page.events.length).toBeGreaterThan(0);
		clearAnalysis(db);
		expect(dataVersion(db)).not.toBe(before);
		expect(model()).not.toBe(page);
		expect(model().events).toEqual([]);
	});
});

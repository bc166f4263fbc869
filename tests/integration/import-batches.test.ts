import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../scrapers/import-files';
import { lmarenaText } from '../../scrapers/sources/lmarena';
import { writeBatch } from '../../scrapers/write-batch';
import { listSnapshots } from '../../src/lib/server/db/snapshots';
import { sharedData } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';

const folder = sharedData('lmarena_fboulnois/hfspace_text');
const files = readdirSync(folder)
	.filter((f) => f.endsWith('.csv'))
	.sort()
	.slice(0, 6)
	.map((f) => join(folder, f));

let t: TempDb;
beforeEach(() => {
	t = tempDb();
	t.db.exec('CREATE TABLE scratch (unit INTEGER NOT NULL)');
});
afterEach(() => t.cleanup());

const scratch = () => (t.db.prepare('SELECT unit FROM scratch ORDER BY unit').all() as { unit: number }[]).map((r) => r.unit);
const insert = (unit: number) => () => {
	t.db.prepare('INSERT INTO scratch (unit) VALUES (?)').run(unit);
	return unit;
};

describe('write batches', () => {
	it('commit once their rows reach the limit, and hand back each batch’s results in order', () => {
		const commits: number[][] = [];
		const batch = writeBatch<number>(t.db, (results) => commits.push(results), 100);
		for (let unit = 1; unit <= 5; unit++) batch.add({ rows: 40, bytes: 0 }, insert(unit));
		expect(commits).toEqual([[1, 2, 3]]);
		expect(scratch()).toEqual([1, 2, 3]);
		batch.flush();
		expect(commits).toEqual([[1, 2, 3], [4, 5]]);
		expect(scratch()).toEqual([1, 2, 3, 4, 5]);
	});

	it('a unit that fails takes its whole batch with it, and earlier batches stay', () => {
		const batch = writeBatch<number>(t.db, () => {}, 2);
		batch.add({ rows: 1, bytes: 0 }, insert(1));
		batch.add({ rows: 1, bytes: 0 }, insert(2));
		batch.add({ rows: 1, bytes: 0 }, insert(3));
		expect(() =>
			batch.add({ rows: 1, bytes: 0 }, () => {
				throw new Error('disk trouble');
			})
		).toThrow('disk trouble');
		expect(scratch()).toEqual([1, 2]);
		expect(t.db.inTransaction).toBe(false);
	});
});

describe('importing files in batches', () => {
	function importWith(batchRows: number | undefined) {
		const db = tempDb();
		const commits: number[][] = [];
		try {
			const summary = importFiles(db.db, lmarenaText, files, { batchRows, onAdded: (ids) => commits.push(ids) });
			const stored = listSnapshots(db.db, 'lmarena-text', { all: true }).map((s) => [s.as_of, s.row_count, s.status]);
			const runs = (db.db.prepare('SELECT COUNT(*) AS n FROM runs WHERE finished_at IS NOT NULL').get() as { n: number }).n;
			return { summary, stored, runs, commits };
		} finally {
			db.cleanup();
		}
	}

	it('stores the same history whatever the batch size; only the number of commits changes', () => {
		const perFile = importWith(1);
		const together = importWith(undefined);
		expect(perFile.summary).toEqual(together.summary);
		expect(perFile.stored).toEqual(together.stored);
		expect(perFile.stored.length).toBe(files.length);
		expect(perFile.runs).toBe(files.length);
		// A batch never splits a file: one commit per file at one row, one commit for all at the default.
		expect(perFile.commits.map((ids) => ids.length)).toEqual(files.map(() => 1));
		expect(together.commits.map((ids) => ids.length)).toEqual([files.length]);
	});
});

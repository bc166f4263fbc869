import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles, importFilesAhead, type ImportSummary } from '../../src/lib/server/ingest/import-files';
import { ParseAhead } from '../../src/cli/parse-ahead';
import { namesWhileIdle } from '../../src/cli/names-while-idle';
import { lmarenaText } from '../helpers/sources';
import { storeSnapshots } from '../../src/lib/server/ingest/ingest';
import { writeBatch } from '../../src/lib/server/ingest/write-batch';
import { openDatabase } from '../../src/lib/server/db/connection';
import type { ParsedSnapshot } from '../../src/lib/snapshots/snapshot';
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
	async function importWith(batchRows: number | undefined, parser?: ParseAhead, paths = files) {
		const db = tempDb();
		const commits: number[][] = [];
		try {
			const opts = { batchRows, onAdded: (ids: number[]) => commits.push(ids) };
			const summary: ImportSummary = parser ? await importFilesAhead(db.db, lmarenaText, paths, opts, parser) : importFiles(db.db, lmarenaText, paths, opts);
			const stored = listSnapshots(db.db, 'lmarena-text', { all: true }).map((s) => [s.as_of, s.row_count, s.status, s.content_hash]);
			const runs = (db.db.prepare('SELECT COUNT(*) AS n FROM runs WHERE finished_at IS NOT NULL').get() as { n: number }).n;
			const payloads = db.db.prepare('SELECT sha256, bytes, length(gzip) > 0 AS kept FROM payloads ORDER BY id').all();
			return { summary, stored, runs, commits, payloads };
		} finally {
			db.cleanup();
		}
	}

	it('stores the same history whatever the batch size; only the number of commits changes', async () => {
		const perFile = await importWith(1);
		const together = await importWith(undefined);
		expect(perFile.summary).toEqual(together.summary);
		expect(perFile.stored).toEqual(together.stored);
		expect(perFile.stored.length).toBe(files.length);
		expect(perFile.runs).toBe(files.length);
		// A batch never splits a file: one commit per file at one row, one commit for all at the default.
		expect(perFile.commits.map((ids) => ids.length)).toEqual(files.map(() => 1));
		expect(together.commits.map((ids) => ids.length)).toEqual([files.length]);
	});

	it('parsed ahead on a worker thread, stores the same history, payloads and summary as parsed in this one', async () => {
		// The whole folder, with its non-snapshot files, and commits per file while the worker reads on.
		const parser = new ParseAhead();
		try {
			const here = await importWith(1, undefined, [folder]);
			const ahead = await importWith(1, parser, [folder]);
			expect(here.stored.length).toBeGreaterThan(files.length);
			expect(ahead).toEqual(here);
		} finally {
			await parser.close();
		}
	});

	it('parsed ahead, this thread does the command’s idle work while it waits with no file it may prepare; a failure there is not the import’s', async () => {
		// Files over the size this thread prepares itself: all go to the worker, and the first is not ready when first asked for.
		const large = ['2025-11-06.json', '2025-12-11.json'].map((f) => sharedData(`lmarena_arena_catalog/leaderboard-text/${f}`));
		let calls = 0;
		const parser = new ParseAhead(() => {
			calls++;
			throw new Error('the crosswalk cannot be read');
		});
		try {
			const here = await importWith(undefined, undefined, large);
			const ahead = await importWith(undefined, parser, large);
			expect(calls).toBeGreaterThan(0);
			expect(ahead.stored).toHaveLength(2);
			expect(ahead).toEqual(here);
		} finally {
			await parser.close();
		}
	});

	it('parsed ahead, a file the worker cannot read stops the import with the reason', async () => {
		const parser = new ParseAhead();
		try {
			// Two files, so they go to the worker (one alone is read in this thread).
			const prepared = parser.prepare(lmarenaText, [join(folder, 'no-such-file-2024-01-01.csv'), files[0]], undefined, undefined);
			await expect(prepared.next()).rejects.toThrow(/ENOENT.*no-such-file/);
			expect((await prepared.next()).parsed.kind).toBe('snapshots');
		} finally {
			await parser.close();
		}
	});
});

const snapshot = (asOf: string, models: string[]): ParsedSnapshot => ({
	board: 'lmarena-text',
	publishedAsOf: asOf,
	feed: 'official-dataset',
	rankSemantics: 'ordinal',
	adjustment: null,
	methodVersion: null,
	rows: models.map((model, i) => ({ rowKey: model, rank: i + 1, model, score: 1400 - i })),
	warnings: []
});

describe('name ids held from batch to batch', () => {
	const store = (batch: ReturnType<typeof writeBatch<unknown>>, s: ParsedSnapshot) =>
		batch.add({ rows: s.rows.length, bytes: 0 }, () =>
			storeSnapshots(t.db, lmarenaText, [s], { origin: 'test', fetchedAt: new Date(), fallbackDate: null, runId: null, payloadId: null, names: batch.names })
		);
	const mislinked = () =>
		t.db.prepare('SELECT e.model, n.raw_name FROM entries e JOIN names n ON n.id = e.name_id WHERE n.raw_name <> e.model').all();

	it('are forgotten when a batch rolls back, so ids SQLite hands out again are not mistaken for old names', () => {
		const batch = writeBatch<unknown>(t.db, () => {}, 10);
		store(batch, snapshot('2025-01-01', ['alpha', 'beta']));
		batch.add({ rows: 1, bytes: 0 }, () => {
			throw new Error('disk trouble');
		});
		expect(() => batch.flush()).toThrow('disk trouble');
		expect(t.db.prepare('SELECT COUNT(*) AS n FROM names').get()).toEqual({ n: 0 });
		// gamma now takes the id alpha had in the rolled-back batch.
		store(batch, snapshot('2025-01-02', ['gamma', 'delta', 'alpha', 'beta']));
		batch.flush();
		expect(mislinked()).toEqual([]);
		expect(t.db.prepare('SELECT COUNT(*) AS n FROM entries WHERE name_id IS NOT NULL').get()).toEqual({ n: 4 });
	});

	it('keep a first sighting another writer moved earlier meanwhile', () => {
		const batch = writeBatch<unknown>(t.db, () => {}, 1);
		store(batch, snapshot('2025-03-01', ['alpha', 'beta']));
		const other = openDatabase(t.path);
		try {
			storeSnapshots(other, lmarenaText, [snapshot('2025-01-01', ['alpha', 'beta'].reverse())], {
				origin: 'other writer',
				fetchedAt: new Date(),
				fallbackDate: null,
				runId: null,
				payloadId: null
			});
		} finally {
			other.close();
		}
		store(batch, snapshot('2025-02-01', ['alpha', 'gamma']));
		batch.flush();
		const firstSeen = Object.fromEntries(
			(t.db.prepare('SELECT raw_name, first_seen FROM names').all() as { raw_name: string; first_seen: string }[]).map((r) => [r.raw_name, r.first_seen])
		);
		expect(firstSeen).toEqual({ alpha: '2025-01-01', beta: '2025-01-01', gamma: '2025-02-01' });
		expect(mislinked()).toEqual([]);
	});
});

describe('names resolved while an import waits', () => {
	const store = (asOf: string, models: string[]) =>
		storeSnapshots(t.db, lmarenaText, [snapshot(asOf, models)], { origin: 'test', fetchedAt: new Date(), fallbackDate: null, runId: null, payloadId: null });
	const resolved = () => t.db.prepare('SELECT n.raw_name FROM names n JOIN name_resolutions r ON r.name_id = n.id ORDER BY n.raw_name').pluck().all() as string[];

	it('are those of the batches committed since the last wait; a wait with nothing committed since reads nothing', () => {
		const names = namesWhileIdle(t.db, () => new Date('2025-01-03T00:00:00Z'));
		store('2025-01-01', ['GPT-4o-2024-08-06', 'claude-3-5-sonnet-20241022']);
		names.whileIdle();
		expect(resolved()).toEqual([]);
		names.committed();
		names.whileIdle();
		expect(resolved()).toEqual(['GPT-4o-2024-08-06', 'claude-3-5-sonnet-20241022']);
		store('2025-01-02', ['gemini-2.5-pro']);
		names.whileIdle();
		expect(resolved()).toHaveLength(2);
		names.committed();
		names.whileIdle();
		expect(resolved()).toEqual(['GPT-4o-2024-08-06', 'claude-3-5-sonnet-20241022', 'gemini-2.5-pro']);
	});
});

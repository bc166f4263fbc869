import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/server/ingest/import-files';
import { lmarenaText } from '../helpers/sources';
import { DatabaseError, openDatabase } from '../../src/lib/server/db/connection';
import { listSnapshots } from '../../src/lib/server/db/snapshots';
import { cli } from '../helpers/cli';
import { sharedData } from '../helpers/paths';

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'rankdrift-dbtrouble-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const folder = sharedData('lmarena_fboulnois/hfspace_text');

describe('database trouble: a clear error and exit, never silent loss', () => {
	it('a corrupt file is named as corrupt, with what to do', async () => {
		const path = join(dir, 'corrupt.db');
		writeFileSync(path, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0x5a)]));
		expect(() => openDatabase(path)).toThrow(DatabaseError);
		expect(() => openDatabase(path)).toThrow(/corrupt or not a SQLite database.*restore it from a backup/);
		const r = await cli(['import', 'lmarena-text', folder, '--db', path]);
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/^rankdrift import: the database file .*corrupt.db is corrupt/);
		expect(r.stderr).not.toMatch(/\n\s+at /);
		// The file is left as it was for a person to rescue: nothing overwrote it.
		expect(readFileSync(path).subarray(0, 15).toString()).toBe('SQLite format 3');
	});

	it('a file that is not a database at all gets the same clear error', async () => {
		const path = join(dir, 'notes.db');
		writeFileSync(path, 'these are my notes, not a database\n'.repeat(200));
		const r = await cli(['board', 'lmarena-text', '--db', path]);
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/corrupt or not a SQLite database/);
	});

	it('a place that cannot be written is refused with a reason', async () => {
		// /proc refuses new files even to root, so this holds however the tests run.
		const r = await cli(['import', 'lmarena-text', folder, '--db', '/proc/rankdrift-test.db']);
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/cannot write the database file \/proc\/rankdrift-test\.db/);
	});

	it('a full disk (SQLITE_FULL) stops the import with nothing half-written, and the data already there is intact', () => {
		const path = join(dir, 'full.db');
		const db = openDatabase(path);
		importFiles(db, lmarenaText, [join(folder, '2024-06-19.csv')]);
		const pages = db.pragma('page_count', { simple: true }) as number;
		// The file may not grow past a few more pages: the next snapshot cannot fit.
		db.pragma(`max_page_count = ${pages + 2}`);
		let error: unknown;
		try {
			importFiles(db, lmarenaText, [join(folder, '2024-07-07.csv'), join(folder, '2024-07-10.csv')]);
		} catch (e) {
			error = e;
		}
		expect((error as { code?: string }).code).toBe('SQLITE_FULL');
		expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
		const snaps = listSnapshots(db, 'lmarena-text', { all: true });
		expect(snaps.map((s) => s.as_of)).toEqual(['2024-06-19']);
		const runs = db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number };
		expect(runs.n).toBe(1);
		db.close();
		// With room again, the same import completes.
		const again = openDatabase(path);
		expect(importFiles(again, lmarenaText, [join(folder, '2024-07-07.csv')]).counts.added).toBe(1);
		again.close();
	});
});

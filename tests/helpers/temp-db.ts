import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';

export interface TempDb {
	db: Db;
	path: string;
	dir: string;
	cleanup(): void;
}

/** A real SQLite file in a fresh temporary folder, migrated. */
export function tempDb(): TempDb {
	const dir = mkdtempSync(join(tmpdir(), 'rankdrift-test-'));
	const path = join(dir, 'test.db');
	const db = openDatabase(path);
	return {
		db,
		path,
		dir,
		cleanup() {
			try {
				db.close();
			} catch {
				/* already closed */
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

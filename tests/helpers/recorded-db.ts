import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';

/**
 * A private copy of the database built once from all recorded history (tests/global-setup.ts), so a
 * test can read or change it freely.
 */
export function recordedDbCopy(): { db: Db; path: string; cleanup(): void } {
	const dir = mkdtempSync(join(tmpdir(), 'rankdrift-recorded-'));
	const path = join(dir, 'recorded.db');
	const source = openDatabase(inject('recordedDb'));
	source.pragma('wal_checkpoint(TRUNCATE)');
	source.close();
	copyFileSync(inject('recordedDb'), path);
	const db = openDatabase(path);
	return {
		db,
		path,
		cleanup() {
			try {
				db.close();
			} catch {
				/* closed */
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

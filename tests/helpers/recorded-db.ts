import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { runCli } from '../../src/cli/main';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';
import { sharedData } from './paths';

// Longer than any build seen on CI's two cores with other suites running beside it.
const BUILD_WAIT_MS = 180_000;

/** Imports all of ../shared/leaderboards through the real CLI (import and analysis), as a user would. */
async function build(path: string): Promise<void> {
	let err = '';
	const sink = new Writable({ write: (_c, _e, done) => done() });
	const errors = new Writable({ write: (c, _e, done) => ((err += c), done()) });
	const code = await runCli(['import-recorded', sharedData(), '--db', path], {
		stdout: sink,
		stderr: errors,
		env: { TZ: 'UTC' },
		now: () => new Date('2026-04-01T00:00:00Z')
	});
	if (code !== 0) throw new Error(`building the recorded-history database failed (exit ${code}): ${err}`);
	const db = openDatabase(path);
	db.pragma('wal_checkpoint(TRUNCATE)');
	db.close();
}

/**
 * The database of all recorded history, built once per test run by whichever worker asks first (a
 * lock folder decides which); the others wait for its "built" marker.
 */
async function recordedDbPath(): Promise<string> {
	const dir = inject('recordedDir');
	const path = join(dir, 'recorded.db');
	const built = join(dir, 'built');
	const failed = join(dir, 'failed');
	try {
		mkdirSync(join(dir, 'lock'));
	} catch {
		const deadline = Date.now() + BUILD_WAIT_MS;
		while (!existsSync(built)) {
			if (existsSync(failed)) throw new Error('building the recorded-history database failed in another test worker');
			if (Date.now() > deadline) throw new Error(`the recorded-history database was not built within ${BUILD_WAIT_MS / 1000} s`);
			await sleep(100);
		}
		return path;
	}
	try {
		await build(path);
		writeFileSync(built, '');
	} catch (e) {
		writeFileSync(failed, String(e));
		throw e;
	}
	return path;
}

/**
 * A private copy of the database built from all recorded history, so a test can read or change it
 * freely.
 */
export async function recordedDbCopy(): Promise<{ db: Db; path: string; cleanup(): void }> {
	const source = await recordedDbPath();
	const dir = mkdtempSync(join(tmpdir(), 'rankdrift-recorded-'));
	const path = join(dir, 'recorded.db');
	copyFileSync(source, path);
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

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/server/ingest/import-files';
import { lmarenaText } from '../helpers/sources';
import { projectRoot, sharedData } from '../helpers/paths';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { tempDb, type TempDb } from '../helpers/temp-db';

function runCliProcess(args: string[]): Promise<{ code: number | null; stderr: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--import', 'tsx/esm', join(projectRoot, 'src/cli/run.ts'), ...args], { cwd: projectRoot });
		let stderr = '';
		child.stderr.on('data', (d) => (stderr += d));
		child.on('exit', (code) => resolve({ code, stderr }));
	});
}

function countSnapshots(path: string, board: string): number {
	const db = new Database(path, { readonly: true });
	try {
		return (db.prepare("SELECT COUNT(*) AS n FROM snapshots WHERE board_id = ? AND status = 'active'").get(board) as { n: number }).n;
	} finally {
		db.close();
	}
}

describe('concurrent writers and readers (WAL, busy timeout)', () => {
	let t: TempDb;
	beforeAll(() => {
		t = tempDb();
		t.db.close();
	});
	afterAll(() => t.cleanup());

	it('two import commands at once on one database both finish, and both histories are whole', { timeout: 240_000 }, async () => {
		const [a, b] = await Promise.all([
			runCliProcess(['import', 'lmarena-text', sharedData('lmarena_fboulnois/hfspace_text'), '--db', t.path]),
			runCliProcess(['import', 'aider-polyglot', sharedData('aider/polyglot'), '--db', t.path])
		]);
		expect(a.stderr).toBe('');
		expect(b.stderr).toBe('');
		expect([a.code, b.code]).toEqual([0, 0]);
		expect(countSnapshots(t.path, 'lmarena-text')).toBe(76);
		expect(countSnapshots(t.path, 'aider-polyglot')).toBe(53);
	});
});

describe('the scheduler writing while the web app serves reads', () => {
	let t: TempDb;
	let app: AppServer;
	beforeAll(async () => {
		t = tempDb();
		importFiles(t.db, lmarenaText, [sharedData('lmarena_fboulnois/hfspace_text/2024-06-19.csv')]);
		app = await startAppServer(t.path);
	}, 60_000);
	afterAll(async () => {
		await app?.stop();
		t?.cleanup();
	});

	it('every page answers while an import writes, and the import completes', { timeout: 240_000 }, async () => {
		const writer = runCliProcess(['import', 'lmarena-text', sharedData('lmarena_fboulnois/hfspace_text'), '--db', t.path]);
		let done = false;
		void writer.then(() => (done = true));
		const statuses: number[] = [];
		const pages = ['/', '/boards/lmarena-text?date=2025-03-01', '/sources', '/boards/lmarena-text'];
		while (!done) {
			const results = await Promise.all(pages.map((p) => fetch(app.url + p).then((r) => r.status)));
			statuses.push(...results);
		}
		const { code } = await writer;
		expect(code).toBe(0);
		expect(statuses.length).toBeGreaterThan(8);
		expect(statuses.filter((s) => s >= 500)).toEqual([]);
		expect(countSnapshots(t.path, 'lmarena-text')).toBe(76);
	});
});

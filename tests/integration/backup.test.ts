import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliProcess } from '../helpers/cli';
import { projectRoot } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';

// `rankdrift backup` and `rankdrift restore` through the real binary, on real SQLite files: a backup
// taken while another process imports is a consistent database, a restore brings back exactly that
// state, and the refusals leave every file as it was.

// Big enough that the import outlasts a few backups (each one is a process start-up), small enough to stay quick.
const FILES = 120;
const ROWS = 600;
const BACKUP_LIMIT = 12;

let t: TempDb;
let live: string;
let folder: string;
let extra: string;
let midImport: { path: string; snapshots: SnapshotKey[] } | null = null;

interface SnapshotKey {
	id: number;
	board_id: string;
	as_of: string;
	content_hash: string;
	row_count: number;
}

/** An HF-space style table; `day` changes votes and scores a little, so every file is a new snapshot. */
function hfCsv(day: number): string {
	const lines = ['rank,rank_stylectrl,model,arena_score,95_pct_ci,votes,organization,license,knowledge_cutoff,url'];
	for (let i = 0; i < ROWS; i++) {
		const score = 1500 - i * 2 + ((i * 7 + day * 13) % 5);
		lines.push(`${i === 1 ? 1 : i + 1},${i + 1},model-${i},${score},+4/-4,${1000 + day * 10 + i},Org ${i % 9},Proprietary,Unknown,`);
	}
	return lines.join('\n') + '\n';
}
const isoDay = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

function readDb<T>(path: string, fn: (db: Database.Database) => T): T {
	const db = new Database(path, { readonly: true, fileMustExist: true });
	try {
		return fn(db);
	} finally {
		db.close();
	}
}
const snapshotsOf = (path: string) =>
	readDb(path, (db) => db.prepare('SELECT id, board_id, as_of, content_hash, row_count FROM snapshots ORDER BY id').all() as SnapshotKey[]);
const entryCount = (path: string) => readDb(path, (db) => (db.prepare('SELECT COUNT(*) AS n FROM entries').get() as { n: number }).n);
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A sound file in which every snapshot has exactly its rows (crash-safety's test, minus unfinished runs: a backup may catch a run mid-way). */
function expectConsistent(path: string) {
	readDb(path, (db) => {
		expect(db.pragma('integrity_check', { simple: true }), path).toBe('ok');
		const broken = db
			.prepare('SELECT s.id, s.row_count, (SELECT COUNT(*) FROM entries e WHERE e.snapshot_id = s.id) AS n FROM snapshots s WHERE s.row_count <> (SELECT COUNT(*) FROM entries e WHERE e.snapshot_id = s.id)')
			.all();
		expect(broken, path).toEqual([]);
	});
}

/** Snapshots committed so far, read while the child writes; 0 while the file or its tables do not exist yet. */
function storedSnapshots(path: string): number {
	try {
		return readDb(path, (db) => (db.prepare('SELECT COUNT(*) AS n FROM snapshots').get() as { n: number }).n);
	} catch {
		return 0;
	}
}

function importChild(dbPath: string, what: string): { done: Promise<number | null>; exited: () => boolean; stderr: () => string } {
	const child = spawn(process.execPath, [join(projectRoot, 'bin', 'rankdrift.js'), 'import', 'lmarena-text', what, '--db', dbPath], {
		cwd: projectRoot,
		// Five files per write transaction: the history grows in many commits for the backups to land between.
		env: { ...process.env, RANKDRIFT_IMPORT_BATCH_ROWS: String(5 * ROWS) },
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let stderr = '';
	let exited = false;
	child.stderr!.on('data', (d) => (stderr += d));
	const done = new Promise<number | null>((resolve) => child.on('exit', (code) => ((exited = true), resolve(code))));
	return { done, exited: () => exited, stderr: () => stderr };
}

const oneLine = (s: string) => s.trimEnd().split('\n');

beforeAll(() => {
	t = tempDb();
	// Only the child processes write this file; the test reads it through short read-only connections.
	t.db.close();
	live = t.path;
	folder = join(t.dir, 'history');
	mkdirSync(folder);
	for (let d = 0; d < FILES; d++) writeFileSync(join(folder, `${isoDay(d)}.csv`), hfCsv(d));
	// A later day, for the live database to move on after the backup.
	extra = join(t.dir, `${isoDay(FILES + 30)}.csv`);
	writeFileSync(extra, hfCsv(FILES + 30));
});
afterAll(() => t?.cleanup());

describe('rankdrift backup and restore', () => {
	it('backups taken while another process imports are consistent copies of a moment of the history', { timeout: 90_000 }, async () => {
		const importer = importChild(live, folder);
		// From the first committed snapshot on, so the backups land in the middle of the import, not before it.
		while (!importer.exited() && storedSnapshots(live) === 0) await new Promise((r) => setTimeout(r, 20));
		const backups: { path: string; storedAtStart: number }[] = [];
		while (!importer.exited() && backups.length < BACKUP_LIMIT) {
			const path = join(t.dir, `backup-${backups.length}.db`);
			const storedAtStart = storedSnapshots(live);
			const r = await cliProcess(['backup', path, '--db', live]);
			expect(r.code, r.stderr).toBe(0);
			expect(r.stdout).toMatch(/^backed up \d+ pages to .+backup-\d+\.db \(integrity ok\)\n$/);
			expect(existsSync(`${path}.partial`)).toBe(false);
			backups.push({ path, storedAtStart });
		}
		expect(await importer.done, importer.stderr()).toBe(0);
		expect(backups.length).toBeGreaterThan(0);

		const final = snapshotsOf(live);
		expect(final).toHaveLength(FILES);
		const finalById = new Map(final.map((s) => [s.id, s]));
		let previous = 0;
		for (const b of backups) {
			expectConsistent(b.path);
			const snapshots = snapshotsOf(b.path);
			// Nothing the import had committed when the backup began is missing from it, and history only grows.
			expect(snapshots.length).toBeGreaterThanOrEqual(Math.max(b.storedAtStart, previous));
			previous = snapshots.length;
			// A moment of the same history: every snapshot in the copy is in the finished database, identical.
			for (const s of snapshots) expect(finalById.get(s.id)).toEqual(s);
			if (snapshots.length > 0 && snapshots.length < FILES) midImport = { path: b.path, snapshots };
		}
		const counts = backups.map((b) => snapshotsOf(b.path).length).join(', ');
		// At least one copy really was taken half-way, or this test proved nothing about writers.
		expect(midImport, `snapshots per backup: ${counts}`).not.toBeNull();
		console.log(`backup: ${backups.length} backups while ${FILES} files were imported, holding ${counts} snapshots`);
	});

	it('restore puts back exactly the backup’s snapshots over a database that has moved on, and the result keeps working', { timeout: 60_000 }, async () => {
		expect(midImport).not.toBeNull();
		const backup = midImport!;
		const backupHash = sha256(backup.path);
		const more = await cliProcess(['import', 'lmarena-text', extra, '--db', live]);
		expect(more.code, more.stderr).toBe(0);
		expect(snapshotsOf(live)).toHaveLength(FILES + 1);

		const r = await cliProcess(['restore', backup.path, '--db', live]);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toMatch(/^restored \d+ pages into /);
		expect(snapshotsOf(live)).toEqual(backup.snapshots);
		expect(entryCount(live)).toBe(entryCount(backup.path));
		expect(entryCount(live)).toBe(backup.snapshots.reduce((n, s) => n + s.row_count, 0));
		expectConsistent(live);
		// Restoring reads the backup; it must not change it.
		expect(sha256(backup.path)).toBe(backupHash);

		// The restored file is a live database again, not a read-only copy: the later day imports on top.
		const again = await cliProcess(['import', 'lmarena-text', extra, '--db', live]);
		expect(again.code, again.stderr).toBe(0);
		const after = snapshotsOf(live);
		expect(after.slice(0, -1)).toEqual(backup.snapshots);
		expect(after.at(-1)).toMatchObject({ as_of: isoDay(FILES + 30), row_count: ROWS });
	});

	it('backup refuses a file that already exists, the live database included, and leaves it untouched', async () => {
		const existing = join(t.dir, 'precious.db');
		writeFileSync(existing, 'not a backup, and not to be overwritten\n');
		const liveHash = sha256(live);
		for (const target of [existing, live]) {
			const before = sha256(target);
			const r = await cliProcess(['backup', target, '--db', live]);
			expect(r.code).toBe(1);
			expect(r.stdout).toBe('');
			expect(oneLine(r.stderr)).toEqual([`rankdrift backup: ${target} already exists; choose a new file for the backup`]);
			expect(sha256(target)).toBe(before);
			expect(existsSync(`${target}.partial`)).toBe(false);
		}
		expect(sha256(live)).toBe(liveHash);
	});

	it('backup of a database that does not exist (a mistyped --db) is refused, and nothing is created there', async () => {
		const missing = join(t.dir, 'no-such-folder', 'typo.db');
		const target = join(t.dir, 'from-typo.db');
		const r = await cliProcess(['backup', target, '--db', missing]);
		expect(r.code).toBe(1);
		expect(oneLine(r.stderr)).toEqual([`rankdrift backup: there is no database at ${missing}`]);
		expect(existsSync(missing)).toBe(false);
		expect(existsSync(target)).toBe(false);
	});

	it('restore refuses a corrupt, foreign or missing backup with one clear line and leaves the live database intact', async () => {
		expect(midImport).not.toBeNull();
		const good = readFileSync(midImport!.path);
		const smashed = Buffer.from(good);
		// A fifth of the file overwritten, the header left alone so it still looks like SQLite.
		smashed.fill(0xa5, Math.floor(good.length * 0.4), Math.floor(good.length * 0.6));
		// Bit rot: 200 bytes inside one page of entries, which SQLite opens and reads before the check finds it.
		const { page, pageSize } = readDb(midImport!.path, (db) => ({
			page: (db.prepare("SELECT pageno FROM dbstat WHERE name = 'entries' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 5").get() as { pageno: number }).pageno,
			pageSize: db.pragma('page_size', { simple: true }) as number
		}));
		const rotten = Buffer.from(good);
		rotten.fill(0xa5, (page - 1) * pageSize + 100, (page - 1) * pageSize + 300);
		const files: [string, Buffer | string | null, RegExp][] = [
			['notes.csv', 'id,name\n1,not a database\n', /is not a readable SQLite database: file is not a database$/],
			['smashed.db', smashed, /Tree \d+ page \d+|database disk image is malformed/],
			// The check names the damaged page, so the message points at the damage rather than just saying no.
			['rotten-page.db', rotten, new RegExp(`Tree \\d+ page ${page}\\b`)],
			['truncated.db', good.subarray(0, Math.floor(good.length / 2)), /Tree \d+ page \d+|database disk image is malformed/],
			['other-app.db', null, /is a SQLite file but not a rankdrift database$/],
			['missing.db', '', /cannot open .*missing\.db/]
		];
		const liveHash = sha256(live);
		const liveSnapshots = snapshotsOf(live);
		for (const [name, content, reason] of files) {
			const path = join(t.dir, name);
			if (name === 'other-app.db') {
				const other = new Database(path);
				other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (\'hello\');');
				other.close();
			} else if (name !== 'missing.db') writeFileSync(path, content!);
			const r = await cliProcess(['restore', path, '--db', live]);
			expect([name, r.code]).toEqual([name, 1]);
			expect(r.stdout).toBe('');
			const lines = oneLine(r.stderr);
			expect(lines, name).toHaveLength(1);
			expect(lines[0], name).toMatch(/^rankdrift restore: refusing to restore: /);
			expect(lines[0], name).toMatch(reason);
			expect(sha256(live), name).toBe(liveHash);
		}
		expect(snapshotsOf(live)).toEqual(liveSnapshots);
		expectConsistent(live);
	});

	it('a missing or extra file name, or an unknown option, is a usage error: exit code 2 and nothing written', async () => {
		const stray = join(t.dir, 'stray.db');
		const cases: string[][] = [
			['backup'],
			['backup', '--db', live],
			['backup', stray, join(t.dir, 'stray-2.db'), '--db', live],
			['backup', stray, '--to', 'x', '--db', live],
			['restore'],
			['restore', '--db', live],
			['restore', midImport?.path ?? stray, stray, '--db', live]
		];
		const liveHash = sha256(live);
		// Independent refusals: in parallel, since each is mostly process start-up.
		const results = await Promise.all(cases.map((args) => cliProcess(args)));
		cases.forEach((args, i) => {
			const r = results[i];
			expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
			expect(oneLine(r.stderr)[0]).toMatch(new RegExp(`^rankdrift ${args[0]}: `));
			expect(r.stderr).not.toMatch(/\n\s+at /);
		});
		expect(existsSync(stray)).toBe(false);
		expect(sha256(live)).toBe(liveHash);
	});
});

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/paths';

const KILLS = Number(process.env.CRASH_KILLS ?? 100);
const FILES = 24;
const ROWS = 250;

let dir: string;
let folder: string;

/** HF-space style tables that change a little every day, so every file is a new snapshot. */
function writeFolder() {
	folder = join(dir, 'history');
	mkdirSync(folder);
	for (let d = 0; d < FILES; d++) {
		const lines = ['rank,rank_stylectrl,model,arena_score,95_pct_ci,votes,organization,license,knowledge_cutoff,url'];
		for (let i = 0; i < ROWS; i++) {
			const score = 1500 - i * 2 + ((i * 7 + d * 13) % 5);
			lines.push(`${i === 1 ? 1 : i + 1},${i + 1},model-${i},${score},+4/-4,${1000 + d * 10 + i},Org ${i % 9},Proprietary,Unknown,`);
		}
		writeFileSync(join(folder, `2025-01-${String(d + 1).padStart(2, '0')}.csv`), lines.join('\n') + '\n');
	}
}

function importChild(db: string): { done: Promise<number | null>; kill: () => void } {
	const child = spawn(process.execPath, ['--import', 'tsx/esm', join(projectRoot, 'src/cli/run.ts'), 'import', 'lmarena-text', folder, '--db', db], {
		cwd: projectRoot,
		// Two files per write transaction, so kills land between batches, inside one, and at its commit.
		env: { ...process.env, RANKDRIFT_IMPORT_BATCH_ROWS: String(2 * ROWS) },
		stdio: 'ignore'
	});
	return {
		done: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
		kill: () => child.kill('SIGKILL')
	};
}

/** What must hold after any crash: a sound file, and every snapshot with exactly its rows. */
function checkConsistent(path: string) {
	// Killed before the file was even created: nothing to check.
	if (!existsSync(path)) return 0;
	const db = new Database(path, { readonly: true });
	try {
		expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
		const broken = db
			.prepare('SELECT s.id, s.row_count, (SELECT COUNT(*) FROM entries e WHERE e.snapshot_id = s.id) AS n FROM snapshots s WHERE s.row_count <> (SELECT COUNT(*) FROM entries e WHERE e.snapshot_id = s.id)')
			.all();
		expect(broken).toEqual([]);
		const unfinished = db.prepare('SELECT COUNT(*) AS n FROM runs WHERE finished_at IS NULL').get() as { n: number };
		expect(unfinished.n).toBe(0);
		return (db.prepare('SELECT COUNT(*) AS n FROM snapshots').get() as { n: number }).n;
	} catch (e) {
		// A database killed before its first migration committed has no tables yet: that is consistent too.
		if (/no such table/.test((e as Error).message)) return 0;
		throw e;
	} finally {
		db.close();
	}
}

/** Snapshots committed so far, read while the child writes (WAL lets a reader in). */
function storedSnapshots(path: string): number {
	if (!existsSync(path)) return 0;
	try {
		const db = new Database(path, { readonly: true, fileMustExist: true });
		try {
			return (db.prepare('SELECT COUNT(*) AS n FROM snapshots').get() as { n: number }).n;
		} finally {
			db.close();
		}
	} catch {
		return 0;
	}
}

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'rankdrift-crash-'));
	writeFolder();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('crash safety', () => {
	it(`survives ${KILLS} SIGKILLs at random points of an import, and a re-run completes the work`, { timeout: 900_000 }, async () => {
		let midImport = 0;
		let seed = 20251128;
		const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
		// A fresh database every tenth run, and once one holds the whole history (a kill that came after the
		// import ended), so kills keep landing in every phase: migration, parsing, writing, analysis.
		let generation = 0;
		for (let run = 0; run < KILLS; run++) {
			const db = join(dir, `crash-${generation}.db`);
			const before = storedSnapshots(db);
			const child = importChild(db);
			let exited = false;
			void child.done.then(() => (exited = true));
			if (run % 2 === 0) {
				// Half the kills at a random moment, start-up and migrations included.
				await new Promise((r) => setTimeout(r, random() * 2500));
			} else {
				// Half once this import is under way: after a random number of further files, plus a random fraction of the next.
				const target = before + 1 + Math.floor(random() * Math.max(1, FILES - 2 - before));
				while (!exited && storedSnapshots(db) < target) await new Promise((r) => setTimeout(r, 5));
				await new Promise((r) => setTimeout(r, random() * 60));
			}
			child.kill();
			const code = await child.done;
			const stored = checkConsistent(db);
			if (code === null && stored > 0 && stored < FILES) midImport++;
			if (run % 10 === 9) {
				const again = importChild(db);
				expect(await again.done).toBe(0);
				expect(checkConsistent(db)).toBe(FILES);
				generation++;
			} else if (stored === FILES) generation++;
		}
		// Kills that landed between the first and the last file, leaving a half-imported history to finish.
		expect(midImport).toBeGreaterThan(KILLS / 10);
		console.log(`crash safety: ${KILLS} kills, ${midImport} in the middle of an import, every database consistent and completed`);
	});
});

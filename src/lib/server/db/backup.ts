import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import type { Db } from './connection';
import { DatabaseError } from './connection';

/** A consistent copy of a live database through SQLite's online backup API (writers may keep writing). */
export async function backupTo(db: Db, destination: string): Promise<{ pages: number }> {
	if (existsSync(destination)) throw new DatabaseError(`${destination} already exists; choose a new file for the backup`);
	const partial = `${destination}.partial`;
	rmSync(partial, { force: true });
	const result = await db.backup(partial);
	// A backup that stopped half-way must never look like a finished one.
	renameSync(partial, destination);
	return { pages: result.totalPages };
}

/** Opens a backup read-only and checks it page by page; the problems SQLite reports, or [] when sound. */
export function checkIntegrity(path: string): string[] {
	// SQLite would wait forever on a FIFO for bytes that never come.
	if (existsSync(path) && !statSync(path).isFile()) return [`${path} is not a regular file (a folder, FIFO, socket or device), so not a backup`];
	let db: Db;
	try {
		db = new Database(path, { readonly: true, fileMustExist: true });
	} catch (e) {
		return [`cannot open ${path}: ${(e as Error).message}`];
	}
	try {
		const rows = db.pragma('integrity_check') as { integrity_check: string }[];
		// SQLite packs up to 100 findings into one row under a "*** in database main ***" banner: one finding per problem, so a message quoting a few stays one line.
		const problems = rows
			.flatMap((r) => r.integrity_check.split('\n'))
			.filter((x) => x && x !== 'ok' && !/^\*\*\* in database \w+ \*\*\*$/.test(x));
		if (problems.length === 0 && !db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").get())
			return [`${path} is a SQLite file but not a rankdrift database`];
		return problems;
	} catch (e) {
		return [`${path} is not a readable SQLite database: ${(e as Error).message}`];
	} finally {
		db.close();
	}
}

/**
 * Restores a checked backup over the database at `target` (with the server stopped): the backup is
 * copied in through the backup API, so the target's WAL is handled by SQLite rather than by file copies.
 */
export async function restoreFrom(backupPath: string, target: string): Promise<{ pages: number }> {
	const problems = checkIntegrity(backupPath);
	if (problems.length) throw new DatabaseError(`refusing to restore: ${problems.slice(0, 3).join('; ')}`);
	const source = new Database(backupPath, { readonly: true, fileMustExist: true });
	try {
		const result = await source.backup(target);
		return { pages: result.totalPages };
	} finally {
		source.close();
	}
}

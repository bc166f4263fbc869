import Database from 'better-sqlite3';
import { mkdirSync, existsSync, accessSync, constants } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { migrations } from './migrations/index';
import type { Config } from '../config';

export type Db = Database.Database;

/** A database problem a person has to fix (permissions, disk, corruption): the message says what and where. */
export class DatabaseError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'DatabaseError';
	}
}

/** RANKDRIFT_DB, resolved against the working directory. */
export function defaultDbPath(config: Pick<Config, 'RANKDRIFT_DB'>): string {
	return resolve(config.RANKDRIFT_DB);
}

export interface OpenOptions {
	readonly?: boolean;
	/** SQLite page cache in MB: large for bulk imports, smaller for the long-running server. */
	cacheMb?: number;
	/** Milliseconds a writer waits for another writer before giving up. */
	busyTimeoutMs?: number;
	/**
	 * Bulk writing (imports): the WAL is copied back into the database every 256 MB instead of every
	 * 4 MB. Each copy ends in an fsync, and each batch rewrites the same hot index pages (the newest rows
	 * of every model), which a copy writes back once however many commits changed them since the last:
	 * at 5.4 M rows, copying every 64 MB made ingest 10 % slower than every 256 MB. The WAL file grows to
	 * that size during a large import; SQLite removes it when the last connection closes.
	 */
	bulk?: boolean;
}

/** Opens (creating if needed) the SQLite file in WAL mode and brings its schema up to date. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
	const file = path === ':memory:' ? path : resolve(path);
	if (file !== ':memory:' && !options.readonly) {
		const dir = dirname(file);
		try {
			mkdirSync(dir, { recursive: true });
		} catch (e) {
			throw new DatabaseError(`cannot create the database folder ${dir}: ${(e as Error).message}`, { cause: e });
		}
		if (existsSync(file)) {
			try {
				accessSync(file, constants.R_OK | constants.W_OK);
			} catch {
				throw new DatabaseError(`the database file ${file} is not writable (check its permissions)`);
			}
		}
	}
	let db: Db;
	try {
		db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
		db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
		if (!options.readonly) {
			db.pragma('journal_mode = WAL');
			db.pragma('synchronous = NORMAL');
			// The default 2 MB page cache makes index inserts read from disk once the history outgrows it.
			db.pragma(`cache_size = -${(options.cacheMb ?? 64) * 1024}`);
			if (options.bulk) db.pragma('wal_autocheckpoint = 65536');
		} else if (options.cacheMb) db.pragma(`cache_size = -${options.cacheMb * 1024}`);
		db.pragma('foreign_keys = ON');
		if (!options.readonly) migrate(db);
	} catch (e) {
		throw describeSqliteError(e, file);
	}
	return db;
}

/** Turns SQLite's codes into sentences that say what to do. */
export function describeSqliteError(e: unknown, file: string): Error {
	if (e instanceof DatabaseError) return e;
	const code = (e as { code?: string }).code ?? '';
	const message = (e as Error).message ?? String(e);
	if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed/i.test(message))
		return new DatabaseError(`the database file ${file} is corrupt or not a SQLite database (${message}); restore it from a backup`, { cause: e });
	if (code === 'SQLITE_FULL' || /disk is full|database or disk is full/i.test(message))
		return new DatabaseError(`the disk holding ${file} is full (${message}); nothing was written — free space and run again`, { cause: e });
	if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || /readonly|unable to open/i.test(message))
		return new DatabaseError(`cannot write the database file ${file} (${message}); check the file and folder permissions`, { cause: e });
	if (code === 'SQLITE_BUSY')
		return new DatabaseError(`the database ${file} stayed locked by another writer (${message}); try again`, { cause: e });
	return e instanceof Error ? e : new Error(message);
}

export function migrate(db: Db): void {
	db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
	const applied = new Set(
		(db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version)
	);
	const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
	for (const m of migrations) {
		if (applied.has(m.version)) continue;
		// IMMEDIATE so two processes starting at once do not both apply the same migration.
		db.transaction(() => {
			const again = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version);
			if (again) return;
			db.exec(m.sql);
			record.run(m.version, m.name, new Date().toISOString());
		}).immediate();
	}
}

export function schemaVersion(db: Db): number {
	const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
	return row.v ?? 0;
}

import { config } from './config';
import type { AppContext } from './context';
import { defaultDbPath, openDatabase, type Db } from './db/connection';
import { createLogger } from './log';

let db: Db | null = null;
let downloads: Db | null = null;

/** The web app's one connection to the database named by RANKDRIFT_DB (default data/rankdrift.db). */
export function appDb(): Db {
	// A modest page cache: the server mostly reads what its own caches do not already hold.
	db ??= openDatabase(defaultDbPath(config()), { cacheMb: 16 });
	return db;
}

/**
 * The connection CSV downloads read through. A download reads each page once, so a page cache only
 * holds pages it will not read again: on the app's connection a million-row export filled all 16 MB
 * of it and pushed out the pages the dashboard reads on every request.
 */
export function downloadDb(): Db {
	downloads ??= openDatabase(defaultDbPath(config()), { cacheMb: 2 });
	return downloads;
}

const log = createLogger('web');

/** The context a page or API request runs with (on the download connection for CSV files). */
export function appContext(database: Db = appDb()): AppContext {
	return { db: database, config: config(), clock: () => new Date(), log };
}

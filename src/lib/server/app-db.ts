import { defaultDbPath, openDatabase, type Db } from './db/connection';

let db: Db | null = null;

/** The web app's one connection to the database named by RANKDRIFT_DB (default data/rankdrift.db). */
export function appDb(): Db {
	// A modest page cache: the server mostly reads what its own caches do not already hold.
	db ??= openDatabase(defaultDbPath(process.env), { cacheMb: 16 });
	return db;
}


import type Database from 'better-sqlite3';
import type { Db } from './connection';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per connection. */
export function stmt(db: Db, sql: string): Database.Statement {
	let perDb = cache.get(db);
	if (!perDb) {
		perDb = new Map();
		cache.set(db, perDb);
	}
	let s = perDb.get(sql);
	if (!s) {
		s = db.prepare(sql);
		perDb.set(sql, s);
	}
	return s;
}

import { defaultDbPath, openDatabase, type Db, type OpenOptions } from '../lib/server/db/connection';

/** The database named by --db, else RANKDRIFT_DB, else data/rankdrift.db. */
export function openCliDatabase(dbOption: string | undefined, env: NodeJS.ProcessEnv, options: OpenOptions = {}): Db {
	return openDatabase(dbOption ?? defaultDbPath(env), options);
}

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatabaseError, defaultDbPath, openDatabase, type Db, type OpenOptions } from '../lib/server/db/connection';
import { config } from '../lib/server/config';
import type { AppContext } from '../lib/server/context';
import { createLogger } from '../lib/server/log';
import type { CliIo } from './command';

/**
 * The database named by --db, else RANKDRIFT_DB, else data/rankdrift.db. A command that only reads
 * passes `existing`: opening a mistyped path would leave a folder and an empty database behind and
 * answer as if the history were empty.
 */
export function openCliDatabase(dbOption: string | undefined, env: NodeJS.ProcessEnv, options: OpenOptions & { existing?: boolean } = {}): Db {
	const { existing, ...open } = options;
	const path = dbOption ?? defaultDbPath(config(env));
	if (existing && path !== ':memory:' && !existsSync(path))
		throw new DatabaseError(`there is no database at ${resolve(path)} (check --db or RANKDRIFT_DB; rankdrift import or scrape makes one)`);
	return openDatabase(path, open);
}

/** The context a command runs with: its database, the configuration its environment gives, its clock. */
export function cliContext(db: Db, io: Pick<CliIo, 'env' | 'now'>): AppContext {
	return { db, config: config(io.env), clock: io.now, log: createLogger('cli') };
}

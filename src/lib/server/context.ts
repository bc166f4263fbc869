import type { Db } from './db/connection';
import type { Config } from './config';
import type { Logger } from './log';

/**
 * What a request or a command runs with, made once where it starts (src/lib/server/app-context.ts for
 * the web app, src/cli/db.ts for a command) and passed down instead of the database, the environment
 * and settings one by one.
 */
export interface AppContext {
	db: Db;
	/** The validated configuration (src/lib/server/config.ts). */
	config: Config;
	/** The current time: tests and commands with a fixed date pass their own. */
	clock: () => Date;
	log: Logger;
}

/** Where a board's latest snapshot is older than this many days, it is stale. */
export const staleDaysOf = (ctx: Pick<AppContext, 'config'>): number => ctx.config.RANKDRIFT_STALE_DAYS;

import { config } from '../../src/lib/server/config';
import type { AppContext } from '../../src/lib/server/context';
import type { Db } from '../../src/lib/server/db/connection';
import { silentLogger } from '../../src/lib/server/log';

/** The context a test runs a service or dataset with: its own settings (none by default) and, when given, a fixed time. */
export function testContext(db: Db, opts: { env?: NodeJS.ProcessEnv; now?: Date } = {}): AppContext {
	const now = opts.now;
	return { db, config: config(opts.env ?? {}), clock: () => now ?? new Date(), log: silentLogger };
}

import { config } from '../config';
import { defaultDbPath } from '../db/connection';
import { createLogger } from '../log';
import { ReadPool } from './pool';

let pool: ReadPool | null | undefined;

/** The server's read workers (RANKDRIFT_READ_WORKERS, RANKDRIFT_QUERY_TIMEOUT_S), or null when they are off (0). */
export function appReadPool(): ReadPool | null {
	if (pool === undefined) {
		const c = config();
		pool = c.RANKDRIFT_READ_WORKERS > 0 ? new ReadPool({ size: c.RANKDRIFT_READ_WORKERS, dbPath: defaultDbPath(c), timeoutMs: c.RANKDRIFT_QUERY_TIMEOUT_S * 1000, log: createLogger('reads') }) : null;
	}
	return pool;
}

/** Ends the read workers at shutdown: a worker left running holds the process open until it would retire idle (a minute). */
export async function closeAppReadPool(): Promise<void> {
	const open = pool;
	pool = undefined;
	await open?.close();
}

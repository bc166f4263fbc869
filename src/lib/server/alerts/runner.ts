import type { Config } from '../config';
import { openDatabase, type Db } from '../db/connection';
import { createLogger, type Logger } from '../log';
import { dispatchOutbox, type DispatchSummary } from './dispatch';

// When the outbox runs: right after something was queued (a new snapshot's alerts, a subscribe
// request), and every minute in `rankdrift serve` for retries and digests. Requests in one tick share
// a pass; a pass starts at once even while earlier ones are still sending, so a new confirmation never
// waits behind a slow receiver (claims keep two passes from sending one delivery, and a webhook host
// being sent to is left to the pass already at it).

const log = createLogger('alerts');
const starting = new Map<string, Promise<void>>();
const inFlight = new Set<Promise<void>>();

function keyOf(target: Db | string): string {
	return typeof target === 'string' ? target : target.name;
}

async function runOnce(target: Db | string, config: Config): Promise<DispatchSummary> {
	// A path gets its own connection: the caller's may be closed as soon as it returns (the CLI's is).
	const db = typeof target === 'string' ? openDatabase(target) : target;
	try {
		return await dispatchOutbox(db, { config });
	} finally {
		if (typeof target === 'string') db.close();
	}
}

/** Runs the outbox soon, without waiting for it; errors are logged, never thrown at the caller. */
export function requestDispatch(target: Db | string, config: Config): Promise<void> {
	const key = keyOf(target);
	const soon = starting.get(key);
	if (soon) return soon;
	const run = new Promise<void>((r) => setImmediate(r))
		.then(() => {
			starting.delete(key);
			return runOnce(target, config);
		})
		.then(
			() => undefined,
			(e) => log.error('alert dispatch failed', { error: (e as Error).message })
		)
		.finally(() => inFlight.delete(run));
	starting.set(key, run);
	inFlight.add(run);
	return run;
}

/** After the pipeline queued alerts: dispatch from a fresh connection to the same file (in-memory databases reuse theirs). */
export function dispatchSoon(db: Db, config: Config): void {
	void requestDispatch(db.memory ? db : db.name, config);
}

/** Waits for every dispatch this process started (tests; a clean shutdown). */
export async function settleDispatches(): Promise<void> {
	while (inFlight.size > 0) await Promise.all([...inFlight]);
}

export interface AlertRunner {
	stop(): Promise<void>;
}

/** Every `intervalMs` (default a minute): retries that came due, digests at their hour, source health. */
export function startAlertRunner(opts: { dbPath: string; config: Config; intervalMs?: number; log?: Logger }): AlertRunner {
	(opts.log ?? log).info('alert dispatcher running', { every_s: (opts.intervalMs ?? 60_000) / 1000 });
	const timer = setInterval(() => void requestDispatch(opts.dbPath, opts.config), opts.intervalMs ?? 60_000);
	timer.unref();
	void requestDispatch(opts.dbPath, opts.config);
	return {
		async stop() {
			clearInterval(timer);
			await settleDispatches();
		}
	};
}

import type { AppContext } from './context';
import { createLogger } from './log';
import { afterSnapshotsAdded } from './pipeline';
import { startAlertRunner } from './alerts/runner';
import { overview } from './services/dashboard-overview';
import { todayUtc } from '../dates';
import type { HttpClient, SourceDefinition } from '../catalogue/contract';
import { startScheduler } from './ingest/scheduler';
import { idleTrim } from './idle-memory';

export interface BackgroundWork {
	/** A request came in: memory is handed back only after the server has been idle a while. */
	busy(): void;
	stop(): Promise<void>;
}

// Long enough that a reader clicking through pages never waits on the collection (tens of ms).
const IDLE_TRIM_MS = 10_000;

/** What the scheduler fetches with, handed in by the composition root (src/hooks.server.ts). */
export interface ScrapeWiring {
	sources: SourceDefinition[];
	http: HttpClient;
}

/**
 * What runs beside the web pages in the one server process: the scrape scheduler (unless
 * RANKDRIFT_SCHEDULER=off) and the alert dispatcher (retries, digests, source health each minute;
 * new snapshots dispatch at once). One process keeps the footprint small and the database shared.
 */
export function startBackgroundWork(ctx: AppContext, dbPath: string, scrape: ScrapeWiring): BackgroundWork {
	const { db } = ctx;
	const log = createLogger('serve');
	const idle = idleTrim(IDLE_TRIM_MS);
	// The overview's numbers for today are computed once the data changes, not by the next visitor.
	const warm = () =>
		setImmediate(() => {
			try {
				overview(ctx, todayUtc(ctx.clock()));
			} catch (e) {
				log.warn('could not prepare the overview', { error: (e as Error).message });
			}
			idle.busy();
		});
	const scheduler =
		!ctx.config.RANKDRIFT_SCHEDULER
			? (log.info('scheduler off: RANKDRIFT_SCHEDULER turns it off'), null)
			: startScheduler({
					db,
					http: scrape.http,
					sources: scrape.sources,
					config: ctx.config,
					log: createLogger('scheduler'),
					onAdded: (ids) => {
						afterSnapshotsAdded(ctx, ids);
						warm();
					}
				});
	// Snapshots stored by a process that died before analysing them are caught up before the first page.
	try {
		afterSnapshotsAdded(ctx, []);
	} catch (e) {
		log.warn('could not catch up the analysis', { error: (e as Error).message });
	}
	warm();
	const alerts = startAlertRunner({ dbPath, config: ctx.config });
	return {
		busy: idle.busy,
		async stop() {
			idle.stop();
			await scheduler?.stop();
			await alerts.stop();
		}
	};
}

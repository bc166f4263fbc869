import cron, { type ScheduledTask } from 'node-cron';
import type { Db } from '../db/connection';
import { scheduleVariable, type Config } from '../config';
import { sourceEnabledMap } from '../db/source-state';
import type { Logger } from '../log';
import { notRunnableReason } from '../../catalogue';
import type { HttpClient, SourceDefinition } from '../../catalogue/contract';
import { scrapeSource } from './scrape';

export interface SchedulerOptions {
	db: Db;
	http: HttpClient;
	config: Config;
	log: Logger;
	/** Longest random delay before a run, so many instances never hit a site on the same second. */
	jitterMs?: number;
	onAdded?: (snapshotIds: number[]) => void;
	sources: SourceDefinition[];
}

export interface Scheduler {
	/** Source ids with a schedule. */
	scheduled: string[];
	stop(): Promise<void>;
}

/** The source's schedule: its override (validated with the rest of the configuration), else the catalogue's. */
export function scheduleFor(source: Pick<SourceDefinition, 'id' | 'schedule'>, config: Config): string {
	return config[scheduleVariable(source)] ?? source.schedule;
}

/**
 * Runs each runnable source on its cron schedule (UTC) with jitter. node-cron's noOverlap keeps one
 * run per source in this process; the database lease in scrapeSource keeps it so across processes.
 */
export function startScheduler(opts: SchedulerOptions): Scheduler {
	const tasks: ScheduledTask[] = [];
	const scheduled: string[] = [];
	for (const source of opts.sources) {
		const why = notRunnableReason(source, opts.config);
		if (why) {
			opts.log.info('source not scheduled', { source: source.id, reason: why });
			continue;
		}
		const expr = scheduleFor(source, opts.config);
		const task = cron.schedule(
			expr,
			async () => {
				if (sourceEnabledMap(opts.db).get(source.id) === false) return;
				try {
					const results = await scrapeSource(opts.db, source, { http: opts.http, config: opts.config, onAdded: opts.onAdded });
					for (const r of results)
						opts.log.info('scrape finished', { source: source.id, endpoint: r.endpoint, outcome: r.outcome, reason: r.reason });
				} catch (e) {
					opts.log.error('scrape crashed', { source: source.id, error: (e as Error).message });
				}
			},
			{ name: `scrape:${source.id}`, timezone: 'UTC', noOverlap: true, maxRandomDelay: opts.jitterMs ?? 60_000 }
		);
		tasks.push(task);
		scheduled.push(source.id);
		opts.log.info('source scheduled', { source: source.id, schedule: expr });
	}
	return {
		scheduled,
		async stop() {
			for (const t of tasks) await t.destroy();
		}
	};
}

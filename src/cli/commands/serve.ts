import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHttpClient } from '../../../scrapers/http';
import { startScheduler, type Scheduler } from '../../../scrapers/scheduler';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { openCliDatabase } from '../db';
import { defaultDbPath } from '../../lib/server/db/connection';
import { createLogger } from '../../lib/server/log';
import { afterSnapshotsAdded } from '../../lib/server/pipeline';
import { config } from '../../lib/server/config';
import { startAlertRunner } from '../../lib/server/alerts/runner';

const help = `Usage: rankdrift serve [--db FILE]

Serves the dashboard (the built SvelteKit app) on PORT/HOST (default 3000 on 0.0.0.0, like
adapter-node) and runs the scrape scheduler in this process. RANKDRIFT_SCHEDULER=off serves without
scheduling. Stops cleanly on SIGINT/SIGTERM. Build first with \`npm run build\` (npm start does both).
`;

const serverEntry = fileURLToPath(new URL('../../../build/index.js', import.meta.url));

export const serveCommand: Command = {
	name: 'serve',
	summary: 'serve the dashboard and run the scheduler',
	help,
	async run(argv, io) {
		const { values } = parseCommandArgs('serve', argv, {});
		if (values.help) {
			io.stdout.write(help);
			return 0;
		}
		if (!existsSync(serverEntry)) {
			io.stderr.write('rankdrift: the dashboard is not built yet; run `npm run build` (or `npm start`)\n');
			return 1;
		}
		const dbPath = values.db ?? defaultDbPath(io.env);
		const log = createLogger('serve');
		// Opening here applies migrations once, before the web server and scheduler share the file.
		const db = openCliDatabase(dbPath, io.env);
		const env: NodeJS.ProcessEnv = { ...io.env, RANKDRIFT_DB: dbPath };
		const web = spawn(process.execPath, [serverEntry], { env, stdio: 'inherit' });
		let scheduler: Scheduler | null = null;
		if ((io.env.RANKDRIFT_SCHEDULER ?? 'on').toLowerCase() !== 'off') {
			scheduler = startScheduler({
				db,
				http: createHttpClient(),
				env,
				log: createLogger('scheduler'),
				onAdded: (ids) => afterSnapshotsAdded(db, ids, { now: new Date(), staleDays: config(env).RANKDRIFT_STALE_DAYS })
			});
		} else log.info('scheduler off (RANKDRIFT_SCHEDULER=off)');
		// Alert retries, daily digests and source-health alerts, every minute (new snapshots dispatch at once).
		const alerts = startAlertRunner({ dbPath, env });
		log.info('dashboard starting', { port: env.PORT ?? '3000', db: dbPath });

		return await new Promise<number>((resolve) => {
			let stopping = false;
			const stop = async (signal: NodeJS.Signals) => {
				if (stopping) return;
				stopping = true;
				log.info('shutting down', { signal });
				await scheduler?.stop();
				await alerts.stop();
				web.kill('SIGTERM');
			};
			process.once('SIGINT', () => void stop('SIGINT'));
			process.once('SIGTERM', () => void stop('SIGTERM'));
			web.on('exit', async (code, signal) => {
				await scheduler?.stop();
				await alerts.stop();
				db.close();
				resolve(stopping ? 0 : (code ?? (signal ? 1 : 0)));
			});
		});
	}
};

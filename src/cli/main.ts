import type { CliIo, Command } from './command';
import { UsageError } from './usage-error';

/**
 * Every command, loaded only when it runs: `--help` and a quick `board` should not pay for the modules
 * (and the native SQLite binding) the other commands need.
 */
export const commands: { name: string; summary: string; load: () => Promise<Command> }[] = [
	{ name: 'serve', summary: 'serve the dashboard and run the scheduler', load: async () => (await import('./commands/serve')).serveCommand },
	{ name: 'scrape', summary: 'fetch live leaderboards now', load: async () => (await import('./commands/scrape')).scrapeCommand },
	{ name: 'backfill', summary: "load LMArena's full published history in one go", load: async () => (await import('./commands/backfill')).backfillCommand },
	{ name: 'doctor', summary: 'check that every source can be fetched and parsed here, storing nothing', load: async () => (await import('./commands/doctor')).doctorCommand },
	{ name: 'import', summary: 'import recorded leaderboard files or folders', load: async () => (await import('./commands/import')).importCommand },
	{ name: 'import-recorded', summary: 'import all recorded history from ../shared/leaderboards', load: async () => (await import('./commands/import-recorded')).importRecordedCommand },
	{ name: 'sources', summary: 'list sources, their boards and health', load: async () => (await import('./commands/sources')).sourcesCommand },
	{ name: 'snapshots', summary: "list a board's snapshots, or accept a held one", load: async () => (await import('./commands/snapshots')).snapshotsCommand },
	{ name: 'board', summary: 'print a board as of a date', load: async () => (await import('./commands/board')).boardCommand },
	{ name: 'resolve', summary: 'resolve raw model names to family / release / variants', load: async () => (await import('./commands/resolve')).resolveCommand },
	{ name: 'identities', summary: 'the identity crosswalk, or the review queue', load: async () => (await import('./commands/identities')).identitiesCommand },
	{ name: 'analyze', summary: 'catch up or rebuild the stored analysis', load: async () => (await import('./commands/analyze')).analyzeCommand },
	{ name: 'report', summary: 'divergence, agreement, events and mismatches', load: async () => (await import('./commands/report')).reportCommand },
	{ name: 'export', summary: 'export a dataset as CSV or JSON (the dashboard downloads)', load: async () => (await import('./commands/export')).exportCommand },
	{ name: 'alerts', summary: 'run the alert outbox now; list subscriptions and deliveries', load: async () => (await import('./commands/alerts')).alertsCommand },
	{ name: 'backup', summary: 'consistent online backup of the database', load: async () => (await import('./commands/backup')).backupCommand },
	{ name: 'restore', summary: 'restore the database from a backup', load: async () => (await import('./commands/backup')).restoreCommand }
];

function mainHelp(): string {
	const width = Math.max(...commands.map((c) => c.name.length));
	return `rankdrift — leaderboard-divergence monitor

Usage: rankdrift COMMAND [options]   (rankdrift COMMAND --help for details)

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Common options:
  --db FILE        SQLite database (default: $RANKDRIFT_DB or data/rankdrift.db)
  --format FORMAT  table (default), json (one array of flat objects) or csv
`;
}

/** Runs one CLI invocation and returns its exit code; errors become one clear line, never a stack trace. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		io.stdout.write(mainHelp());
		return name ? 0 : 2;
	}
	const entry = commands.find((c) => c.name === name);
	if (!entry) {
		io.stderr.write(`rankdrift: unknown command "${name}"\n\n${mainHelp()}`);
		return 2;
	}
	try {
		// Every command starts from a valid configuration (help needs none): one line lists every problem.
		if (!rest.includes('--help') && !rest.includes('-h')) (await import('../lib/server/config')).config(io.env);
		return await (await entry.load()).run(rest, io);
	} catch (e) {
		if (e instanceof UsageError) {
			io.stderr.write(`rankdrift ${name}: ${e.message}\n`);
			return 2;
		}
		const { DatabaseError, describeSqliteError } = await import('../lib/server/db/connection');
		const { NotFoundError } = await import('../lib/server/errors');
		if (e instanceof NotFoundError || e instanceof DatabaseError) {
			io.stderr.write(`rankdrift ${name}: ${e.message}\n`);
			return 1;
		}
		if ((e as { code?: string }).code?.startsWith('SQLITE_')) {
			io.stderr.write(`rankdrift ${name}: ${describeSqliteError(e, io.env.RANKDRIFT_DB ?? 'the database').message}\n`);
			return 1;
		}
		const err = e as Error;
		io.stderr.write(`rankdrift ${name}: ${err.message ?? String(e)}\n`);
		if (io.env.RANKDRIFT_DEBUG) io.stderr.write(`${err.stack}\n`);
		return 1;
	}
}

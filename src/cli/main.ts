import type { CliIo, Command } from './command';
import { UsageError } from './usage-error';
import { alertsCommand } from './commands/alerts';
import { analyzeCommand } from './commands/analyze';
import { backfillCommand } from './commands/backfill';
import { backupCommand, restoreCommand } from './commands/backup';
import { doctorCommand } from './commands/doctor';
import { exportCommand } from './commands/export';
import { boardCommand } from './commands/board';
import { identitiesCommand } from './commands/identities';
import { reportCommand } from './commands/report';
import { resolveCommand } from './commands/resolve';
import { importCommand } from './commands/import';
import { importRecordedCommand } from './commands/import-recorded';
import { scrapeCommand } from './commands/scrape';
import { serveCommand } from './commands/serve';
import { snapshotsCommand } from './commands/snapshots';
import { sourcesCommand } from './commands/sources';
import { DatabaseError, describeSqliteError } from '../lib/server/db/connection';
import { NotFoundError } from '../lib/server/services/boards';

const commands: Command[] = [
	serveCommand,
	scrapeCommand,
	backfillCommand,
	doctorCommand,
	importCommand,
	importRecordedCommand,
	sourcesCommand,
	snapshotsCommand,
	boardCommand,
	resolveCommand,
	identitiesCommand,
	analyzeCommand,
	reportCommand,
	exportCommand,
	alertsCommand,
	backupCommand,
	restoreCommand
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
	const command = commands.find((c) => c.name === name);
	if (!command) {
		io.stderr.write(`rankdrift: unknown command "${name}"\n\n${mainHelp()}`);
		return 2;
	}
	try {
		return await command.run(rest, io);
	} catch (e) {
		if (e instanceof UsageError) {
			io.stderr.write(`rankdrift ${name}: ${e.message}\n`);
			return 2;
		}
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

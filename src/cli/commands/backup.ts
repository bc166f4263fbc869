import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { openCliDatabase } from '../db';
import { UsageError } from '../usage-error';
import { defaultDbPath, openDatabase } from '../../lib/server/db/connection';
import { backupTo, checkIntegrity, restoreFrom } from '../../lib/server/db/backup';
import { config } from '../../lib/server/config';

const backupHelp = `Usage: rankdrift backup FILE [--db FILE]

Writes a consistent copy of the database to FILE with SQLite's online backup API: safe while the
dashboard and scheduler keep running. FILE must not exist. The copy is checked before it is reported done.
Restore with \`rankdrift restore FILE\` while the server is stopped.
`;

export const backupCommand: Command = {
	name: 'backup',
	help: backupHelp,
	async run(argv, io) {
		const { values, positionals } = parseCommandArgs('backup', argv, {});
		if (values.help) {
			io.stdout.write(backupHelp);
			return 0;
		}
		if (positionals.length !== 1) throw new UsageError('name one file to write the backup to');
		const destination = resolve(positionals[0]);
		// Opening a mistyped path would create an empty database there and back that up.
		const source = resolve(values.db ?? defaultDbPath(config(io.env)));
		if (!existsSync(source)) {
			io.stderr.write(`rankdrift backup: there is no database at ${source}\n`);
			return 1;
		}
		const db = openCliDatabase(source, io.env);
		try {
			const { pages } = await backupTo(db, destination);
			const problems = checkIntegrity(destination);
			if (problems.length) {
				io.stderr.write(`rankdrift backup: the copy failed its integrity check: ${problems[0]}\n`);
				return 1;
			}
			io.stdout.write(`backed up ${pages} pages to ${destination} (integrity ok)\n`);
			return 0;
		} finally {
			db.close();
		}
	}
};

const restoreHelp = `Usage: rankdrift restore FILE [--db FILE]

Replaces the database (--db, $RANKDRIFT_DB or data/rankdrift.db) with the backup FILE after checking
the backup's integrity. Stop the server first: pages served during a restore may see either version.
`;

export const restoreCommand: Command = {
	name: 'restore',
	help: restoreHelp,
	async run(argv, io) {
		const { values, positionals } = parseCommandArgs('restore', argv, {});
		if (values.help) {
			io.stdout.write(restoreHelp);
			return 0;
		}
		if (positionals.length !== 1) throw new UsageError('name the backup file to restore from');
		const target = values.db ?? defaultDbPath(config(io.env));
		const { pages } = await restoreFrom(resolve(positionals[0]), target);
		// Opening applies any migrations newer than the backup.
		openDatabase(target).close();
		io.stdout.write(`restored ${pages} pages into ${target}\n`);
		return 0;
	}
};

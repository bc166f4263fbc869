import { existsSync } from 'node:fs';
import { outputFormat, parseCommandArgs } from '../args';
import type { Command } from '../command';
import { renderRows } from '../output';
import { UsageError } from '../usage-error';
import { defaultDbPath, openDatabase } from '../../lib/server/db/connection';
import { resolveAdHoc } from '../../lib/server/identity/service';
import { config } from '../../lib/server/config';

const help = `Usage: rankdrift resolve [--source SOURCE] NAME... [--format table|json|csv] [--db FILE]

Resolves raw model names to family, release and variant tags with the crosswalk and any analyst
decisions in the database (which is read if it exists; an empty or missing one is fine). Exit 0
whether or not a name resolves. One object per input name, in input order:

JSON: [{name, source, family, release, variants: [...], confidence, method}]   (family/release null when unknown)
`;

export const resolveCommand: Command = {
	name: 'resolve',
	help,
	async run(argv, io) {
		const { values, positionals } = parseCommandArgs('resolve', argv, { source: { type: 'string' } });
		if (values.help) {
			io.stdout.write(help);
			return 0;
		}
		if (positionals.length === 0) throw new UsageError('name at least one model, e.g. rankdrift resolve "Llama 4 Maverick"');
		const format = outputFormat(values.format);
		const path = values.db ?? defaultDbPath(config(io.env));
		const db = existsSync(path) ? openDatabase(path) : null;
		try {
			io.stdout.write(renderRows(resolveAdHoc(db, positionals, values.source ?? null), format));
			return 0;
		} finally {
			db?.close();
		}
	}
};

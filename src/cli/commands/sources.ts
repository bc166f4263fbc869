import { sourceDefinitions } from '../../sources';
import { outputFormat, parseCommandArgs } from '../args';
import type { Command } from '../command';
import { cliContext, openCliDatabase } from '../db';
import { renderRows } from '../output';
import { sourceOverviews } from '../../lib/server/services/sources';

const help = `Usage: rankdrift sources [--formats] [--format table|json|csv] [--db FILE]

Lists every source with its boards, status (enabled, disabled, retired), last success, last error
and number of active snapshots.

JSON: [{id, boards: [...], status, retired_since, last_success, last_error, snapshots}]

Options:
  --formats   list each source's recorded formats (names usable with import --format)
`;

export const sourcesCommand: Command = {
	name: 'sources',
	help,
	async run(argv, io) {
		const { values } = parseCommandArgs('sources', argv, { formats: { type: 'boolean' } });
		if (values.help) {
			io.stdout.write(help);
			return 0;
		}
		const format = outputFormat(values.format);
		if (values.formats) {
			const rows = sourceDefinitions.flatMap((s) => s.formats.map((f) => ({ source: s.id, format: f.name, description: f.description })));
			io.stdout.write(renderRows(rows, format));
			return 0;
		}
		const db = openCliDatabase(values.db, io.env, { existing: true });
		try {
			const rows = sourceOverviews(cliContext(db, io)).map((s) => ({
				id: s.id,
				boards: s.boards,
				status: s.status,
				retired_since: s.retired_since,
				last_success: s.last_success,
				last_error: s.last_error,
				snapshots: s.snapshots
			}));
			io.stdout.write(renderRows(rows, format));
			return 0;
		} finally {
			db.close();
		}
	}
};

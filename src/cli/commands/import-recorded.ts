import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sourceDefinition } from '../../sources';
import { filesToParse, importFilesAhead } from '../../lib/server/ingest/import-files';
import { RECORDED_LAYOUT } from '../../lib/server/ingest/recorded-layout';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { cliContext, openCliDatabase } from '../db';
import { UsageError } from '../usage-error';
import { describeSummary } from './import';
import { afterSnapshotsAdded } from '../../lib/server/pipeline';
import { config } from '../../lib/server/config';
import { ParseAhead } from '../parse-ahead';
import { namesWhileIdle } from '../names-while-idle';

const help = `Usage: rankdrift import-recorded [DIR] [--db FILE]

Imports every source's recorded history from the shared leaderboards folder (default
../shared/leaderboards): the same as running \`rankdrift import SOURCE PATH\` for each source's
folders, oldest history first. Safe to repeat: files already stored come back unchanged.
Exit code 1 only if a file was rejected.
`;

export const importRecordedCommand: Command = {
	name: 'import-recorded',
	help,
	async run(argv, io) {
		const { values, positionals } = parseCommandArgs('import-recorded', argv, {});
		if (values.help) {
			io.stdout.write(help);
			return 0;
		}
		const root = resolve(positionals[0] ?? '../shared/leaderboards');
		if (!existsSync(root)) throw new UsageError(`no folder ${root}; name the recorded leaderboards folder`);
		const db = openCliDatabase(values.db, io.env, { bulk: true });
		const { RANKDRIFT_IMPORT_BATCH_ROWS: batchRows } = config(io.env);
		let rejected = 0;
		const added: number[] = [];
		const names = namesWhileIdle(db, io.now);
		const parser = new ParseAhead(names.whileIdle);
		const onAdded = (ids: number[]) => {
			added.push(...ids);
			names.committed();
		};
		try {
			const layout = RECORDED_LAYOUT.map(({ source: id, paths }) => ({ source: sourceDefinition(id)!, present: paths.map((p) => join(root, p)).filter((p) => existsSync(p)) }));
			// Every source's files at once, so the worker reads on from one source into the next.
			for (const { source, present } of layout) parser.plan(source, filesToParse(source, present), undefined, undefined);
			for (const { source, present } of layout) {
				if (present.length === 0) continue;
				const summary = await importFilesAhead(db, source, present, { now: io.now, onAdded, batchRows }, parser);
				rejected += summary.counts.rejected;
				io.stdout.write(describeSummary(source.id, summary));
			}
			afterSnapshotsAdded(cliContext(db, io), added);
		} finally {
			await parser.close();
			db.close();
		}
		return rejected > 0 ? 1 : 0;
	}
};

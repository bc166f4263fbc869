import { sourceNamed } from '../source-args';
import { findFormat, importFilesAhead, type ImportSummary } from '../../lib/server/ingest/import-files';
import { ParseAhead } from '../parse-ahead';
import { namesWhileIdle } from '../names-while-idle';
import { dateOption, parseCommandArgs } from '../args';
import type { CliIo, Command } from '../command';
import { cliContext, openCliDatabase } from '../db';
import { UsageError } from '../usage-error';
import { afterSnapshotsAdded } from '../../lib/server/pipeline';
import { config } from '../../lib/server/config';

const help = `Usage: rankdrift import SOURCE PATH... [--format NAME] [--date YYYY-MM-DD] [--output text|json] [--db FILE]

Imports recorded leaderboard files for one source. PATH may be files or folders (read recursively,
in name order). Each file is detected by content unless --format names its format; its as-of date is
the publish date stated in the content, else --date, else a YYYY-MM-DD in the file name.

Each file ends as one of: added, unchanged, superseded, held, skipped, rejected (with a reason).
Re-importing the same files adds nothing. Exit code 1 only if a file was rejected.

Options:
  --format NAME   parse every file with this format (see \`rankdrift sources --formats\`)
  --date DATE     as-of date for files whose content and name give none
  --output json   print the per-file results as a JSON array instead of the summary
  --db FILE       database file (default: $RANKDRIFT_DB or data/rankdrift.db)
`;

export const importCommand: Command = {
	name: 'import',
	help,
	async run(argv, io) {
		const { values, positionals } = parseCommandArgs('import', argv, {
			date: { type: 'string' },
			output: { type: 'string' }
		});
		if (values.help) {
			io.stdout.write(help);
			return 0;
		}
		const [sourceId, ...paths] = positionals;
		if (!sourceId) throw new UsageError('name a source, e.g. rankdrift import lmarena-text FOLDER (see rankdrift import --help)');
		const source = sourceNamed(sourceId);
		if (paths.length === 0) throw new UsageError('name at least one file or folder to import');
		if (values.format && !findFormat(source, values.format))
			throw new UsageError(`unknown format "${values.format}" for ${source.id}; formats: ${source.formats.map((f) => f.name).join(', ')}`);
		const output = values.output ?? 'text';
		if (output !== 'text' && output !== 'json') throw new UsageError(`--output must be text or json, not ${JSON.stringify(output)}`);

		const { RANKDRIFT_IMPORT_BATCH_ROWS: batchRows } = config(io.env);
		const db = openCliDatabase(values.db, io.env, { bulk: true });
		const names = namesWhileIdle(db, io.now);
		const parser = new ParseAhead(names.whileIdle);
		try {
			const progress = io.stderr.isTTY && output === 'text' ? progressBar(io) : undefined;
			const added: number[] = [];
			const onAdded = (ids: number[]) => {
				added.push(...ids);
				names.committed();
			};
			const summary = await importFilesAhead(
				db,
				source,
				paths,
				{ format: values.format, date: dateOption(values.date, '--date'), now: io.now, onProgress: progress, onAdded, batchRows },
				parser
			);
			afterSnapshotsAdded(cliContext(db, io), added);
			if (output === 'json') {
				io.stdout.write(
					JSON.stringify(
						summary.files.map((f) => ({
							path: f.path,
							outcome: f.outcome,
							reason: f.reason,
							format: f.format,
							snapshots: f.snapshots.length,
							added: f.snapshots.filter((s) => s.outcome === 'added').length
						})),
						null,
						2
					) + '\n'
				);
			} else io.stdout.write(describeSummary(source.id, summary));
			return summary.counts.rejected > 0 ? 1 : 0;
		} finally {
			await parser.close();
			db.close();
		}
	}
};

function progressBar(io: CliIo) {
	let last = 0;
	return (done: number, total: number, path: string) => {
		const now = Date.now();
		if (done < total && now - last < 80) return;
		last = now;
		const width = 30;
		const filled = total === 0 ? width : Math.round((done / total) * width);
		const name = path.split('/').slice(-2).join('/');
		io.stderr.write(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${name}`);
		if (done === total) io.stderr.write('\r\x1b[K');
	};
}

export function describeSummary(sourceId: string, s: ImportSummary): string {
	const lines: string[] = [];
	const snapshots = s.files.reduce((n, f) => n + f.snapshots.length, 0);
	lines.push(`${sourceId}: ${s.files.length} file(s), ${snapshots} snapshot(s) read`);
	const order = ['added', 'unchanged', 'superseded', 'held', 'skipped', 'rejected'] as const;
	for (const outcome of order) {
		const n = s.counts[outcome];
		if (n === 0) continue;
		const unit = outcome === 'skipped' || outcome === 'rejected' ? 'file' : 'snapshot';
		lines.push(`  ${outcome.padEnd(11)} ${String(n).padStart(5)} ${unit}${n === 1 ? '' : 's'}`);
		const reasons = new Map<string, number>();
		const record = (reason: string | null) => {
			const key = reason ?? '(no reason given)';
			reasons.set(key, (reasons.get(key) ?? 0) + 1);
		};
		if (outcome === 'skipped' || outcome === 'rejected') {
			for (const f of s.files) if (f.outcome === outcome) record(outcome === 'rejected' ? `${f.path}: ${f.reason}` : f.reason);
		} else if (outcome === 'superseded' || outcome === 'held') {
			for (const f of s.files) for (const r of f.snapshots) if (r.outcome === outcome) record(outcome === 'held' ? `${r.board} ${r.asOf}: ${r.reason}` : r.reason);
		}
		const shown = [...reasons].slice(0, 12);
		for (const [reason, count] of shown) lines.push(`      ${count > 1 ? `${count}× ` : ''}${reason}`);
		if (reasons.size > shown.length) lines.push(`      … and ${reasons.size - shown.length} more reasons`);
	}
	return lines.join('\n') + '\n';
}

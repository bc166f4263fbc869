import { existsSync, openSync, statSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { outputFormat, parseCommandArgs } from '../args';
import type { Command } from '../command';
import { cliContext, openCliDatabase } from '../db';
import { UsageError } from '../usage-error';
import { csvOf, jsonArrayOf, type CsvBlock, type DatasetQuery } from '../../lib/server/export/dataset';
import { DATASETS, findDataset } from '../../lib/server/export/datasets';
import { FLAGS, openWithOptions, option } from '../dataset-options';

const ALL_PARAMS = [...new Set(DATASETS.flatMap((d) => d.params))];

const help = `Usage: rankdrift export DATASET [ID] [filters] [--format csv|json] [--out FILE] [--db FILE]

Writes one dataset, with the same columns, filters and bytes as the dashboard's "Download CSV" links
(/api/…?format=csv). CSV (default): RFC 4180, UTF-8, header row, CRLF, formula-like text neutralised,
with source_license and attribution columns. JSON: one array of the same flat rows. Streamed: a
million-row history is written in flat memory. --out FILE writes a file (a folder: the download's name).

Datasets:
${DATASETS.map((d) => `  ${(d.name + (d.id ? ` ${d.id.toUpperCase()}` : '')).padEnd(26)} ${d.summary}\n  ${''.padEnd(26)} ${d.params.length ? d.params.map((p) => (FLAGS.has(p) ? option(p) : `${option(p)} ${p.toUpperCase()}`)).join(' ') : '(no filters)'}   = ${d.path}`).join('\n')}

Examples:
  rankdrift export board lmarena-text --date 2025-04-11 --out lmarena-text_2025-04-11.csv
  rankdrift export board-history lmarena-text/coding --from 2025-01-01 --top 20
  rankdrift export divergence --date 2025-04-11 --board lmarena-text --board livebench --format json
  rankdrift export events --kind new-leader --since 2025-01-01 --out exports/
`;

function* counting<T>(items: Iterable<T>, counter: { n: number }): Generator<T> {
	for (const item of items) {
		counter.n++;
		yield item;
	}
}

function* countingBlocks(blocks: Iterable<CsvBlock>, counter: { n: number }): Generator<CsvBlock> {
	for (const b of blocks) {
		counter.n += b.rows;
		yield b;
	}
}

/** The dataset with every row it yields counted, whichever path (JSON rows or direct CSV text) writes it. */
function countRows(q: DatasetQuery, counter: { n: number }): DatasetQuery {
	const csvText = q.csvText;
	return {
		...q,
		rows: () => counting(q.rows(), counter),
		...(csvText ? { csvText: () => countingBlocks(csvText(), counter) } : {})
	};
}

async function writeChunks(out: Writable, chunks: Iterable<string>): Promise<void> {
	for (const chunk of chunks) if (!out.write(chunk)) await once(out, 'drain');
}

/** The file to write: FILE itself, or the download's own name inside FILE when it is a folder. */
function outPath(out: string, filename: string): string {
	return existsSync(out) && statSync(out).isDirectory() ? join(out, filename) : out;
}

async function writeFile(path: string, chunks: Iterable<string>): Promise<void> {
	let fd: number;
	try {
		fd = openSync(path, 'w');
	} catch (e) {
		throw new Error(`cannot write ${path}: ${(e as Error).message}`);
	}
	const file = createWriteStream('', { fd });
	const failed = new Promise<never>((_, reject) => file.once('error', reject));
	failed.catch(() => undefined); // raced below; an error after the race is already reported
	try {
		await Promise.race([writeChunks(file, chunks), failed]);
		file.end();
		await Promise.race([once(file, 'finish'), failed]);
	} catch (e) {
		file.destroy();
		throw new Error(`writing ${path} failed: ${(e as Error).message}`);
	}
	// The stream owns the descriptor (autoClose): wait until it is closed, so the file is complete on return.
	if (!file.closed) await once(file, 'close');
}

export const exportCommand: Command = {
	name: 'export',
	help,
	async run(argv, io) {
		const options = Object.fromEntries(
			ALL_PARAMS.map((p) => [p.replace(/_/g, '-'), FLAGS.has(p) ? { type: 'boolean' as const } : { type: 'string' as const, multiple: true as const }])
		);
		const { values, positionals } = parseCommandArgs('export', argv, { ...options, out: { type: 'string' } });
		if (values.help) {
			io.stdout.write(help);
			return 0;
		}
		const [name, id, extra] = positionals;
		if (!name) throw new UsageError(`name a dataset: ${DATASETS.map((d) => d.name).join(', ')}`);
		const definition = findDataset(name);
		if (!definition) throw new UsageError(`unknown dataset "${name}"; datasets: ${DATASETS.map((d) => d.name).join(', ')}`);
		if (definition.id && !id) throw new UsageError(`name the ${definition.id}: rankdrift export ${name} ${definition.id.toUpperCase()}`);
		if ((!definition.id && id) || extra) throw new UsageError(`unexpected argument ${JSON.stringify(definition.id ? extra : id)}`);
		const format = outputFormat(values.format ?? 'csv', ['csv', 'json']);

		const given = Object.fromEntries(ALL_PARAMS.map((p) => p.replace(/_/g, '-')).map((o) => [o, (values as Record<string, unknown>)[o]]));
		const db = openCliDatabase(values.db, io.env, { existing: true });
		try {
			const q = openWithOptions(cliContext(db, io), definition, id ?? null, given, name);
			const counter = { n: 0 };
			const counted = countRows(q, counter);
			const chunks = format === 'csv' ? csvOf(counted) : jsonArrayOf(counted);
			if (values.out) {
				const path = outPath(values.out, `${q.filename}.${format}`);
				await writeFile(path, chunks);
				io.stderr.write(`wrote ${counter.n} ${counter.n === 1 ? 'row' : 'rows'} of ${name} to ${path}\n`);
			} else await writeChunks(io.stdout, chunks);
			return 0;
		} finally {
			db.close();
		}
	}
};

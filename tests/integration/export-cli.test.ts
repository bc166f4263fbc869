import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliProcess } from '../helpers/cli';
import { recordedDbCopy } from '../helpers/recorded-db';
import { listEvents } from '../../src/lib/server/db/analysis';
import { iterateBoardHistory } from '../../src/lib/server/db/history';
import { csvOf } from '../../src/lib/server/export/dataset';
import { boardHistoryDataset } from '../../src/lib/server/export/datasets';
import { streamOf } from '../../src/lib/server/export/http';
import { Params } from '../../src/lib/server/export/params';
import { testContext } from '../helpers/context';
import type { AppContext } from '../../src/lib/server/context';

let rec: Awaited<ReturnType<typeof recordedDbCopy>>;
let out: string;

beforeAll(async () => {
	rec = await recordedDbCopy();
	out = mkdtempSync(join(tmpdir(), 'rankdrift-export-'));
});
afterAll(() => {
	rec?.cleanup();
	rmSync(out, { recursive: true, force: true });
});

describe('rankdrift export', () => {
	it('--format json is one array of the CSV rows, numbers as numbers, with licence and attribution', async () => {
		// LMArena text: its jumps pass the score test on published intervals (LiveBench's no longer do on derived ones).
		const csv = await cli(['export', 'events', '--board', 'lmarena-text', '--kind', 'jump', '--db', rec.path]);
		const json = await cli(['export', 'events', '--board', 'lmarena-text', '--kind', 'jump', '--format', 'json', '--db', rec.path]);
		expect(json.code, json.stderr).toBe(0);
		const rows = JSON.parse(json.stdout) as Record<string, unknown>[];
		const parsed = parseCsv(csv.stdout, { columns: true }) as Record<string, string>[];
		expect(rows.length).toBeGreaterThan(0);
		expect(rows).toHaveLength(listEvents(rec.db, { board: 'lmarena-text', kind: 'jump' }).length);
		expect(rows.map((r) => r.id)).toEqual(parsed.map((r) => r.id));
		expect(Object.keys(rows[0])).toEqual(Object.keys(parsed[0]));
		expect(typeof rows[0].to_rank).toBe('number');
		expect(rows[0].attribution).toBe('Data: LMArena (arena.ai), lmarena-ai/leaderboard-dataset, CC BY 4.0');
		expect(JSON.parse((await cli(['export', 'events', '--kind', 'jump', '--since', '2999-01-01', '--format', 'json', '--db', rec.path])).stdout)).toEqual([]);
	});

	it('--out writes the file (into a folder, under the download name) and says how many rows', async () => {
		const file = join(out, 'history.csv');
		const r = await cli(['export', 'board-history', 'livebench', '--top', '5', '--out', file, '--db', rec.path]);
		expect(r.code, r.stderr).toBe(0);
		const expected = [...iterateBoardHistory(rec.db, 'livebench', { maxRank: 5 })].length;
		expect(r.stderr).toBe(`wrote ${expected} rows of board-history to ${file}\n`);
		expect(parseCsv(readFileSync(file, 'utf8'), { columns: true })).toHaveLength(expected);
		const intoFolder = await cli(['export', 'board', 'lmarena-text/coding', '--date', '2025-04-11', '--out', out, '--db', rec.path], {}, () => new Date('2026-04-01T00:00:00Z'));
		expect(intoFolder.code, intoFolder.stderr).toBe(0);
		expect(readFileSync(join(out, 'lmarena-text-coding_2025-04-11.csv'), 'utf8')).toBe(
			(await cli(['export', 'board', 'lmarena-text/coding', '--date', '2025-04-11', '--db', rec.path])).stdout
		);
	});

	it('bad calls exit 2 with one line that says what to do; unknown things exit 1', async () => {
		const cases: [string[], number, RegExp][] = [
			[['export'], 2, /name a dataset: boards, board, board-history/],
			[['export', 'everything'], 2, /unknown dataset "everything"/],
			[['export', 'board'], 2, /name the board/],
			[['export', 'events', 'extra'], 2, /unexpected argument "extra"/],
			[['export', 'events', '--top', '3'], 2, /events does not take --top \(it takes --board/],
			[['export', 'events', '--since', 'last-week'], 2, /--since: since must be a real date/],
			[['export', 'events', '--kind', 'x', '--kind', 'y'], 2, /kind may be given once/],
			[['export', 'events', '--format', 'table'], 2, /--format must be one of csv, json/],
			[['export', 'events', '--colour'], 2, /unknown option '--colour'/],
			[['export', 'board', 'no-such-board'], 1, /no board "no-such-board"/],
			[['export', 'runs', 'no-such-source'], 1, /no source "no-such-source"/],
			[['export', 'events', '--out', join(out, 'missing', 'x.csv')], 1, /cannot write .*missing/]
		];
		for (const [args, code, message] of cases) {
			const r = await cli([...args, '--db', rec.path]);
			expect(r.code, args.join(' ')).toBe(code);
			expect(r.stderr, args.join(' ')).toMatch(message);
			expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
		}
	});

	it('the real binary streams a whole board history to stdout', async () => {
		const r = await cliProcess(['export', 'board-history', 'lmarena-text', '--db', rec.path]);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout.split('\r\n')[0]).toBe('board,as_of,rank,rank_lower,rank_upper,model,family,release,variants,organization,license,score,ci_lower,ci_upper,votes,source_license,attribution');
		expect(parseCsv(r.stdout, { columns: true })).toHaveLength([...iterateBoardHistory(rec.db, 'lmarena-text')].length);
	});
});

describe('the HTTP body of a download', () => {
	const ctx = (): AppContext => (testContext(rec.db, { now: new Date('2026-04-01T00:00:00Z') }));

	it('is pulled: reading the first chunk reads a bounded number of rows, and leaves the connection free', async () => {
		const q = boardHistoryDataset.open(ctx(), 'lmarena-text', new Params(new URLSearchParams()));
		let produced = 0;
		const count = function* <T>(items: Iterable<T>, rowsOf: (item: T) => number) {
			for (const item of items) {
				produced += rowsOf(item);
				yield item;
			}
		};
		const counted = { ...q, rows: () => count(q.rows(), () => 1), csvText: q.csvText && (() => count(q.csvText!(), (b) => b.rows)) };
		const reader = streamOf(csvOf(counted), 'test').getReader();
		const first = await reader.read();
		for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
		const total = [...iterateBoardHistory(rec.db, 'lmarena-text')].length;
		expect(first.value!.byteLength).toBeGreaterThan(0);
		expect(produced).toBeGreaterThan(0);
		expect(produced).toBeLessThan(total / 5);
		// No statement is left running between chunks: the shared connection still answers other queries.
		expect(listEvents(rec.db, { limit: 1 })).toHaveLength(1);
		await reader.cancel();
		const after = produced;
		await new Promise((r) => setImmediate(r));
		expect(produced).toBe(after);
	});

	it('read to the end, is the same CSV as the CLI writes', async () => {
		const q = boardHistoryDataset.open(ctx(), 'lmarena-text/coding', new Params(new URLSearchParams('top=10')));
		const body = await new Response(streamOf(csvOf(q), 'test')).text();
		expect(body).toBe((await cli(['export', 'board-history', 'lmarena-text/coding', '--top', '10', '--db', rec.path])).stdout);
	});
});

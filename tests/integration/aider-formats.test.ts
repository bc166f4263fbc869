import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../scrapers/http';
import { parseDocument } from '../../src/lib/server/ingest/ingest';
import { decodeText } from '../../src/lib/catalogue/documents';
import { scrapeSource } from '../../src/lib/server/ingest/scrape';
import { aiderPolyglot } from '../helpers/sources';
import type { ParsedSnapshot } from '../../src/lib/snapshots/snapshot';
import { entriesOf, listSnapshots } from '../../src/lib/server/db/snapshots';
import { cli } from '../helpers/cli';
import { fixture, sharedData } from '../helpers/paths';
import { serveBytes, startRecordingServer, type RecordingServer } from '../helpers/recording-server';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { config } from '../../src/lib/server/config';

function parseText(text: string, name: string, formatName?: string) {
	const doc = { name, path: name, text, companions: {} };
	const format = formatName
		? aiderPolyglot.formats.find((f) => f.name === formatName)
		: aiderPolyglot.formats.find((f) => f.detect(doc));
	if (!format) throw new Error(`no format detected for ${name}`);
	return { format: format.name, snapshots: parseDocument(aiderPolyglot, format, doc) };
}

function parseFile(path: string, formatName?: string) {
	return parseText(decodeText(readFileSync(path)).text, basename(path), formatName);
}

const polyglot = (date: string) => sharedData('aider', 'polyglot', `${date}.yml`);
const row = (snapshot: ParsedSnapshot, model: string) => snapshot.rows.find((r) => r.model === model);
const byRank = <T extends { rank: number }>(rows: T[]) => [...rows].sort((a, b) => a.rank - b.rank);

describe('Aider polyglot YAML (the leaderboard data file)', () => {
	it('ranks the runs of 2025-07-11 by pass_rate_2: grok-4 (high) 4th of 62 at 79.6', () => {
		const { format, snapshots } = parseFile(polyglot('2025-07-11'));
		expect(format).toBe('polyglot-yaml');
		const [s] = snapshots;
		expect(s).toMatchObject({ board: 'aider-polyglot', feed: 'live-page', rankSemantics: 'computed', publishedAsOf: null, methodVersion: null });
		expect(s.rows).toHaveLength(62);
		const grok = row(s, 'grok-4 (high)')!;
		expect(grok).toMatchObject({ rank: 4, score: 79.6, rowKey: '2025-07-11-19-37-40--xai-or-grok4-high' });
		expect(grok.extras).toMatchObject({
			edit_format: 'diff',
			reasoning_effort: 'high',
			run_date: '2025-07-11',
			command: 'aider --model openrouter/x-ai/grok-4',
			total_cost: 59.6182,
			test_cases: 225
		});
		expect(byRank(s.rows)[0]).toMatchObject({ model: 'o3-pro (high)', score: 84.9, rank: 1 });
		expect(row(s, 'gemini-2.5-pro-preview-06-05 (32k think)')!.extras).toMatchObject({ thinking_tokens: 32768, edit_format: 'diff-fenced' });
	});

	it('keys rows by run, so one display name run three times stays three rows (2025-08-25: openai/gpt-5)', () => {
		const [s] = parseFile(polyglot('2025-08-25')).snapshots;
		const gpt5 = s.rows.filter((r) => r.model === 'openai/gpt-5');
		expect(gpt5.map((r) => [r.rowKey, r.score, r.extras?.reasoning_effort])).toEqual([
			['2025-08-23-15-47-21--gpt-5-high', 88, 'high'],
			['2025-08-25-13-23-27--gpt-5-medium', 86.7, 'medium'],
			['2025-08-25-14-16-37--gpt-5-low', 81.3, 'low']
		]);
		// gpt-5 low ties o3 (high) at 81.3 and comes later in the file.
		expect(gpt5.map((r) => r.rank)).toEqual([1, 2, 6]);
	});

	it('breaks ties by file order and keeps commit hashes as written (2025-10-04)', () => {
		const [s] = parseFile(polyglot('2025-10-04')).snapshots;
		expect(s.rows).toHaveLength(69);
		// o3 (high) and gpt-5 (low) both solved 81.3%; o3 (high) comes first in the file.
		expect(row(s, 'o3 (high)')).toMatchObject({ score: 81.3, rank: 5 });
		expect(row(s, 'gpt-5 (low)')).toMatchObject({ score: 81.3, rank: 6 });
		expect(new Set(s.rows.map((r) => r.rank)).size).toBe(69);
		expect(row(s, 'Gemini 2.5 Pro Preview 03-25')!.extras?.commit_hash).toBe('0282574');
	});

	it('shows the 2025-04-12 swap of Gemini 2.5 Pro exp-03-25 for Preview 03-25, a new run at the same 72.9%', () => {
		const [before] = parseFile(polyglot('2025-04-11')).snapshots;
		const [after] = parseFile(polyglot('2025-04-12')).snapshots;
		expect(row(before, 'Gemini 2.5 Pro exp-03-25')).toMatchObject({
			rank: 1,
			score: 72.9,
			rowKey: '2025-03-25-19-46-45--gemini-25-pro-exp-diff-fenced'
		});
		expect(row(before, 'Gemini 2.5 Pro Preview 03-25')).toBeUndefined();
		expect(row(after, 'Gemini 2.5 Pro exp-03-25')).toBeUndefined();
		expect(row(after, 'Gemini 2.5 Pro Preview 03-25')).toMatchObject({
			rank: 1,
			score: 72.9,
			rowKey: '2025-04-12-04-55-50--gemini-25-pro-diff-fenced'
		});
		expect(row(after, 'Gemini 2.5 Pro Preview 03-25')!.extras).toMatchObject({ edit_format: 'diff-fenced', run_date: '2025-04-12' });
		expect(after.rows).toHaveLength(before.rows.length);
	});

	it('reads every recorded snapshot, 6 runs on 2024-12-21 up to 69 on 2025-10-04', () => {
		const files = readdirSync(sharedData('aider', 'polyglot')).filter((f) => f.endsWith('.yml'));
		expect(files).toHaveLength(53);
		const counts = files.map((f) => parseFile(sharedData('aider', 'polyglot', f)).snapshots[0].rows.length);
		expect(counts[0]).toBe(6);
		expect(counts.at(-1)).toBe(69);
		// 2025-01-30 ends with a run lacking only total_cost: Aider's own file, not a truncation.
		expect(parseFile(polyglot('2025-01-30')).snapshots[0].rows).toHaveLength(18);
	});
});

describe('Aider edit leaderboard YAML', () => {
	it('files the older code-editing benchmark under aider-polyglot/edit, ranked by pass_rate_2', () => {
		const { format, snapshots } = parseFile(sharedData('aider', 'edit', '2024-12-22.yml'));
		expect(format).toBe('edit-yaml');
		const [s] = snapshots;
		expect(s).toMatchObject({ board: 'aider-polyglot/edit', feed: 'live-page', rankSemantics: 'computed' });
		expect(s.rows).toHaveLength(98);
		const top = byRank(s.rows).slice(0, 2);
		// Tied at 84.2: file order decides.
		expect(top.map((r) => [r.model, r.score, r.rank])).toEqual([
			['claude-3-5-sonnet-20241022', 84.2, 1],
			['o1', 84.2, 2]
		]);
		// `released` and `_released` are both the model's release date.
		expect(row(s, 'claude-3-opus-20240229')!.extras).toMatchObject({ released: '2024-02-29', test_cases: 133, edit_format: 'diff' });
		expect(row(s, 'claude-3-sonnet-20240229')!.extras?.released).toBe('2024-02-29');
	});

	it('refuses the edit file as polyglot, naming the benchmark it is', () => {
		expect(() => parseFile(sharedData('aider', 'edit', '2024-12-22.yml'), 'polyglot-yaml')).toThrow(
			/code-editing benchmark \(133 Exercism Python exercises\) \(median 133 test cases\), not the polyglot/
		);
	});
});

describe('third-party capture of the aider.chat table (CSV)', () => {
	const csv = sharedData('soothsayer_crossboard_2026-03-15', 'aiderbench', '2026-03-15.csv');

	it('reads the dirty 2026-03-15 capture: grok-4 (high) 7th of 68 at 79.6, keyed by name and edit format', () => {
		const { format, snapshots } = parseFile(csv);
		expect(format).toBe('page-table-csv');
		const [s] = snapshots;
		expect(s).toMatchObject({ board: 'aider-polyglot', feed: 'third-party', rankSemantics: 'computed' });
		expect(s.rows).toHaveLength(68);
		expect(row(s, 'grok-4 (high)')).toMatchObject({
			rank: 7,
			score: 79.6,
			rowKey: 'grok-4 (high) [diff]',
			extras: { edit_format: 'diff', command: 'aider --model openrouter/x-ai/grok-4', total_cost: 59.62, percent_cases_well_formed: 97.3 }
		});
		expect(row(s, 'o3 (high)')).toMatchObject({ rank: 6, score: 81.3 });
		expect(row(s, 'o3 (high)')!.extras?.reasoning_effort).toBe('high');
		// A blank cost cell means the run recorded none.
		expect(row(s, 'Gemini 2.5 Pro Preview 03-25')).toMatchObject({ rank: 13, score: 72.9 });
		expect(row(s, 'Gemini 2.5 Pro Preview 03-25')!.extras?.total_cost).toBeUndefined();
		expect(row(s, 'Qwen3 235B A22B diff, no think, Alibaba API')!.rowKey).toBe('Qwen3 235B A22B diff, no think, Alibaba API [diff]');
	});

	it('cleans toggles and line breaks out of model cells, skips spacer rows, and keeps one name in two edit formats apart', () => {
		const [s] = parseFile(fixture('aider', 'page-capture-messy.csv')).snapshots;
		expect(s.rows.map((r) => [r.rank, r.rowKey, r.model, r.score])).toEqual([
			[1, 'gpt-5 (high) [diff]', 'gpt-5 (high)', 88],
			[2, 'o3 (high) + gpt-4.1 [architect]', 'o3 (high) + gpt-4.1', 78.2],
			[3, 'Qwen2.5-Coder-32B-Instruct [whole]', 'Qwen2.5-Coder-32B-Instruct', 16.4],
			[4, 'Qwen2.5-Coder-32B-Instruct [diff]', 'Qwen2.5-Coder-32B-Instruct', 8]
		]);
		expect(s.rows[0].extras?.model_cell).toBe('▶ gpt-5 (high)');
		expect(s.rows[1].extras?.model_cell).toBeUndefined();
	});

	it('rejects a capture whose score is not a number or whose Percent correct column is gone', () => {
		const text = readFileSync(csv, 'utf8');
		expect(() => parseText(text.replace('88.0%', 'n/a%x'), 'x.csv')).toThrow(/row 1: percent correct "n\/a%x" is not a number/);
		expect(() => parseText(text.replace('Percent correct', 'Percent'), 'x.csv', 'page-table-csv')).toThrow(
			/layout changed: no column "percent correct"/
		);
	});
});

describe('Aider YAML: bad input is rejected with a reason', () => {
	const good = readFileSync(polyglot('2025-07-11'), 'utf8');
	const yaml = (text: string) => () => parseText(text, 'bad.yml', 'polyglot-yaml');

	it('says when the YAML is not a list of runs', () => {
		expect(yaml('leaderboard:\n  dirname: x\n  model: y\n')).toThrow(/layout changed: the top level is a mapping \(leaderboard\), not a list of benchmark runs/);
		expect(yaml('- dirname: a\n  model: m\n  pass_rate_2: 5\n- just text\n')).toThrow(/run 2 is the text "just text", not a mapping/);
		expect(yaml('# nothing yet\n')).toThrow(/empty: the YAML holds no benchmark runs/);
		expect(yaml('[]\n')).toThrow(/empty: the list of benchmark runs is empty/);
	});

	it('names the run that lacks dirname, model or pass_rate_2, or whose score is not a number', () => {
		const drop = (field: string) => good.replace(new RegExp(`^  ${field}: .*\\n`, 'm'), '');
		expect(yaml(drop('pass_rate_2'))).toThrow(/^run 1 \(2025-02-25-20-23-07--gemini-pro\) has no pass_rate_2$/);
		expect(yaml(drop('model'))).toThrow(/^run 1 \(2025-02-25-20-23-07--gemini-pro\) has no model$/);
		expect(yaml(good.replace('- dirname: 2025-02-25-20-23-07--gemini-pro\n  test_cases', '- test_cases'))).toThrow(
			/^run 1 \(model "Gemini 2.0 Pro exp-02-05"\) has no dirname \(the run id\)$/
		);
		expect(yaml(good.replace('pass_rate_2: 35.6', 'pass_rate_2: 35,6%'))).toThrow(/run 1 \(2025-02-25-20-23-07--gemini-pro\): pass_rate_2 "35,6%" is not a number/);
	});

	it('calls a cut-off download truncated, wherever it was cut', () => {
		const cutAfter = (marker: string) => good.slice(0, good.lastIndexOf(marker) + marker.length);
		// At a line break inside the last run: it parses, but the run lacks what every other run has.
		expect(yaml(cutAfter('  pass_rate_2: 79.6\n'))).toThrow(/^truncated: the last run 62 \(2025-07-11-19-37-40--xai-or-grok4-high\) stops after "pass_rate_2", without pass_num_1/);
		// Mid-key and mid-quote: the YAML itself breaks off.
		expect(yaml(cutAfter('  pass_rat'))).toThrow(/^truncated: the YAML breaks off at line \d+/);
		expect(yaml('- dirname: a\n  model: m\n  pass_rate_2: 5\n  command: "aider --mod')).toThrow(/^truncated: the YAML breaks off at line 4 \(unexpected end of the stream within a double quoted scalar\)/);
		// Broken in the middle is malformed, not truncated.
		expect(yaml('- dirname: a\n  model: m\n   pass_rate_2: 5\n- dirname: b\n  model: n\n  pass_rate_2: 4\n')).toThrow(/^not valid YAML: line 3: bad indentation/);
	});

	it('rejects a run list of some other Aider benchmark (the 89-case refactoring board) instead of filing it as polyglot', () => {
		const refactor = '- dirname: 2024-05-04-23-27-02--refac-gemini\n  test_cases: 89\n  model: gemini/gemini-1.5-pro-latest\n  pass_rate_1: 49.4\n';
		const detected = aiderPolyglot.formats.find((f) => f.detect({ name: 'r.yml', path: 'r.yml', text: refactor, companions: {} }));
		expect(detected?.name).toBe('polyglot-yaml');
		expect(yaml(refactor)).toThrow(/not an Aider leaderboard this source tracks: the runs have a median of 89 test cases/);
	});
});

describe('live fetch and CLI import', () => {
	let t: TempDb;
	let server: RecordingServer;
	const http = createHttpClient({ backoffMs: 10, timeoutMs: 2000 });
	const now = () => new Date('2025-10-05T06:00:00Z');

	beforeEach(async () => {
		t = tempDb();
		server = await startRecordingServer();
	});
	afterEach(async () => {
		await server.close();
		t.cleanup();
	});

	it('fetches the raw YAML over HTTP, dates it by the fetch, and adds nothing for the same file again', async () => {
		const env = { RANKDRIFT_URL_AIDER_POLYGLOT_LEADERBOARD: `${server.url}/polyglot_leaderboard.yml` };
		server.route('/polyglot_leaderboard.yml', serveBytes(readFileSync(polyglot('2025-10-04')), 'text/plain; charset=utf-8'));
		const [first] = await scrapeSource(t.db, aiderPolyglot, { http, config: config(env), now });
		expect(first).toMatchObject({ endpoint: 'leaderboard', outcome: 'added', httpStatus: 200 });
		const [snap] = listSnapshots(t.db, 'aider-polyglot');
		expect(snap).toMatchObject({ as_of: '2025-10-05', as_of_basis: 'fetch-date', feed: 'live-page', row_count: 69, rank_semantics: 'computed' });
		expect(entriesOf(t.db, snap.id)[0]).toMatchObject({ rank: 1, model: 'gpt-5 (high)', score: 88, row_key: '2025-08-23-15-47-21--gpt-5-high' });
		const [second] = await scrapeSource(t.db, aiderPolyglot, { http, config: config(env), now: () => new Date('2025-10-06T06:00:00Z') });
		expect(second.outcome).toBe('unchanged');
		expect(server.hits.get('/polyglot_leaderboard.yml')).toBe(2);
	});

	it('rejects a truncated response as truncated and stores no snapshot', async () => {
		const env = { RANKDRIFT_URL_AIDER_POLYGLOT_LEADERBOARD: `${server.url}/polyglot_leaderboard.yml` };
		const bytes = readFileSync(polyglot('2025-10-04'));
		server.route('/polyglot_leaderboard.yml', serveBytes(bytes.subarray(0, bytes.length - 600), 'text/plain; charset=utf-8'));
		const [r] = await scrapeSource(t.db, aiderPolyglot, { http, config: config(env), now });
		expect(r.outcome).toBe('rejected');
		expect(r.reason).toMatch(/^truncated: /);
		expect(listSnapshots(t.db, 'aider-polyglot')).toHaveLength(0);
	});

	it('imports the whole recorded aider folder through the CLI and lists grok-4 (high) 4th on 2025-07-11', async () => {
		const imported = await cli(['import', 'aider-polyglot', sharedData('aider'), '--output', 'json', '--db', t.path]);
		expect(imported.code).toBe(0);
		const files = JSON.parse(imported.stdout) as { outcome: string; format: string | null }[];
		const outcomes = files.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.outcome]: (acc[f.outcome] ?? 0) + 1 }), {});
		expect(outcomes).toEqual({ added: 54, skipped: 3 });
		expect(files.filter((f) => f.format === 'edit-yaml')).toHaveLength(1);

		const board = await cli(['board', 'aider-polyglot', '--date', '2025-07-11', '--format', 'json', '--db', t.path]);
		expect(board.code).toBe(0);
		const rows = JSON.parse(board.stdout) as { rank: number; model: string; score: number; edit_format: string }[];
		expect(rows).toHaveLength(62);
		expect(rows[3]).toMatchObject({ rank: 4, model: 'grok-4 (high)', score: 79.6, edit_format: 'diff' });
	});
});

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../scrapers/http';
import { parseDocument } from '../../src/lib/server/ingest/ingest';
import { decodeText } from '../../src/lib/catalogue/documents';
import { scrapeSource } from '../../src/lib/server/ingest/scrape';
import { uncertaintyRuleOf } from '../../src/lib/catalogue';
import { swebench } from '../helpers/sources';
import { entriesOf, listSnapshots } from '../../src/lib/server/db/snapshots';
import { sourceOverviews } from '../../src/lib/server/services/sources';
import { cli } from '../helpers/cli';
import { fixture, sharedData } from '../helpers/paths';
import { serveBytes, startRecordingServer, type RecordingServer } from '../helpers/recording-server';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { testContext } from '../helpers/context';
import { config } from '../../src/lib/server/config';

const recorded = (name: string) => sharedData('swebench_leaderboards', name);

function parseText(text: string, name = 'leaderboards.json', asOf: string | null = null) {
	const doc = { name, path: name, text, companions: {}, asOf };
	const format = swebench.formats.find((f) => f.detect(doc));
	if (!format) throw new Error(`no format detected for ${name}`);
	return parseDocument(swebench, format, doc);
}

const parseFile = (path: string) => parseText(decodeText(readFileSync(path)).text, basename(path));
const board = (snapshots: ReturnType<typeof parseText>, id: string) => snapshots.find((s) => s.board === id)!;
const row = <R extends { model: string }>(snapshot: { rows: R[] }, model: string) => snapshot.rows.find((r) => r.model === model);

/** A board file in the live shape, built inline for the error cases. */
function boardsJson(boards: { name: string; results: unknown[] }[]): string {
	return JSON.stringify({ leaderboards: boards });
}
const entry = (over: Record<string, unknown> = {}) => ({
	name: 'Agent X',
	folder: '20250101_agent_x',
	resolved: 50,
	date: '2025-01-01',
	tags: ['Model: model-x', 'Org: X Labs'],
	warning: null,
	...over
});

describe('SWE-bench leaderboards.json: recorded files', () => {
	it('turns 2025-08-11 into five boards and ranks bash-only by % resolved: Claude 4 Opus 1st, Gemini 2.5 Pro 7th', () => {
		const snapshots = parseFile(recorded('2025-08-11.json'));
		expect(swebench.formats.find((f) => f.detect({ name: '', path: '', text: '{"leaderboards": []}', companions: {} }))?.name).toBe('leaderboards-json');
		expect(snapshots.map((s) => `${s.board}:${s.rows.length}`)).toEqual([
			'swebench/test:22',
			'swebench/verified:120',
			'swebench/lite:80',
			'swebench/multimodal:21',
			'swebench/bash-only:20'
		]);
		const bash = board(snapshots, 'swebench/bash-only');
		expect(bash).toMatchObject({ feed: 'live-page', rankSemantics: 'computed', publishedAsOf: null, adjustment: null, methodVersion: null, warnings: [] });
		expect(row(bash, 'Claude 4 Opus (20250514)')).toMatchObject({
			rowKey: '20250802_mini-v1.0.0_claude-4-opus-20250514',
			rank: 1,
			score: 67.6,
			organization: 'Anthropic',
			extras: { tag_model: 'claude-4-opus-20250514', tag_system: 'Attempts - 1', checked: true, os_model: false, os_system: true, date: '2025-08-02', mini_swe_agent_version: '1.0.0' }
		});
		// The display name carries its own variant text; the model id is only in the tag.
		expect(row(bash, 'Gemini 2.5 Pro (2025-05-06)')).toMatchObject({ rank: 7, score: 53.6, rowKey: '20250726_mini-v1.0.0_gemini-2.5-pro', extras: { tag_model: 'gemini-2.5-pro' } });
	});

	it('keeps every model of a multi-model system in tag_model, and gives equal % resolved a shared rank', () => {
		const verified = board(parseFile(recorded('2025-08-11.json')), 'swebench/verified');
		expect(row(verified, 'TRAE')).toMatchObject({
			rowKey: '20250612_trae',
			rank: 1,
			score: 75.2,
			organization: 'TRAE',
			extras: { tag_model: 'claude-4-sonnet-20250522 + claude-4-opus-20250522 + claude-3-7-sonnet-20250219 + gemini-2.5-pro-preview-06-05', tag_system: 'Attempts - 2+', checked: false }
		});
		const tied = verified.rows.filter((r) => r.score === 70.4);
		expect(tied.map((r) => r.model).sort()).toEqual(['Augment Agent v1', 'OpenHands + Claude 4 Sonnet', 'Refact.ai Agent']);
		expect(tied.every((r) => r.rank === 8)).toBe(true);
		expect(verified.rows.find((r) => r.rank === 9)).toBeUndefined(); // competition ranking: 8, 8, 8, 11
		expect(verified.rows.filter((r) => r.rank === 11)).not.toHaveLength(0);
		expect(row(verified, 'Augment Agent v1')!.organization).toBeNull(); // no Org tag
	});

	it('files the 2025-07-28 "verified-mini" board under swebench/bash-only and says so', () => {
		const snapshots = parseFile(recorded('2025-07-28.json'));
		expect(snapshots.map((s) => s.board)).not.toContain('swebench/verified-mini');
		const bash = board(snapshots, 'swebench/bash-only');
		expect(bash.rows).toHaveLength(12);
		expect(bash.warnings.join(' ')).toMatch(/published as "verified-mini"/);
		expect(row(bash, 'Claude 4 Sonnet (20250514)')).toMatchObject({ rank: 1, score: 65.17 });
	});

	it('ranks by score, not file order: the 2025-09-10 file lists GLM-4.5 second on bash-only, yet it ranks 7th', () => {
		const snapshots = parseFile(recorded('2025-09-10.json'));
		expect(snapshots[0].board).toBe('swebench/bash-only'); // board order changed on 2025-08-25
		const bash = snapshots[0];
		expect(row(bash, 'GLM-4.5')).toMatchObject({ rank: 7, score: 54.2 });
		expect(row(bash, 'Claude 4 Opus (20250514)')!.rank).toBe(1);
		expect(board(snapshots, 'swebench/verified').rows).toHaveLength(133);
	});

	it('reads the May 2025 layout (no tags; `verified` is the checked flag) and leaves out the entries the site hides', () => {
		const snapshots = parseFile(recorded('2025-05-07.json'));
		const verified = board(snapshots, 'swebench/verified');
		expect(verified.rows).toHaveLength(67); // 69 in the file, 2 flagged with a warning
		expect(row(verified, 'Blackbox AI Agent')).toBeUndefined();
		expect(verified.warnings.join(' ')).toMatch(/2 entries flagged with a warning.*Blackbox AI Agent; Factory Code Droid/);
		expect(row(verified, 'Augment Agent v0')).toMatchObject({ rank: 1, score: 65.4, organization: null, extras: { oss: false, checked: false, date: '2025-03-16' } });
		expect(row(verified, 'Augment Agent v0')!.extras).not.toHaveProperty('tag_model');
		expect(board(snapshots, 'swebench/lite').rows).toHaveLength(61);
	});

	it('keeps the autumn 2025 cost fields, and reads checked "false (See README.md …)" as false', () => {
		const snapshots = parseFile(recorded('2025-10-06.json'));
		const bash = board(snapshots, 'swebench/bash-only');
		expect(bash.rows[0]).toMatchObject({ model: 'Claude 4.5 Sonnet (20250929)', rank: 1, score: 70.6 });
		expect(bash.rows[0].extras).toMatchObject({ tag_model: 'claude-sonnet-4-5-20250929', mini_swe_agent_version: '1.13.3', instance_calls: 50.988 });
		expect(bash.rows[0].extras!.cost).toBeCloseTo(279.167, 3);
		const verified = board(snapshots, 'swebench/verified');
		expect(verified.rows).toHaveLength(145);
		expect(row(verified, 'SWE-Exp')!.extras!.checked).toBe(false);
		expect(row(verified, 'SWE-RL (Llama3-SWE-RL-70B + Agentless Mini) (20250226)')!.extras).toMatchObject({ tag_model: 'Llama3-SWE-RL-70B', tag_model_size: '70' });
	});
});

describe('SWE-bench leaderboards.json: live shape and edge cases', () => {
	it('reads the live shape: a board never seen before becomes swebench/<slug>, hidden entries are left out, ties share a rank', () => {
		const snapshots = parseFile(fixture('swebench/leaderboards-live.json'));
		expect(snapshots.map((s) => s.board)).toEqual(['swebench/bash-only', 'swebench/test', 'swebench/verified', 'swebench/lite', 'swebench/multimodal', 'swebench/multilingual']);
		const verified = board(snapshots, 'swebench/verified');
		expect(verified.rows.map((r) => [r.rank, r.model])).toEqual([
			[1, 'TRAE + Doubao-Seed-Code'],
			[2, 'Atlassian Rovo Dev (2025-09-02)'],
			[2, 'EPAM AI/Run Developer Agent v20250719 + Claude 4 Sonnet']
		]);
		expect(verified.warnings).toEqual(['1 entry flagged with a warning, which the site hides, left out: Withdrawn Agent']);
		expect(row(verified, 'TRAE + Doubao-Seed-Code')!.extras!.tag_model).toBe('Doubao-Seed-Code + Doubao-Seed-1.6');
		expect(board(snapshots, 'swebench/multilingual').rows[0]).toMatchObject({ rank: 1, score: 68, organization: 'SWE-agent' });
	});

	it('bash-only follows the site from 2026-02-26: mini-SWE-agent v2.x runs only, under their own method version', () => {
		const text = readFileSync(fixture('swebench/leaderboards-live.json'), 'utf8');
		const before = board(parseText(text, 'leaderboards.json', '2026-02-25'), 'swebench/bash-only');
		expect(before).toMatchObject({ methodVersion: null, warnings: [] });
		expect(before.rows).toHaveLength(5);
		const from = parseText(text, 'leaderboards.json', '2026-02-26');
		const bash = board(from, 'swebench/bash-only');
		expect(bash.methodVersion).toBe('mini-SWE-agent v2.x');
		expect(bash.rows.map((r) => [r.rank, r.model, r.extras!.mini_swe_agent_version])).toEqual([
			[1, 'Claude Opus 4.6 (high)', '2.0.1'],
			[2, 'GPT-5.4 (xhigh)', '2.1.0']
		]);
		expect(bash.warnings).toEqual(["3 runs not on mini-SWE-agent v2.x left out, as the site's default view has done since 2026-02-26"]);
		// A method change within the board, not a new board; the other boards keep every run.
		expect(from.map((s) => s.board)).toEqual(parseText(text).map((s) => s.board));
		expect(board(from, 'swebench/verified')).toMatchObject({ methodVersion: null });
		expect(board(from, 'swebench/verified').rows).toHaveLength(3);
	});

	it('a dated file whose bash-only board has no v2.x run leaves that board out, saying why', () => {
		const snapshots = parseText(readFileSync(recorded('2025-12-10.json'), 'utf8'), 'leaderboards.json', '2026-03-01');
		expect(snapshots.map((s) => s.board)).not.toContain('swebench/bash-only');
		expect(snapshots[0].warnings).toContain(
			`board "bash-only" has no results in this file (31 runs not on mini-SWE-agent v2.x left out, as the site's default view has done since 2026-02-26): left out`
		);
	});

	it('leaves an empty board out with a warning instead of rejecting the file', () => {
		const snapshots = parseText(boardsJson([{ name: 'Verified', results: [entry()] }, { name: 'Multimodal', results: [] }]));
		expect(snapshots.map((s) => s.board)).toEqual(['swebench/verified']);
		expect(snapshots[0].warnings).toEqual(['board "Multimodal" has no results in this file: left out']);
		expect(() => parseText(boardsJson([{ name: 'Verified', results: [] }]))).toThrow(/empty: no board in the file has any results/);
	});

	it('accepts a numeric string for resolved (the site reads it with parseFloat)', () => {
		const [s] = parseText(boardsJson([{ name: 'Lite', results: [entry({ resolved: '41.67' })] }]));
		expect(s.rows[0]).toMatchObject({ rowKey: '20250101_agent_x', model: 'Agent X', score: 41.67, organization: 'X Labs', extras: { tag_model: 'model-x' } });
	});

	it.each([
		['no "leaderboards" array', JSON.stringify({ boards: [] }), /layout changed: no "leaderboards" array/],
		['an entry without a folder', boardsJson([{ name: 'Verified', results: [entry(), entry({ folder: undefined, name: 'Agent Y' })] }]), /board "Verified" entry 2 \("Agent Y"\): no "folder"/],
		['an entry without a name', boardsJson([{ name: 'Lite', results: [entry({ name: '' })] }]), /board "Lite" entry 1 \(folder 20250101_agent_x\): no "name"/],
		['an entry without resolved', boardsJson([{ name: 'Test', results: [entry({ resolved: null })] }]), /board "Test" entry 1 \("Agent X"\): no "resolved"/],
		['a non-numeric resolved', boardsJson([{ name: 'Test', results: [entry({ resolved: 'n/a' })] }]), /resolved "n\/a" is not a number/],
		['a resolved beyond 100 %', boardsJson([{ name: 'Test', results: [entry({ resolved: 512 })] }]), /resolved 512 is not a percentage/],
		['a board without results', JSON.stringify({ leaderboards: [{ name: 'Verified' }] }), /board "Verified": no "results" array/],
		['two boards under one id', boardsJson([{ name: 'bash-only', results: [entry()] }, { name: 'verified-mini', results: [entry()] }]), /boards "bash-only" and "verified-mini" both map to swebench\/bash-only/],
		['not JSON at all', '{leaderboards: oops}', /not valid JSON/]
	])('rejects %s with a clear reason', (_what, text, reason) => {
		expect(() => parseText(text)).toThrow(reason);
	});

	it('rejects a truncated download of a real file as truncated', () => {
		const text = readFileSync(recorded('2025-08-11.json'), 'utf8');
		expect(() => parseText(text.slice(0, 100_000))).toThrow(/^truncated: the JSON stops after \d+ characters, in the middle of the data$/);
	});

	it('does not claim HTML or CSV', () => {
		const doc = (text: string) => ({ name: 'x', path: 'x', text, companions: {} });
		expect(swebench.formats.some((f) => f.detect(doc('<!doctype html><html></html>')))).toBe(false);
		expect(swebench.formats.some((f) => f.detect(doc('name,resolved\nA,1\n')))).toBe(false);
	});
});

describe('SWE-bench: live fetch and import', () => {
	let t: TempDb;
	let server: RecordingServer;
	beforeEach(async () => {
		t = tempDb();
		server = await startRecordingServer();
	});
	afterEach(async () => {
		await server.close();
		t.cleanup();
	});

	it('fetches a leaderboards.json past 4 MB over HTTP and stores one live-page snapshot per board, dated by the fetch', async () => {
		// The live file grew past 4 MB in December 2025; pad the fixture's entries with a field the parser ignores.
		const data = JSON.parse(readFileSync(fixture('swebench/leaderboards-live.json'), 'utf8'));
		for (const b of data.leaderboards) for (const e of b.results) e.per_instance_details = 'x'.repeat(400_000);
		const body = JSON.stringify(data);
		expect(body.length).toBeGreaterThan(4 * 1024 * 1024);
		server.route('/SWE-bench/swe-bench.github.io/master/data/leaderboards.json', serveBytes(body, 'text/plain; charset=utf-8'));
		const env = { RANKDRIFT_URL_SWEBENCH_LEADERBOARDS: `${server.url}/SWE-bench/swe-bench.github.io/master/data/leaderboards.json` };
		const http = createHttpClient({ backoffMs: 10, timeoutMs: 2000 });

		const [r] = await scrapeSource(t.db, swebench, { http, config: config(env), now: () => new Date('2026-03-20T06:00:00Z') });
		expect(r).toMatchObject({ outcome: 'added', httpStatus: 200, endpoint: 'leaderboards' });
		expect(r.snapshots.map((s) => s.board)).toHaveLength(6);
		const [bash] = listSnapshots(t.db, 'swebench/bash-only');
		// Fetched after 2026-02-26: bash-only as the site's default view shows it, mini-SWE-agent v2.x runs only.
		expect(bash).toMatchObject({ as_of: '2026-03-20', as_of_basis: 'fetch-date', feed: 'live-page', rank_semantics: 'computed', row_count: 2, method_version: 'mini-SWE-agent v2.x' });
		const top = entriesOf(t.db, bash.id)[0];
		expect(top).toMatchObject({ rank: 1, row_key: '20260302_mini-v2.0.1_claude-opus-4-6', model: 'Claude Opus 4.6 (high)', score: 76.8 });
		expect(JSON.parse(top.extras!)).toMatchObject({ tag_model: 'claude-opus-4-6', cost: 402.5 });
		const [multilingual] = listSnapshots(t.db, 'swebench/multilingual');
		expect(multilingual).toMatchObject({ row_count: 1, method_version: null });
		expect(uncertaintyRuleOf('swebench/multilingual')).toEqual({ kind: 'pass-rate', tasks: 300, basis: 'the 300 Multilingual instances' });

		const [again] = await scrapeSource(t.db, swebench, { http, config: config(env), now: () => new Date('2026-03-21T06:00:00Z') });
		expect(again.outcome).toBe('unchanged');

		const overview = sourceOverviews(testContext(t.db)).find((s) => s.id === 'swebench')!;
		expect(overview).toMatchObject({
			license: 'CC BY-NC 4.0',
			license_url: 'https://creativecommons.org/licenses/by-nc/4.0/',
			attribution: 'Data: SWE-bench leaderboards (swebench.com), CC BY-NC 4.0',
			snapshots: 6
		});
		expect(overview.boards).toEqual(expect.arrayContaining(['swebench/bash-only', 'swebench/verified', 'swebench/multilingual']));
	});

	it('a truncated live response is rejected, not stored', async () => {
		const text = readFileSync(fixture('swebench/leaderboards-live.json'), 'utf8');
		server.route('/leaderboards.json', serveBytes(text.slice(0, 2000), 'application/json'));
		const env = { RANKDRIFT_URL_SWEBENCH_LEADERBOARDS: `${server.url}/leaderboards.json` };
		const [r] = await scrapeSource(t.db, swebench, { http: createHttpClient({ backoffMs: 10, timeoutMs: 2000 }), config: config(env) });
		expect(r.outcome).toBe('rejected');
		expect(r.reason).toMatch(/^truncated/);
		expect(listSnapshots(t.db, 'swebench/verified', { all: true })).toHaveLength(0);
	});

	it('imports the whole recorded folder: 37 snapshots added, 28 unchanged, nothing rejected or held', async () => {
		const first = await cli(['import', 'swebench', sharedData('swebench_leaderboards'), '--db', t.path]);
		expect(first.code).toBe(0);
		expect(first.stdout).toMatch(/added\s+37 snapshots/);
		expect(first.stdout).toMatch(/unchanged\s+28 snapshots/);
		// The 4.2 MB file of 2025-12-10 (entries with cost fields) is read like the rest: five boards, bash-only 31 runs.
		const dec10 = listSnapshots(t.db, 'swebench/bash-only').find((s) => s.as_of === '2025-12-10');
		expect(dec10).toMatchObject({ row_count: 31 });
		expect(first.stdout).not.toMatch(/rejected|held/);
		const rows = JSON.parse((await cli(['board', 'swebench/bash-only', '--date', '2025-08-11', '--format', 'json', '--db', t.path])).stdout);
		expect(rows[0]).toMatchObject({ rank: 1, model: 'Claude 4 Opus (20250514)', score: 67.6, tag_model: 'claude-4-opus-20250514' });
		expect(rows.find((x: { model: string }) => x.model === 'Gemini 2.5 Pro (2025-05-06)').rank).toBe(7);
		// The 2025-07-28 "verified-mini" board is the 2025-07-11 bash-only board unchanged: one continuous board.
		expect(listSnapshots(t.db, 'swebench/bash-only').map((s) => s.as_of).slice(0, 2)).toEqual(['2025-07-11', '2025-08-04']);
		expect(listSnapshots(t.db, 'swebench/verified-mini', { all: true })).toHaveLength(0);
	});
});

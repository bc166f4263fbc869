import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { artificialAnalysis } from '../helpers/sources';
import { parseDocument } from '../../src/lib/server/ingest/ingest';
import { createHttpClient } from '../../scrapers/http';
import { decodeText } from '../../src/lib/catalogue/documents';
import { scrapeSource } from '../../src/lib/server/ingest/scrape';
import { entriesOf, listSnapshots } from '../../src/lib/server/db/snapshots';
import { sourceOverviews } from '../../src/lib/server/services/sources';
import type { ParsedSnapshot } from '../../src/lib/snapshots/snapshot';
import { cli } from '../helpers/cli';
import { fixture, sharedData } from '../helpers/paths';
import { startRecordingServer, serveBytes, type RecordingServer } from '../helpers/recording-server';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { notRunnableReason } from '../../src/lib/catalogue';
import { testContext } from '../helpers/context';
import { config } from '../../src/lib/server/config';

const RENDERED = sharedData('franri3008_scraped_2026/aa_models_leaderboard');
const FLAT = sharedData('soothsayer_crossboard_2026-03-15/artificialanalysis/2026-03-15.csv');
const API = fixture('artificial-analysis/api-v2-llms-models.json');

function parseText(text: string, name = 'doc.txt', formatName?: string) {
	const doc = { name, path: name, text, companions: {} };
	const format = formatName ? artificialAnalysis.formats.find((f) => f.name === formatName) : artificialAnalysis.formats.find((f) => f.detect(doc));
	if (!format) throw new Error(`no format detected for ${name}`);
	return { format: format.name, snapshots: parseDocument(artificialAnalysis, format, doc) };
}

const parseFile = (path: string, formatName?: string) => parseText(decodeText(readFileSync(path)).text, basename(path), formatName);
const rows = (snapshot: ParsedSnapshot, model: string) => snapshot.rows.filter((r) => r.model === model);
const row = (snapshot: ParsedSnapshot, model: string) => rows(snapshot, model)[0];
const apiBody = () => JSON.parse(readFileSync(API, 'utf8'));

describe('Artificial Analysis: rendered-table captures (third party, 2026)', () => {
	it('ranks 2026-02-03 by the index, ties sharing a rank, and leaves out the 9 models without a value', () => {
		const { format, snapshots } = parseFile(`${RENDERED}/2026-02-03.csv`);
		expect(format).toBe('aa-rendered-table-csv');
		const [s] = snapshots;
		expect(s).toMatchObject({ board: 'artificial-analysis', feed: 'third-party', rankSemantics: 'computed', adjustment: null, methodVersion: null, publishedAsOf: null });
		expect(s.rows).toHaveLength(383);
		expect(s.warnings).toEqual(['9 model(s) listed without an Intelligence Index value were left out of the ranking']);
		expect(row(s, 'GPT-5.2 (xhigh)')).toMatchObject({ rowKey: 'GPT-5.2 (xhigh)', rank: 1, score: 51, organization: 'OpenAI' });
		expect(row(s, 'GPT-5.2 (xhigh)').extras).toEqual({
			context_window: '400k',
			context_window_tokens: 400_000,
			price_blended_usd_1m: 4.81,
			output_tokens_per_second: 100,
			first_answer_token_seconds: 29.05
		});
		expect(row(s, 'Gemini 3 Pro Preview (high)')).toMatchObject({ rank: 4, score: 48 });
		expect(row(s, 'GPT-5.1 (high)')).toMatchObject({ rank: 4, score: 48 });
		expect(row(s, 'Kimi K2.5')).toMatchObject({ rank: 6, score: 47, organization: 'Kimi' });
		// 0 tokens/s and 0.00 s on the page mean "not measured".
		expect(row(s, 'GPT-5.2 (medium)').extras).not.toHaveProperty('output_tokens_per_second');
	});

	it('keeps both variants the page shows under one name (icons stripped), each with its own rank', () => {
		const [s] = parseFile(`${RENDERED}/2026-02-03.csv`).snapshots;
		expect(rows(s, 'Claude Opus 4.5').map((r) => [r.rank, r.score])).toEqual([
			[2, 50],
			[11, 43]
		]);
	});

	it('marks index values shown with an E and reads quoted names with commas (2026-03-17)', () => {
		const [s] = parseFile(`${RENDERED}/2026-03-17.csv`).snapshots;
		expect(row(s, 'o3-pro')).toMatchObject({ score: 41 });
		expect(row(s, 'o3-pro').extras?.index_estimated).toBe(true);
		expect(row(s, 'GPT-5.4 (xhigh)').extras).not.toHaveProperty('index_estimated');
		expect(row(s, 'Gemini 3.1 Pro Preview')).toMatchObject({ rank: 1, score: 57 });
		expect(row(s, 'GPT-5.4 (xhigh)')).toMatchObject({ rank: 1, score: 57 });
		expect(row(s, 'Claude Sonnet 4.6 (Non-reasoning, Low Effort)')).toMatchObject({ rank: 21, score: 43, organization: 'Anthropic' });
		expect(row(s, 'Cogito v2.1')).toBeUndefined(); // listed with "--"
	});

	it('reads every recorded capture', () => {
		const dates = ['2026-02-03', '2026-02-10', '2026-02-17', '2026-02-24', '2026-03-03', '2026-03-10', '2026-03-17', '2026-03-24', '2026-03-30'];
		const counts = dates.map((d) => parseFile(`${RENDERED}/${d}.csv`).snapshots[0].rows.length);
		expect(counts).toEqual([383, 386, 390, 400, 387, 397, 404, 421, 423]);
	});
});

describe('Artificial Analysis: API-style flat export (project-soothsayer, 2026-03-15)', () => {
	it('ranks 425 of 432 models, keyed by model id, and reads index v4 from the evaluations', () => {
		const { format, snapshots } = parseFile(FLAT);
		expect(format).toBe('aa-api-flat-csv');
		const [s] = snapshots;
		expect(s).toMatchObject({ feed: 'third-party', rankSemantics: 'computed', methodVersion: 'v4' });
		expect(s.rows).toHaveLength(425);
		expect(s.warnings).toEqual(['7 model(s) listed without an Intelligence Index value were left out of the ranking']);
		expect(row(s, 'Gemini 3.1 Pro Preview')).toMatchObject({ rowKey: 'bbd93ebe-80da-4594-bb19-61e69d0331df', rank: 1, score: 57.2, organization: null });
		const gpt = row(s, 'GPT-5.4 (xhigh)');
		expect(gpt).toMatchObject({ rowKey: 'a89c4b28-2d8c-456e-88ea-255fb51fd2b6', rank: 2, score: 57 });
		expect(gpt.extras).toMatchObject({ coding_index: 57.3, eval_gpqa: 0.92, eval_terminalbench_hard: 0.576, price_blended_usd_1m: 5.625, price_output_usd_1m: 15 });
		expect(gpt.extras).not.toHaveProperty('eval_mmlu_pro'); // not run for models newer than index v4
		expect(row(s, 'GPT-5 (high)').rank).toBe(row(s, 'GPT-5 Codex (high)').rank);
		expect(row(s, 'gpt-oss-120B (high)').extras).toMatchObject({ math_index: 93.4, eval_aime_25: 0.934 });
		expect(row(s, 'GPT-5.4 Pro (xhigh)')).toBeUndefined();
	});
});

describe('Artificial Analysis: API v2 JSON', () => {
	it('reads the models response: id as row key, creator as organization, ties shared', () => {
		const { format, snapshots } = parseFile(API);
		expect(format).toBe('aa-api-json');
		const [s] = snapshots;
		expect(s).toMatchObject({ feed: 'official-dataset', rankSemantics: 'computed', methodVersion: 'v4', publishedAsOf: null });
		expect(s.rows.map((r) => [r.model, r.rank, r.score])).toEqual([
			['Gemini 3.1 Pro Preview', 1, 57.2],
			['GPT-5.4 (xhigh)', 2, 57],
			['GPT-5 (high)', 3, 44.6],
			['GPT-5 Codex (high)', 3, 44.6],
			['GLM-5 (Non-reasoning)', 5, 40.6]
		]);
		expect(s.warnings).toEqual(['1 model(s) listed without an Intelligence Index value were left out of the ranking']);
		const gemini = row(s, 'Gemini 3.1 Pro Preview');
		expect(gemini).toMatchObject({ rowKey: 'bbd93ebe-80da-4594-bb19-61e69d0331df', organization: 'Google' });
		expect(gemini.extras).toMatchObject({
			slug: 'gemini-3-1-pro-preview',
			creator_slug: 'google',
			release_date: '2026-02-19',
			coding_index: 55.5,
			eval_gpqa: 0.941,
			price_blended_usd_1m: 4.5,
			output_tokens_per_second: 123.2,
			first_token_seconds: 43.96,
			first_answer_token_seconds: 43.96
		});
		expect(row(s, 'GLM-5 (Non-reasoning)').extras).not.toHaveProperty('output_tokens_per_second');
	});

	it('takes the version the response states, and infers none when every scored model has the v3 evaluations', () => {
		const stated = { ...apiBody(), intelligence_index_version: '4.1' };
		expect(parseText(JSON.stringify(stated)).snapshots[0].methodVersion).toBe('v4.1');
		const legacyOnly = apiBody();
		legacyOnly.data = legacyOnly.data.filter((m: { name: string }) => m.name.startsWith('GPT-5 '));
		expect(parseText(JSON.stringify(legacyOnly)).snapshots[0].methodVersion).toBeNull();
		legacyOnly.data[0].evaluations.gdpval_aa = 0.41;
		expect(parseText(JSON.stringify(legacyOnly)).snapshots[0].methodVersion).toBe('v4');
	});
});

describe('Artificial Analysis: broken input is rejected with a reason', () => {
	const capture = readFileSync(`${RENDERED}/2026-02-03.csv`, 'utf8');

	it('rejects a truncated API response', () => {
		const text = readFileSync(API, 'utf8');
		expect(() => parseText(text.slice(0, 1500))).toThrow(/^truncated or invalid JSON/);
	});

	it('rejects an API answer without a models array, and one with a non-numeric index', () => {
		expect(() => parseText('{"status":200,"models":[]}', 'x.json', 'aa-api-json')).toThrow('layout changed: the response has no "data" array of models');
		const body = apiBody();
		body.data[1].evaluations.artificial_analysis_intelligence_index = 'high';
		expect(() => parseText(JSON.stringify(body))).toThrow('model 2 ("Gemini 3.1 Pro Preview"): intelligence index "high" is not a number');
		expect(() => parseText('{"status":200,"data":[]}', 'x.json', 'aa-api-json')).toThrow('empty: the API response lists no models');
	});

	it('rejects a capture cut off mid-line, a bad index cell, a renamed column and a table with no values', () => {
		expect(() => parseText(capture.slice(0, capture.indexOf('\n', 2000) + 20), 'cut.csv')).toThrow(/^truncated: the last line has \d of 8 columns/);
		expect(() => parseText(capture.replace('GPT-5.2 (xhigh),400k,OpenAI,51,', 'GPT-5.2 (xhigh),400k,OpenAI,fifty,'), 'bad.csv')).toThrow(
			'line 2: intelligence index "fifty" is not a number'
		);
		expect(() => parseText(capture.replace('Artificial Analysis Intelligence Index', 'Intelligence Index v4 (beta)'), 'renamed.csv')).toThrow(
			'layout changed: no column "Artificial Analysis Intelligence Index"'
		);
		const header = capture.split('\n', 1)[0];
		expect(() => parseText(`${header}\nCogito v2.1,128k,Deep Cogito,--,$1.25,90,0.71,Model Providers\n`, 'none.csv')).toThrow(
			'empty: none of the 1 models in the leaderboard table has an Intelligence Index value'
		);
	});

	it('rejects a flat export with a non-numeric evaluation', () => {
		const text = readFileSync(FLAT, 'latin1').replace(',gpt-oss-120B (low),0.263,', ',gpt-oss-120B (low),cheap,');
		expect(() => parseText(text, 'flat.csv')).toThrow('line 2: pricing_price_1m_blended_3_to_1 "cheap" is not a number');
	});
});

describe('Artificial Analysis: live API', () => {
	let server: RecordingServer | null = null;
	let db: TempDb | null = null;
	afterEach(async () => {
		await server?.close();
		db?.cleanup();
		server = null;
		db = null;
	});

	const http = () => createHttpClient({ backoffMs: 10, timeoutMs: 2000 });
	const now = () => new Date('2026-04-02T04:00:00Z');

	const FREE = '/api/v2/language/models/free';
	const pageFile = (n: number) => readFileSync(fixture(`artificial-analysis/language-models-free-page-${n}.json`));
	const freeEnv = (key = 'aa-test-key', path = FREE) => ({ ARTIFICIAL_ANALYSIS_API_KEY: key, RANKDRIFT_URL_ARTIFICIAL_ANALYSIS_API: `${server!.url}${path}` });
	/** The free endpoint: `?page=N` answered from the fixture pages, or by `override` for the pages it names. */
	function serveFree(override: Record<number, (res: import('node:http').ServerResponse) => void> = {}, keys: (string | undefined)[] = []) {
		server!.route(FREE, (req, res) => {
			keys.push(req.headers['x-api-key'] as string | undefined);
			const page = Number(new URL(req.url ?? '', 'http://x').searchParams.get('page') ?? 1);
			if (override[page]) return override[page](res);
			res.writeHead(200, { 'content-type': 'application/json' }).end(pageFile(page));
		});
	}
	const sourcesCli = async (path: string) => JSON.parse((await cli(['sources', '--format', 'json', '--db', path])).stdout).find((s: { id: string }) => s.id === 'artificial-analysis');

	it('reads every page of /language/models/free with the key, and takes the stated index version as the method version', async () => {
		server = await startRecordingServer();
		db = tempDb();
		const keys: (string | undefined)[] = [];
		serveFree({}, keys);
		const [result] = await scrapeSource(db.db, artificialAnalysis, { http: http(), config: config(freeEnv()), now });
		expect(keys).toEqual(['aa-test-key', 'aa-test-key']);
		expect([...server.hits.keys()]).toEqual([FREE, `${FREE}?page=2`]);
		expect(result).toMatchObject({ endpoint: 'api', outcome: 'added', httpStatus: 200 });
		expect(result.snapshots).toEqual([expect.objectContaining({ board: 'artificial-analysis', asOf: '2026-04-02', outcome: 'added', rows: 4 })]);
		expect(db.db.prepare('SELECT feed, method_version FROM snapshots').get()).toEqual({ feed: 'official-dataset', method_version: 'v4.3' });
		const rows = entriesOf(db.db, listSnapshots(db.db, 'artificial-analysis')[0].id);
		expect(rows.map((r) => [r.model, r.rank, r.score])).toEqual([
			['GPT-5.4 (xhigh)', 1, 57.4],
			['Gemini 3.1 Pro Preview', 2, 57.2],
			['GPT-5 (high)', 3, 44.6],
			['GLM-5 (Non-reasoning)', 4, 40.6]
		]);
		expect(JSON.parse(rows[0].extras!)).toMatchObject({ agentic_index: 61.2, eval_gdpval_aa: 0.47, price_input_usd_1m: 2.5, first_answer_token_seconds: 140.85 });
	});

	it('the default endpoint is the free language-models route of the documented base', () => {
		expect(artificialAnalysis.endpoints.map((e) => e.defaultUrl)).toEqual(['https://artificialanalysis.ai/api/v2/language/models/free']);
	});

	it('a retired endpoint (410) is final: asked once, and the sources page and `rankdrift sources` say what to change', async () => {
		server = await startRecordingServer();
		db = tempDb();
		const OLD = '/api/v2/data/llms/models';
		server.route(OLD, (_req, res) => {
			res.writeHead(410, { 'content-type': 'application/json' }).end('{"error":"This endpoint was retired on 2026-11-04","migration":"https://artificialanalysis.ai/data-api/docs"}');
		});
		const env = freeEnv('aa-test-key', OLD);
		const [result] = await scrapeSource(db.db, artificialAnalysis, { http: http(), config: config(env), now });
		const reason = `the endpoint was retired (HTTP 410, ${server.url}${OLD}): set RANKDRIFT_URL_ARTIFICIAL_ANALYSIS_API to https://artificialanalysis.ai/api/v2/language/models/free (or unset it), or upgrade rankdrift; the API points to https://artificialanalysis.ai/data-api/docs`;
		expect(result).toMatchObject({ outcome: 'failed', httpStatus: 410, reason });
		expect(server.hits.get(OLD)).toBe(1);
		expect(db.db.prepare('SELECT attempts FROM runs').get()).toEqual({ attempts: 1 });
		expect(sourceOverviews(testContext(db.db, { env: env })).find((s) => s.id === 'artificial-analysis')!.last_error).toBe(reason);
		expect((await sourcesCli(db.path)).last_error).toBe(reason);
	});

	it('a 410 on a later page is final too: nothing stored, no page asked twice', async () => {
		server = await startRecordingServer();
		db = tempDb();
		serveFree({ 2: (res) => res.writeHead(410).end() });
		const [result] = await scrapeSource(db.db, artificialAnalysis, { http: http(), config: config(freeEnv()), now });
		expect(result).toMatchObject({ outcome: 'failed', httpStatus: 410 });
		expect(result.reason).toMatch(/^the endpoint was retired \(HTTP 410, /);
		expect(server.hits.get(`${FREE}?page=2`)).toBe(1);
		expect(db.db.prepare('SELECT count(*) AS n FROM snapshots').get()).toEqual({ n: 0 });
	});

	it('a refused key (401) is final: asked once, the reason names the key variable', async () => {
		server = await startRecordingServer();
		db = tempDb();
		serveFree({ 1: (res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"status":401,"message":"Invalid API key"}') });
		const [result] = await scrapeSource(db.db, artificialAnalysis, { http: http(), config: config(freeEnv('wrong')), now });
		const reason = 'the API refused the key (HTTP 401): check ARTIFICIAL_ANALYSIS_API_KEY';
		expect(result).toMatchObject({ outcome: 'failed', httpStatus: 401, reason });
		expect(server.hits.get(FREE)).toBe(1);
		expect((await sourcesCli(db.path)).last_error).toBe(reason);
	});

	it('the paid /language/models route refused (403) says to use the free endpoint, asked once', async () => {
		server = await startRecordingServer();
		db = tempDb();
		const PAID = '/api/v2/language/models';
		server.route(PAID, (_req, res) => res.writeHead(403, { 'content-type': 'application/json' }).end('{"error":"forbidden"}'));
		const [result] = await scrapeSource(db.db, artificialAnalysis, { http: http(), config: config(freeEnv('k', PAID)), now });
		expect(result).toMatchObject({
			outcome: 'failed',
			httpStatus: 403,
			reason: `the key's plan does not cover this endpoint (HTTP 403, ${server.url}${PAID}): set RANKDRIFT_URL_ARTIFICIAL_ANALYSIS_API to https://artificialanalysis.ai/api/v2/language/models/free (or unset it), or use a key whose plan covers it`
		});
		expect(server.hits.get(PAID)).toBe(1);
	});

	it('pages that state different index versions are not joined into one snapshot', async () => {
		server = await startRecordingServer();
		db = tempDb();
		const page2 = { ...JSON.parse(pageFile(2).toString()), intelligence_index_version: 4.4 };
		serveFree({ 2: (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page2)) });
		const [result] = await scrapeSource(db.db, artificialAnalysis, { http: http(), config: config(freeEnv()), now });
		expect(result).toMatchObject({ outcome: 'failed', reason: 'the Intelligence Index version changed while paging (v4.3 on page 1, v4.4 on page 2); the next run will read one version' });
	});

	it('a mirror answering in the retired one-page layout is read as it came', async () => {
		server = await startRecordingServer();
		db = tempDb();
		server.route('/mirror/models.json', serveBytes(readFileSync(API), 'application/json'));
		const [result] = await scrapeSource(db.db, artificialAnalysis, { http: http(), config: config(freeEnv('k', '/mirror/models.json')), now });
		expect(result.snapshots).toEqual([expect.objectContaining({ outcome: 'added', rows: 5 })]);
		expect(db.db.prepare('SELECT method_version FROM snapshots').get()).toEqual({ method_version: 'v4' });
	});

	it('is disabled without a key, and says why on the sources page and in scrape', async () => {
		const reason = 'set ARTIFICIAL_ANALYSIS_API_KEY to enable (free key from artificialanalysis.ai)';
		expect(notRunnableReason(artificialAnalysis, {})).toBe(reason);
		expect(notRunnableReason(artificialAnalysis, { ARTIFICIAL_ANALYSIS_API_KEY: '  ' })).toBe(reason);
		expect(notRunnableReason(artificialAnalysis, { ARTIFICIAL_ANALYSIS_API_KEY: 'k' })).toBeNull();
		db = tempDb();
		const overview = sourceOverviews(testContext(db.db)).find((s) => s.id === 'artificial-analysis');
		expect(overview).toMatchObject({ status: 'disabled', status_reason: reason, attribution: 'Data: Artificial Analysis (https://artificialanalysis.ai/)' });
		expect(overview!.terms).toMatch(/attribution to https:\/\/artificialanalysis\.ai\/ is required.*data-platform terms \(v1\.1, 2026-08-19/);
		const out = await cli(['scrape', 'artificial-analysis', '--format', 'json', '--db', db.path], {});
		expect(JSON.parse(out.stdout)).toEqual([expect.objectContaining({ source: 'artificial-analysis', outcome: 'skipped', reason })]);
	});
});

describe('Artificial Analysis: CLI import of the recorded folders', () => {
	let db: TempDb | null = null;
	afterEach(() => db?.cleanup());

	it('adds all nine captures and the flat export, skipping only the folder index', async () => {
		db = tempDb();
		const out = await cli(['import', 'artificial-analysis', RENDERED, FLAT, '--output', 'json', '--db', db.path]);
		expect(out.code).toBe(0);
		const files = JSON.parse(out.stdout) as { path: string; outcome: string; format: string | null }[];
		expect(files.map((f) => f.outcome)).toEqual([...Array(9).fill('added'), 'skipped', 'added']);
		const listed = await cli(['snapshots', '--board', 'artificial-analysis', '--format', 'json', '--db', db.path]);
		const snaps = JSON.parse(listed.stdout) as { as_of: string; rows: number; method_version: string | null }[];
		expect(snaps.find((s) => s.as_of === '2026-03-15')).toMatchObject({ rows: 425, method_version: 'v4' });
		expect(snaps.find((s) => s.as_of === '2026-03-30')).toMatchObject({ rows: 422, method_version: null });
		const board = await cli(['board', 'artificial-analysis', '--date', '2026-03-17', '--format', 'json', '--db', db.path]);
		expect(JSON.parse(board.stdout)[0]).toMatchObject({ rank: 1, model: 'Gemini 3.1 Pro Preview', score: 57, organization: 'Google' });
	});
});

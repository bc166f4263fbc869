import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotASnapshotError, ParseError } from '../../src/lib/catalogue/errors';
import { createHttpClient } from '../../scrapers/http';
import { importFiles } from '../../src/lib/server/ingest/import-files';
import { parseDocument } from '../../src/lib/server/ingest/ingest';
import { decodeText } from '../../src/lib/catalogue/documents';
import { notRunnableReason } from '../../src/lib/catalogue';
import { scrapeSource } from '../../src/lib/server/ingest/scrape';
import type { InputDocument } from '../../src/lib/catalogue/contract';
import { yupp } from '../helpers/sources';
import { entriesOf, listSnapshots } from '../../src/lib/server/db/snapshots';
import { fixture, sharedData } from '../helpers/paths';
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { config } from '../../src/lib/server/config';

const CSV = sharedData('yupp/2026-03-15.csv');

function docOf(path: string, text = decodeText(readFileSync(path)).text, name = basename(path)): InputDocument {
	return { name, path, text, companions: {} };
}

function parse(doc: InputDocument, formatName?: string) {
	const format = formatName ? yupp.formats.find((f) => f.name === formatName) : yupp.formats.find((f) => f.detect(doc));
	if (!format) throw new Error(`no format detected for ${doc.path}`);
	return { format: format.name, snapshots: parseDocument(yupp, format, doc) };
}

const row = <R extends { model: string }>(snapshot: { rows: R[] }, model: string) => snapshot.rows.find((r) => r.model === model);
const board = <T extends { board: string }>(snapshots: T[], id: string) => snapshots.find((s) => s.board === id)!;

describe('Yupp: the recorded CSV (2026-03-15)', () => {
	const { format, snapshots } = parse(docOf(CSV));
	const text = board(snapshots, 'yupp');
	const coding = board(snapshots, 'yupp/coding');

	it('splits one file into the text and coding boards, third-party, ranks computed from the score', () => {
		expect(format).toBe('yupp-scores-csv');
		expect(snapshots.map((s) => s.board)).toEqual(['yupp', 'yupp/coding']);
		expect(text.rows).toHaveLength(287);
		expect(coding.rows).toHaveLength(276);
		for (const s of snapshots) expect(s).toMatchObject({ feed: 'third-party', rankSemantics: 'computed', adjustment: null, methodVersion: null, publishedAsOf: null });
	});

	it('pins the cross-board scenario: GPT-5.4 2nd of 287 (1439), Gemini 3 Pro 12th, Llama4 Maverick 156th', () => {
		expect(row(text, 'GPT-5.4')).toMatchObject({ rowKey: 'GPT-5.4', rank: 2, score: 1439 });
		expect(row(text, 'Gemini3 Pro')).toMatchObject({ rank: 12, score: 1278 });
		expect(row(text, 'Llama4 Maverick')).toMatchObject({ rank: 156, score: 1012 });
		expect(row(text, 'ClaudeOpus 4.6 (Thinking)')!.rank).toBe(1);
	});

	it('keeps the captured names exactly, brand glued to model', () => {
		expect(row(text, 'GPT-5.4(High)')).toMatchObject({ rank: 4, score: 1424 });
		expect(row(text, 'Qwen3235B A22B Instruct 2507')).toBeDefined();
		expect(row(text, 'Llama 4 Maverick')).toBeUndefined();
	});

	it('breaks text ties by the board order but lets equal coding scores share a rank', () => {
		// GPT-5(High) and Grok4.1 Fast Non-Reasoning both show 1216 on text, in that board order.
		const [a, b] = [row(text, 'GPT-5(High)')!, row(text, 'Grok4.1 Fast Non-Reasoning')!];
		expect([a.rank, b.rank]).toEqual([25, 26]);
		expect(new Set(text.rows.map((r) => r.rank)).size).toBe(287);
		// Claude Opus 4.6 leads coding (1607); three models share 1115 there.
		expect(row(coding, 'ClaudeOpus 4.6')).toMatchObject({ rank: 1, score: 1607 });
		const tied = coding.rows.filter((r) => r.score === 1115);
		expect(tied).toHaveLength(3);
		expect(new Set(tied.map((r) => r.rank)).size).toBe(1);
	});

	it('leaves a model off the board whose cell is empty (coding-only and text-only models)', () => {
		expect(row(text, 'GPT-5.3Codex (High)')).toBeUndefined();
		expect(row(coding, 'GPT-5.3Codex (High)')).toMatchObject({ score: 1355 });
		expect(row(coding, 'NemotronNano 12B v2')).toBeUndefined();
		expect(row(text, 'NemotronNano 12B v2')).toMatchObject({ rank: 285, score: 588 });
	});

	it('rejects a bad score, a truncated last line and a file without score columns', () => {
		const csv = (body: string) => docOf('/tmp/yupp/2026-03-15.csv', body);
		expect(() => parse(csv('model,text_score,coding_score\nA,1400,1300\nB,abc,1200\n'))).toThrow(new ParseError('line 3: text_score "abc" is not a number'));
		expect(() => parse(csv('model,text_score,coding_score\nA,1400,1300\nB,1390'))).toThrow(/^truncated: the last line has 2 of 3 columns$/);
		expect(() => parse(csv('model,text_score,coding_score\nA,,\n'))).toThrow(/empty: every score cell is blank/);
		expect(() => parse(csv('name,text_score\nA,1400\n'), 'yupp-scores-csv')).toThrow(/layout changed: no column "model"/);
	});
});

describe('Yupp: the tRPC leaderboard API (hand-written fixtures)', () => {
	it('reads the text response: taxonomy labels, ratings with intervals, publisher, counts; rank is ordinal', () => {
		const { format, snapshots } = parse(docOf(fixture('yupp/trpc-text.json')));
		expect(format).toBe('yupp-trpc-json');
		const [s] = snapshots;
		expect(s).toMatchObject({ board: 'yupp', feed: 'live-page', rankSemantics: 'ordinal', adjustment: null, warnings: [] });
		expect(s.rows).toHaveLength(5);
		expect(row(s, 'Claude Opus 4.6 (Thinking)')).toMatchObject({
			rank: 1,
			rankLower: 1,
			rankUpper: 1,
			score: 1416.84,
			ciLower: 1411.87,
			ciUpper: 1421.61,
			organization: 'Anthropic',
			extras: { taxonomy_id: 'tx_0b8f2c61', model_family: 'Claude', wins: 3720, losses: 1305, ties: 402, downvotes: 61, global_rank: 1, active_rank: 1 }
		});
		// GPT-5.4 and Claude Opus 4.6 overlap: rank 2 of a 2..3 interval.
		expect(row(s, 'GPT-5.4')).toMatchObject({ rank: 2, rankLower: 2, rankUpper: 3 });
		expect(row(s, 'Llama 4 Maverick')).toMatchObject({ rank: 5, organization: 'Meta', score: 1012.55 });
	});

	it('files the response of the codingModels query under yupp/coding, by the request URL', () => {
		const body = readFileSync(fixture('yupp/trpc-coding.json'), 'utf8');
		const byName = parse(docOf(fixture('yupp/trpc-coding.json'))).snapshots[0];
		expect(byName.board).toBe('yupp/coding');
		expect(row(byName, 'GPT-5.3 Codex (High)')).toMatchObject({ rank: 4, score: 1301.47 });
		expect(row(byName, 'GPT-5.3 Codex (High)')!.extras!.global_rank).toBeUndefined();
		const input = encodeURIComponent(JSON.stringify({ '0': { json: { offset: 0, numResults: 500, codingModels: true } } }));
		const url = `https://yupp.ai/api/trpc/leaderboard.getLeaderboard?batch=1&input=${input}`;
		expect(parse(docOf(url, body, 'leaderboard.getLeaderboard')).snapshots[0].board).toBe('yupp/coding');
		const off = url.replace('true', 'false');
		expect(parse(docOf(off, body, 'leaderboard.getLeaderboard')).snapshots[0].board).toBe('yupp');
	});

	it('ranks by rating when the rank field is not 1..N for the list, keeping it as board_rank', () => {
		const data = JSON.parse(readFileSync(fixture('yupp/trpc-text.json'), 'utf8'));
		const models = data[0].result.data.json.models;
		models.forEach((m: { model_rating: { rank: number } }, i: number) => (m.model_rating.rank = [3, 5, 7, 9, 11][i]));
		data[0].result.data.json.total_count = 40;
		const [s] = parse(docOf('/tmp/yupp/api.json', JSON.stringify(data))).snapshots;
		expect(s.rankSemantics).toBe('computed');
		expect(row(s, 'GPT-5.4')).toMatchObject({ rank: 2, extras: { board_rank: 5 } });
		expect(s.warnings).toContain('partial: 5 of 40 models in this response');
	});

	it('rejects truncated JSON, an API error, a broken model and an empty list with readable reasons', () => {
		const text = readFileSync(fixture('yupp/trpc-text.json'), 'utf8');
		const at = (body: string) => docOf('/tmp/yupp/api.json', body);
		expect(() => parse(at(text.slice(0, 900)))).toThrow(/^not valid JSON \(truncated\?\)/);
		const error = JSON.stringify([{ error: { json: { message: 'Too many requests', code: -32029, data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429 } } } }]);
		expect(() => parse(at(error))).toThrow(new ParseError('the API answered with an error (TOO_MANY_REQUESTS): Too many requests'));
		const broken = JSON.parse(text);
		broken[0].result.data.json.models[1].model_rating.rating = 'n/a';
		expect(() => parse(at(JSON.stringify(broken)))).toThrow(/^model 2 \("GPT-5\.4"\): rating: invalid input: expected number/);
		broken[0].result.data.json.models = [];
		expect(() => parse(at(JSON.stringify(broken)))).toThrow(/^empty: the response lists no models$/);
		expect(() => parse(at('[{"result":{"data":{"json":{"items":[]}}}}]'))).toThrow(/layout changed: the response has no "models" list/);
	});

	it('skips a response of the image-generation query as not a board rankdrift tracks', () => {
		const input = encodeURIComponent(JSON.stringify({ '0': { json: { offset: 0, imageGenerationModels: true } } }));
		const doc = docOf(`https://yupp.ai/api/trpc/leaderboard.getLeaderboard?batch=1&input=${input}`, readFileSync(fixture('yupp/trpc-text.json'), 'utf8'));
		expect(() => parse(doc)).toThrow(NotASnapshotError);
	});
});

describe('Yupp: the rendered leaderboard page (hand-written fixture)', () => {
	it('joins brand and model with a space and ranks by the score in page order', () => {
		const { format, snapshots } = parse(docOf(fixture('yupp/leaderboard-text.html')));
		expect(format).toBe('yupp-leaderboard-html');
		const [s] = snapshots;
		expect(s).toMatchObject({ board: 'yupp', feed: 'live-page', rankSemantics: 'computed' });
		expect(s.rows.map((r) => r.model)).toEqual([
			'Claude Opus 4.6 (Thinking)',
			'GPT-5.4',
			'Claude Opus 4.6',
			'GPT-5.4 (High)',
			'Gemini 3.1 Pro',
			'GPT-5 (High)',
			'Grok 4.1 Fast Non-Reasoning',
			'Qwen3 235B A22B Instruct 2507',
			'OpenAI o3-pro',
			'Llama 4 Maverick'
		]);
		expect(row(s, 'Llama 4 Maverick')).toMatchObject({ rank: 10, score: 1012 });
		// 1216 twice: the page's order decides, as on the board.
		expect([row(s, 'GPT-5 (High)')!.rank, row(s, 'Grok 4.1 Fast Non-Reasoning')!.rank]).toEqual([6, 7]);
	});

	it('takes the coding view from the page URL and a rank column as ordinal', () => {
		const html = `<!DOCTYPE html><html><body><table><thead><tr><th>#</th><th><span>Name</span></th><th><span>VIBE</span><span>Score</span></th></tr></thead>
<tbody><tr><td>1</td><td><span>Claude</span><span>Opus 4.6</span></td><td>1607</td></tr><tr><td>2</td><td><span>GPT-5.4</span></td><td>1587</td></tr></tbody></table></body></html>`;
		const [s] = parse(docOf('https://yupp.ai/leaderboard/text?category_names=coding', html, 'text')).snapshots;
		expect(s).toMatchObject({ board: 'yupp/coding', rankSemantics: 'ordinal' });
		expect(row(s, 'Claude Opus 4.6')).toMatchObject({ rank: 1, score: 1607 });
		const page2 = html.replace('<td>1</td>', '<td>51</td>').replace('<td>2</td>', '<td>52</td>');
		expect(() => parse(docOf('/tmp/yupp/page2.html', page2))).toThrow(/^a later page of the paginated table \(ranks start at 51\)/);
	});

	it('rejects the app shell (no table) and a table whose layout changed', () => {
		const shell = '<!DOCTYPE html><html><head><title>Yupp</title></head><body><div id="__next"></div><script>self.VIBE=1</script></body></html>';
		expect(() => parse(docOf('/tmp/yupp/leaderboard.html', shell), 'yupp-leaderboard-html')).toThrow(/^layout changed: no leaderboard table on the page/);
		const other = '<!DOCTYPE html><html><body><table><tr><th>Model</th><th>Elo</th></tr><tr><td>A</td><td>1</td></tr></table></body></html>';
		expect(() => parse(docOf('/tmp/yupp/leaderboard.html', other), 'yupp-leaderboard-html')).toThrow(/^layout changed: no table with "Name" and "VIBE Score" columns$/);
		const bad = readFileSync(fixture('yupp/leaderboard-text.html'), 'utf8').replace('>1439<', '>—<');
		expect(() => parse(docOf('/tmp/yupp/leaderboard.html', bad))).toThrow(/^row 2 \("GPT-5\.4"\): VIBE Score "—" is not a number$/);
	});
});

describe('Yupp: retired source, replay only', () => {
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

	it('is retired since 2026-04-15, so it is never scheduled, and states that Yupp gave no data licence', () => {
		expect(yupp.retired?.since).toBe('2026-04-15');
		expect(notRunnableReason(yupp, {})).toMatch(/^retired since 2026-04-15: /);
		expect(yupp.license).toEqual({ name: 'no licence stated', url: null });
		expect(yupp.endpoints.map((e) => e.name)).toEqual(['trpc', 'trpc-coding']);
	});

	it('imports the recorded folder: two boards added for 2026-03-15, PROVENANCE skipped', () => {
		const summary = importFiles(t.db, yupp, [sharedData('yupp')]);
		expect(summary.counts).toMatchObject({ added: 2, skipped: 1, rejected: 0 });
		const [text] = listSnapshots(t.db, 'yupp');
		expect(text).toMatchObject({ as_of: '2026-03-15', as_of_basis: 'file-name', feed: 'third-party', row_count: 287, rank_semantics: 'computed' });
		expect(listSnapshots(t.db, 'yupp/coding')[0]).toMatchObject({ row_count: 276 });
		expect(entriesOf(t.db, text.id).find((e) => e.model === 'GPT-5.4')).toMatchObject({ rank: 2, score: 1439 });
	});

	it('still fetches the tRPC endpoints from a local recording server through scrapeSource', async () => {
		const bodies = { text: readFileSync(fixture('yupp/trpc-text.json')), coding: readFileSync(fixture('yupp/trpc-coding.json')) };
		server.route('/api/trpc/leaderboard.getLeaderboard', (req, res) => {
			const input = new URL(req.url!, 'http://x').searchParams.get('input') ?? '';
			res.writeHead(200, { 'content-type': 'application/json' }).end(/"codingModels":true/.test(input) ? bodies.coding : bodies.text);
		});
		const local = (name: string) => yupp.endpoints.find((e) => e.name === name)!.defaultUrl.replace('https://yupp.ai', server.url);
		const env = { RANKDRIFT_URL_YUPP_TRPC: local('trpc'), RANKDRIFT_URL_YUPP_TRPC_CODING: local('trpc-coding') };
		const http = createHttpClient({ backoffMs: 10, timeoutMs: 2000 });
		const results = await scrapeSource(t.db, yupp, { http, config: config(env), now: () => new Date('2026-04-01T08:00:00Z') });
		expect(results.map((r) => [r.endpoint, r.outcome, r.httpStatus])).toEqual([
			['trpc', 'added', 200],
			['trpc-coding', 'added', 200]
		]);
		expect(listSnapshots(t.db, 'yupp')[0]).toMatchObject({ as_of: '2026-04-01', as_of_basis: 'fetch-date', feed: 'live-page', row_count: 5, rank_semantics: 'ordinal' });
		expect(listSnapshots(t.db, 'yupp/coding')[0]).toMatchObject({ row_count: 4 });
	});
});

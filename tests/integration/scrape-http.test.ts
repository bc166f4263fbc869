import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient, parseRetryAfter } from '../../scrapers/http';
import { scrapeSource } from '../../src/lib/server/ingest/scrape';
import { lmarenaText } from '../helpers/sources';
import type { SourceDefinition } from '../../src/lib/catalogue/contract';
import { listRuns } from '../../src/lib/server/db/runs';
import { listSnapshots } from '../../src/lib/server/db/snapshots';
import { readPayload } from '../../src/lib/server/db/payloads';
import { acquireSourceLease } from '../../src/lib/server/db/locks';
import { fixture, sharedData } from '../helpers/paths';
import { serveBytes, startRecordingServer, type RecordingServer } from '../helpers/recording-server';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { config } from '../../src/lib/server/config';

const page = readFileSync(fixture('lmarena/arena-page-text.html'));
const cloudflare = readFileSync(sharedData('html_fixtures/lmarena_leaderboard_cloudflare_challenge_2026-01-03.html'));
const datasetRows = JSON.parse(readFileSync(fixture('lmarena/dataset-rows-text.json'), 'utf8'));

/** lmarena-text with only its page endpoint, so each test controls exactly one fetch. */
const pageOnly: SourceDefinition = { ...lmarenaText, endpoints: lmarenaText.endpoints.filter((e) => e.name === 'page') };
const datasetOnly: SourceDefinition = { ...lmarenaText, endpoints: lmarenaText.endpoints.filter((e) => e.name === 'dataset') };

let t: TempDb;
let server: RecordingServer;
let env: NodeJS.ProcessEnv;
const http = createHttpClient({ backoffMs: 5, timeoutMs: 500, maxRetryAfterMs: 3_000 });
const now = () => new Date('2026-03-20T10:00:00Z');

beforeEach(async () => {
	t = tempDb();
	server = await startRecordingServer();
	env = {
		RANKDRIFT_URL_LMARENA_TEXT_PAGE: `${server.url}/leaderboard/text`,
		RANKDRIFT_URL_LMARENA_TEXT_DATASET: `${server.url}/rows?dataset=lmarena-ai%2Fleaderboard-dataset&config=text&split=latest`
	};
});
afterEach(async () => {
	await server.close();
	t.cleanup();
});

describe('live scrape through real HTTP', () => {
	it('stores the page as a live-page snapshot dated by the fetch, and the same page again adds nothing', async () => {
		server.route('/leaderboard/text', serveBytes(page));
		const [first] = await scrapeSource(t.db, pageOnly, { http, config: config(env), now });
		expect(first).toMatchObject({ outcome: 'added', httpStatus: 200 });
		// arena.ai shows style control by default: the page feeds that series, never the unadjusted board.
		const [snap] = listSnapshots(t.db, 'lmarena-text/style-control');
		expect(snap).toMatchObject({ as_of: '2026-03-20', as_of_basis: 'fetch-date', feed: 'live-page', row_count: 5 });
		expect(listSnapshots(t.db, 'lmarena-text')).toEqual([]);
		const [second] = await scrapeSource(t.db, pageOnly, { http, config: config(env), now: () => new Date('2026-03-21T10:00:00Z') });
		expect(second.outcome).toBe('unchanged');
		expect(listSnapshots(t.db, 'lmarena-text/style-control')).toHaveLength(1);
	});

	it('pages through the official dataset 100 rows at a time and dates the snapshot by its publish date', async () => {
		const all = datasetRows.rows;
		server.route('/rows', (req, res) => {
			const u = new URL(req.url!, 'http://x');
			const offset = Number(u.searchParams.get('offset'));
			const length = Number(u.searchParams.get('length'));
			expect(length).toBeLessThanOrEqual(100);
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ rows: all.slice(offset, offset + 2), num_rows_total: all.length }));
		});
		const [r] = await scrapeSource(t.db, datasetOnly, { http, config: config({ ...env, RANKDRIFT_LMARENA_CATEGORIES: 'overall,coding' }), now });
		expect(r.outcome).toBe('added');
		expect(r.snapshots.map((s) => s.board).sort()).toEqual(['lmarena-text', 'lmarena-text/coding']);
		expect(listSnapshots(t.db, 'lmarena-text')[0]).toMatchObject({ as_of: '2026-03-12', feed: 'official-dataset', as_of_basis: 'published' });
		// Rows come grouped by category: once overall and coding are read, paging stops before the end.
		const pagesRead = [...server.hits.keys()].filter((k) => k.startsWith('/rows')).length;
		expect(pagesRead).toBeLessThan(Math.ceil(all.length / 2));
	});

	it('a hanging server times out: failed after bounded tries, nothing stored', async () => {
		server.route('/leaderboard/text', () => {
			/* never answers */
		});
		const [r] = await scrapeSource(t.db, pageOnly, { http, config: config(env), now });
		expect(r.outcome).toBe('failed');
		expect(r.reason).toBe('timeout (1 s) after 3 tries');
		expect(server.hits.get('/leaderboard/text')).toBe(3);
		expect(listSnapshots(t.db, 'lmarena-text', { all: true })).toHaveLength(0);
	});

	it('503 three times: "HTTP 503 after 3 tries", the error body kept as the raw payload', async () => {
		server.route('/leaderboard/text', (_req, res) => res.writeHead(503).end('upstream down'));
		const [r] = await scrapeSource(t.db, pageOnly, { http, config: config(env), now });
		expect(r).toMatchObject({ outcome: 'failed', reason: 'HTTP 503 after 3 tries', httpStatus: 503 });
		const [run] = listRuns(t.db, 'lmarena-text', { limit: 1 });
		expect(run).toMatchObject({ outcome: 'failed', http_status: 503, attempts: 3 });
		expect(readPayload(t.db, run.payload_id!)!.bytes.toString()).toBe('upstream down');
	});

	it('429 with Retry-After is honoured, then the good answer is stored (the next try recovers)', async () => {
		let firstAt = 0;
		let secondAt = 0;
		server.route('/leaderboard/text', (_req, res, hit) => {
			if (hit === 1) {
				firstAt = Date.now();
				res.writeHead(429, { 'retry-after': '1' }).end('slow down');
			} else {
				secondAt = Date.now();
				res.writeHead(200, { 'content-type': 'text/html' }).end(page);
			}
		});
		const [r] = await scrapeSource(t.db, pageOnly, { http, config: config(env), now });
		expect(r.outcome).toBe('added');
		expect(secondAt - firstAt).toBeGreaterThanOrEqual(950);
	});

	it('a Retry-After longer than the limit fails the run at once with the reason', async () => {
		server.route('/leaderboard/text', (_req, res) => res.writeHead(429, { 'retry-after': '3600' }).end());
		const [r] = await scrapeSource(t.db, pageOnly, { http, config: config(env), now });
		expect(r.outcome).toBe('failed');
		expect(r.reason).toMatch(/wait 3600 s \(Retry-After\)/);
		expect(server.hits.get('/leaderboard/text')).toBe(1);
	});

	it('the Cloudflare challenge is rejected as blocked, keeps the raw page, stores no snapshot', async () => {
		server.route('/leaderboard/text', serveBytes(cloudflare));
		const [r] = await scrapeSource(t.db, pageOnly, { http, config: config(env), now });
		expect(r.outcome).toBe('rejected');
		expect(r.reason).toMatch(/^blocked: Cloudflare challenge/);
		expect(listSnapshots(t.db, 'lmarena-text', { all: true })).toHaveLength(0);
		const [run] = listRuns(t.db, 'lmarena-text', { limit: 1 });
		expect(readPayload(t.db, run.payload_id!)!.bytes.equals(cloudflare)).toBe(true);
	});

	it('a changed layout is rejected naming the missing column', async () => {
		server.route('/leaderboard/text', serveBytes(page.toString().replaceAll('>Score<', '>Elo<')));
		const [r] = await scrapeSource(t.db, pageOnly, { http, config: config(env), now });
		expect(r.outcome).toBe('rejected');
		expect(r.reason).toMatch(/no table with Rank and Score columns|no column "score"/i);
	});

	it('never two runs of one source at once: a held lease makes the second run skip', async () => {
		server.route('/leaderboard/text', serveBytes(page));
		expect(acquireSourceLease(t.db, 'lmarena-text', 'someone-else', now(), 60_000)).toBe(true);
		const [r] = await scrapeSource(t.db, pageOnly, { http, config: config(env), now });
		expect(r).toMatchObject({ outcome: 'skipped', reason: 'another run of lmarena-text is in progress' });
		expect(server.hits.size).toBe(0);
	});
});

describe('HTTP client', () => {
	it('sends one request at a time to a host and a clear User-Agent', async () => {
		let agent = '';
		server.route('/slow', async (req, res) => {
			agent = req.headers['user-agent'] ?? '';
			await new Promise((r) => setTimeout(r, 50));
			res.writeHead(200).end('ok');
		});
		await Promise.all([1, 2, 3, 4].map(() => http.get(`${server.url}/slow`)));
		expect(server.maxConcurrent).toBe(1);
		expect(agent).toMatch(/^rankdrift\/[\d.]+ \(/);
	});

	it('reads Retry-After as seconds or as an HTTP date', () => {
		expect(parseRetryAfter('120')).toBe(120_000);
		expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
		expect(parseRetryAfter('soon')).toBeNull();
	});
});

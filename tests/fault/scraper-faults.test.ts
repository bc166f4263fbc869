import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../scrapers/http';
import { scrapeSource } from '../../src/lib/server/ingest/scrape';
import { lmarenaText } from '../helpers/sources';
import type { SourceDefinition } from '../../src/lib/catalogue/contract';
import { listRuns } from '../../src/lib/server/db/runs';
import { listSnapshots } from '../../src/lib/server/db/snapshots';
import { readPayload } from '../../src/lib/server/db/payloads';
import { sourcesPage } from '../../src/lib/server/services/source-page';
import { fixture, sharedData } from '../helpers/paths';
import { startRecordingServer, type RecordingServer } from '../helpers/recording-server';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { testContext } from '../helpers/context';
import { config } from '../../src/lib/server/config';

/**
 * One board scraped through a misbehaving site, run after run on one database, as the scheduler would:
 * each fault must leave no wrong or partial snapshot, keep the raw payload, say why on the sources page,
 * and the next good run must recover.
 */
const page = readFileSync(fixture('lmarena/arena-page-text.html'), 'utf8');
const capture = readFileSync(sharedData('soothsayer_crossboard_2026-03-15/lmarena/2026-03-15.csv'));
const cloudflare = readFileSync(sharedData('html_fixtures/lmarena_leaderboard_cloudflare_challenge_2026-01-03.html'));

/** The fixture page grown to n rows, so "half the models" has a meaning. */
function pageWithRows(n: number): string {
	const rows = Array.from({ length: n }, (_, i) => {
		const rank = i + 1;
		return `<tr><td>${rank}</td><td>${rank} ${rank + 2}</td><td><a title="model-${i}">model-${i}</a></td><td>${1500 - i}</td><td>± 4</td><td>${1000 + i}</td><td>Org</td><td>Proprietary</td></tr>`;
	}).join('\n');
	return page.replace(/<tbody>[\s\S]*<\/tbody>/, `<tbody>\n${rows}\n</tbody>`);
}

let t: TempDb;
let server: RecordingServer;
let respond: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => unknown;
const pageOnly: SourceDefinition = { ...lmarenaText, endpoints: lmarenaText.endpoints.filter((e) => e.name === 'page') };
const http = createHttpClient({ backoffMs: 5, timeoutMs: 400, maxRetryAfterMs: 2_000 });
let day = 0;

beforeAll(async () => {
	t = tempDb();
	server = await startRecordingServer();
	server.route('/leaderboard/text', (req, res) => respond(req, res));
});
afterAll(async () => {
	await server.close();
	t.cleanup();
});

async function scrape() {
	day++;
	const now = () => new Date(Date.UTC(2026, 0, day, 6));
	const [r] = await scrapeSource(t.db, pageOnly, { http, config: config({ RANKDRIFT_URL_LMARENA_TEXT_PAGE: `${server.url}/leaderboard/text` }), now });
	return r;
}

const html = (body: string | Buffer, status = 200, headers: Record<string, string> = {}) => (_req: unknown, res: import('node:http').ServerResponse) =>
	res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);

// The arena.ai page shows style-controlled ratings: its snapshots go to that series.
const PAGE_BOARD = 'lmarena-text/style-control';
const snapshotsStored = () => listSnapshots(t.db, PAGE_BOARD, { all: true }).length;
const lastRun = () => listRuns(t.db, 'lmarena-text', { limit: 1 })[0];

describe('scraper faults, each followed by recovery', () => {
	it('a good page is the baseline', async () => {
		respond = html(pageWithRows(40));
		expect((await scrape()).outcome).toBe('added');
		expect(snapshotsStored()).toBe(1);
	});

	it('the same page twice adds nothing', async () => {
		expect((await scrape()).outcome).toBe('unchanged');
		expect(snapshotsStored()).toBe(1);
	});

	const faults: [string, () => void, RegExp][] = [
		['a hanging server (timeout)', () => (respond = () => undefined), /^timeout \(\d+ s\) after 3 tries$/],
		['HTTP 500', () => (respond = html('oops', 500)), /^HTTP 500 after 3 tries$/],
		['HTTP 503', () => (respond = html('down for maintenance', 503)), /^HTTP 503 after 3 tries$/],
		['429 with a long Retry-After', () => (respond = html('slow down', 429, { 'retry-after': '600' })), /Retry-After/],
		['the Cloudflare challenge', () => (respond = html(cloudflare, 403)), /^HTTP 403/],
		['the Cloudflare challenge served as 200', () => (respond = html(cloudflare)), /^blocked: Cloudflare challenge/],
		['a changed layout', () => (respond = html(pageWithRows(40).replaceAll('Votes', 'Battles'))), /no column "votes"/i],
		['a truncated page', () => (respond = html(pageWithRows(40).slice(0, 2600))), /^truncated: the page ends before <\/html>/],
		['an empty table', () => (respond = html(pageWithRows(40).replace(/<tbody>[\s\S]*<\/tbody>/, '<tbody></tbody>'))), /^empty: the leaderboard table has no model rows/],
		['a page of scores that are not numbers', () => (respond = html(pageWithRows(40).replace('<td>1500</td>', '<td>n/a</td>'))), /score "n\/a" is not a number/]
	];

	for (const [name, setUp, reason] of faults) {
		it(`${name}: no snapshot, the reason recorded, raw payload kept when there was one; then recovery`, async () => {
			const before = snapshotsStored();
			setUp();
			const r = await scrape();
			expect(['failed', 'rejected']).toContain(r.outcome);
			expect(r.reason).toMatch(reason);
			expect(snapshotsStored()).toBe(before);
			const run = lastRun();
			expect(run.reason).toBe(r.reason);
			if (r.outcome === 'rejected') expect(readPayload(t.db, run.payload_id!)!.bytes.length).toBeGreaterThan(0);
			const sources = sourcesPage(testContext(t.db)).sources.find((s) => s.id === 'lmarena-text')!;
			expect(sources.last_error).toBe(r.reason);
			// Retries are bounded: at most three requests for this run.
			respond = html(pageWithRows(40));
			const recovered = await scrape();
			expect(['added', 'unchanged']).toContain(recovered.outcome);
			expect(sourcesPage(testContext(t.db)).sources.find((s) => s.id === 'lmarena-text')!.last_error).toBeNull();
		});
	}

	it('a page that suddenly lists half the models is held, not put in force', async () => {
		respond = html(pageWithRows(15));
		const r = await scrape();
		expect(r.outcome).toBe('held');
		expect(r.reason).toMatch(/row count fell from 40/);
		expect(sourcesPage(testContext(t.db)).held.map((h) => h.row_count)).toEqual([15]);
	});

	it('a page in another encoding (Windows-1252, ± as 0xB1) is read correctly', async () => {
		respond = html(capture.toString('latin1').includes('±') ? Buffer.from(page.replace('± 6', '±6'), 'latin1') : capture);
		const r = await scrape();
		expect(['added', 'held']).toContain(r.outcome);
		const latest = listSnapshots(t.db, PAGE_BOARD, { all: true }).at(-1)!;
		expect(latest.row_count).toBe(5);
	});

	it('retries stay bounded across all of it: never more than three requests per run', () => {
		const runs = listRuns(t.db, 'lmarena-text', { limit: 100 });
		expect(runs.every((r) => r.attempts <= 3)).toBe(true);
		expect(runs.filter((r) => r.outcome === 'failed').every((r) => r.attempts === 3 || /Retry-After/.test(r.reason ?? '') || /^HTTP 403/.test(r.reason ?? ''))).toBe(true);
	});
});

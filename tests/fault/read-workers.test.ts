import { unflatten } from 'devalue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { recordedDbCopy } from '../helpers/recorded-db';

// Heavy reads off the event loop, against the built server on the recorded history: the read workers
// answer the same bytes as the server's own thread (datasets, and the data of the history pages), and a query past a (tiny) time limit is a JSON 503
// with Retry-After while the rest of the server keeps answering.

let rec: Awaited<ReturnType<typeof recordedDbCopy>>;
let inThread: AppServer;
let pooled: AppServer;
let strict: AppServer;

beforeAll(async () => {
	rec = await recordedDbCopy();
	rec.db.close();
	[inThread, pooled, strict] = await Promise.all([
		startAppServer(rec.path, { RANKDRIFT_READ_WORKERS: '0' }),
		startAppServer(rec.path, { RANKDRIFT_READ_WORKERS: '2', RANKDRIFT_CLIENT_CONCURRENCY: '0' }),
		startAppServer(rec.path, { RANKDRIFT_READ_WORKERS: '1', RANKDRIFT_QUERY_TIMEOUT_S: '0.001' })
	]);
}, 120_000);

afterAll(async () => {
	await Promise.all([inThread?.stop(), pooled?.stop(), strict?.stop()]);
	rec?.cleanup();
});

const PATHS = [
	'/api/boards?date=2025-06-01',
	'/api/boards/lmarena-text?date=2025-06-01&format=csv',
	'/api/boards/lmarena-text/history?to=2025-06-01&format=csv',
	'/api/models/gpt-4o?to=2025-06-01',
	'/api/divergence?date=2025-06-01&format=csv',
	'/api/events?until=2025-06-01&limit=20',
	'/api/events?until=2025-06-01&format=csv',
	'/api/orgs/openai?date=2025-06-01',
	'/api/findings?until=2025-06-01&format=csv',
	'/api/events?since=2025-13-01',
	'/api/boards/no-such-board'
];

/** The data of a page's `__data.json` (Kit's devalue format), or its error. */
function pageData(body: Buffer): unknown {
	const json = JSON.parse(body.toString());
	if (json.type !== 'data') return json;
	return json.nodes.map((n: { type: string; data?: unknown[] } | null) => (n?.type === 'data' ? unflatten(n.data as never) : n));
}

async function get(app: AppServer, path: string) {
	const res = await fetch(app.url + path);
	return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

describe('read workers in the built server', () => {
	it('answer every dataset, errors included, with the bytes the server thread answers', { timeout: 120_000 }, async () => {
		for (const path of PATHS) {
			const [a, b] = await Promise.all([get(inThread, path), get(pooled, path)]);
			expect(b.status, path).toBe(a.status);
			expect(b.headers.get('content-type'), path).toBe(a.headers.get('content-type'));
			expect(b.headers.get('link'), path).toBe(a.headers.get('link'));
			expect(b.body.equals(a.body), `${path}: ${b.body.length} vs ${a.body.length} bytes`).toBe(true);
		}
	});

	it("give the history pages the data the server thread gives them", { timeout: 120_000 }, async () => {
		const pages = ['/models/gpt-4o', '/models/gpt-4o?boards=all&view=pct', '/compare?a=lmarena-text&b=livebench', '/compare', '/orgs/openai', '/models/no-such-family', '/models/gpt-4o?with=nope', '/boards/lmarena-text', '/boards/lmarena-text/coding?sort=change&q=gpt', '/boards/no-such-board', '/events', '/events?kind=entered&board=lmarena-text', '/events?cursor=bad'];
		// A later page of the events list, by the cursor the API gives out (the page reads the same format).
		const link = (await fetch(`${inThread.url}/api/events?limit=20&until=2025-06-01`)).headers.get('link')!;
		pages.push(`/events?cursor=${new URL(link.slice(1, link.indexOf('>')), inThread.url).searchParams.get('cursor')}`);
		for (const page of pages) {
			const [path, query] = page.split('?');
			const data = `${path}/__data.json?date=2025-06-01${query ? `&${query}` : ''}`;
			const [a, b] = await Promise.all([get(inThread, data), get(pooled, data)]);
			expect(b.status, page).toBe(a.status);
			// The same data; devalue's text may differ where the server thread's data shared an object twice (a copy across threads keeps fewer such links).
			expect(pageData(b.body), page).toEqual(pageData(a.body));
			const [pa, pb] = await Promise.all([get(inThread, `${page}${query ? '&' : '?'}date=2025-06-01`), get(pooled, `${page}${query ? '&' : '?'}date=2025-06-01`)]);
			expect(pb.status, page).toBe(pa.status);
		}
	});

	it('answer 16 CSV exports at once in full', { timeout: 120_000 }, async () => {
		const expected = (await get(inThread, '/api/events?until=2025-06-01&format=csv')).body;
		const all = await Promise.all(Array.from({ length: 16 }, () => get(pooled, '/api/events?until=2025-06-01&format=csv')));
		for (const r of all) expect(r.body.equals(expected)).toBe(true);
	});

	it('a query past the time limit is a JSON 503 (a 503 page for a history page) with Retry-After; cheap pages are still served', { timeout: 60_000 }, async () => {
		for (const path of ['/api/events?format=csv', '/api/divergence?date=2025-06-01']) {
			const res = await get(strict, path);
			expect(res.status, path).toBe(503);
			expect(Number(res.headers.get('retry-after')), path).toBeGreaterThan(0);
			expect(res.headers.get('content-type')).toMatch(/^application\/json/);
			const body = JSON.parse(res.body.toString());
			expect(body.status).toBe(503);
			expect(body.message).toMatch(/took longer than the server allows one query \(0\.001 s\)/);
		}
		const page = await get(strict, '/models/gpt-4o?date=2025-06-01');
		expect(page.status).toBe(503);
		expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(page.body.toString()).toMatch(/took longer than the server allows one query/);
		expect((await get(strict, '/sources')).status).toBe(200);
		expect(strict.output()).toMatch(/query over its time limit/);
	});
});

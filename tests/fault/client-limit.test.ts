import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { recordedDbCopy } from '../helpers/recorded-db';

// Bounded work per client, against the built server on the recorded history. Clients are told apart
// by X-Forwarded-For (ADDRESS_HEADER, as behind a proxy). A client that opens exports and does not read
// them holds its slots; its next expensive request is a 503 at once, other clients and cheap pages are
// served, and the slots come back when the downloads end.

const EXPORT = '/api/boards/lmarena-text/history?format=csv';
let rec: Awaited<ReturnType<typeof recordedDbCopy>>;
let app: AppServer;

interface Opened {
	req: ClientRequest;
	res: IncomingMessage;
}

function open(path: string, client: string): Promise<Opened> {
	const url = new URL(app.url + path);
	return new Promise((resolve, reject) => {
		const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, headers: { 'x-forwarded-for': client } }, (res) => {
			res.pause(); // read nothing: the server's stream stalls once the socket buffers are full
			resolve({ req, res });
		});
		req.on('error', reject);
		req.end();
	});
}

async function fetchAs(path: string, client: string) {
	const started = Date.now();
	const res = await fetch(app.url + path, { headers: { 'x-forwarded-for': client } });
	return { status: res.status, headers: res.headers, body: await res.text(), ms: Date.now() - started };
}

beforeAll(async () => {
	rec = await recordedDbCopy();
	rec.db.close();
	app = await startAppServer(rec.path, { ADDRESS_HEADER: 'x-forwarded-for' });
}, 120_000);

afterAll(async () => {
	await app?.stop();
	rec?.cleanup();
});

describe('per-client limit on expensive requests', () => {
	it('a fifth export from one client is a 503 with Retry-After; others are served; the slots return when downloads end', async () => {
		const full = await fetchAs(EXPORT, 'client-b');
		expect(full.status).toBe(200);
		console.log(`export used: ${(full.body.length / 1e6).toFixed(1)} MB in ${full.ms} ms`);

		const held = await Promise.all([1, 2, 3, 4].map(() => open(EXPORT, 'client-a')));
		expect(held.map((h) => h.res.statusCode)).toEqual([200, 200, 200, 200]);

		const fifth = await fetchAs(EXPORT, 'client-a');
		expect(fifth.status).toBe(503);
		expect(fifth.headers.get('retry-after')).toBe('1');
		expect(fifth.headers.get('content-type')).toMatch(/^application\/json/);
		expect(JSON.parse(fifth.body).message).toMatch(/at most 4 exports, feeds or history pages run together/);
		expect((await fetchAs('/models/gpt-4o', 'client-a')).status).toBe(503);
		// A cheap page for the same client, and anything for another client, are served meanwhile.
		expect((await fetchAs('/sources', 'client-a')).status).toBe(200);
		expect((await fetchAs('/api/boards', 'client-c')).status).toBe(200);

		// One download ends (read to the end), one is abandoned: two slots come back.
		held[0].res.resume();
		await new Promise((r) => held[0].res.on('end', r));
		held[1].req.destroy();
		await new Promise((r) => setTimeout(r, 200));
		expect((await fetchAs('/api/boards', 'client-a')).status).toBe(200);
		const two = await Promise.all([open(EXPORT, 'client-a'), open(EXPORT, 'client-a')]);
		expect(two.map((h) => h.res.statusCode)).toEqual([200, 200]);
		expect((await fetchAs(EXPORT, 'client-a')).status).toBe(503);
		for (const h of [...held, ...two]) h.req.destroy();
	}, 60_000);

	it('measures a cheap request while one client runs 16 exports at once, with the limit and without (printed, not asserted)', async () => {
		const crowd = async (server: AppServer) => {
			const exports = Array.from({ length: 16 }, (_, i) =>
				fetch(`${server.url}/api/events?format=csv&since=2024-0${1 + (i % 9)}-01`, { headers: { 'x-forwarded-for': 'crowd' } }).then(async (r) => (await r.arrayBuffer(), r.status))
			);
			const waits: number[] = [];
			let finished = false;
			const all = Promise.all(exports).finally(() => (finished = true));
			while (!finished) {
				const started = Date.now();
				await fetch(`${server.url}/api`, { headers: { 'x-forwarded-for': 'bystander' } }).then((r) => r.arrayBuffer());
				waits.push(Date.now() - started);
			}
			const statuses = await all;
			return { max: Math.max(...waits), samples: waits.length, served: statuses.filter((x) => x === 200).length, refused: statuses.filter((x) => x === 503).length };
		};
		const limited = await crowd(app);
		const open = await startAppServer(rec.path, { ADDRESS_HEADER: 'x-forwarded-for', RANKDRIFT_CLIENT_CONCURRENCY: '0' });
		let unlimited;
		try {
			unlimited = await crowd(open);
		} finally {
			await open.stop();
		}
		expect(limited.served + limited.refused).toBe(16);
		expect(limited.served).toBeGreaterThanOrEqual(4);
		console.log(
			`16 concurrent /api/events CSV exports from one client: a cheap request waited at most ${limited.max} ms with the limit (${limited.served} served, ${limited.refused} refused 503), ${unlimited.max} ms without (${unlimited.served} served)`
		);
	}, 120_000);
});

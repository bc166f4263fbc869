import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/app-server';
import { projectRoot } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { activateSubscription, insertSubscription } from '../../src/lib/server/db/alerts';
import { keyedDigest } from '../../src/lib/server/alerts/keys';
import { linkToken } from '../../src/lib/server/alerts/subscriptions';
import { getSubscription } from '../../src/lib/server/db/alerts';
import { config } from '../../src/lib/server/config';

// The built server as `npm start` runs it (`rankdrift serve`), configured as the README's plain start
// is: neither ORIGIN nor PUBLIC_URL. Requests go through node:http so any Host header can be sent.

const SECRET = 'abuse-alerts-secret-0123456789abcdef';
let t: TempDb;
let child: ChildProcess;
let output = '';
let port: number;
let manageToken: string;

interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

function send(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (c: string) => (body += c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
		});
		req.on('error', reject);
		req.end(opts.body);
	});
}
// Without ORIGIN, adapter-node takes the request's Host and assumes https: what a same-site form sends.
const origin = () => `https://127.0.0.1:${port}`;
const formPost = (path: string, fields: Record<string, string> = {}) =>
	send(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: origin(), accept: 'text/html' }, body: new URLSearchParams(fields).toString() });

beforeAll(async () => {
	t = tempDb();
	const id = insertSubscription(t.db, {
		channel: 'email',
		target: 'owner@example.com',
		targetDigest: keyedDigest(t.db, config({ ALERTS_SECRET: SECRET }), 'owner@example.com'),
		webhookSecret: null,
		watchType: null,
		watchValue: null,
		kinds: ['new-leader'],
		minSeverity: 'low',
		divergenceLevel: 0,
		frequency: 'immediate',
		digestHour: 0,
		nonce: 'abuse-nonce-1',
		createdAt: new Date(Date.now() - 60_000).toISOString()
	});
	activateSubscription(t.db, id, new Date().toISOString());
	manageToken = linkToken(t.db, config({ ALERTS_SECRET: SECRET }), 'manage', getSubscription(t.db, id)!, new Date());
	t.db.close();

	port = await freePort();
	const { ORIGIN: _o, PUBLIC_URL: _p, ...inherited } = process.env;
	child = spawn(process.execPath, [join(projectRoot, 'bin/rankdrift.js'), 'serve', '--db', t.path], {
		cwd: projectRoot,
		env: { ...inherited, PORT: String(port), HOST: '127.0.0.1', ALERTS_SECRET: SECRET, RANKDRIFT_SCHEDULER: 'off' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	for (let i = 0; ; i++) {
		try {
			if ((await send('/sources')).status === 200) break;
		} catch {
			if (i > 200) throw new Error(`the server did not start:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}, 60_000);

afterAll(async () => {
	if (child && child.exitCode === null) {
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await exited;
	}
	t?.cleanup();
});

describe('links come from configuration only', () => {
	for (const feed of ['/feed.xml', '/findings.xml'])
		it(`${feed} with Host: evil.example links to localhost, not to the Host header`, async () => {
			const res = await send(feed, { headers: { host: 'evil.example' } });
			expect(res.status).toBe(200);
			expect(res.body).not.toContain('evil.example');
			expect(res.body).toContain(`<link href="http://localhost:${port}${feed}" rel="self"`);
		});
});

describe('quiet, correct edges', () => {
	it('a form action posted as JSON answers 415 and logs one info line, no error and no stack', async () => {
		const before = output.length;
		const res = await send('/alerts?/subscribe', { method: 'POST', headers: { 'content-type': 'application/json', origin: origin(), accept: 'text/html' }, body: '{"email":"a@example.com"}' });
		expect(res.status).toBe(415);
		await new Promise((r) => setTimeout(r, 200));
		const logged = output.slice(before);
		expect(logged).toMatch(/"level":"info".*"msg":"request refused".*"status":415/);
		expect(logged).not.toMatch(/"level":"error"/);
		expect(logged).not.toMatch(/\bat \S+ \(|node_modules/);
	});

	it('link-token pages are never cached, whether the token is good or not', async () => {
		for (const path of [`/subscriptions/manage?token=${encodeURIComponent(manageToken)}`, '/subscriptions/manage?token=forged', '/subscriptions/confirm?token=x', '/subscriptions/unsubscribe?token=x']) {
			const res = await send(path, { headers: { accept: 'text/html' } });
			expect(res.status, path).toBeLessThan(500);
			expect(res.headers['cache-control'], path).toBe('no-store');
		}
	});

	it('a manage link opens nothing once its owner deleted everything: a clear 400, not a 500', async () => {
		const path = `/subscriptions/manage?token=${encodeURIComponent(manageToken)}`;
		expect((await send(path)).body).toContain('Subscriptions of o…@example.com');
		const deleted = await formPost(`/subscriptions/manage?/deleteAll&token=${encodeURIComponent(manageToken)}`);
		expect(deleted.status).toBe(200);
		expect(deleted.body).toContain('Everything is deleted: 1 subscription');
		const after = await send(path, { headers: { accept: 'text/html' } });
		expect(after.status).toBe(400);
		expect(after.body).toContain('This subscription no longer exists');
		expect(after.body).not.toContain('Subscriptions of');
	});

	it('the alerts page data says nothing about subscribers', async () => {
		const res = await send('/alerts/__data.json');
		expect(res.status).toBe(200);
		expect(res.body).toContain('emailSending');
		expect(res.body).not.toMatch(/subscriber/i);
	});

	it('static /_app files carry nosniff', async () => {
		const dir = join(projectRoot, 'build', 'client', '_app', 'immutable', 'entry');
		const file = readdirSync(dir).find((f) => f.endsWith('.js'))!;
		const res = await send(`/_app/immutable/entry/${file}`);
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toMatch(/javascript/);
		expect(res.headers['x-content-type-options']).toBe('nosniff');
	});

	it('every /api path answers JSON: a malformed path is a JSON 400, an unknown one a JSON 404', async () => {
		for (const [path, status] of [['/api/boards/%ff', 400], ['/api/boards/%E0%A4%A', 400], ['/api/no-such-thing', 404]] as const) {
			const res = await send(path, { headers: { accept: 'text/html' } });
			expect(res.status, path).toBe(status);
			expect(res.headers['content-type'], path).toMatch(/^application\/json/);
			expect(JSON.parse(res.body), path).toMatchObject({ status });
		}
	});
});

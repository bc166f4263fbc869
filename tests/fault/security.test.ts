import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { recordedDbCopy } from '../helpers/recorded-db';
import { activateSubscription, getSubscription, insertSubscription } from '../../src/lib/server/db/alerts';
import { keyedDigest } from '../../src/lib/server/alerts/keys';
import { linkToken, tokenKey } from '../../src/lib/server/alerts/subscriptions';
import { createToken } from '../../src/lib/server/alerts/tokens';
import { config } from '../../src/lib/server/config';

// The built server's defences on the recorded-history database: the headers every kind of response
// carries, the origin check in front of the admin forms (which must hold even for a caller who knows
// the admin token), the admin token itself, and the one route allowed to skip the origin check.

const ADMIN_TOKEN = 'security-admin-token-5c2e91f0';
const SECRET = 'security-alerts-secret-0123456789abcdef';
const HELD = { board: 'livebench', asOf: '2025-10-06' };
const FORM = 'application/x-www-form-urlencoded';

let rec: Awaited<ReturnType<typeof recordedDbCopy>>;
let app: AppServer;
let subscriptionId: number;

/** A fresh read-only connection, so what is checked is what the server committed, not a cached view. */
function readDb<T>(fn: (db: Database.Database) => T): T {
	const db = new Database(rec.path, { readonly: true, fileMustExist: true });
	try {
		return fn(db);
	} finally {
		db.close();
	}
}
const decisions = () => readDb((db) => db.prepare('SELECT source_id, raw_name, action, actor FROM identity_decisions ORDER BY id').all());
const heldStatuses = () =>
	readDb((db) => (db.prepare('SELECT status FROM snapshots WHERE board_id = ? AND as_of = ? ORDER BY id').all(HELD.board, HELD.asOf) as { status: string }[]).map((r) => r.status));

const decideFields = (token: string) => ({ source: 'lmarena-text', raw_name: 'claude-v1', action: 'reject', reason: 'security test', token });
const acceptFields = (token: string) => ({ board: HELD.board, as_of: HELD.asOf, token });

function post(path: string, fields: Record<string, string>, headers: Record<string, string>, encoding: 'urlencoded' | 'multipart' = 'urlencoded') {
	let body: URLSearchParams | FormData;
	if (encoding === 'multipart') {
		body = new FormData();
		for (const [k, v] of Object.entries(fields)) body.append(k, v);
	} else body = new URLSearchParams(fields);
	// fetch sets the multipart boundary itself; only the url-encoded type is named here.
	const type: Record<string, string> = encoding === 'urlencoded' ? { 'content-type': FORM } : {};
	return fetch(app.url + path, { method: 'POST', redirect: 'manual', headers: { accept: 'text/html', ...type, ...headers }, body });
}

beforeAll(async () => {
	rec = await recordedDbCopy();
	// An active e-mail subscription for the one-click tests, written before the server opens the file.
	const env = { ALERTS_SECRET: SECRET };
	subscriptionId = insertSubscription(rec.db, {
		channel: 'email',
		target: 'reader@example.com',
		targetDigest: keyedDigest(rec.db, config(env), 'reader@example.com'),
		webhookSecret: null,
		watchType: null,
		watchValue: null,
		kinds: ['new-leader'],
		minSeverity: 'low',
		divergenceLevel: 0,
		frequency: 'immediate',
		digestHour: 0,
		nonce: 'security-nonce-1',
		createdAt: new Date().toISOString()
	});
	activateSubscription(rec.db, subscriptionId, new Date().toISOString());
	app = await startAppServer(rec.path, { ADMIN_TOKEN, ALERTS_SECRET: SECRET });
}, 120_000);

afterAll(async () => {
	await app?.stop();
	rec?.cleanup();
});

function expectCommonHeaders(res: Response, what: string) {
	expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
	expect(res.headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
	expect(res.headers.get('x-frame-options'), what).toBe('DENY');
	expect(res.headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
	expect(res.headers.get('permissions-policy'), what).toMatch(/camera=\(\)/);
}

function cspDirectives(res: Response): Map<string, string[]> {
	const csp = res.headers.get('content-security-policy');
	expect(csp).toBeTruthy();
	return new Map(
		csp!
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((parts) => parts[0])
			.map(([name, ...values]) => [name, values])
	);
}

describe('security headers', () => {
	for (const [path, status] of [
		['/', 200],
		['/no-such-page', 404]
	] as const) {
		it(`HTML ${path} (${status}): strict CSP that refuses framing and allows inline scripts only by this response's nonce`, async () => {
			const res = await fetch(app.url + path);
			expect(res.status).toBe(status);
			expect(res.headers.get('content-type')).toMatch(/^text\/html/);
			expectCommonHeaders(res, path);
			const csp = cspDirectives(res);
			expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
			expect(csp.get('default-src')).toEqual(["'self'"]);
			expect(csp.get('object-src')).toEqual(["'none'"]);
			expect(csp.get('base-uri')).toEqual(["'self'"]);
			expect(csp.get('form-action')).toEqual(["'self'"]);
			const scriptSrc = csp.get('script-src')!;
			expect(scriptSrc).toContain("'self'");
			expect(scriptSrc).not.toContain("'unsafe-inline'");
			expect(scriptSrc).not.toContain("'unsafe-eval'");
			expect(scriptSrc.some((s) => s.startsWith('http') || s === '*')).toBe(false);
			const nonces = scriptSrc.filter((s) => s.startsWith("'nonce-")).map((s) => s.slice(7, -1));
			expect(nonces).toHaveLength(1);
			// Kit's start-up script is inline: it runs only because it carries the nonce the header names.
			const html = await res.text();
			const inline = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]).filter((attrs) => !/\bsrc=/.test(attrs));
			expect(inline.length).toBeGreaterThan(0);
			for (const attrs of inline) expect(attrs).toContain(`nonce="${nonces[0]}"`);
			// A nonce reused across responses would be no protection at all.
			const again = cspDirectives(await fetch(app.url + path)).get('script-src')!;
			expect(again.find((s) => s.startsWith("'nonce-"))).not.toBe(`'nonce-${nonces[0]}'`);
		});
	}

	it('a JSON API response, an API error and a CSV download carry nosniff, the referrer policy and a CSP that allows nothing', async () => {
		// Kit's CSP covers the pages it renders; data responses get one of their own that allows nothing at all.
		const json = await fetch(`${app.url}/api/boards`);
		expect(json.status).toBe(200);
		expect(json.headers.get('content-type')).toMatch(/^application\/json/);
		expectCommonHeaders(json, '/api/boards');
		const body = (await json.json()) as { dataset: string; count: number; data: unknown[] };
		expect(body.dataset).toBe('boards');
		expect(body.data.length).toBe(body.count);
		expect(body.count).toBeGreaterThan(0);

		const csv = await fetch(`${app.url}/api/boards?format=csv`);
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
		expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="boards_[^"]+\.csv"$/);
		expectCommonHeaders(csv, '/api/boards?format=csv');
		expect((await csv.text()).split('\n')[0]).toMatch(/^id,source_id,/);
		// An unknown API path is a JSON 404 like any other API error, not the HTML error page.
		const unknown = await fetch(`${app.url}/api/no-such-dataset`, { headers: { accept: 'text/html' } });
		expect(unknown.status).toBe(404);
		expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
		expectCommonHeaders(unknown, '/api/no-such-dataset');
		for (const res of [json, csv, unknown]) {
			const csp = cspDirectives(res);
			expect(csp.get('default-src')).toEqual(["'none'"]);
			expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
		}
	});
});

describe('cross-site form posts to the admin actions', () => {
	const CROSS_SITE: [string, Record<string, string>][] = [
		['another site', { origin: 'https://evil.example' }],
		['an opaque origin', { origin: 'null' }],
		['the same host on another port', { origin: 'http://127.0.0.1:1' }],
		['no Origin at all', {}]
	];

	it('the recorded database has the one held livebench snapshot and no identity decisions to start with', () => {
		expect(heldStatuses()).toEqual(['held']);
		expect(decisions()).toEqual([]);
		const name = readDb((db) => db.prepare("SELECT COUNT(*) AS n FROM names WHERE source_id = 'lmarena-text' AND raw_name = 'claude-v1'").get()) as { n: number };
		expect(name.n).toBe(1);
	});

	for (const [label, headers] of CROSS_SITE) {
		for (const encoding of ['urlencoded', 'multipart'] as const) {
			it(`from ${label} (${encoding}), even with the right admin token: 403 and nothing changes`, async () => {
				for (const [path, fields] of [
					['/identities?/decide', decideFields(ADMIN_TOKEN)],
					['/sources?/accept', acceptFields(ADMIN_TOKEN)]
				] as const) {
					const res = await post(path, fields, headers, encoding);
					expect(res.status, path).toBe(403);
					// The refusal carries the same headers as every other response.
					expectCommonHeaders(res, path);
					expect(await res.text(), path).toBe('Cross-site POST form submissions are forbidden');
				}
				expect(decisions()).toEqual([]);
				expect(heldStatuses()).toEqual(['held']);
			});
		}
	}

	it('a script asking for JSON gets the same refusal as JSON', async () => {
		const res = await post('/sources?/accept', acceptFields(ADMIN_TOKEN), { origin: 'https://evil.example', accept: 'application/json', 'x-sveltekit-action': 'true' });
		expect(res.status).toBe(403);
		expect(await res.json()).toEqual({ message: 'Cross-site POST form submissions are forbidden' });
		expect(heldStatuses()).toEqual(['held']);
	});
});

describe('the admin token', () => {
	// Near misses too: a comparison by prefix or by length would let one of these through.
	const WRONG = ['not-the-token', ADMIN_TOKEN.slice(0, -1), `${ADMIN_TOKEN}x`, ADMIN_TOKEN.toUpperCase(), ''];

	it('a same-origin post with a wrong token is refused with a clear message, never a 500, and changes nothing', async () => {
		for (const token of WRONG) {
			for (const [path, fields] of [
				['/identities?/decide', decideFields(token)],
				['/sources?/accept', acceptFields(token)]
			] as const) {
				const res = await post(path, fields, { origin: app.url });
				const body = await res.text();
				expect([path, token, res.status]).toEqual([path, token, 403]);
				expect(body).toContain('That admin token is not right: nothing was changed.');
				expect(body).not.toContain(ADMIN_TOKEN);
				// The page re-fills the form so the analyst can correct it, but never with the token.
				if (token) expect(body).not.toContain(token);
			}
		}
		expect(decisions()).toEqual([]);
		expect(heldStatuses()).toEqual(['held']);
	});

	it('the enhanced-form (JSON) flavour reports the same failure without the token', async () => {
		const res = await post('/identities?/decide', decideFields('wrong-token-3b7a'), { origin: app.url, accept: 'application/json', 'x-sveltekit-action': 'true' });
		expect(res.status).toBe(200);
		const body = await res.text();
		const result = JSON.parse(body) as { type: string; status: number; data: string };
		expect(result).toMatchObject({ type: 'failure', status: 403 });
		expect(result.data).toContain('That admin token is not right');
		expect(body).not.toContain(ADMIN_TOKEN);
		expect(body).not.toContain('wrong-token-3b7a');
		expect(decisions()).toEqual([]);
	});

	// Last, since they change the database: the refusals above were the origin check and the token, not broken forms.
	it('the same forms from our own origin with the right token do their work', { timeout: 120_000 }, async () => {
		const decided = await post('/identities?/decide', decideFields(ADMIN_TOKEN), { origin: app.url, accept: 'application/json', 'x-sveltekit-action': 'true' });
		expect(decided.status).toBe(200);
		expect(await decided.json()).toMatchObject({ type: 'success', status: 200 });
		expect(decisions()).toEqual([{ source_id: 'lmarena-text', raw_name: 'claude-v1', action: 'reject', actor: 'dashboard' }]);

		const accepted = await post('/sources?/accept', acceptFields(ADMIN_TOKEN), { origin: app.url });
		expect(accepted.status).toBe(200);
		expect(await accepted.text()).toContain(`The ${HELD.board} snapshot of ${HELD.asOf} is now in force`);
		expect(heldStatuses()).toEqual(['active']);
	});
});

describe('RFC 8058 one-click unsubscribe, the one form exempt from the origin check', () => {
	const stillSubscribed = () => getSubscription(rec.db, subscriptionId)?.status;
	const oneClick = (token: string | null, headers: Record<string, string> = {}) =>
		fetch(`${app.url}/subscriptions/one-click${token === null ? '' : `?token=${encodeURIComponent(token)}`}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': FORM, ...headers },
			body: 'List-Unsubscribe=One-Click'
		});

	it('without an Origin, a forged, missing or wrong-purpose token gets a 400 and the subscription stays', async () => {
		const env = { ALERTS_SECRET: SECRET };
		const sub = getSubscription(rec.db, subscriptionId)!;
		expect(sub.status).toBe('active');
		const genuine = linkToken(rec.db, config(env), 'unsubscribe', sub, new Date());
		const [body] = genuine.split('.');
		const forged = [
			// Right subscription and nonce, signed with a guessed key.
			createToken(Buffer.from('a guessed key'), { p: 'unsubscribe', s: sub.id, n: sub.nonce }, new Date()),
			// The genuine payload with a signature cut short or swapped.
			`${body}.${genuine.split('.')[1].slice(0, -2)}`,
			`${body}.${'A'.repeat(43)}`,
			// Correctly signed, but a confirmation token: it must not unsubscribe.
			createToken(tokenKey(rec.db, config(env)), { p: 'confirm', s: sub.id, n: sub.nonce }, new Date()),
			'',
			'not-a-token'
		];
		for (const token of [...forged, null]) {
			const res = await oneClick(token);
			const text = await res.text();
			expect([token, res.status]).toEqual([token, 400]);
			expect(text).toMatch(/^This link is not valid/);
		}
		expect(stillSubscribed()).toBe('active');
	});

	it('the exemption is for that route only: the genuine token on the unsubscribe page’s form without an Origin is refused', async () => {
		const sub = getSubscription(rec.db, subscriptionId)!;
		const genuine = linkToken(rec.db, config({ ALERTS_SECRET: SECRET }), 'unsubscribe', sub, new Date());
		const res = await fetch(`${app.url}/subscriptions/unsubscribe?token=${encodeURIComponent(genuine)}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': FORM },
			body: ''
		});
		expect(res.status).toBe(403);
		expect(stillSubscribed()).toBe('active');
	});

	it('the genuine token, with no Origin as mail providers send it, unsubscribes', async () => {
		const sub = getSubscription(rec.db, subscriptionId)!;
		const res = await oneClick(linkToken(rec.db, config({ ALERTS_SECRET: SECRET }), 'unsubscribe', sub, new Date()));
		expect(res.status).toBe(200);
		expect(await res.text()).toMatch(/^Unsubscribed/);
		expect(stillSubscribed()).toBeUndefined();
	});
});

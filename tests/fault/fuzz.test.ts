import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { recordedDbCopy } from '../helpers/recorded-db';

/**
 * Every route, query parameter, form field and API parameter fed generated hostile values: the answer
 * is never a 5xx and never shows a stack trace or internal path.
 */
const CASES_PER_ROUTE = 45;
const FORM_CASES = 60;

const ROUTES = [
	'/', '/models', '/models/gemini-2.5-pro', '/models/{h}', '/orgs', '/orgs/google', '/orgs/{h}', '/boards/lmarena-text', '/boards/{h}',
	'/boards/swebench/bash-only', '/compare', '/events', '/sources', '/identities', '/methods', '/search', '/alerts',
	'/subscriptions/confirm', '/subscriptions/manage', '/subscriptions/unsubscribe', '/feed.xml', '/api', '/api/boards',
	'/api/boards/lmarena-text', '/api/boards/lmarena-text/history', '/api/boards/{h}', '/api/boards/{h}/history', '/api/models/gpt-4o',
	'/api/models/{h}', '/api/orgs/openai', '/api/orgs/{h}', '/api/divergence', '/api/agreement', '/api/agreement/matrix', '/api/events',
	'/api/mismatches', '/api/identities', '/api/sources/lmarena-text/runs', '/api/sources/{h}/runs'
];

const PARAMS = [
	'date', 'sort', 'dir', 'q', 'org', 'license', 'open', 'top', 'a', 'b', 'board', 'family', 'organization', 'kind', 'since', 'until',
	'severity', 'limit', 'cursor', 'format', 'from', 'to', 'token', 'unresolved', 'view', 'with', 'all', 'model', 'boards'
];

const HOSTILE = [
	'', ' ', '0', '-1', '1e309', 'NaN', 'Infinity', '99999999999999999999', '2025-02-30', '2025-13-01', '0000-00-00', '9999-99-99',
	'2025-1-1', '20250101', 'yesterday', "' OR 1=1 --", '"; DROP TABLE entries; --', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>',
	'../../../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '%00', '\u0000', '\r\nSet-Cookie: a=b', '${7*7}', '{{7*7}}', 'a'.repeat(5000),
	'💥'.repeat(300), '\uD800', 'ｆｕｌｌ', 'null', 'undefined', '[]', '{}', '{"a":1}', 'true', 'csv', 'json', 'xml', 'asc', 'desc',
	'rank', 'score', 'lmarena-text', 'jump', 'high', '=HYPERLINK("http://x")', '@SUM(1)', '+1', '\t', 'a/b/c', '%', '%%', '%E0%A4%A'
];

let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
// A lone surrogate has no UTF-8 encoding: send the bytes a careless client would (CESU-8).
function enc(s: string): string {
	try {
		return encodeURIComponent(s);
	} catch {
		return '%ED%A0%80';
	}
}

function hostileUrl(route: string): string {
	const path = route.replace('{h}', enc(pick(HOSTILE)).replace(/%2F/g, '/') || 'x');
	const n = 1 + Math.floor(random() * 4);
	const parts: string[] = [];
	for (let i = 0; i < n; i++) parts.push(`${pick(PARAMS)}=${enc(pick(HOSTILE))}`);
	// Repeated and raw, badly encoded parameters too.
	if (random() < 0.2) parts.push(`${pick(PARAMS)}=${pick(['%E0%A4%A', '%', '%zz', '%00'])}`);
	if (random() < 0.2) parts.push(`date=2025-01-01&date=${enc(pick(HOSTILE))}`);
	return `${path}?${parts.join('&')}`;
}

const LEAKS = /\n\s+at .+:\d+:\d+|node_modules|\/work\/|SqliteError|TypeError|ReferenceError|Cannot read propert/;

let app: AppServer;
let db: Awaited<ReturnType<typeof recordedDbCopy>>;
const tally = { requests: 0, statuses: new Map<number, number>() };

async function check(res: Response, what: string) {
	tally.requests++;
	tally.statuses.set(res.status, (tally.statuses.get(res.status) ?? 0) + 1);
	const body = await res.text();
	expect(res.status, `${what} → ${res.status}: ${body.slice(0, 300)}`).toBeLessThan(500);
	expect(body, what).not.toMatch(LEAKS);
}

beforeAll(async () => {
	db = await recordedDbCopy();
	app = await startAppServer(db.path, { ADMIN_TOKEN: 'fuzz-admin-token', RANKDRIFT_WEBHOOK_ALLOW_PRIVATE: '0' });
}, 120_000);
afterAll(async () => {
	await app?.stop();
	db?.cleanup();
	const statuses = [...tally.statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
	console.log(`fuzz: ${tally.requests} hostile requests, statuses ${statuses}`);
});

describe('hostile input everywhere', () => {
	for (const route of ROUTES) {
		it(`GET ${route} with ${CASES_PER_ROUTE} hostile queries`, async () => {
			for (let i = 0; i < CASES_PER_ROUTE; i++) {
				const url = hostileUrl(route);
				await check(await fetch(app.url + url, { redirect: 'manual' }), `GET ${url}`);
			}
		});
	}

	const FORMS: [string, string[]][] = [
		['/identities?/decide', ['source', 'raw_name', 'action', 'family', 'release', 'label', 'reason', 'token', 'actor']],
		['/sources?/accept', ['board', 'as_of', 'token']],
		['/alerts?/subscribe', ['email', 'watch_type', 'watch_value', 'kinds', 'frequency', 'digest_hour', 'min_severity', 'divergence_level', 'channel', 'webhook_url']],
		['/subscriptions/confirm?token=x', ['token']],
		['/subscriptions/manage?/update&token=x', ['kinds', 'frequency', 'digest_hour', 'min_severity', 'divergence_level', 'subscription_id']],
		['/subscriptions/manage?/delete&token=x', ['subscription_id']],
		['/subscriptions/unsubscribe?token=x', ['token']]
	];
	for (const [action, fields] of FORMS) {
		it(`POST ${action} with ${FORM_CASES} hostile forms`, async () => {
			for (let i = 0; i < FORM_CASES; i++) {
				const body = new URLSearchParams();
				for (const f of fields) if (random() < 0.85) body.append(f, pick(HOSTILE));
				if (random() < 0.3) body.append(pick(fields), pick(HOSTILE));
				const res = await fetch(app.url + action, {
					method: 'POST',
					redirect: 'manual',
					headers: { origin: app.url, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `10.0.${i % 250}.${i % 200}` },
					body
				});
				await check(res, `POST ${action} ${body}`);
			}
		});
	}

	it(`POST /api/subscriptions with ${FORM_CASES * 2} hostile JSON bodies`, async () => {
		const shapes = [
			() => pick(HOSTILE),
			() => JSON.stringify({ email: pick(HOSTILE), kinds: [pick(HOSTILE)], frequency: pick(HOSTILE) }),
			() => JSON.stringify({ email: 'a@example.com', watch: { [pick(['family', 'organization', 'board', 'x'])]: pick(HOSTILE) }, kinds: pick([[], ['jump'], 'jump', null, [1, 2]]) }),
			() => JSON.stringify([1, 2, 3]),
			() => JSON.stringify({ email: 'a@example.com', kinds: ['jump'], frequency: 'daily', digest_hour: pick([-1, 24, 1e9, 'x', null]) }),
			() => '{"email": "a@example.com", "kinds": ["jump"'
		];
		for (let i = 0; i < FORM_CASES * 2; i++) {
			const res = await fetch(`${app.url}/api/subscriptions`, {
				method: 'POST',
				headers: { 'content-type': pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded']), origin: app.url, 'x-forwarded-for': `10.1.${i % 250}.1` },
				body: pick(shapes)()
			});
			await check(res, `POST /api/subscriptions #${i}`);
		}
	});

	it('one-click unsubscribe with forged tokens, no Origin, any body', async () => {
		for (let i = 0; i < FORM_CASES; i++) {
			const res = await fetch(`${app.url}/subscriptions/one-click?token=${enc(pick(HOSTILE))}`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: pick(['List-Unsubscribe=One-Click', '', pick(HOSTILE)])
			});
			await check(res, 'POST /subscriptions/one-click');
		}
	});

	it('covers at least a thousand hostile cases in all', () => {
		expect(tally.requests).toBeGreaterThanOrEqual(1000);
	});
});

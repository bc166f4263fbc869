import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allSources, getSource } from '../../src/lib/catalogue';
import { endpointUrlVariable } from '../../src/lib/server/config';
import { sourcesPage } from '../../src/lib/server/services/source-page';
import { setSourceEnabled } from '../../src/lib/server/db/source-state';
import { listRuns } from '../../src/lib/server/db/runs';
import { cli } from '../helpers/cli';
import { sharedData } from '../helpers/paths';
import { serveBytes, startRecordingServer, type RecordingServer } from '../helpers/recording-server';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { testContext } from '../helpers/context';

const polyglot = readFileSync(sharedData('aider', 'polyglot', '2025-10-04.yml'));
const cloudflare = readFileSync(sharedData('html_fixtures/lmarena_leaderboard_cloudflare_challenge_2026-01-03.html'));
const now = () => new Date('2026-03-20T10:00:00Z');

/** Every endpoint of the named sources pointed at `base`/<source>/<endpoint>, whatever endpoints they declare. */
function pointAt(base: string, ids: string[]): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const s of ids.map((id) => getSource(id)!)) for (const e of s.endpoints) env[endpointUrlVariable(s, e)] = `${base}/${s.id}/${e.name}`;
	return env;
}

/** A port nothing listens on: opened, noted, closed. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address() as AddressInfo;
	await new Promise((r) => server.close(r));
	return port;
}

let server: RecordingServer;
let t: TempDb;
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
	server = await startRecordingServer();
	t = tempDb();
	// No database unless a test names one: doctor must not need (or create) it.
	env = { ...pointAt(server.url, allSources().map((s) => s.id)), RANKDRIFT_DB: join(t.dir, 'absent.db') };
});
afterEach(async () => {
	await server.close();
	t.cleanup();
});

const doctor = async (args: string[], extra: NodeJS.ProcessEnv = {}) => {
	const r = await cli(['doctor', ...args, '--format', 'json'], { ...env, ...extra }, now);
	return { ...r, checks: r.stdout ? (JSON.parse(r.stdout) as Record<string, unknown>[]) : [] };
};

describe('rankdrift doctor', () => {
	it('prints what an endpoint would store — board, as-of, rows, top three, requests, bytes — and stores nothing', async () => {
		server.route('/aider-polyglot/leaderboard', serveBytes(polyglot, 'text/yaml'));
		const { code, checks, stderr } = await doctor(['aider-polyglot']);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(checks).toEqual([
			{
				source: 'aider-polyglot',
				endpoint: 'leaderboard',
				url: `${server.url}/aider-polyglot/leaderboard`,
				ok: true,
				outcome: 'ok',
				reason: null,
				board: 'aider-polyglot',
				as_of: '2026-03-20',
				rows: 69,
				top: ['gpt-5 (high)', 'gpt-5 (medium)', 'o3-pro (high)'],
				requests: 1,
				bytes: polyglot.length,
				ms: expect.any(Number)
			}
		]);
		// The contract's order, too: scripts may print the keys as they come.
		expect(Object.keys(checks[0])).toEqual(['source', 'endpoint', 'url', 'ok', 'outcome', 'reason', 'board', 'as_of', 'rows', 'top', 'requests', 'bytes', 'ms']);
		expect(existsSync(env.RANKDRIFT_DB!)).toBe(false);
	});

	it('the table shows the same for people, with the feed', async () => {
		server.route('/aider-polyglot/leaderboard', serveBytes(polyglot, 'text/yaml'));
		const { code, stdout } = await cli(['doctor', 'aider-polyglot'], env, now);
		expect(code).toBe(0);
		expect(stdout).toMatch(/^ok +aider-polyglot leaderboard +1 request, 44\.7 kB, \d+\.\d s$/m);
		expect(stdout).toMatch(/aider-polyglot +as of 2026-03-20 +69 rows +live-page +top: gpt-5 \(high\), gpt-5 \(medium\), o3-pro \(high\)/);
		expect(stdout).toMatch(/All 1 enabled endpoint would store: this deployment works\./);
	});

	it('a changed layout is rejected with the parser\'s reason; exit 1', async () => {
		server.route('/aider-polyglot/leaderboard', serveBytes('leaderboard:\n  dirname: x\n  model: y\n', 'text/yaml'));
		const { code, checks } = await doctor(['aider-polyglot']);
		expect(code).toBe(1);
		expect(checks).toMatchObject([{ ok: false, outcome: 'rejected', reason: expect.stringMatching(/^layout changed: the top level is a mapping/), board: null, rows: null, top: [], requests: 1 }]);
	});

	it('a Cloudflare challenge is "blocked", whether it comes as 200 or as 403', async () => {
		server.route('/aider-polyglot/leaderboard', serveBytes(cloudflare));
		const ok200 = await doctor(['aider-polyglot']);
		expect(ok200.checks).toMatchObject([{ outcome: 'blocked', reason: expect.stringMatching(/^blocked: Cloudflare challenge page/) }]);
		server.route('/aider-polyglot/leaderboard', (_req, res) => res.writeHead(403, { 'content-type': 'text/html' }).end(cloudflare));
		const refused = await doctor(['aider-polyglot']);
		expect(refused.code).toBe(1);
		expect(refused.checks).toMatchObject([{ outcome: 'blocked', reason: expect.stringMatching(/^blocked: Cloudflare challenge page.*\(HTTP 403 Forbidden\)$/), requests: 1 }]);
	});

	it('HTTP 410 and 503 fail at the first answer: one request, no retry', async () => {
		server.route('/aider-polyglot/leaderboard', (_req, res) => res.writeHead(410).end('gone'));
		const gone = await doctor(['aider-polyglot']);
		expect(gone.code).toBe(1);
		expect(gone.checks).toMatchObject([{ outcome: 'failed', reason: 'HTTP 410 Gone', requests: 1, bytes: 4 }]);
		server.route('/aider-polyglot/leaderboard', (_req, res) => res.writeHead(503).end());
		expect((await doctor(['aider-polyglot'])).checks).toMatchObject([{ outcome: 'failed', reason: 'HTTP 503 after 1 try', requests: 1 }]);
		expect(server.hits.get('/aider-polyglot/leaderboard')).toBe(2);
	});

	it('Artificial Analysis without its key is disabled and not fetched; with a refused key it fails with HTTP 401', async () => {
		const ids = ['artificial-analysis'];
		const missing = await doctor(ids);
		expect(missing.code).toBe(0);
		expect(missing.checks.length).toBe(getSource('artificial-analysis')!.endpoints.length);
		for (const c of missing.checks)
			expect(c).toMatchObject({ ok: false, outcome: 'disabled', reason: expect.stringContaining('ARTIFICIAL_ANALYSIS_API_KEY'), requests: 0 });
		expect(server.hits.size).toBe(0);

		for (const e of getSource('artificial-analysis')!.endpoints)
			server.route(`/artificial-analysis/${e.name}`, (_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid key"}'));
		const refused = await doctor(ids, { ARTIFICIAL_ANALYSIS_API_KEY: 'wrong' });
		expect(refused.code).toBe(1);
		for (const c of refused.checks) expect(c).toMatchObject({ outcome: 'failed', reason: expect.stringContaining('HTTP 401'), requests: 1 });
	});

	it('a retired source (Yupp) is reported and never fetched, and does not fail the check', async () => {
		const { code, checks } = await doctor(['yupp']);
		expect(code).toBe(0);
		expect(checks.map((c) => c.endpoint)).toEqual(getSource('yupp')!.endpoints.map((e) => e.name));
		for (const c of checks) expect(c).toMatchObject({ ok: false, outcome: 'retired', reason: expect.stringMatching(/^retired since 2026-04-15: Yupp shut down/), requests: 0 });
		expect(server.hits.size).toBe(0);
	});

	it('exit 1 when one enabled endpoint fails and the others are fine', async () => {
		server.route('/aider-polyglot/leaderboard', serveBytes(polyglot, 'text/yaml'));
		const { code, checks } = await doctor(['aider-polyglot', 'swebench']);
		expect(code).toBe(1);
		expect(checks.find((c) => c.source === 'aider-polyglot')).toMatchObject({ ok: true });
		expect(checks.filter((c) => c.source === 'swebench').every((c) => !c.ok && c.outcome === 'failed')).toBe(true);
	});

	it('with no network every endpoint says so, in seconds', async () => {
		const port = await closedPort();
		const offline = pointAt(`http://127.0.0.1:${port}`, allSources().map((s) => s.id));
		const started = Date.now();
		const { code, checks } = await doctor([], { ...offline, ARTIFICIAL_ANALYSIS_API_KEY: 'key' });
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(code).toBe(1);
		const enabled = allSources().filter((s) => !s.retired);
		expect(checks.filter((c) => c.outcome !== 'retired')).toHaveLength(enabled.flatMap((s) => s.endpoints).length);
		for (const c of checks.filter((c) => c.outcome !== 'retired'))
			expect(c).toMatchObject({ ok: false, outcome: 'unreachable', reason: `network error: 127.0.0.1:${port} refused the connection (ECONNREFUSED) after 1 try` });

		const table = await cli(['doctor', 'aider-polyglot'], { ...env, ...offline }, now);
		expect(table.stdout).toMatch(/No site answered at all: this machine seems to have no network/);
	});

	it('a host that never answers is unreachable after --timeout seconds, not minutes', async () => {
		server.route('/aider-polyglot/leaderboard', () => {
			/* never answers */
		});
		const started = Date.now();
		const { checks } = await doctor(['aider-polyglot', '--timeout', '1']);
		expect(Date.now() - started).toBeLessThan(4_000);
		expect(checks).toMatchObject([{ outcome: 'unreachable', reason: 'timeout (1 s) after 1 try', requests: 1 }]);
	});

	it('with a database: honours a source switched off there and records the check for the sources page, storing no run', async () => {
		server.route('/aider-polyglot/leaderboard', serveBytes(polyglot, 'text/yaml'));
		setSourceEnabled(t.db, 'livebench', false, now());
		const { code, checks } = await doctor(['aider-polyglot', 'swebench', 'livebench'], { RANKDRIFT_DB: t.path });
		expect(code).toBe(1);
		expect(checks.filter((c) => c.source === 'livebench').every((c) => c.outcome === 'disabled' && c.reason === 'switched off by an administrator')).toBe(true);

		const page = sourcesPage(testContext(t.db));
		const byId = new Map(page.sources.map((s) => [s.id, s]));
		expect(byId.get('aider-polyglot')!.last_check).toEqual({
			checked_at: '2026-03-20T10:00:00.000Z',
			endpoints: [{ endpoint: 'leaderboard', ok: true, outcome: 'ok', reason: null, boards: 1 }]
		});
		expect(byId.get('swebench')!.last_check!.endpoints[0]).toMatchObject({ ok: false, outcome: 'failed', reason: 'HTTP 404 Not Found', boards: 0 });
		expect(byId.get('livebench')!.last_check).toBeNull();
		expect(byId.get('yupp')!.last_check).toBeNull();
		expect(listRuns(t.db, 'aider-polyglot', { limit: 5 })).toEqual([]);
	});

	it('a database that cannot be opened costs only the record: the check still runs and says so', async () => {
		server.route('/aider-polyglot/leaderboard', serveBytes(polyglot, 'text/yaml'));
		const broken = join(t.dir, 'broken.db');
		writeFileSync(broken, 'not a database, just text '.repeat(200));
		const { code, checks, stderr } = await doctor(['aider-polyglot', '--db', broken]);
		expect(code).toBe(0);
		expect(checks).toMatchObject([{ ok: true }]);
		expect(stderr).toMatch(/^rankdrift doctor: the check is not recorded: /);
		const missing = await doctor(['aider-polyglot', '--db', join(t.dir, 'typo.db')]);
		expect(missing.stderr).toMatch(/no database at .*typo\.db; the check is not recorded/);
		expect(existsSync(join(t.dir, 'typo.db'))).toBe(false);
	});

	it('refuses a bad --timeout or an unknown source with a usage error', async () => {
		expect((await cli(['doctor', '--timeout', 'soon'], env)).code).toBe(2);
		const unknown = await cli(['doctor', 'nosuch'], env);
		expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown source "nosuch"') });
		expect((await cli(['doctor', '--format', 'csv'], env)).code).toBe(2);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { cli } from '../helpers/cli';
import {
	confirmByToken,
	deleteAllManaged,
	linkToken,
	manageAccess,
	requestSubscription,
	tokenKey,
	unsubscribeByToken,
	updateManaged
} from '../../src/lib/server/alerts/subscriptions';
import { createToken, verifyToken } from '../../src/lib/server/alerts/tokens';
import { normalizeEmail, parseSettings, parseSubscriptionRequest } from '../../src/lib/server/alerts/validate';
import { checkWebhookTarget, isPrivateAddress } from '../../src/lib/server/alerts/webhook-url';
import { dispatchOutbox } from '../../src/lib/server/alerts/dispatch';
import { deliveryHealth } from '../../src/lib/server/alerts/health';
import { dueAt, wants } from '../../src/lib/server/alerts/match';
import { getSetting, listSubscriptions, type SubscriptionRow } from '../../src/lib/server/db/alerts';
import { listDeliveries } from '../../src/lib/server/db/alert-outbox';
import type { AlertItem } from '../../src/lib/server/alerts/types';
import { alertMessage } from '../../src/lib/server/alerts/render';
import { config } from '../../src/lib/server/config';

// Subscriptions without a mail server: validation, signed links, rate limits, webhook targets,
// matching rules, managing, and what happens while sending is off.

const env: NodeJS.ProcessEnv = { PUBLIC_URL: 'https://rankdrift.example', RANKDRIFT_ALERTS_CLIENT_LIMIT: '5', RANKDRIFT_ALERTS_ADDRESS_LIMIT: '2' };
let t: TempDb;

beforeAll(() => {
	t = tempDb();
});
afterAll(() => t?.cleanup());

const subOf = (target: string) => listSubscriptions(t.db).filter((s) => s.target === target);

describe('subscription requests', () => {
	it('validates addresses, kinds and settings with messages that say what is wrong', () => {
		expect(normalizeEmail('  Ann.Lee+alerts@Example.COM ')).toBe('ann.lee+alerts@example.com');
		for (const bad of ['ann', 'ann@', '@example.com', 'ann@example', 'a b@example.com', 'ann@exa mple.com', 'ann..lee@example.com', `${'a'.repeat(65)}@example.com`, 'ann@example.com\r\nBcc: x@y.z'])
			expect(normalizeEmail(bad), bad).toBeNull();
		expect(parseSubscriptionRequest({ email: 'nope' })).toEqual({ ok: false, problems: ['email is not a valid address'] });
		const r = parseSubscriptionRequest({ email: 'a@example.com', kinds: ['new-leader', 'teleport'], frequency: 'hourly', digest_hour: 25, extra: 1 });
		expect(r.ok).toBe(false);
		const problems = (r as { problems: string[] }).problems.join(' | ');
		expect(problems).toMatch(/unknown field "extra"/);
		expect(problems).toMatch(/each kind must be one of/);
		expect(problems).toMatch(/frequency must be "immediate" or "daily"/);
		expect(problems).toMatch(/digest_hour must be 0–23/);
		expect(parseSubscriptionRequest({ email: 'a@example.com', webhook: 'https://x.example/' })).toEqual({ ok: false, problems: ['give either "email" or "webhook"'] });
		expect(parseSubscriptionRequest({ email: 'a@example.com', watch: { family: 'x', board: 'y' } }).ok).toBe(false);
		expect(parseSubscriptionRequest({ webhook: 'ftp://x.example/' })).toEqual({ ok: false, problems: ['webhook must be an http:// or https:// URL without credentials'] });
		const ok = parseSubscriptionRequest({ email: 'a@example.com', watch: { organization: 'OpenAI' } });
		expect(ok).toMatchObject({ ok: true, value: { channel: 'email', watch: { type: 'organization', value: 'OpenAI' }, kinds: ['jump', 'new-leader', 'new-entrant', 'delisted'], frequency: 'immediate', minSeverity: 'low' } });
	});

	it('answers the same for a known and an unknown address, and sends one confirmation per request', async () => {
		const first = await requestSubscription(t.db, config(env), { email: 'known@example.com' }, 'client-a', new Date());
		const again = await requestSubscription(t.db, config(env), { email: 'known@example.com' }, 'client-a', new Date());
		const fresh = await requestSubscription(t.db, config(env), { email: 'fresh@example.com' }, 'client-a', new Date());
		expect(first).toEqual(again);
		expect(again).toEqual(fresh);
		expect(first.status).toBe(202);
		// A repeated request replaces the unconfirmed one: one pending subscription, a confirmation for each request.
		expect(subOf('known@example.com')).toHaveLength(1);
		expect(listDeliveries(t.db, 50).filter((d) => d.purpose === 'confirmation' && d.subscription_id === subOf('known@example.com')[0].id)).toHaveLength(1);
	});

	it('limits requests per client (429) and per address (the same 202, nothing more queued)', async () => {
		const now = new Date('2030-01-01T10:00:00Z');
		for (let i = 0; i < 2; i++) expect((await requestSubscription(t.db, config(env), { email: 'limited@example.com' }, 'client-b', now)).status).toBe(202);
		const deliveriesBefore = listDeliveries(t.db, 500).length;
		const third = await requestSubscription(t.db, config(env), { email: 'limited@example.com' }, 'client-b', now);
		expect(third.status).toBe(202);
		expect(listDeliveries(t.db, 500).length).toBe(deliveriesBefore);
		for (let i = 0; i < 2; i++) await requestSubscription(t.db, config(env), { email: `other${i}@example.com` }, 'client-b', now);
		const over = await requestSubscription(t.db, config(env), { email: 'someone@example.com' }, 'client-b', now);
		expect(over).toMatchObject({ status: 429 });
		expect((over as { retryAfterS: number }).retryAfterS).toBe(3600);
		// Another hour, another window.
		expect((await requestSubscription(t.db, config(env), { email: 'someone@example.com' }, 'client-b', new Date('2030-01-01T11:00:00Z'))).status).toBe(202);
		// Nothing about the address or the client is stored in the counters.
		const keys = (t.db.prepare('SELECT key FROM alert_rate_limits').all() as { key: string }[]).map((r) => r.key).join(' ');
		expect(keys).not.toMatch(/limited|client-b|example/);
	});

	it('refuses a board that does not exist', async () => {
		const r = await requestSubscription(t.db, config(env), { email: 'b@example.com', watch: { board: 'no-such-board' } }, 'client-c', new Date());
		expect(r).toEqual({ status: 400, problems: ['no board "no-such-board" is known'] });
		expect((await requestSubscription(t.db, config(env), { email: 'b@example.com', watch: { board: 'lmarena-text' } }, 'client-c', new Date())).status).toBe(202);
	});
});

describe('signed links', () => {
	it('confirms with a valid token; forged, altered, expired and wrong-purpose tokens are refused', async () => {
		await requestSubscription(t.db, config(env), { email: 'link@example.com' }, 'client-d', new Date());
		const sub = subOf('link@example.com')[0];
		const token = linkToken(t.db, config(env), 'confirm', sub, new Date());
		const forged = createToken(Buffer.from('not the key'), { p: 'confirm', s: sub.id, n: sub.nonce }, new Date());
		expect(confirmByToken(t.db, config(env), forged, new Date())).toEqual({ ok: false, problem: 'invalid' });
		const [body, sig] = token.split('.');
		const altered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), s: sub.id + 1 })).toString('base64url');
		expect(confirmByToken(t.db, config(env), `${altered}.${sig}`, new Date())).toEqual({ ok: false, problem: 'invalid' });
		expect(confirmByToken(t.db, config(env), 'garbage', new Date())).toEqual({ ok: false, problem: 'invalid' });
		expect(confirmByToken(t.db, config(env), null, new Date())).toEqual({ ok: false, problem: 'invalid' });
		expect(unsubscribeByToken(t.db, config(env), token, new Date())).toEqual({ ok: false, problem: 'invalid' });
		expect(confirmByToken(t.db, config(env), token, new Date(Date.now() + 49 * 3600_000))).toEqual({ ok: false, problem: 'expired' });
		const done = confirmByToken(t.db, config(env), token, new Date());
		expect(done.ok).toBe(true);
		expect(subOf('link@example.com')[0]).toMatchObject({ status: 'active' });
		expect(verifyToken(tokenKey(t.db, config(env)), token, 'confirm', new Date()).ok).toBe(true);
	});

	it('keeps a generated key in the database when ALERTS_SECRET is unset, and uses ALERTS_SECRET when set', () => {
		const stored = getSetting(t.db, 'alerts_secret');
		expect(stored).toMatch(/^[0-9a-f]{64}$/);
		const sub = subOf('link@example.com')[0];
		const withSecret = { ...env, ALERTS_SECRET: 'x'.repeat(40) };
		const token = linkToken(t.db, config(withSecret), 'unsubscribe', sub, new Date());
		expect(verifyToken(tokenKey(t.db, config(withSecret)), token, 'unsubscribe', new Date()).ok).toBe(true);
		expect(verifyToken(tokenKey(t.db, config(env)), token, 'unsubscribe', new Date())).toEqual({ ok: false, reason: 'invalid' });
	});

	it('a manage link lists, changes and deletes everything of one address, and nothing of another', async () => {
		await requestSubscription(t.db, config(env), { email: 'many@example.com', watch: { family: 'gpt-4o' } }, 'client-e', new Date());
		await requestSubscription(t.db, config(env), { email: 'many@example.com', watch: { organization: 'Google' }, kinds: ['new-leader'] }, 'client-e', new Date());
		const subs = subOf('many@example.com');
		for (const s of subs) confirmByToken(t.db, config(env), linkToken(t.db, config(env), 'confirm', s, new Date()), new Date());
		const token = linkToken(t.db, config(env), 'manage', subs[0], new Date());
		const access = manageAccess(t.db, config(env), token, new Date());
		expect(access.ok && access.subscriptions.map((s) => s.id)).toEqual(subs.map((s) => s.id));
		const other = subOf('link@example.com')[0];
		if (!access.ok) throw new Error('no access');
		expect(updateManaged(t.db, access, other.id, parseSettings({ kinds: ['jump'] }), new Date())).toEqual({ ok: false, problems: ['that subscription is not one of this address'] });
		expect(updateManaged(t.db, access, subs[1].id, parseSettings({ kinds: ['jump', 'divergence'], divergence_level: '0.5', frequency: 'daily', digest_hour: '6' }), new Date())).toEqual({ ok: true });
		expect(subOf('many@example.com')[1]).toMatchObject({ kinds: '["jump","divergence"]', divergence_level: 0.5, frequency: 'daily', digest_hour: 6 });
		expect(deleteAllManaged(t.db, access)).toBe(2);
		expect(subOf('many@example.com')).toEqual([]);
		expect(subOf('link@example.com')).toHaveLength(1);
		// The link dies with what it managed, and stays dead for a later subscription of the address.
		expect(manageAccess(t.db, config(env), token, new Date())).toEqual({ ok: false, problem: 'gone' });
		const later = new Date(Date.now() + 2 * 3_600_000); // past this hour's per-address limit
		await requestSubscription(t.db, config(env), { email: 'many@example.com' }, 'client-e', later);
		expect(subOf('many@example.com')).toHaveLength(1);
		expect(manageAccess(t.db, config(env), token, later)).toEqual({ ok: false, problem: 'gone' });
		expect(manageAccess(t.db, config(env), linkToken(t.db, config(env), 'manage', subOf('many@example.com')[0], later), later).ok).toBe(true);
	});
});

describe('webhook targets', () => {
	it('refuses loopback, private, link-local and mapped addresses unless allowed', async () => {
		for (const a of ['127.0.0.1', '10.2.3.4', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:a00:1'])
			expect(isPrivateAddress(a), a).toBe(true);
		for (const a of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111']) expect(isPrivateAddress(a), a).toBe(false);
		expect(await checkWebhookTarget('http://127.0.0.1:9/hook', false)).toMatchObject({ ok: false, reason: expect.stringMatching(/127\.0\.0\.1.*loopback, private or reserved/) });
		expect(await checkWebhookTarget('http://localhost:9/hook', false)).toMatchObject({ ok: false });
		expect(await checkWebhookTarget('http://[::1]:9/hook', false)).toMatchObject({ ok: false });
		expect(await checkWebhookTarget('http://localhost:9/hook', true)).toMatchObject({ ok: true });
		expect(await checkWebhookTarget('http://no-such-host.invalid/hook', true)).toMatchObject({ ok: false, reason: expect.stringMatching(/does not resolve/) });
		const refused = await requestSubscription(t.db, config(env), { webhook: 'http://127.0.0.1:9/hook' }, 'client-f', new Date());
		expect(refused).toMatchObject({ status: 400 });
	});
});

describe('matching and schedule', () => {
	const sub = (over: Partial<SubscriptionRow>): SubscriptionRow => ({
		id: 1, channel: 'email', target: 'x@example.com', target_digest: 'd', webhook_secret: null, watch_type: null, watch_value: null,
		kinds: '["new-leader","divergence"]', min_severity: 'low', divergence_level: 0.3, frequency: 'immediate', digest_hour: 7,
		status: 'active', nonce: 'n', created_at: '2030-01-01T00:00:00.000Z', confirmed_at: '2030-01-01T00:00:00.000Z', ...over
	});
	const item = (over: Partial<AlertItem>): AlertItem => ({
		key: 'k', kind: 'new-leader', severity: 'high', boards: ['lmarena-text'], families: ['gpt-4o'], organizations: ['OpenAI'], date: '2030-01-02',
		title: 't', facts: {}, magnitude: null, previousMagnitude: null, firstSeen: '2030-01-02T00:00:00.000Z', ...over
	});

	it('matches kind, severity, watch and confirmation time; divergence only when it crosses the level', () => {
		expect(wants(sub({}), item({}))).toBe(true);
		expect(wants(sub({ confirmed_at: '2030-01-03T00:00:00.000Z' }), item({}))).toBe(false);
		expect(wants(sub({ status: 'pending', confirmed_at: null }), item({}))).toBe(false);
		expect(wants(sub({ kinds: '["jump"]' }), item({}))).toBe(false);
		expect(wants(sub({ min_severity: 'high' }), item({ severity: 'medium' }))).toBe(false);
		expect(wants(sub({ watch_type: 'organization', watch_value: 'openai' }), item({}))).toBe(true);
		expect(wants(sub({ watch_type: 'family', watch_value: 'gemini-1.5-pro' }), item({}))).toBe(false);
		expect(wants(sub({ watch_type: 'board', watch_value: 'lmarena-text' }), item({}))).toBe(true);
		const div = (m: number, prev: number | null) => item({ kind: 'divergence', magnitude: m, previousMagnitude: prev });
		expect(wants(sub({}), div(0.45, 0.1))).toBe(true);
		expect(wants(sub({}), div(0.45, null))).toBe(true);
		expect(wants(sub({}), div(0.45, 0.35))).toBe(false);
		expect(wants(sub({}), div(0.2, 0.1))).toBe(false);
	});

	it('escapes scraped text in the HTML part and keeps the subject on one line', () => {
		const evil = 'Evil<script>alert(1)</script> & "Co"\r\nBcc: x@y.z';
		const msg = alertMessage(sub({}), [item({ title: `${evil} is now #1`, facts: { event_kind: 'new-leader', board: 'lmarena-text', date: '2030-01-02', previous_date: '2030-01-01', model: evil, to_rank: 1, from_rank: null } })], {
			base: 'https://rankdrift.example',
			digest: false,
			now: new Date('2030-01-02T00:00:00Z'),
			links: { manage: 'https://rankdrift.example/m', unsubscribe: 'https://rankdrift.example/u' }
		});
		expect(msg.html).not.toContain('<script>');
		expect(msg.html).toContain('Evil&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
		expect(msg.text).toContain('Evil<script>alert(1)</script>');
		expect(msg.subject).not.toMatch(/[\r\n]/);
	});

	it('puts immediate alerts due now and digests at the next chosen hour (UTC)', () => {
		const now = new Date('2030-01-01T09:30:00Z');
		expect(dueAt({ frequency: 'immediate', digest_hour: 7 }, now)).toBe(now.toISOString());
		expect(dueAt({ frequency: 'daily', digest_hour: 7 }, now)).toBe('2030-01-02T07:00:00.000Z');
		expect(dueAt({ frequency: 'daily', digest_hour: 18 }, now)).toBe('2030-01-01T18:00:00.000Z');
	});
});

describe('with no SMTP server configured', () => {
	it('records everything, sends nothing, does not crash, and says sending is off', async () => {
		const pendingBefore = listDeliveries(t.db, 500).filter((d) => d.status === 'pending').length;
		expect(pendingBefore).toBeGreaterThan(0);
		const summary = await dispatchOutbox(t.db, { config: config(env), ignoreBackoff: true });
		expect(summary).toMatchObject({ sendingOff: true, sent: 0, failed: 0 });
		expect(summary.waiting).toBe(pendingBefore);
		expect(listDeliveries(t.db, 500).filter((d) => d.status === 'pending').length).toBe(pendingBefore);
		expect(listDeliveries(t.db, 500).every((d) => d.attempts === 0)).toBe(true);
		const health = deliveryHealth(t.db, config(env));
		expect(health).toMatchObject({ emailSending: false, status: 'off', failed: 0 });
		const status = await cli(['alerts', 'status', '--format', 'json', '--db', t.path], env);
		expect(JSON.parse(status.stdout)[0]).toMatchObject({ status: 'off', email_sending: false, pending: pendingBefore });
		const dispatch = await cli(['alerts', 'dispatch', '--db', t.path], env);
		expect(dispatch.code).toBe(0);
		expect(dispatch.stderr).toMatch(/email sending is off/);
	});

	it('lists subscriptions for an operator', async () => {
		const r = await cli(['alerts', 'list', '--format', 'json', '--db', t.path], env);
		const rows = JSON.parse(r.stdout) as { target: string; status: string; watch: string }[];
		expect(rows.map((x) => x.target)).toEqual(listSubscriptions(t.db).map((s) => s.target));
		expect(rows.find((x) => x.target === 'b@example.com')).toMatchObject({ watch: 'board:lmarena-text', status: 'pending' });
		expect((await cli(['alerts', 'nope', '--db', t.path], env)).code).toBe(2);
	});
});

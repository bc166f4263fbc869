import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { sharedData } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { startWebhookReceiver, type WebhookReceiver } from '../fixtures/alerts/webhook-receiver';
import { requestSubscription } from '../../src/lib/server/alerts/subscriptions';
import { requestDispatch, settleDispatches } from '../../src/lib/server/alerts/runner';
import { dispatchOutbox } from '../../src/lib/server/alerts/dispatch';
import { listSubscriptions } from '../../src/lib/server/db/alerts';
import { listDeliveries } from '../../src/lib/server/db/alert-outbox';
import { listEvents } from '../../src/lib/server/db/analysis';
import { listFindings } from '../../src/lib/server/analysis/findings';
import { config } from '../../src/lib/server/config';

// Webhooks against a real local HTTP receiver: challenge → signed JSON per event → retries with one
// delivery id → no duplicates. The receiver is on loopback, so RANKDRIFT_WEBHOOK_ALLOW_PRIVATE=1.

const hf = (...files: string[]) => files.map((f) => sharedData('lmarena_fboulnois/hfspace_text', f));
let hook: WebhookReceiver;
let t: TempDb;

const importFiles = async (...files: string[]) => {
	const r = await cli(['import', 'lmarena-text', ...hf(...files), '--db', t.path], process.env);
	expect(r.code, r.stderr).toBe(0);
	await settleDispatches();
};

beforeAll(async () => {
	hook = await startWebhookReceiver();
	Object.assign(process.env, { PUBLIC_URL: 'https://rankdrift.example', RANKDRIFT_WEBHOOK_ALLOW_PRIVATE: '1', RANKDRIFT_ALERTS_CLIENT_LIMIT: '1000' });
	delete process.env.SMTP_URL;
	t = tempDb();
	await importFiles('2024-08-23.csv', '2024-08-24.csv', '2024-08-28.csv', '2024-08-30.csv', '2024-09-06.csv', '2024-09-09.csv', '2024-09-11.csv');
}, 60_000);

afterAll(async () => {
	await settleDispatches();
	await hook?.close();
	t?.cleanup();
});

describe('webhook alerts', () => {
	it('a refused challenge leaves the subscription unconfirmed, sends nothing and is not retried', async () => {
		const stranger = await startWebhookReceiver();
		stranger.refuseChallenge = true;
		try {
			const r = await requestSubscription(t.db, config(process.env), { webhook: stranger.url, kinds: ['new-leader'] }, 'c1', new Date());
			expect(r.status).toBe(202);
			await requestDispatch(t.db, config(process.env));
			await dispatchOutbox(t.db, { config: config(process.env), ignoreBackoff: true });
			expect(stranger.received.map((x) => x.event)).toEqual(['challenge']);
			const sub = listSubscriptions(t.db).find((s) => s.target === stranger.url)!;
			expect(sub.status).toBe('pending');
			expect(listDeliveries(t.db, 50).find((d) => d.subscription_id === sub.id)).toMatchObject({ purpose: 'challenge', status: 'failed', last_error: expect.stringMatching(/did not echo/) });
		} finally {
			await stranger.close();
		}
	});

	it('confirms by challenge, then posts each new event once, signed, retrying a 503 under the same delivery id', async () => {
		const r = await requestSubscription(t.db, config(process.env), { webhook: { url: hook.url, secret: 'a-shared-secret-of-some-length' }, kinds: ['new-leader', 'new-entrant'], watch: { board: 'lmarena-text' } }, 'c2', new Date());
		expect(r).toMatchObject({ status: 202, channel: 'webhook' });
		await requestDispatch(t.db, config(process.env));
		expect(hook.secret).toBe('a-shared-secret-of-some-length');
		expect(listSubscriptions(t.db).find((s) => s.target === hook.url)).toMatchObject({ status: 'active' });

		hook.failNext = 1;
		await importFiles('2024-09-17.csv', '2024-09-19.csv');
		// ChatGPT-4o-latest leads again; o1-preview enters at #1 (its entry and lead one story) and o1-mini enters.
		const expected = listFindings(t.db, { board: 'lmarena-text', since: '2024-09-17', until: '2024-09-19' }).filter((f) => f.kind === 'new-leader' || f.kind === 'new-entrant');
		expect(expected.map((f) => [f.kind, f.model])).toEqual([['new-entrant', 'o1-mini'], ['new-leader', 'o1-preview'], ['new-leader', 'ChatGPT-4o-latest (2024-09-03)']]);
		expect(listEvents(t.db, { board: 'lmarena-text', since: '2024-09-17', until: '2024-09-19' }).filter((e) => e.kind === 'new-leader' || e.kind === 'new-entrant')).toHaveLength(5);
		// One request per finding; the first got a 503 and waits for its retry.
		expect(hook.alerts()).toHaveLength(expected.length);
		const retrying = listDeliveries(t.db, 50).filter((d) => d.status === 'pending' && d.purpose === 'alert');
		expect(retrying).toHaveLength(1);
		expect(retrying[0].last_error).toMatch(/HTTP 503/);

		await dispatchOutbox(t.db, { config: config(process.env), ignoreBackoff: true });
		await dispatchOutbox(t.db, { config: config(process.env), ignoreBackoff: true });
		const alerts = hook.alerts();
		expect(alerts).toHaveLength(expected.length + 1);
		expect(alerts.every((a) => a.signatureValid)).toBe(true);
		// The retry carried the delivery id of the failed attempt; every finding arrived under exactly one id.
		const byDelivery = new Map<string, Set<string>>();
		for (const a of alerts) byDelivery.set(a.delivery, new Set([...(byDelivery.get(a.delivery) ?? []), a.body.alert.key]));
		expect(byDelivery.size).toBe(expected.length);
		expect(new Set(alerts.map((a) => a.body.alert.key))).toEqual(new Set(expected.map((f) => `finding:${f.id}`)));
		const o1 = alerts.find((a) => a.body.alert.facts.model === 'o1-preview' && a.body.alert.kind === 'new-leader')!;
		expect(o1.body).toMatchObject({ type: 'rankdrift.alert', alert: { severity: 'high', boards: ['lmarena-text'], date: '2024-09-19', facts: { to_rank: 1, board: 'lmarena-text' } } });
		expect(o1.body.alert.links[0].url).toBe('https://rankdrift.example/boards/lmarena-text?date=2024-09-19');
		// The signature is HMAC-SHA256 over "timestamp.body" with the subscriber's secret.
		const raw = JSON.stringify(o1.body);
		expect(o1.signature).toBe('sha256=' + createHmac('sha256', 'a-shared-secret-of-some-length').update(`${o1.timestamp}.${raw}`).digest('hex'));

		// Nothing more on a re-import or another run.
		await importFiles('2024-09-19.csv');
		await dispatchOutbox(t.db, { config: config(process.env), ignoreBackoff: true });
		expect(hook.alerts()).toHaveLength(expected.length + 1);
	});

	it('a receiver that went away keeps its alerts pending for a retry', async () => {
		const gone = await startWebhookReceiver();
		try {
			await requestSubscription(t.db, config(process.env), { webhook: gone.url, kinds: ['new-entrant'] }, 'c3', new Date());
			await requestDispatch(t.db, config(process.env));
			await gone.close();
			// The URL now refuses connections: a transient failure, kept for a retry. The host's other
			// alerts are not tried in the same pass (each would cost a connection attempt, or a deadline).
			await importFiles('2024-09-28.csv', '2024-10-08.csv');
			const d = listDeliveries(t.db, 50).filter((x) => x.subscription_id === listSubscriptions(t.db).find((s) => s.target === gone.url)!.id && x.purpose === 'alert');
			expect(d.length).toBeGreaterThan(1);
			expect(d.every((x) => x.status === 'pending')).toBe(true);
			const tried = d.filter((x) => x.attempts > 0);
			expect(tried).toHaveLength(1);
			expect(tried[0].last_error).toMatch(/ECONNREFUSED/);
		} finally {
			await gone.close().catch(() => undefined);
		}
	});
});

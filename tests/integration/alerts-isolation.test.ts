import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { startSmtpSink, type SmtpSink } from '../fixtures/alerts/smtp-sink';
import { startHostileReceiver, type HostileReceiver } from '../fixtures/alerts/slow-receiver';
import { startWebhookReceiver } from '../fixtures/alerts/webhook-receiver';
import { requestSubscription } from '../../src/lib/server/alerts/subscriptions';
import { requestDispatch, settleDispatches } from '../../src/lib/server/alerts/runner';
import { listSubscriptions } from '../../src/lib/server/db/alerts';
import { listDeliveries } from '../../src/lib/server/db/alert-outbox';
import { config } from '../../src/lib/server/config';

// A slow or hostile webhook receiver harms nobody else: real receivers and a real SMTP server on
// 127.0.0.1. The webhook deadline is 3 s here (10 s by default).

const DEADLINE_S = 3;
let sink: SmtpSink;
let t: TempDb;
let env: NodeJS.ProcessEnv;
const hostile: HostileReceiver[] = [];

const waitUntil = async (pred: () => boolean, ms = 5000) => {
	const end = Date.now() + ms;
	while (!pred()) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 10));
	}
};
const deliveryOf = (target: string) => {
	const sub = listSubscriptions(t.db).find((s) => s.target === target)!;
	return listDeliveries(t.db, 100).find((d) => d.subscription_id === sub.id)!;
};
const receiver = async (mode: 'drip' | 'flood') => {
	const r = await startHostileReceiver(mode);
	hostile.push(r);
	return r;
};

beforeAll(async () => {
	sink = await startSmtpSink();
	env = {
		...process.env,
		SMTP_URL: sink.url,
		PUBLIC_URL: 'https://rankdrift.example',
		RANKDRIFT_WEBHOOK_ALLOW_PRIVATE: '1',
		RANKDRIFT_WEBHOOK_TIMEOUT_S: String(DEADLINE_S),
		RANKDRIFT_ALERTS_CLIENT_LIMIT: '1000'
	};
	t = tempDb();
});

afterAll(async () => {
	await settleDispatches();
	for (const r of hostile) await r.close();
	await sink?.stop();
	t?.cleanup();
});

describe('receivers kept apart', () => {
	it('a receiver dripping its answer delays nobody’s confirmation and is cut off at its deadline, to be retried', async () => {
		const drip = await receiver('drip');
		expect(await requestSubscription(t.db, config(env), { webhook: drip.url }, 'hook-client', new Date())).toMatchObject({ status: 202 });
		const hookPass = requestDispatch(t.db, config(env));
		await waitUntil(() => drip.requests.length === 1);

		const asked = Date.now();
		expect(await requestSubscription(t.db, config(env), { email: 'bystander@example.com' }, 'mail-client', new Date())).toMatchObject({ status: 202 });
		void requestDispatch(t.db, config(env));
		await sink.waitFor(1, 5000);
		const waited = sink.messages[0].receivedAt - asked;
		expect(sink.messages[0].to).toEqual(['bystander@example.com']);
		expect(drip.requests[0].closedAt, 'the slow request is still running').toBeNull();
		expect(waited).toBeLessThan(1000);

		await hookPass;
		await waitUntil(() => drip.requests[0].closedAt !== null);
		const held = drip.requests[0].closedAt! - drip.requests[0].startedAt;
		expect(held).toBeGreaterThanOrEqual(DEADLINE_S * 1000 - 100);
		expect(held).toBeLessThan(DEADLINE_S * 1000 + 1000);
		expect(deliveryOf(drip.url)).toMatchObject({ purpose: 'challenge', status: 'pending', attempts: 1, last_error: `ETIMEDOUT: the receiver did not answer in full within ${DEADLINE_S} s` });
		console.log(`dripping receiver: confirmation mail accepted ${waited} ms after the request; the drip was cut off after ${held} ms (deadline ${DEADLINE_S} s)`);
	}, 20_000);

	it('a receiver streaming an endless answer is read only up to the cap, well before the deadline', async () => {
		const flood = await receiver('flood');
		await requestSubscription(t.db, config(env), { webhook: flood.url }, 'flood-client', new Date());
		const started = Date.now();
		await requestDispatch(t.db, config(env));
		const took = Date.now() - started;
		expect(took).toBeLessThan(DEADLINE_S * 1000 - 1000);
		// It answered 200 without echoing the challenge: refused for good, not timed out.
		expect(deliveryOf(flood.url)).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/did not echo the challenge/) });
		await waitUntil(() => flood.requests[0].closedAt !== null);
		console.log(`flooding receiver: cut off after ${took} ms, having written ${flood.requests[0].bytes} bytes`);
	});

	it('different hosts are sent to side by side: two slow ones end together, a quick one is not kept waiting', async () => {
		const slow = [await receiver('drip'), await receiver('drip')];
		const quick = await startWebhookReceiver();
		try {
			for (const [i, r] of slow.entries()) await requestSubscription(t.db, config(env), { webhook: r.url }, `slow-${i}`, new Date());
			await requestSubscription(t.db, config(env), { webhook: quick.url }, 'quick', new Date());
			const started = Date.now();
			const pass = requestDispatch(t.db, config(env));
			await quick.waitFor(() => quick.received.length === 1, 5000);
			expect(Date.now() - started).toBeLessThan(1000);
			await pass;
			await waitUntil(() => slow.every((r) => r.requests[0].closedAt !== null));
			const ends = slow.map((r) => r.requests[0].closedAt! - started);
			for (const end of ends) expect(end).toBeLessThan(DEADLINE_S * 1000 + 1000);
			expect(listSubscriptions(t.db).find((s) => s.target === quick.url)?.status).toBe('active');
		} finally {
			await quick.close();
		}
	}, 20_000);
});

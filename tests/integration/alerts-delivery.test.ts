import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { sharedData } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { startSmtpSink, type SmtpSink } from '../fixtures/alerts/smtp-sink';
import { linkIn, type ReceivedMail } from '../fixtures/alerts/mail';
import { confirmByToken, requestSubscription, unsubscribeByToken } from '../../src/lib/server/alerts/subscriptions';
import { requestDispatch, settleDispatches } from '../../src/lib/server/alerts/runner';
import { decideAlerts, decideSourceAlerts } from '../../src/lib/server/alerts/decide';
import { assembleDeliveries, dispatchOutbox } from '../../src/lib/server/alerts/dispatch';
import { eventItem } from '../../src/lib/server/alerts/items';
import { listSubscriptions } from '../../src/lib/server/db/alerts';
import { deliveryHealth } from '../../src/lib/server/alerts/health';
import { claimDelivery, enqueue, insertItemOnce, listDeliveries } from '../../src/lib/server/db/alert-outbox';
import { listEvents } from '../../src/lib/server/db/analysis';
import { listFindings } from '../../src/lib/server/analysis/findings';
import { listSnapshots } from '../../src/lib/server/db/snapshots';
import { finishRun, startRun } from '../../src/lib/server/db/runs';
import { config } from '../../src/lib/server/config';

// The whole email path against a real SMTP server on 127.0.0.1: subscribe → confirmation → confirm →
// recorded snapshots imported through the CLI (analysis → decision → outbox → immediate dispatch) →
// one alert per change, never twice; outages, permanent refusals, crashes, digests, source health.

const hf = (...files: string[]) => files.map((f) => sharedData('lmarena_fboulnois/hfspace_text', f));
const BASE = 'https://rankdrift.example';

let sink: SmtpSink;
let t: TempDb;

const to = (address: string) => sink.messages.filter((m) => m.to.includes(address));
const importFiles = async (...files: string[]) => {
	const r = await cli(['import', 'lmarena-text', ...hf(...files), '--db', t.path], process.env);
	expect(r.code, r.stderr).toBe(0);
	await settleDispatches();
};

async function subscribeAndConfirm(email: string, body: Record<string, unknown>): Promise<ReceivedMail> {
	const before = sink.messages.length;
	const outcome = await requestSubscription(t.db, config(process.env), { email, ...body }, `client-${email}`, new Date());
	expect(outcome.status).toBe(202);
	await requestDispatch(t.db, config(process.env));
	await sink.waitFor(before + 1);
	const confirmation = to(email).at(-1)!;
	const token = new URL(linkIn(confirmation.text, `${BASE}/subscriptions/confirm?token=`)).searchParams.get('token');
	const done = confirmByToken(t.db, config(process.env), token, new Date());
	expect(done.ok).toBe(true);
	return confirmation;
}

beforeAll(async () => {
	sink = await startSmtpSink();
	// The pipeline dispatches with the process environment (as `rankdrift import` does).
	Object.assign(process.env, { SMTP_URL: sink.url, PUBLIC_URL: BASE, ALERTS_FROM: 'rankdrift <alerts@rankdrift.example>', RANKDRIFT_ALERTS_CLIENT_LIMIT: '1000' });
	t = tempDb();
	// History up to 2024-08-01, before anyone subscribed.
	await importFiles('2024-06-19.csv', '2024-07-07.csv', '2024-07-10.csv', '2024-07-18.csv', '2024-07-24.csv', '2024-07-26.csv', '2024-07-31.csv', '2024-08-01.csv');
}, 60_000);

afterAll(async () => {
	await settleDispatches();
	await sink?.stop();
	t?.cleanup();
});

describe('email alerts end to end', () => {
	it('sends only the confirmation until confirmed, then exactly one alert naming the new leader, with RFC 8058 headers', async () => {
		const outcome = await requestSubscription(t.db, config(process.env), { email: 'Ann@Example.com', kinds: ['new-leader'] }, 'client-ann', new Date());
		expect(outcome).toMatchObject({ status: 202 });
		await requestDispatch(t.db, config(process.env));
		await sink.waitFor(1);
		const confirmation = to('ann@example.com')[0];
		expect(confirmation.subject).toMatch(/Confirm/);
		expect(confirmation.headers.has('list-unsubscribe')).toBe(false);
		const confirmLink = linkIn(confirmation.text, `${BASE}/subscriptions/confirm?token=`);
		expect(confirmation.html).toContain('Confirm my alerts');

		// A new leader while the subscription is pending: nothing is sent, not even after confirming.
		await importFiles('2024-08-02.csv');
		expect(listEvents(t.db, { kind: 'new-leader', since: '2024-08-02', until: '2024-08-02' }).map((e) => e.model)).toEqual(['Gemini-1.5-Pro-Exp-0801']);
		expect(to('ann@example.com')).toHaveLength(1);
		expect(confirmByToken(t.db, config(process.env), new URL(confirmLink).searchParams.get('token'), new Date()).ok).toBe(true);
		await requestDispatch(t.db, config(process.env));
		expect(to('ann@example.com')).toHaveLength(1);

		// The next new leader arrives with a later import: one message, immediately.
		await importFiles('2024-08-06.csv', '2024-08-07.csv', '2024-08-14.csv');
		const leader = listEvents(t.db, { kind: 'new-leader', since: '2024-08-14', until: '2024-08-14' })[0];
		expect(leader.model).toBe('ChatGPT-4o-latest (2024-08-08)');
		await sink.waitFor(2);
		const alerts = to('ann@example.com').slice(1);
		expect(alerts).toHaveLength(1);
		const mail = alerts[0];
		expect(mail.subject).toContain('ChatGPT-4o-latest (2024-08-08)');
		expect(mail.text).toContain(leader.detail);
		expect(mail.text).toContain('Rank: not ranked → #1 on lmarena-text (snapshots 2024-08-07 → 2024-08-14)');
		expect(mail.text).toMatch(/Lead over Gemini-1\.5-Pro-Exp-0801 \(#\d+, score [\d,.]+/);
		expect(mail.text).toContain(`${BASE}/boards/lmarena-text?date=2024-08-14`);
		expect(mail.html).toContain('ChatGPT-4o-latest (2024-08-08)');
		expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
		expect(mail.headers.get('list-unsubscribe')).toMatch(new RegExp(`^<${BASE}/subscriptions/one-click\\?token=[^>]+>$`));
		expect(mail.text).toContain(`${BASE}/subscriptions/manage?token=`);
		// Only new-leader was asked for: the delisted, renamed and new-entrant events of those days are not in it.
		expect(mail.text).not.toMatch(/New entrant|Delisted|Renamed/);

		// Re-importing, re-deciding the same snapshots, or dispatching again sends nothing more.
		const again = await cli(['import', 'lmarena-text', ...hf('2024-08-14.csv'), '--db', t.path], process.env);
		expect(again.stdout).toMatch(/unchanged\s+1 snapshot/);
		const ids = listSnapshots(t.db, 'lmarena-text').map((s) => s.id);
		expect(decideAlerts(t.db, ids, { now: new Date(), staleDays: 45 })).toBe(0);
		await dispatchOutbox(t.db, { config: config(process.env), ignoreBackoff: true });
		await settleDispatches();
		expect(to('ann@example.com')).toHaveLength(2);

		// The one-click unsubscribe (what a mail provider POSTs) ends it: no further mail.
		const oneClick = mail.headers.get('list-unsubscribe')!.slice(1, -1);
		expect(unsubscribeByToken(t.db, config(process.env), new URL(oneClick).searchParams.get('token'), new Date()).ok).toBe(true);
		await importFiles('2024-08-23.csv', '2024-08-24.csv', '2024-08-28.csv', '2024-08-30.csv', '2024-09-06.csv', '2024-09-09.csv', '2024-09-11.csv');
		expect(to('ann@example.com')).toHaveLength(2);
	});

	it('an SMTP outage loses nothing: retried with backoff, shown in the health, then delivered exactly once', async () => {
		await subscribeAndConfirm('bob@example.com', { kinds: ['new-leader'], watch: { board: 'lmarena-text' } });
		await sink.stop();
		await importFiles('2024-09-17.csv', '2024-09-19.csv');
		const failing = deliveryHealth(t.db, config(process.env));
		expect(failing.retrying).toBe(1);
		expect(failing.status).toBe('retrying');
		expect(failing.lastError).toMatch(/ECONNECTION|ECONNREFUSED/);
		// Still down: a second run tries again, still nothing lost.
		const down = await cli(['alerts', 'dispatch', '--retry-now', '--format', 'json', '--db', t.path], process.env);
		expect(JSON.parse(down.stdout)[0]).toMatchObject({ sent: 0, retrying: 1, failed: 0 });

		await sink.start();
		const before = sink.messages.length;
		const up = await cli(['alerts', 'dispatch', '--format', 'json', '--db', t.path], process.env);
		// Without --retry-now the backoff is respected: nothing is due yet.
		expect(JSON.parse(up.stdout)[0]).toMatchObject({ sent: 0 });
		const forced = await cli(['alerts', 'dispatch', '--retry-now', '--format', 'json', '--db', t.path], process.env);
		expect(JSON.parse(forced.stdout)[0]).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
		await cli(['alerts', 'dispatch', '--retry-now', '--db', t.path], process.env);
		expect(sink.messages.length).toBe(before + 1);
		const mails = to('bob@example.com').slice(1);
		expect(mails).toHaveLength(1);
		// Both new leaders of that import, grouped in one message.
		expect(mails[0].text).toContain('ChatGPT-4o-latest (2024-09-03) is now #1');
		expect(mails[0].text).toContain('o1-preview is now #1');
		expect(mails[0].subject).toMatch(/^\[rankdrift\] 2 changes/);
		expect(deliveryHealth(t.db, config(process.env)).status).toBe('ok');
	});

	it('a dispatcher that died mid-send is taken over after its lease, and the message goes out once', async () => {
		await subscribeAndConfirm('cyd@example.com', { kinds: ['new-entrant'], watch: { family: 'o1' } });
		const sub = listSubscriptions(t.db).find((s) => s.target === 'cyd@example.com')!;
		// An item queued for cyd (a real event, under a key of its own so it is new).
		const event = listEvents(t.db, { kind: 'new-entrant', since: '2024-09-19', until: '2024-09-19' }).find((e) => e.model === 'o1-preview')!;
		const now = new Date();
		const item = { ...eventItem(t.db, event, now), key: `crash-test:${event.id}`, firstSeen: now.toISOString() };
		expect(insertItemOnce(t.db, item)).toBe(true);
		expect(enqueue(t.db, sub.id, item.key, now.toISOString(), now.toISOString())).toBe(true);
		expect(assembleDeliveries(t.db, now)).toBe(1);
		// A dispatcher claims the delivery and dies before marking it sent.
		const stuck = listDeliveries(t.db, 5).find((d) => d.subscription_id === sub.id && d.purpose === 'alert')!;
		expect(claimDelivery(t.db, stuck.id, now.toISOString(), new Date(now.getTime() + 120_000).toISOString())).toBe(true);
		const before = to('cyd@example.com').length;
		await dispatchOutbox(t.db, { config: config(process.env) });
		expect(to('cyd@example.com')).toHaveLength(before);
		// Three minutes later the lease has run out: another dispatcher sends it, once.
		const later = () => new Date(now.getTime() + 180_000);
		await dispatchOutbox(t.db, { config: config(process.env), now: later });
		await dispatchOutbox(t.db, { config: config(process.env), now: later });
		const mails = to('cyd@example.com').slice(before);
		expect(mails).toHaveLength(1);
		expect(mails[0].text).toContain('o1-preview enters lmarena-text');
		expect(mails[0].headers.get('message-id')).toMatch(new RegExp(`^<rankdrift-${stuck.id}-`));
	});

	it('a permanent refusal (550) is recorded as failed and never retried', async () => {
		await subscribeAndConfirm('dee@example.com', { kinds: ['new-leader', 'new-entrant'] });
		sink.refuse.add('dee@example.com');
		const before = sink.messages.length;
		await importFiles('2024-09-28.csv', '2024-10-08.csv', '2024-10-16.csv');
		const failed = listDeliveries(t.db, 20).filter((d) => d.status === 'failed');
		expect(failed).toHaveLength(1);
		expect(failed[0].last_error).toMatch(/550/);
		expect(failed[0].attempts).toBe(1);
		const health = deliveryHealth(t.db, config(process.env));
		expect(health.failed).toBe(1);
		expect(health.status).toBe('failing');
		const rerun = await cli(['alerts', 'dispatch', '--retry-now', '--format', 'json', '--db', t.path], process.env);
		expect(JSON.parse(rerun.stdout)[0]).toMatchObject({ sent: 0, failed: 0 });
		expect(listDeliveries(t.db, 20).find((d) => d.id === failed[0].id)!.attempts).toBe(1);
		expect(sink.messages.length).toBe(before);
		sink.refuse.delete('dee@example.com');
	});

	it('a daily digest gathers the changes until its hour, then goes out as one message', async () => {
		const hour = (new Date().getUTCHours() + 3) % 24;
		await subscribeAndConfirm('eve@example.com', { kinds: ['new-entrant', 'new-leader', 'delisted'], frequency: 'daily', digest_hour: hour });
		const before = to('eve@example.com').length;
		await importFiles('2024-10-24.csv', '2024-10-29.csv', '2024-11-05.csv', '2024-11-13.csv', '2024-11-15.csv');
		expect(to('eve@example.com')).toHaveLength(before);
		const due = new Date();
		due.setUTCMinutes(0, 0, 0);
		due.setUTCHours(due.getUTCHours() + 3);
		await dispatchOutbox(t.db, { config: config(process.env), now: () => new Date(due.getTime() - 60_000) });
		expect(to('eve@example.com')).toHaveLength(before);
		await dispatchOutbox(t.db, { config: config(process.env), now: () => due });
		const digest = to('eve@example.com').slice(before);
		expect(digest).toHaveLength(1);
		expect(digest[0].subject).toMatch(/Daily digest/);
		// One change per finding: a day's de-listings are one.
		const expected = listFindings(t.db, { since: '2024-10-24', until: '2024-11-15', board: 'lmarena-text' }).filter((f) => ['new-entrant', 'new-leader', 'delisted'].includes(f.kind));
		expect(expected.length).toBeGreaterThan(1);
		expect(listEvents(t.db, { since: '2024-10-24', until: '2024-11-15', board: 'lmarena-text' }).filter((e) => ['new-entrant', 'new-leader', 'delisted'].includes(e.kind)).length).toBeGreaterThan(expected.length);
		expect(digest[0].subject).toContain(`${expected.length} changes`);
		for (const f of expected) expect(digest[0].text).toContain(f.summary);
	});

	it('a bulk import (one analysis pass over everything) sends each new leader once, in one message; a rebuild sends nothing', async () => {
		await subscribeAndConfirm('gil@example.com', { kinds: ['new-leader'], watch: { board: 'lmarena-text' } });
		const before = to('gil@example.com').length;
		const rest = readdirSync(sharedData('lmarena_fboulnois/hfspace_text')).filter((f) => /^\d{4}-\d\d-\d\d\.csv$/.test(f) && f > '2024-11-15.csv');
		expect(rest.length).toBeGreaterThan(40);
		await importFiles(...rest);
		const leaders = listEvents(t.db, { kind: 'new-leader', board: 'lmarena-text', since: '2024-11-16' });
		expect(leaders.length).toBeGreaterThan(3);
		const mails = to('gil@example.com').slice(before);
		expect(mails).toHaveLength(1);
		expect(mails[0].subject).toContain(`${leaders.length} changes`);
		for (const e of leaders) expect(mails[0].text).toContain(e.detail);

		// Recomputing everything (new detection times, same event ids) and re-importing send nothing.
		expect((await cli(['analyze', '--rebuild', '--db', t.path], process.env)).code).toBe(0);
		await importFiles(...rest.slice(-3));
		await cli(['alerts', 'dispatch', '--retry-now', '--db', t.path], process.env);
		expect(to('gil@example.com').slice(before)).toHaveLength(1);
	});

	it('a source whose scrapes start failing after a success is one alert, however many failures follow', async () => {
		await subscribeAndConfirm('fay@example.com', { kinds: ['source'] });
		const before = to('fay@example.com').length;
		const run = (outcome: 'added' | 'failed', at: Date) => {
			const id = startRun(t.db, { sourceId: 'livebench', kind: 'scrape', origin: 'https://livebench.example/table', feed: 'live-page', startedAt: at });
			finishRun(t.db, id, { outcome, reason: outcome === 'failed' ? 'HTTP 503 after 3 tries' : null, finishedAt: at });
		};
		run('added', new Date(Date.now() - 3_600_000));
		expect(decideSourceAlerts(t.db, new Date())).toBe(0);
		run('failed', new Date());
		await dispatchOutbox(t.db, { config: config(process.env) });
		run('failed', new Date());
		await dispatchOutbox(t.db, { config: config(process.env) });
		const mails = to('fay@example.com').slice(before);
		expect(mails).toHaveLength(1);
		expect(mails[0].text).toContain('LiveBench is failing');
		expect(mails[0].text).toContain('HTTP 503 after 3 tries');
		// Yupp retired before this subscription existed: not news to this subscriber.
		expect(mails[0].text).not.toContain('retired');
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { importFiles } from '../../src/lib/server/ingest/import-files';
import { lmarenaText } from '../helpers/sources';
import { launchBrowser, screenshot, watchedPage } from '../helpers/browser';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { cliProcess } from '../helpers/cli';
import { sharedData } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { startSmtpSink, type SmtpSink } from '../fixtures/alerts/smtp-sink';
import { startWebhookReceiver, type WebhookReceiver } from '../fixtures/alerts/webhook-receiver';
import { linkIn } from '../fixtures/alerts/mail';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';
import { listSubscriptions } from '../../src/lib/server/db/alerts';
import { listEvents } from '../../src/lib/server/db/analysis';
import { createToken } from '../../src/lib/server/alerts/tokens';
import { tokenKey } from '../../src/lib/server/alerts/subscriptions';
import { config } from '../../src/lib/server/config';

// The "done when", through the built app and the real CLI binary: API subscribe →
// confirmation mail → confirm by the page's POST (in Chromium) → recorded snapshots imported with a
// new leader → exactly one alert naming it, with RFC 8058 headers → one-click POST without an Origin
// → no further mail. Plus the CSRF guard, bad links, webhooks, and the form in a real browser.

const hf = (...files: string[]) => files.map((f) => sharedData('lmarena_fboulnois/hfspace_text', f));
const SECRET = 'e2e-alerts-secret-0123456789abcdef-xyz';

let t: TempDb;
let db: Db;
let sink: SmtpSink;
let hook: WebhookReceiver;
let app: AppServer;
let browser: Browser;
let cliEnv: NodeJS.ProcessEnv;

const to = (address: string) => sink.messages.filter((m) => m.to.includes(address));
async function importWithCli(...files: string[]) {
	const r = await cliProcess(['import', 'lmarena-text', ...hf(...files), '--db', t.path], cliEnv);
	expect(r.code, r.stderr).toBe(0);
}
const subscribe = (body: unknown) =>
	fetch(`${app.url}/api/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
	t = tempDb();
	importFiles(t.db, lmarenaText, hf('2024-06-19.csv', '2024-07-07.csv', '2024-07-10.csv', '2024-07-18.csv', '2024-07-24.csv', '2024-07-26.csv', '2024-07-31.csv', '2024-08-01.csv', '2024-08-02.csv', '2024-08-06.csv', '2024-08-07.csv'));
	t.db.close();
	sink = await startSmtpSink();
	hook = await startWebhookReceiver();
	const env = { SMTP_URL: sink.url, ALERTS_SECRET: SECRET, ALERTS_FROM: 'rankdrift <alerts@rankdrift.test>', RANKDRIFT_ALERTS_CLIENT_LIMIT: '1000', RANKDRIFT_WEBHOOK_ALLOW_PRIVATE: '1' };
	app = await startAppServer(t.path, env);
	// The CLI links to the app the way a deployment would: PUBLIC_URL.
	cliEnv = { ...env, PUBLIC_URL: app.url, RANKDRIFT_SCHEDULER: 'off' };
	db = openDatabase(t.path);
	browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
	await browser?.close();
	await app?.stop();
	db?.close();
	await sink?.stop();
	await hook?.close();
	t?.cleanup();
});

describe('alerts through the built app', () => {
	it('API subscribe → confirm by the page POST → one alert for the new leader → one-click unsubscribe → no more mail', async () => {
		const res = await subscribe({ email: 'reader@example.com', kinds: ['new-leader'] });
		expect(res.status).toBe(202);
		const body = await res.json();
		expect(body).toMatchObject({ status: 'accepted', channel: 'email', sending: true });
		await sink.waitFor(1);
		const confirmation = to('reader@example.com')[0];
		const confirmLink = linkIn(confirmation.text, `${app.url}/subscriptions/confirm?token=`);

		// Opening the link (what a scanner's prefetch does) changes nothing.
		const prefetch = await fetch(confirmLink);
		expect(prefetch.status).toBe(200);
		expect(listSubscriptions(db).find((s) => s.target === 'reader@example.com')).toMatchObject({ status: 'pending' });

		const { page, errors } = await watchedPage(browser);
		await page.goto(confirmLink);
		await screenshot(page, 'alerts-confirm');
		await page.getByRole('button', { name: 'Confirm and start alerts' }).click();
		await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Confirmed\./);
		expect(listSubscriptions(db).find((s) => s.target === 'reader@example.com')).toMatchObject({ status: 'active' });
		expect(errors).toEqual([]);

		// Recorded snapshots with a new leader, through the real CLI binary.
		await importWithCli('2024-08-14.csv');
		const leader = listEvents(db, { kind: 'new-leader', since: '2024-08-14', until: '2024-08-14' })[0];
		expect(leader.model).toBe('ChatGPT-4o-latest (2024-08-08)');
		await sink.waitFor(2);
		await new Promise((r) => setTimeout(r, 500));
		const alerts = to('reader@example.com').slice(1);
		expect(alerts).toHaveLength(1);
		expect(alerts[0].subject).toContain(leader.model!);
		expect(alerts[0].text).toContain(leader.detail);
		expect(alerts[0].headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
		const oneClick = /^<(.+)>$/.exec(alerts[0].headers.get('list-unsubscribe')!)![1];
		expect(oneClick.startsWith(`${app.url}/subscriptions/one-click?token=`)).toBe(true);

		// The mail provider's POST: form-encoded, no Origin, no cookies.
		const unsub = await fetch(oneClick, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
		expect(unsub.status).toBe(200);
		expect(await unsub.text()).toMatch(/^Unsubscribed/);
		expect(listSubscriptions(db).find((s) => s.target === 'reader@example.com')).toBeUndefined();

		await importWithCli('2024-08-23.csv', '2024-08-24.csv', '2024-08-28.csv', '2024-08-30.csv', '2024-09-06.csv', '2024-09-09.csv', '2024-09-11.csv', '2024-09-17.csv');
		expect(listEvents(db, { kind: 'new-leader', since: '2024-09-17', until: '2024-09-17' })).toHaveLength(1);
		await new Promise((r) => setTimeout(r, 500));
		expect(to('reader@example.com')).toHaveLength(2);
	});

	it('keeps the origin check for every form but the one-click route, whose token is its authority', async () => {
		const crossSite = await fetch(`${app.url}/alerts?/subscribe`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
			body: 'email=victim%40example.com'
		});
		expect(crossSite.status).toBe(403);
		expect(await crossSite.text()).toMatch(/Cross-site POST form submissions are forbidden/);
		const noOrigin = await fetch(`${app.url}/subscriptions/unsubscribe?token=x`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
		expect(noOrigin.status).toBe(403);
		const shouting = await fetch(`${app.url}/alerts?/subscribe`, { method: 'POST', headers: { 'content-type': 'TEXT/PLAIN', origin: 'https://evil.example' }, body: 'x' });
		expect(shouting.status).toBe(403);
		const forged = await fetch(`${app.url}/subscriptions/one-click?token=${encodeURIComponent(createToken(Buffer.from('guess'), { p: 'unsubscribe', s: 1, n: 'x' }, new Date()))}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'List-Unsubscribe=One-Click'
		});
		expect(forged.status).toBe(400);
		expect(await forged.text()).toMatch(/This link is not valid/);
		// The same-origin form still works.
		const sameSite = await fetch(`${app.url}/alerts?/subscribe`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url, accept: 'application/json', 'x-sveltekit-action': 'true' },
			body: 'channel=email&email=form%40example.com&kinds=new-leader'
		});
		expect(sameSite.status).toBe(200);
		expect((await sameSite.json()).type).toBe('success');
	});

	it('forged and expired links get a clear page, not a stack trace', async () => {
		const { page } = await watchedPage(browser);
		const forged = await page.goto(`${app.url}/subscriptions/confirm?token=eyJwIjoiY29uZmlybSJ9.AAAA`);
		expect(forged?.status()).toBe(400);
		expect(await page.getByRole('alert').textContent()).toMatch(/This link is not valid/);
		const key = tokenKey(db, config({ ALERTS_SECRET: SECRET }));
		const stale = createToken(key, { p: 'confirm', s: 1, n: 'x' }, new Date(Date.now() - 3 * 86_400_000));
		const expired = await page.goto(`${app.url}/subscriptions/confirm?token=${encodeURIComponent(stale)}`);
		expect(expired?.status()).toBe(400);
		expect(await page.getByRole('alert').textContent()).toMatch(/This link has expired.*subscribe again/);
		await screenshot(page, 'alerts-expired-link');
		const manage = await page.goto(`${app.url}/subscriptions/manage`);
		expect(manage?.status()).toBe(400);
		const badApi = await subscribe({ email: 'not-an-address', kinds: ['new-leader'] });
		expect(badApi.status).toBe(400);
		expect(await badApi.json()).toEqual({ error: 'Bad request', problems: ['email is not a valid address'] });
		const notJson = await fetch(`${app.url}/api/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
		expect(notJson.status).toBe(400);
	});

	it('webhooks: API subscribe → echoed challenge → one signed JSON POST per new event', async () => {
		const res = await subscribe({ webhook: hook.url, kinds: ['new-leader'], watch: { board: 'lmarena-text' } });
		expect(res.status).toBe(202);
		await hook.waitFor(() => hook.received.some((r) => r.event === 'challenge'));
		await expect.poll(() => listSubscriptions(db).find((s) => s.target === hook.url)?.status).toBe('active');
		await importWithCli('2024-09-19.csv');
		await hook.waitFor(() => hook.alerts().length >= 1);
		await new Promise((r) => setTimeout(r, 300));
		expect(hook.alerts()).toHaveLength(1);
		const a = hook.alerts()[0];
		expect(a.signatureValid).toBe(true);
		expect(a.body.alert).toMatchObject({ kind: 'new-leader', facts: { model: 'o1-preview', to_rank: 1 } });
	});

	it('the form subscribes from a real browser and the manage page deletes everything', async () => {
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/alerts`);
		await page.getByLabel('Email address').fill('browser@example.com');
		await page.getByLabel('What to watch').selectOption('family');
		await page.getByLabel('Family, organization or board').fill('gpt-4o');
		await page.getByLabel('Suspected variant mismatches').check();
		await page.getByRole('button', { name: 'Subscribe' }).click();
		await expect.poll(() => page.locator('form.subscribe [role=status]').textContent()).toMatch(/confirmation link is on its way/);
		await screenshot(page, 'alerts-form');
		const sub = listSubscriptions(db).find((s) => s.target === 'browser@example.com')!;
		expect(sub).toMatchObject({ watch_type: 'family', watch_value: 'gpt-4o', status: 'pending' });
		expect(JSON.parse(sub.kinds)).toContain('mismatch');

		await expect.poll(() => to('browser@example.com').length).toBe(1);
		// The confirmation page links to the manage page after confirming.
		await page.goto(linkIn(to('browser@example.com')[0].text, `${app.url}/subscriptions/confirm?token=`));
		await page.getByRole('button', { name: 'Confirm and start alerts' }).click();
		await page.getByRole('link', { name: 'Change or delete your alerts' }).click();
		await expect.poll(() => page.locator('h1').textContent()).toBe('Your alerts');
		await screenshot(page, 'alerts-manage');
		await page.getByRole('button', { name: 'Delete everything' }).click();
		await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Everything is deleted/);
		expect(listSubscriptions(db).find((s) => s.target === 'browser@example.com')).toBeUndefined();
		expect(errors).toEqual([]);
	});
});

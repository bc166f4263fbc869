import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { importFiles } from '../../src/lib/server/ingest/import-files';
import { lmarenaText } from '../helpers/sources';
import { launchBrowser, screenshot, watchedPage } from '../helpers/browser';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { sharedData } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { saveSourceCheck } from '../../src/lib/server/db/checks';

let t: TempDb;
let app: AppServer;
let browser: Browser;

beforeAll(async () => {
	t = tempDb();
	importFiles(t.db, lmarenaText, [sharedData('lmarena_fboulnois/hfspace_text'), sharedData('html_fixtures/lmarena_leaderboard_cloudflare_challenge_2026-01-03.html')]);
	saveSourceCheck(t.db, 'lmarena-text', {
		checked_at: '2026-03-20T10:00:00.000Z',
		endpoints: [
			{ endpoint: 'dataset', ok: true, outcome: 'ok', reason: null, boards: 2 },
			{ endpoint: 'page', ok: false, outcome: 'blocked', reason: 'blocked: Cloudflare challenge page ("Just a moment..."), not a leaderboard', boards: 0 }
		]
	});
	t.db.close();
	app = await startAppServer(t.path);
	browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
	await browser?.close();
	await app?.stop();
	t?.cleanup();
});

describe('first pages in a real browser', () => {
	it('the overview lists the board with its snapshot in force and freshness at the chosen date', async () => {
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/?date=2025-03-05`);
		const row = page.locator('section:has(#freshness) tr', { has: page.locator('a', { hasText: /^lmarena-text$/ }) });
		await expect.poll(() => row.locator('td').nth(2).textContent()).toBe('2025-03-04');
		await expect.poll(() => row.locator('.badge').first().textContent()).toBe('fresh');
		await screenshot(page, 'overview');
		expect(errors).toEqual([]);
	});

	it('the board page shows the ranking as of a date and sorts by a column from its header link', async () => {
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/boards/lmarena-text?date=2025-03-01`);
		const firstModel = () => page.locator('table.ranking tbody tr').first().locator('td').nth(2).textContent();
		expect(await firstModel()).toBe('chocolate (Early Grok-3)');
		await page.getByRole('link', { name: /^Votes/ }).click();
		await page.waitForURL(/sort=votes/);
		const votes = await page.locator('table.ranking tbody tr td:nth-child(6)').allTextContents();
		const numbers = votes.slice(0, 5).map((v) => Number(v.replace(/,/g, '')));
		expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
		await screenshot(page, 'board');
		expect(errors).toEqual([]);
	});

	it('a bad date is a 400 page that says what was expected', async () => {
		const { page } = await watchedPage(browser);
		const res = await page.goto(`${app.url}/boards/lmarena-text?date=yesterday`);
		expect(res?.status()).toBe(400);
		expect(await page.getByRole('alert').textContent()).toMatch(/YYYY-MM-DD/);
	});

	it('the sources page shows each run with its outcome and reason, the blocked page among them', async () => {
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/sources`);
		await page.locator('#src-lmarena-text ~ details summary').first().click();
		expect(await page.locator('body').textContent()).toMatch(/blocked: Cloudflare challenge page/);
		expect(await page.locator('#src-yupp').textContent()).toMatch(/retired since 2026-04-15/);
		// The last `rankdrift doctor`, or a pointer to it for an enabled source never checked.
		const lastCheck = (id: string) => page.locator(`section:has(#src-${id}) dt:text-is("Last check") + dd`).textContent();
		expect((await lastCheck('lmarena-text'))!.replace(/\s+/g, ' ')).toMatch(
			/^2026-03-20 10:00 UTC \(rankdrift doctor\): dataset ok 2 boards; page blocked blocked: Cloudflare challenge page/
		);
		expect(await lastCheck('swebench')).toMatch(/^never: rankdrift doctor checks every source/);
		await screenshot(page, 'sources');
		expect(errors).toEqual([]);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, watchedPage } from '../helpers/browser';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { recordedDbCopy } from '../helpers/recorded-db';

// Every main page at desktop and phone width, light and dark, on the recorded history: each must fit the
// screen's width, draw its charts and log no error; the screenshots are kept as artefacts
// (test-results/screenshots/<page>-<width>-<scheme>.png) for a person to look at.

const DATE = '2025-08-15';
const PAGES: [string, string][] = [
	['overview', `/?date=${DATE}`],
	['model', `/models/llama-4-maverick?date=2025-05-06`],
	['board', `/boards/lmarena-text?date=${DATE}`],
	['org', `/orgs/meta?date=${DATE}`],
	['compare', `/compare?a=lmarena-text&b=livebench&date=${DATE}`],
	['models', `/models?date=${DATE}`],
	['events', `/events?until=${DATE}`],
	['sources', '/sources']
];
const SIZES = [
	['desktop', 1280, 900],
	['phone', 390, 844]
] as const;
const SCHEMES = ['light', 'dark'] as const;

let rec: Awaited<ReturnType<typeof recordedDbCopy>>;
let app: AppServer;
let browser: Browser;

beforeAll(async () => {
	rec = await recordedDbCopy();
	app = await startAppServer(rec.path);
	browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
	await browser?.close();
	await app?.stop();
	rec?.cleanup();
});

describe('every main page at desktop and phone width, light and dark', () => {
	const cases = PAGES.flatMap(([name, path]) => SIZES.flatMap(([size, width, height]) => SCHEMES.map((scheme) => ({ name, path, size, width, height, scheme }))));

	it.each(cases)('$name at $size width, $scheme: fits the screen, draws its charts, logs no error', async ({ name, path, size, width, height, scheme }) => {
		const { page, errors } = await watchedPage(browser, { width, height, colorScheme: scheme });
		const res = await page.goto(`${app.url}${path}`);
		expect(res?.status()).toBe(200);
		await page.waitForLoadState('networkidle');
		// Every chart canvas on the page has been drawn at a real size.
		const canvases = page.locator('main canvas');
		for (let i = 0; i < (await canvases.count()); i++) await expect.poll(() => canvases.nth(i).evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(100);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width + 1);
		// The page follows the reader's colour scheme: a dark background in dark, a light one in light.
		const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
		const [r, g, b] = background.match(/\d+/g)!.map(Number);
		expect((0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.5 ? 'dark' : 'light', background).toBe(scheme);
		await screenshot(page, `${name}-${size}-${scheme}`, { fullPage: true });
		expect(errors).toEqual([]);
	});
});

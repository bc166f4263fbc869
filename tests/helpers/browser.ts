import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from './paths';

export const screenshotDir = join(projectRoot, 'test-results', 'screenshots');

/** Debian's Chromium, headless, with the flags this sandbox needs (no background networking). */
export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']
	});
}

/** A page that records console errors and uncaught exceptions, so a test can require none. */
export async function watchedPage(browser: Browser, opts: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {}): Promise<{ page: Page; errors: string[] }> {
	const context = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 }, colorScheme: opts.colorScheme ?? 'light', acceptDownloads: true });
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('console', (m) => {
		// The 400/404 pages we navigate to on purpose log their status as a failed resource; nothing else may.
		if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 40[04]/.test(m.text())) errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	return { page, errors };
}

export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
	mkdirSync(screenshotDir, { recursive: true });
	await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: opts.fullPage ?? false });
}

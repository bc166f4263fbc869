import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, watchedPage } from '../helpers/browser';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { recordedDbCopy } from '../helpers/recorded-db';
import { overview } from '../../src/lib/server/services/dashboard-overview';
import { modelPage, familyPercentile } from '../../src/lib/server/services/dashboard-model';
import { boardDashboard, DEFAULT_SHOWN_ROWS } from '../../src/lib/server/services/board-page';
import { comparePage } from '../../src/lib/server/services/dashboard-compare';
import { orgPage } from '../../src/lib/server/services/dashboard-org';
import { divergence } from '../../src/lib/analysis/divergence';
import { DIVERGENCE_RULE } from '../../src/lib/analysis/divergence-findings';
import { agreement } from '../../src/lib/analysis/agreement';
import { ViewCache } from '../../src/lib/server/analysis/views';
import { listEvents, agreementAt } from '../../src/lib/server/db/analysis';
import { heldSnapshots } from '../../src/lib/server/db/snapshots';
import { identityList } from '../../src/lib/server/db/identity';
import { csvLinks } from '../../src/lib/csv-links';
import { todayUtc } from '../../src/lib/dates';
import type { SnapshotView } from '../../src/lib/analysis/types';
import { testContext } from '../helpers/context';
import { unpackChart } from '../../src/lib/components/charts/packed';

// The whole dashboard on the database built from all recorded history, in real headless Chromium.
// Every number checked on a page is compared with what the analytics compute on the same database.

const ADMIN_TOKEN = 'e2e-admin-token-7d1f';
const STALE_DAYS = 45;
/** Recorded history ends in March 2026: a date inside it, where the headline boards are fresh. */
const DATE = '2026-03-30';

let rec: Awaited<ReturnType<typeof recordedDbCopy>>;
let app: AppServer;
let readOnly: AppServer;
let browser: Browser;

beforeAll(async () => {
	rec = await recordedDbCopy();
	app = await startAppServer(rec.path, { ADMIN_TOKEN });
	readOnly = await startAppServer(rec.path, { ADMIN_TOKEN: '' });
	browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
	await browser?.close();
	await app?.stop();
	await readOnly?.stop();
	rec?.cleanup();
});

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** Every data table outside a chart's table alternative sits in a section whose heading carries a CSV link to the JSON API. */
async function expectCsvLinks(page: Page) {
	const orphans = await page.evaluate(() =>
		[...document.querySelectorAll('main table')]
			.filter((t) => !t.closest('.chart-table') && !t.closest('table table') && !t.closest('form'))
			.filter((t) => {
				const scope = t.closest('section') ?? document.querySelector('main');
				return !scope?.querySelector('a.csv-link[href^="/api/"][href*="format=csv"]');
			})
			.map((t) => t.querySelector('caption')?.textContent ?? t.outerHTML.slice(0, 80))
	);
	expect(orphans).toEqual([]);
}

describe('overview', () => {
	it('at today’s date every board is stale: it says so and shows the latest date with data, with the same numbers as the analytics', async () => {
		const expected = overview(testContext(rec.db), todayUtc());
		expect(expected.allStale).toBe(true);
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/`);
		expect(await text(page, '#stale-notice')).toContain(`Showing the analysis for ${expected.analysisDate}`);
		const top = expected.divergence.rows[0];
		const firstRow = page.locator('table.divergence tbody tr').first();
		expect(await firstRow.getAttribute('data-family')).toBe(top.family);
		expect(await firstRow.locator('.divergence-value').textContent()).toBe(`${Math.round(Math.abs(top.divergence) * 100)} pct pts`);
		expect(await firstRow.locator('.common-set').textContent()).toBe(String(top.commonSetSize));
		expect(await page.locator('table.divergence tbody tr').count()).toBe(expected.divergence.rows.length);
		expect(await page.locator('table.findings tbody tr').count()).toBe(expected.findings.length);
		// The heatmap shows each stored τ-b of the headline pairs.
		const pair = agreementAt(rec.db, expected.analysisDate).find((r) => r.kendall_tau_b !== null && r.board_a === 'artificial-analysis' && r.board_b === 'livebench')!;
		expect(await page.locator('table.matrix tr', { has: page.locator('th', { hasText: /^livebench$/ }) }).locator(`td[title^="livebench vs artificial-analysis"]`).textContent()).toContain(pair.kendall_tau_b!.toFixed(2));
		expect(await page.locator(`a.csv-link[href="${csvLinks.divergence(expected.analysisDate)}"]`).count()).toBe(1);
		await expectCsvLinks(page);
		await screenshot(page, 'dashboard-overview');
		expect(errors).toEqual([]);
	});

	it('opens with the rank-spread dot plot, drawn on the server: each divergent model\'s rank on every compared board', async () => {
		const date = '2025-06-20';
		const expected = overview(testContext(rec.db), date);
		expect(expected.spread.length).toBeGreaterThan(5);
		// Served HTML, no script: the figure is the first thing in <main>.
		const html = await (await fetch(`${app.url}/?date=${date}`)).text();
		expect(html).toMatch(/<main[^>]*>\s*(<!--[^>]*-->\s*)*<figure class="spread/);
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/?date=${date}`);
		expect(await page.evaluate(() => document.querySelector('main')?.firstElementChild?.matches('figure.spread'))).toBe(true);
		expect(await page.locator('figure.spread svg.plot g.row').count()).toBe(expected.spread.length);
		const first = expected.spread[0];
		const titles = await page.locator('figure.spread svg.plot g.row').first().locator('path.dot title').allTextContents();
		expect(titles.sort()).toEqual(Object.entries(first.ranks).map(([b, r]) => `${r.name}: #${r.rank} on ${b}`).sort());
		expect(await page.locator('figure.spread .legend li').count()).toBe(expected.divergence.compared.length);
		// The served SVG downloads as it is: a standalone image with its marks.
		const [svgFile] = await Promise.all([page.waitForEvent('download'), page.locator('figure.spread button.chart-download').click()]);
		expect(svgFile.suggestedFilename()).toBe(`rank-spread_${date}.svg`);
		const svgText = readFileSync((await svgFile.path())!, 'utf8');
		expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
		expect(svgText.match(/class="dot[ "]/g)!.length).toBeGreaterThan(expected.spread.length);
		await screenshot(page, 'dashboard-overview-spread');
		expect(errors).toEqual([]);
	});

	it('before any recorded history it says there is no data yet and links the first date that has some', async () => {
		const expected = overview(testContext(rec.db), '2020-01-01');
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/?date=2020-01-01`);
		expect(await text(page, '#stale-notice')).toBe(`No board has data on or before 2020-01-01. The recorded history starts on ${expected.firstDataDate}.`);
		expect(await page.locator('table.divergence').count()).toBe(0);
		expect(errors).toEqual([]);
	});

	it('keeps its first-load JavaScript small (no chart.js): under 150 KB gzip', async () => {
		const { page, errors } = await watchedPage(browser);
		const scripts: Promise<Buffer>[] = [];
		page.on('response', (r) => {
			if (r.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(r.url())) scripts.push(r.body());
		});
		await page.goto(`${app.url}/?date=${DATE}`, { waitUntil: 'networkidle' });
		const bodies = await Promise.all(scripts);
		const gzip = bodies.reduce((n, b) => n + gzipSync(b).length, 0);
		expect(bodies.length).toBeGreaterThan(0);
		expect(gzip).toBeLessThan(150 * 1024);
		expect(bodies.some((b) => b.toString('utf8').includes('chartjs'))).toBe(false);
		expect(errors).toEqual([]);
	});

	it('at phone width in the dark theme nothing overflows the screen', async () => {
		const { page, errors } = await watchedPage(browser, { width: 390, height: 844, colorScheme: 'dark' });
		await page.goto(`${app.url}/?date=${DATE}`);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(391);
		await screenshot(page, 'dashboard-overview-phone-dark');
		expect(errors).toEqual([]);
	});

	it('at phone width stacks table rows, each cell labelled, and keeps what happened readable without scrolling sideways', async () => {
		const { page, errors } = await watchedPage(browser, { width: 390, height: 844 });
		await page.goto(`${app.url}/events?until=${DATE}`);
		const row = page.locator('table[data-stack] tbody tr').first();
		const what = row.locator('td[data-label="What happened"]');
		expect(await what.isVisible()).toBe(true);
		const box = (await what.boundingBox())!;
		expect(box.x + box.width).toBeLessThanOrEqual(390);
		expect(await what.evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"What happened: "');
		// No table scrolls inside its box.
		expect(await page.evaluate(() => [...document.querySelectorAll('.table-wrap')].filter((w) => w.querySelector('table[data-stack]') && w.scrollWidth > w.clientWidth + 1).length)).toBe(0);
		await screenshot(page, 'dashboard-events-phone');
		expect(errors).toEqual([]);
	});

	it('is keyboard reachable: the first Tab lands on “Skip to content”, which moves focus to the page', async () => {
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/?date=${DATE}`);
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
		await page.keyboard.press('Enter');
		expect(page.url()).toMatch(/#content$/);
		expect(errors).toEqual([]);
	});
});

describe('model page', () => {
	it('shows the current position on each board as the service computes it, and draws the rank chart', async () => {
		const expected = modelPage(testContext(rec.db), 'gemini-2.5-pro', { date: DATE, view: 'rank', scope: 'headline', with: null });
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/models/gemini-2.5-pro?date=${DATE}`);
		expect(await text(page, 'h1')).toBe(expected.label);
		for (const c of expected.current.filter((x) => x.headline && x.rank !== null)) {
			expect(await text(page, `tr[data-board="${c.board}"] .current-rank`)).toBe(`#${c.rank} of ${c.rows}`);
		}
		await expect.poll(() => page.locator('.chart-box canvas').first().evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(100);
		// The table alternative has one row per date the chart draws.
		const dates = new Set(unpackChart(expected.rankChart!).series.flatMap((s) => s.points.filter((p) => p.y !== null).map((p) => p.date)));
		expect(await text(page, 'section:has(#history) .chart-table summary')).toContain(`${dates.size} dates`);
		await expectCsvLinks(page);
		await screenshot(page, 'dashboard-model');
		expect(errors).toEqual([]);
	});

	it('draws a checkpoint and its public release as two lines on one board, the gap between them said in words (Llama 4 Maverick)', async () => {
		const date = '2025-06-20';
		const expected = modelPage(testContext(rec.db), 'llama-4-maverick', { date, view: 'rank', scope: 'headline', with: null });
		const keys = unpackChart(expected.rankChart!).series.map((s) => s.key);
		expect(keys).toEqual(expect.arrayContaining(['lmarena-text', 'lmarena-text (checkpoint)', 'lmarena-text (gap)']));
		const checkpoint = unpackChart(expected.rankChart!).series.find((s) => s.key === 'lmarena-text (checkpoint)')!;
		const release = unpackChart(expected.rankChart!).series.find((s) => s.key === 'lmarena-text')!;
		// Neither line jumps between the two: the checkpoint stays near the top, the release far below.
		expect(Math.max(...checkpoint.points.flatMap((p) => (p.y === null ? [] : [p.y])))).toBeLessThan(15);
		expect(Math.min(...release.points.filter((p) => p.date >= '2025-05-01').flatMap((p) => (p.y === null ? [] : [p.y])))).toBeGreaterThan(30);
		const gap = expected.widestGaps.find((g) => g.board === 'lmarena-text')!;
		expect(gap.checkpoint).toBe('llama-4-maverick-03-26-experimental');
		expect(gap.releaseRank - gap.checkpointRank).toBeGreaterThan(40);

		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/models/llama-4-maverick?date=${date}`);
		expect(await text(page, 'ul.gaps li')).toContain(`checkpoint llama-4-maverick-03-26-experimental #${gap.checkpointRank} vs public`);
		const card = await text(page, '#report-card');
		expect(card).toContain(`checkpoint llama-4-maverick-03-26-experimental`);
		expect(card).toMatch(/^Best #\d+ on \S+ · worst #\d+ on \S+ · spread \d+ places across \d+ fresh headline boards/);
		const [png] = await Promise.all([page.waitForEvent('download'), page.locator('section:has(#history) button.chart-download').click()]);
		expect(png.suggestedFilename()).toBe(`llama-4-maverick_rank_${date}.png`);
		expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');
		await screenshot(page, 'dashboard-model-checkpoint');
		expect(errors).toEqual([]);
	});

	it('charts how far apart the headline boards place a model over time, and says the latest and widest spread in words (Grok 4)', async () => {
		const date = '2025-08-15';
		const expected = modelPage(testContext(rec.db), 'grok-4', { date, view: 'rank', scope: 'headline', with: null });
		const spread = expected.spread!;
		// Grok 4 near the top of LMArena text and far lower on WebDev in summer 2025.
		expect(spread.latest.best).toEqual({ board: 'lmarena-text', rank: expect.any(Number) });
		expect(spread.latest.worst.rank - spread.latest.best.rank).toBeGreaterThan(10);
		const band = unpackChart(spread.chart).series.find((s) => s.kind === 'gap')!;
		expect(band.points.every((p) => p.lo !== null && p.hi !== null && p.lo <= p.hi && p.date <= date)).toBe(true);

		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/models/grok-4?date=${date}`);
		const l = spread.latest;
		expect(await text(page, '#spread-summary')).toContain(
			`On ${l.date}: best #${l.best.rank} on ${l.best.board}, worst #${l.worst.rank} on ${l.worst.board} (${l.worst.rank - l.best.rank} places across ${l.boards} boards).`
		);
		await expect.poll(() => page.locator('section:has(#spread) canvas').evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(100);
		// Its table alternative has one row per date of the band.
		await page.locator('section:has(#spread) .chart-table summary').click();
		expect(await page.locator('section:has(#spread) .chart-table tbody tr').count()).toBe(band.points.length);
		expect(errors).toEqual([]);
	});

	it('draws its charts on the server too: without a script each chart (lines, the compare scatter) is an SVG, replaced by the canvas once the script draws', async () => {
		const expected = modelPage(testContext(rec.db), 'gemini-2.5-pro', { date: DATE, view: 'rank', scope: 'headline', with: null });
		const lines = unpackChart(expected.rankChart!).series.filter((s) => s.kind !== 'gap' && s.points.some((p) => p.y !== null));
		const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
		try {
			const noScript = await context.newPage();
			await noScript.goto(`${app.url}/models/gemini-2.5-pro?date=${DATE}`);
			const svg = noScript.locator('section:has(#history) svg.line-svg');
			await expect.poll(() => svg.count()).toBe(1);
			// Every board's line is there, titled with its board, and the month axis stops at the page's date.
			const titles = await svg.locator('path[stroke] > title').allTextContents();
			for (const s of lines) expect(titles).toContain(s.label);
			const months = await svg.locator('.grid text[text-anchor="middle"]').allTextContents();
			expect(months.length).toBeGreaterThan(2);
			expect(months).toEqual([...months].sort());
			expect(months.every((m) => m <= DATE.slice(0, 7))).toBe(true);
			expect((await svg.boundingBox())!.height).toBeGreaterThan(150);
			await screenshot(noScript, 'dashboard-model-no-script');
			// The compare page's scatter too: one dot per model of the common set, the outliers named.
			const compare = comparePage(testContext(rec.db), 'lmarena-text', 'livebench', DATE).scatter!;
			await noScript.goto(`${app.url}/compare?a=lmarena-text&b=livebench&date=${DATE}`);
			const scatter = noScript.locator('section:has(#scatter) svg.scatter-svg');
			expect(await scatter.locator('circle').count()).toBe(compare.points.length);
			expect(await scatter.locator('text.outlier').allTextContents()).toEqual(compare.points.filter((p) => p.outlier).map((p) => p.label));
			// Each dot's tooltip names the model as each board lists it, with its percentile there.
			const first = compare.points[0];
			expect(await scatter.locator('circle title').first().textContent()).toBe(
				`${first.label}: ${first.names[0]} → ${Math.round(first.x * 100)}% on lmarena-text, ${first.names[1]} → ${Math.round(first.y * 100)}% on livebench`
			);
		} finally {
			await context.close();
		}
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/models/gemini-2.5-pro?date=${DATE}`);
		await expect.poll(() => page.locator('section:has(#history) canvas').evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(100);
		await expect.poll(() => page.locator('svg.line-svg').count()).toBe(0);
		expect(errors).toEqual([]);
	});

	it('toggles to the common-set percentile, whose values are the divergence analysis’ own', async () => {
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/models/gemini-2.5-pro?date=${DATE}`);
		await page.getByRole('link', { name: 'Common-set percentile' }).click();
		await page.waitForURL(/view=pct/);
		const expected = modelPage(testContext(rec.db), 'gemini-2.5-pro', { date: DATE, view: 'pct', scope: 'headline', with: null });
		const chart = unpackChart(expected.percentile!.chart!);
		const [a, b] = expected.percentile!.boards;
		const last = chart.series[0].points.filter((p) => p.y !== null).at(-1)!;
		// The same number straight from divergence() on the two snapshots in force then.
		const cache = new ViewCache(rec.db);
		const views = [a, b].map((x) => cache.inForce(x, last.date)) as SnapshotView[];
		const fromAnalysis = divergence(views).filter((r) => r.family === 'gemini-2.5-pro');
		const mine = familyPercentile(views, 'gemini-2.5-pro')!;
		expect(fromAnalysis.map((r) => r.pct[a])).toContain(mine.pct[a]);
		expect(last.y).toBe(mine.pct[a]);
		await page.locator('section:has(#history) .chart-table summary').click();
		const row = page.locator('section:has(#history) .chart-table table').locator('tbody tr', { has: page.locator('th', { hasText: last.date }) });
		expect(await row.locator('td').first().textContent()).toContain(`${Math.round(last.y! * 100)}%`);
		await screenshot(page, 'dashboard-model-percentile');
		expect(errors).toEqual([]);
	});

	it('lists every raw name with a link to the review queue', async () => {
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/models/llama-4-maverick?date=${DATE}`);
		const names = page.locator('section:has(#names) tbody tr');
		expect(await names.count()).toBeGreaterThan(3);
		expect(await page.locator('section:has(#names)').textContent()).toMatch(/maverick-03-26-experimental/i);
		await names.first().getByRole('link', { name: 'review' }).click();
		await page.waitForURL(/\/identities\?/);
		expect(await page.locator('table.queue tbody tr').count()).toBeGreaterThan(0);
		expect(errors).toEqual([]);
	});
});

describe('board, compare, organization, events', () => {
	it('the board page shows the ranking, its change since the previous snapshot, filters and the top-N history', async () => {
		const expected = boardDashboard(rec.db, 'lmarena-text', { date: '2025-06-10', sort: 'rank', dir: 'asc', q: null, org: null, license: null, open: null, top: 10, show: DEFAULT_SHOWN_ROWS })!;
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/boards/lmarena-text?date=2025-06-10`);
		const first = page.locator('table.ranking tbody tr').first();
		expect(await first.locator('td').nth(2).textContent()).toBe(expected.rows[0].model);
		// A long board shows its first rows and a link to all of them.
		expect(expected.total).toBeGreaterThan(DEFAULT_SHOWN_ROWS);
		expect(await page.locator('table.ranking tbody tr').count()).toBe(DEFAULT_SHOWN_ROWS);
		expect(await text(page, 'section:has(#diff)')).toContain(`Entered (${expected.diff!.entered.length})`);
		await expect.poll(() => page.locator('section:has(#history) canvas').evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(100);
		await page.selectOption('select[name=open]', 'yes');
		await page.getByRole('button', { name: 'Apply' }).click();
		await page.waitForURL(/open=yes/);
		const open = boardDashboard(rec.db, 'lmarena-text', { ...expected.query, open: 'yes' })!;
		expect(await page.locator('table.ranking tbody tr').count()).toBe(open.rows.length);
		expect(open.matching).toBeLessThan(expected.total);
		await page.getByRole('link', { name: /^Show all \d+ rows$/ }).click();
		await page.waitForURL(/show=all/);
		expect(await page.locator('table.ranking tbody tr').count()).toBe(open.matching);
		await expectCsvLinks(page);
		await screenshot(page, 'dashboard-board');
		expect(errors).toEqual([]);
	});

	it('marks method changes and retirements on history charts, drawn as dashed lines and listed in words, only as known by the page’s date', async () => {
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/boards/artificial-analysis?date=${DATE}`);
		const method = listEvents(rec.db, { board: 'artificial-analysis', kind: 'methodology', until: DATE });
		expect(method.length).toBeGreaterThan(0);
		const items = page.locator('section:has(#history) .chart-annotations li[data-kind="method-change"]');
		expect(await items.evaluateAll((li) => li.map((l) => l.getAttribute('data-date')))).toEqual(method.map((e) => e.date).sort());
		expect(await items.first().textContent()).toMatch(/method version unstated → v4/);
		// The chart is drawn (where its dashed lines go is checked in tests/unit/chart-config.test.ts).
		await expect.poll(() => page.locator('section:has(#history) canvas').evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(100);

		// A retired source's board says so on its chart; at a date before the retirement it does not.
		await page.goto(`${app.url}/boards/yupp?date=2026-06-01`);
		expect(await text(page, 'section:has(#history) .chart-annotations li[data-kind="retired"]')).toMatch(/^Retired 2026-04-15 · yupp: Yupp shut down/);
		await page.goto(`${app.url}/boards/yupp?date=2026-03-20`);
		expect(await page.locator('.chart-annotations li[data-kind="retired"]').count()).toBe(0);

		// On a model page the boards' changes are marked on its rank chart too.
		await page.goto(`${app.url}/models/llama-4-maverick?date=2025-05-06&boards=all`);
		expect(await page.locator('.chart-annotations li[data-kind="method-change"]').count()).toBeGreaterThan(0);
		expect(errors).toEqual([]);
	});

	it('compare shows |S|, τ-b and the unmatched names, as the analytics compute them', async () => {
		const expected = comparePage(testContext(rec.db), 'lmarena-text', 'livebench', DATE);
		const cache = new ViewCache(rec.db);
		const tau = agreement(cache.inForce('lmarena-text', DATE)!, cache.inForce('livebench', DATE)!, DATE);
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/compare?a=lmarena-text&b=livebench&date=${DATE}`);
		expect(await text(page, '.common-set-size')).toBe(String(tau.n));
		expect(await text(page, '.tau-now')).toBe(tau.kendallTauB!.toFixed(3));
		expect(expected.rows[0].commonSetSize).toBe(tau.n);
		expect(await page.locator('section:has(#unmatched) table').first().locator('tbody tr').count()).toBe(expected.sides![0].unmatched.length);
		await expect.poll(() => page.locator('section:has(#scatter) canvas').evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(100);
		await expectCsvLinks(page);
		await screenshot(page, 'dashboard-compare');
		expect(errors).toEqual([]);
	});

	it('the organization page lists the lab’s models with their best rank per headline board', async () => {
		const expected = orgPage(testContext(rec.db), 'google', DATE);
		const f = expected.families.find((x) => x.positions['lmarena-text'])!;
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/orgs/google?date=${DATE}`);
		expect(await text(page, 'h1')).toBe(expected.organization);
		const lmarenaColumn = expected.boards.findIndex((b) => b.board === 'lmarena-text');
		expect(await page.locator(`tr[data-family="${f.family}"] td`).nth(lmarenaColumn).textContent()).toBe(`#${f.positions['lmarena-text'].rank}`);
		await expectCsvLinks(page);
		await screenshot(page, 'dashboard-org');
		expect(errors).toEqual([]);
	});

	it('events filter by board and kind, matching the stored events', async () => {
		const expected = listEvents(rec.db, { board: 'livebench', kind: 'new-leader', limit: 50 });
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/events?board=livebench&kind=new-leader`);
		const rows = page.locator('table.events tbody tr');
		expect(await rows.count()).toBe(expected.length);
		expect(await rows.first().locator('td').last().textContent()).toBe(expected[0].detail);
		expect(await page.locator(`a.csv-link[href="${csvLinks.events({ board: 'livebench', kind: 'new-leader' })}"]`).count()).toBe(1);
		await expectCsvLinks(page);
		await screenshot(page, 'dashboard-events');
		expect(errors).toEqual([]);
	});

	it('global search finds a model by a raw name and goes straight to it', async () => {
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/?date=${DATE}`);
		await page.getByLabel('Search models, raw names and aliases').fill('chatgpt-4o-latest-20250326');
		await page.getByRole('button', { name: 'Search' }).click();
		await page.waitForURL(/\/models\/gpt-4o/);
		expect(await text(page, 'h1')).toMatch(/GPT-4o/);
		await page.goto(`${app.url}/search?q=gemini 2.5`);
		expect(await page.locator('ul.results li').count()).toBeGreaterThan(1);
		expect(errors).toEqual([]);
	});

	it('keeps what was typed into the search while the page was still loading', async () => {
		const { page, errors } = await watchedPage(browser);
		// The app's scripts are held back until the reader has typed: hydration then meets a filled input.
		let release!: () => void;
		const typed = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/_app/immutable/**', async (route) => {
			await typed;
			await route.continue();
		});
		await page.goto(`${app.url}/models?date=${DATE}`, { waitUntil: 'commit' });
		await page.getByLabel('Search models, raw names and aliases').fill('chatgpt-4o-latest-20250326');
		await page.getByLabel('Family contains').fill('gemini');
		release();
		await page.waitForLoadState('networkidle');
		expect(await page.getByLabel('Search models, raw names and aliases').inputValue()).toBe('chatgpt-4o-latest-20250326');
		expect(await page.getByLabel('Family contains').inputValue()).toBe('gemini');
		expect(errors).toEqual([]);
	});

	it('/models sorts by spread and filters by lab and boards, as the API the CSV link names', async () => {
		const date = '2025-06-20';
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/models?date=${date}`);
		await page.locator('table.model-index thead a', { hasText: 'Spread' }).click();
		await page.waitForURL(/sort=spread/);
		const spreads = (await page.locator('table.model-index tbody td.spread').allTextContents()).map((t) => t.trim());
		const numbers = spreads.filter((t) => t !== '—').map(Number);
		expect(numbers.length).toBeGreaterThan(10);
		expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
		expect(spreads.slice(numbers.length).every((t) => t === '—')).toBe(true);
		await page.getByLabel('Lab').selectOption('Google');
		await page.getByLabel('On at least').fill('3');
		await page.getByRole('button', { name: 'Filter' }).click();
		await page.waitForURL(/lab=Google/);
		const shown = await page.locator('table.model-index tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-family')));
		const csvHref = (await page.locator('a.csv-link').first().getAttribute('href'))!;
		const api = (await (await fetch(`${app.url}${csvHref.replace('format=csv', 'format=json')}`)).json()) as { data: { family: string; organization: string; boards: number }[] };
		expect(api.data.map((r) => r.family)).toEqual(shown);
		expect(api.data.every((r) => r.organization === 'Google' && r.boards >= 3)).toBe(true);
		expect(shown.length).toBeGreaterThan(0);
		expect(errors).toEqual([]);
	});

	it('the methods page states the thresholds the code uses', async () => {
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/methods`);
		const body = await text(page, 'main');
		expect(body).toContain(`${STALE_DAYS} days`);
		expect(body).toMatch(/\|S\| ≥ 10/);
		for (const kind of ['jump', 'new-leader', 'new-entrant', 'delisted', 'renamed', 'methodology', 'same-board', 'cross-board', 'retraction']) expect(body).toContain(kind);
		expect(body).toContain(`at least ${DIVERGENCE_RULE.gap.toFixed(2)}, significant`);
		expect(body).toContain(`top ${DIVERGENCE_RULE.topRank} of one board and outside the top ${DIVERGENCE_RULE.outsideRank} of the other, its top gap is at least ${DIVERGENCE_RULE.topGap}`);
		await screenshot(page, 'dashboard-methods');
		expect(errors).toEqual([]);
	});

	it('every "Download CSV" link is answered by the JSON API with CSV', async () => {
		const { page, errors } = await watchedPage(browser);
		const hrefs = new Set<string>();
		for (const path of ['/', `/models/gemini-2.5-pro?date=${DATE}`, '/boards/lmarena-text/coding?date=2025-06-10', `/compare?a=lmarena-text&b=livebench&date=${DATE}`, '/orgs/moonshot-ai', '/events?board=livebench', '/identities', '/sources']) {
			await page.goto(`${app.url}${path}`);
			for (const h of await page.locator('a.csv-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) hrefs.add(h);
		}
		expect(hrefs.size).toBeGreaterThan(15);
		for (const h of hrefs) {
			expect(h).toMatch(/^\/api\/.*[?&]format=csv/);
			const res = await fetch(`${app.url}${h}`);
			expect([h, res.status, res.headers.get('content-type')?.split(';')[0]]).toEqual([h, 200, 'text/csv']);
			await res.arrayBuffer();
		}
		expect(errors).toEqual([]);
	});

	it('unknown ids are 404 pages and bad parameters 400 pages, never 500', async () => {
		const { page } = await watchedPage(browser);
		const cases: [string, number][] = [
			['/models/no-such-model', 404],
			['/orgs/no-such-lab', 404],
			['/boards/no/such/board', 404],
			['/compare?a=lmarena-text&b=no-such-board', 404],
			['/compare?a=livebench&b=livebench', 400],
			['/?date=2026-02-30', 400],
			['/models/gpt-4o?view=bogus', 400],
			['/boards/lmarena-text?top=999', 400],
			['/events?kind=bogus', 400],
			['/events?since=yesterday', 400],
			['/identities?page=-1', 400]
		];
		for (const [path, status] of cases) {
			const res = await page.goto(`${app.url}${path}`);
			expect([path, res?.status()]).toEqual([path, status]);
			expect(await page.getByRole('alert').count()).toBe(1);
		}
	});
});

describe('admin actions', () => {
	it('without ADMIN_TOKEN the forms are disabled with a note, and a post is refused', async () => {
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${readOnly.url}/identities`);
		expect(await page.locator('section:has(#decide) button[type=submit]').isDisabled()).toBe(true);
		expect(await page.locator('section:has(#decide) input[name=token]').isDisabled()).toBe(true);
		expect(await text(page, 'section:has(#decide)')).toMatch(/Admin actions are off/);
		await page.goto(`${readOnly.url}/sources`);
		expect(await page.locator('table.held button').first().isDisabled()).toBe(true);
		const res = await fetch(`${readOnly.url}/sources?/accept`, {
			method: 'POST',
			headers: { origin: readOnly.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ board: 'livebench', as_of: '2025-10-06', token: 'anything' })
		});
		expect(res.status).toBe(403);
		expect(await res.text()).toMatch(/Admin actions are off/);
		expect(heldSnapshots(rec.db).map((h) => h.as_of)).toContain('2025-10-06');
		expect(errors).toEqual([]);
	});

	it('an identity decision needs the token, shows in the audit log and moves the name into the family', async () => {
		const name = identityList(rec.db, { unresolved: true }).find((r) => /codestral/i.test(r.raw_name))!;
		expect(name).toBeDefined();
		const { page, errors } = await watchedPage(browser);
		const formUrl = `${app.url}/identities?name=${encodeURIComponent(name.raw_name)}&decide_source=${name.source_id}#decide`;
		await page.goto(formUrl);
		await page.selectOption('select[name=action]', 'merge');
		await page.fill('input[name=family]', 'codestral');
		await page.fill('input[name=token]', 'not-the-token');
		await page.getByRole('button', { name: 'Record decision' }).click();
		await expect.poll(() => page.locator('section:has(#decide) [role=alert]').count()).toBe(1);
		expect(await text(page, 'section:has(#decide) [role=alert]')).toMatch(/not right/);
		expect(await page.locator('table.audit').count()).toBe(0);

		await page.goto(formUrl);
		await page.selectOption('select[name=action]', 'merge');
		await page.fill('input[name=family]', 'codestral');
		await page.fill('input[name=reason]', 'quantised Codestral 22B');
		await page.fill('input[name=token]', ADMIN_TOKEN);
		await page.getByRole('button', { name: 'Record decision' }).click();
		await expect.poll(() => page.locator('section:has(#decide) [role=status]').count(), { timeout: 30_000 }).toBe(1);
		const logRow = page.locator('table.audit tbody tr').first();
		expect(await logRow.textContent()).toContain(name.raw_name);
		expect(await logRow.textContent()).toContain('merge');
		await screenshot(page, 'dashboard-identities');

		await page.goto(`${app.url}/models/codestral`);
		expect(await page.locator('section:has(#names)').textContent()).toContain(name.raw_name);
		expect(errors).toEqual([]);
	});

	it('a held snapshot is accepted with the token and is then in force', async () => {
		const held = heldSnapshots(rec.db)[0];
		expect(held).toBeDefined();
		const { page, errors } = await watchedPage(browser);
		await page.goto(`${app.url}/sources`);
		const row = page.locator('table.held tbody tr', { hasText: held.board_id });
		await row.locator('input[name=token]').fill(ADMIN_TOKEN);
		await row.getByRole('button', { name: 'Accept' }).click();
		await expect.poll(() => page.locator('[role=status]').count(), { timeout: 30_000 }).toBe(1);
		expect(await text(page, '[role=status]')).toContain(`${held.board_id} snapshot of ${held.as_of} is now in force`);
		await page.goto(`${app.url}/boards/${held.board_id}?date=${held.as_of}`);
		expect(await text(page, 'main')).toContain(`Snapshot of ${held.as_of}`);
		expect(await page.locator('table.ranking tbody tr').count()).toBe(held.row_count);
		expect(errors).toEqual([]);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { recordedDbCopy } from '../helpers/recorded-db';
import { familyNames } from '../../src/lib/server/db/history';

// A page at ?date=D tells what was known on D: on the recorded history, nothing on it (numbers, badges,
// lists, links, downloads) names a later date. The pages are rendered on the server, so their HTML is
// read directly.

const D = '2025-04-11';
const PAGES = ['/', '/models/llama-4-maverick', '/orgs/meta', '/boards/lmarena-text', '/events', '/models'];
const DAY = /\d{4}-\d{2}-\d{2}/g;
/** A date not followed by a time: a full timestamp in the page's data records when the server did something (fetched, analysed), not what a board showed. */
const BARE_DAY = /\d{4}-\d{2}-\d{2}(?!T\d)/g;

let rec: Awaited<ReturnType<typeof recordedDbCopy>>;
let app: AppServer;

beforeAll(async () => {
	rec = await recordedDbCopy();
	app = await startAppServer(rec.path);
}, 60_000);

afterAll(async () => {
	await app?.stop();
	rec?.cleanup();
});

async function get(path: string): Promise<string> {
	const res = await fetch(`${app.url}${path}`);
	expect(res.status, path).toBe(200);
	return res.text();
}

const after = (text: string, re: RegExp) => [...new Set([...text.matchAll(re)].map((m) => m[0]).filter((d) => d > D))];

/** Every date after D in the page's text and attributes, with where it was. */
function laterDates(html: string): string[] {
	const $ = cheerio.load(html);
	$('script').remove();
	const found: string[] = [];
	$('*').each((_, el) => {
		for (const [name, value] of Object.entries((el as { attribs?: Record<string, string> }).attribs ?? {}))
			for (const d of after(value, DAY)) found.push(`${d} in <${(el as { name: string }).name} ${name}="${value.slice(0, 120)}">`);
	});
	const text = $('body').text().replace(/\s+/g, ' ');
	for (const d of after(text, DAY)) {
		const i = text.indexOf(d);
		found.push(`${d} in the text: …${text.slice(Math.max(0, i - 80), i + 10)}…`);
	}
	return found;
}

describe(`every page at ?date=${D} shows only what was known on ${D}`, () => {
	it.each(PAGES)('%s: no later date in its text, attributes or data', async (path) => {
		const html = await get(`${path}?date=${D}`);
		expect(laterDates(html)).toEqual([]);
		expect(after(html, BARE_DAY)).toEqual([]);
	});

	it.each(PAGES)('%s: each CSV link carries a date on or before D and downloads nothing later', async (path) => {
		const $ = cheerio.load(await get(`${path}?date=${D}`));
		const hrefs = [...new Set($('a.csv-link').map((_, a) => $(a).attr('href')!).get())];
		expect(hrefs.length).toBeGreaterThan(0);
		for (const href of hrefs) {
			const q = new URL(href, app.url).searchParams;
			const dates = ['date', 'to', 'until'].map((k) => q.get(k)).filter((v): v is string => v !== null);
			expect(dates.length, href).toBeGreaterThan(0);
			for (const d of dates) expect(d <= D, href).toBe(true);
			const csv = await get(href);
			expect(after(csv, DAY), href).toEqual([]);
		}
	});

	it('the overview lists mismatches as seen up to D, and a source retired later is not badged retired', async () => {
		const $ = cheerio.load(await get(`/?date=${D}`));
		const seen = $('section:has(#open-mismatches) tbody tr td:last-child').map((_, td) => $(td).text()).get();
		expect(seen.length).toBeGreaterThan(0);
		expect(seen.some((s) => s.endsWith(` – ${D}`))).toBe(true);
		expect($('section:has(#freshness) .badge').filter((_, b) => $(b).text() === 'retired').length).toBe(0);
		// Yupp was retired on 2026-04-15: after that its boards are badged.
		const later = cheerio.load(await get('/?date=2026-05-01'));
		expect(later('section:has(#freshness) tr:has(a[href^="/boards/yupp?"]) .badge').filter((_, b) => later(b).text() === 'retired').length).toBeGreaterThan(0);
	});

	it('the model page lists only the names seen by D, and its position download stops at D', async () => {
		const $ = cheerio.load(await get(`/models/llama-4-maverick?date=${D}`));
		const known = familyNames(rec.db, 'llama-4-maverick', D).length;
		expect(known).toBeGreaterThan(0);
		expect(known).toBeLessThan(familyNames(rec.db, 'llama-4-maverick').length);
		expect($('section:has(#names) tbody tr').length).toBe(known);
		expect($('section:has(#now) a.csv-link').attr('href')).toBe(`/api/models/llama-4-maverick?to=${D}&format=csv`);
	});

	it('the model index lists only families seen by D', async () => {
		const at = cheerio.load(await get(`/models?date=${D}`))('table.model-index tbody tr').length;
		const now = cheerio.load(await get('/models'))('table.model-index tbody tr').length;
		expect(at).toBeGreaterThan(0);
		expect(at).toBeLessThan(now);
	});
});

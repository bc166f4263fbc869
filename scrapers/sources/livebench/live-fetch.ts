import * as cheerio from 'cheerio';
import { isIsoDate } from '../../../src/lib/model/snapshot';
import { FetchError } from '../../errors';
import type { HttpClient, HttpResponse } from '../../http';
import { decodeText } from '../../parse-helpers';
import type { FetchContext, FetchedDocument } from '../../source';
import { categoriesFileName } from './shared';
import { isTableCsv } from './table-csv';

// A few newer dates in the site's code can be blog or model dates rather than releases; each costs one 404.
const MAX_PROBES = 8;
const MAX_SCRIPTS = 4;

/** GET that treats 404/410 as "not there" (null) and lets every other failure through as a failed run. */
async function getIfPresent(http: HttpClient, url: string): Promise<HttpResponse | null> {
	try {
		return await http.get(url);
	} catch (e) {
		if (e instanceof FetchError && (e.status === 404 || e.status === 410)) return null;
		throw e;
	}
}

/** The app's own bundles (`./static/js/main.<hash>.js`): the release dates live in its code, not in the HTML. */
function sameOriginScripts(html: string, base: string): string[] {
	const origin = new URL(base).origin;
	const $ = cheerio.load(html);
	const urls = $('script[src]')
		.map((_, el) => {
			try {
				return new URL($(el).attr('src')!, base).href;
			} catch {
				return null;
			}
		})
		.get()
		.filter((u): u is string => !!u && new URL(u).origin === origin);
	return [...new Set(urls)].slice(0, MAX_SCRIPTS);
}

/**
 * Release dates the site's page and code mention, newest first: `table_YYYY_MM_DD` / `categories_YYYY_MM_DD`
 * file names, `LiveBench-YYYY-MM-DD` version names, and bare `"YYYY-MM-DD"` literals (the release picker's dates).
 */
export function releaseCandidates(text: string, today: string): string[] {
	const found = new Set<string>();
	const patterns = [/\b(?:table|categories)_(\d{4})_(\d{2})_(\d{2})\b/g, /LiveBench-(\d{4})-(\d{2})-(\d{2})\b/g, /["'`](\d{4})[-_](\d{2})[-_](\d{2})["'`]/g];
	for (const re of patterns)
		for (const m of text.matchAll(re)) {
			const date = `${m[1]}-${m[2]}-${m[3]}`;
			if (isIsoDate(date) && date <= today) found.add(date);
		}
	return [...found].sort().reverse();
}

/**
 * livebench.ai is a client-side app that loads `table_<RELEASE>.csv` and `categories_<RELEASE>.json`
 * of its newest release from the site root. We read the page and its scripts for release dates,
 * take the newest whose table exists, and hand the table over named after its file (so the release
 * is known) with the categories file as its companion. When no release is found the page itself is
 * returned, and the table format rejects it with the reason.
 */
export async function fetchNewestRelease(ctx: FetchContext): Promise<FetchedDocument> {
	const page = await ctx.http.get(ctx.url);
	const pageText = decodeText(page.bytes).text;
	const texts = [pageText];
	for (const src of sameOriginScripts(pageText, page.url)) {
		const script = await getIfPresent(ctx.http, src);
		if (script) texts.push(decodeText(script.bytes).text);
	}

	const today = ctx.now.toISOString().slice(0, 10);
	for (const release of releaseCandidates(texts.join('\n'), today).slice(0, MAX_PROBES)) {
		const tableName = `table_${release.replaceAll('-', '_')}.csv`;
		const table = await getIfPresent(ctx.http, new URL(tableName, page.url).href);
		// A host that answers unknown paths with the app's index page (200) has no table there either.
		if (!table || !isTableCsv(decodeText(table.bytes).text)) continue;
		const companion = categoriesFileName(release);
		const categories = await getIfPresent(ctx.http, new URL(companion, page.url).href);
		return {
			origin: table.url,
			status: table.status,
			mediaType: table.mediaType,
			bytes: table.bytes,
			name: tableName,
			companions: categories ? { [companion]: decodeText(categories.bytes).text } : {}
		};
	}
	return { origin: page.url, status: page.status, mediaType: page.mediaType, bytes: page.bytes, name: 'index.html' };
}

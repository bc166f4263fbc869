import { isIsoDate } from '../../../src/lib/snapshots/snapshot';
import { loadHtml } from '../../parse-helpers';
import { FetchError } from '../../../src/lib/catalogue/errors';
import type { HttpClient, HttpResponse } from '../../../src/lib/catalogue/contract';
import { decodeText } from '../../../src/lib/catalogue/documents';
import type { FetchContext, FetchedDocument } from '../../../src/lib/catalogue/contract';
import { categoriesFileName } from './shared';
import { isTableCsv } from './table-csv';
import { SITE_MODELS_COMPANION, siteModelList } from './site-models';

// A listed release can be announced before its files are deployed: try the next older one or two, no more.
const MAX_PROBES = 3;
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
	const $ = loadHtml(html);
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

const ISO = String.raw`"\d{4}-\d{2}-\d{2}"`;
const RELEASE_LISTS = [
	// The site since July 2026 (LiveBench/new-livebench): one array of every release, `["2024-06-24",…,"2026-06-25"]`.
	new RegExp(String.raw`\[\s*${ISO}(?:\s*,\s*${ISO})+\s*\]`, 'g'),
	// The site until June 2026: the release slider maps positions to releases, `"0"===t?"2024-06-24":…:"2026-01-08"`.
	new RegExp(String.raw`(?:"\d+"===\w+\?${ISO}:)+${ISO}`, 'g')
];

/**
 * The release list in the site's code, oldest first; empty when the code holds none. Only the list
 * counts: the bundle also carries dates of model versions (some newer than any release) and notices.
 */
export function releaseList(code: string): string[] {
	let longest: string[] = [];
	for (const re of RELEASE_LISTS)
		for (const m of code.matchAll(re)) {
			const dates = [...m[0].matchAll(/"(\d{4}-\d{2}-\d{2})"/g)].map((d) => d[1]).filter(isIsoDate);
			if (dates.length > longest.length) longest = dates;
		}
	return [...new Set(longest)].sort();
}

/**
 * livebench.ai is a client-side app that loads `table_<RELEASE>.csv` and `categories_<RELEASE>.json`
 * of its newest release from the site root. We read the release list from the page's scripts, take
 * the newest release (not in the future) whose table exists, and hand the table over named after its
 * file (so the release is known) with the categories file as its companion. When no release is found
 * the page itself is returned, and the table format rejects it with the reason.
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
	const releases = releaseList(texts.join('\n')).filter((d) => d <= today);
	for (const release of releases.reverse().slice(0, MAX_PROBES)) {
		const tableName = `table_${release.replaceAll('-', '_')}.csv`;
		const table = await getIfPresent(ctx.http, new URL(tableName, page.url).href);
		// A host that answers unknown paths with the app's index page (200) has no table there either.
		if (!table || !isTableCsv(decodeText(table.bytes).text)) continue;
		const companion = categoriesFileName(release);
		const categories = await getIfPresent(ctx.http, new URL(companion, page.url).href);
		const siteModels = siteModelList(texts.join('\n'));
		return {
			origin: table.url,
			status: table.status,
			mediaType: table.mediaType,
			bytes: table.bytes,
			name: tableName,
			companions: {
				...(categories ? { [companion]: decodeText(categories.bytes).text } : {}),
				...(siteModels ? { [SITE_MODELS_COMPANION]: JSON.stringify(siteModels) } : {})
			}
		};
	}
	return { origin: page.url, status: page.status, mediaType: page.mediaType, bytes: page.bytes, name: 'index.html' };
}

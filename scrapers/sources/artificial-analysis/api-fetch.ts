import { FetchError, ParseError } from '../../../src/lib/catalogue/errors';
import type { HttpResponse } from '../../../src/lib/catalogue/contract';
import { decodeText } from '../../../src/lib/catalogue/documents';
import type { FetchContext, FetchedDocument } from '../../../src/lib/catalogue/contract';
import { readApiBody } from './api-json';
import { statedVersion } from './index-version';
import { missingApiKey, settingText } from '../../../src/lib/catalogue';
import { artificialAnalysis, LANGUAGE_MODELS_URL } from '../../../src/lib/catalogue/sources/artificial-analysis';

const API_KEY_VAR = artificialAnalysis.apiKey!.variable;
/** Overrides the `api` endpoint's URL (endpointUrl's naming rule). */
const URL_VAR = 'RANKDRIFT_URL_ARTIFICIAL_ANALYSIS_API';

// The free endpoint answers 200 models a page (about 3 pages in 2026); 50 pages is far beyond any real catalogue.
const MAX_PAGES = 50;

/** A migration or documentation link the API put in its error body, if any. */
function linkIn(body: Uint8Array | null): string | null {
	return body ? (decodeText(body).text.match(/https?:\/\/[^\s"'<>]+/)?.[0] ?? null) : null;
}

/**
 * The API's refusals in words that say what to change. 401, 403 and 410 are not retried by the HTTP
 * client, and no later page is asked for: a retired endpoint or a refused key stays so within the run.
 */
function explain(e: FetchError, url: string): string | null {
	switch (e.status) {
		case 410: {
			const fix =
				url === LANGUAGE_MODELS_URL
					? `upgrade rankdrift, or set ${URL_VAR} to the endpoint that replaced it`
					: `set ${URL_VAR} to ${LANGUAGE_MODELS_URL} (or unset it), or upgrade rankdrift`;
			const link = linkIn(e.body);
			return `the endpoint was retired (HTTP 410, ${url}): ${fix}${link ? `; the API points to ${link}` : ''}`;
		}
		case 401:
			return `the API refused the key (HTTP 401): check ${API_KEY_VAR}`;
		case 403:
			return url === LANGUAGE_MODELS_URL
				? `the API refused the key for the free endpoint (HTTP 403): check that ${API_KEY_VAR} belongs to an organisation with API access`
				: `the key's plan does not cover this endpoint (HTTP 403, ${url}): set ${URL_VAR} to ${LANGUAGE_MODELS_URL} (or unset it), or use a key whose plan covers it`;
		case 429:
			return 'rate limited (HTTP 429): the free tier allows about 100 requests a day; the next scheduled run will try again';
		default:
			return null;
	}
}

async function get(ctx: FetchContext, url: string, key: string): Promise<HttpResponse> {
	try {
		return await ctx.http.get(url, { 'x-api-key': key, accept: 'application/json' });
	} catch (e) {
		if (!(e instanceof FetchError)) throw e;
		const why = explain(e, ctx.url);
		if (!why) throw e;
		throw new FetchError(why, { status: e.status, attempts: e.attempts, body: e.body });
	}
}

/** `pagination: {page, page_size, total_pages, has_more}`; total_pages alone is enough when has_more is absent. */
function hasMore(body: Record<string, unknown>, page: number): boolean {
	const p = body.pagination;
	if (typeof p !== 'object' || p === null) return false;
	const { has_more, total_pages } = p as { has_more?: unknown; total_pages?: unknown };
	if (typeof has_more === 'boolean') return has_more;
	return typeof total_pages === 'number' && page < total_pages;
}

/**
 * The paged free endpoint with the key in the `x-api-key` header: `{tier, intelligence_index_version,
 * pagination, data}` a page. The pages are read in turn (`?page=N`, 1-based) and joined into one
 * response, so one run stores one document; an answer without pagination (the retired
 * `/data/llms/models`, a mirror) is taken as it came.
 */
export async function fetchModels(ctx: FetchContext): Promise<FetchedDocument> {
	const key = settingText(ctx.settings, API_KEY_VAR);
	if (!key) throw new FetchError(missingApiKey(artificialAnalysis, ctx.settings)!, { attempts: 0 });
	const first = await get(ctx, ctx.url, key);
	const done = (bytes: Uint8Array): FetchedDocument => ({
		origin: first.url,
		status: first.status,
		mediaType: first.mediaType,
		bytes,
		name: 'models.json'
	});
	let body: ReturnType<typeof readApiBody>;
	try {
		body = readApiBody(decodeText(first.bytes).text);
	} catch (e) {
		// Not a models response: hand it over as it came, so the parser rejects it and the run keeps the bytes.
		if (e instanceof ParseError) return done(first.bytes);
		throw e;
	}
	if (!hasMore(body, 1)) return done(first.bytes);

	const version = statedVersion(body.intelligence_index_version);
	const data = [...body.data];
	let page = body;
	for (let n = 2; hasMore(page, n - 1); n++) {
		if (n > MAX_PAGES) throw new FetchError(`the API kept paging past ${MAX_PAGES} pages`, { status: first.status, attempts: 1 });
		const url = new URL(ctx.url);
		url.searchParams.set('page', String(n));
		const res = await get(ctx, url.toString(), key);
		try {
			page = readApiBody(decodeText(res.bytes).text);
		} catch (e) {
			if (!(e instanceof ParseError)) throw e;
			throw new FetchError(`page ${n} of the models list is not a models response (${e.message})`, { status: res.status, attempts: res.attempts, body: res.bytes });
		}
		// An index re-versioned between two pages would mix two scales in one snapshot.
		const pageVersion = statedVersion(page.intelligence_index_version);
		if (pageVersion && version && pageVersion !== version)
			throw new FetchError(`the Intelligence Index version changed while paging (${version} on page 1, ${pageVersion} on page ${n}); the next run will read one version`, {
				status: res.status,
				attempts: res.attempts
			});
		data.push(...page.data);
	}
	const joined: Record<string, unknown> = { ...body, data };
	delete joined.pagination;
	return done(new TextEncoder().encode(JSON.stringify(joined)));
}

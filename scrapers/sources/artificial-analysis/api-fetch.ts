import { FetchError, ParseError } from '../../errors';
import type { HttpResponse } from '../../http';
import { decodeText } from '../../parse-helpers';
import type { FetchContext, FetchedDocument } from '../../source';
import { readApiBody } from './api-json';

export const API_KEY_VAR = 'ARTIFICIAL_ANALYSIS_API_KEY';

export function apiKey(env: NodeJS.ProcessEnv): string | null {
	return env[API_KEY_VAR]?.trim() || null;
}

export function disabledReason(env: NodeJS.ProcessEnv): string | null {
	return apiKey(env) ? null : `set ${API_KEY_VAR} to enable (free key from artificialanalysis.ai)`;
}

// The paged API answers ~100 models a page; 50 pages is far beyond any real catalogue.
const MAX_PAGES = 50;

/** The API's refusals in words that say what to do. */
async function get(ctx: FetchContext, url: string, key: string): Promise<HttpResponse> {
	try {
		return await ctx.http.get(url, { 'x-api-key': key, accept: 'application/json' });
	} catch (e) {
		if (!(e instanceof FetchError)) throw e;
		const why =
			e.status === 401 || e.status === 403
				? `the API refused the key (HTTP ${e.status}): check ${API_KEY_VAR}`
				: e.status === 429
					? 'rate limited (HTTP 429): the free tier allows 1,000 requests a day; the next scheduled run will try again'
					: null;
		if (!why) throw e;
		throw new FetchError(why, { status: e.status, attempts: e.attempts, body: e.body });
	}
}

const hasMore = (body: Record<string, unknown>) =>
	typeof body.pagination === 'object' && body.pagination !== null && (body.pagination as { has_more?: unknown }).has_more === true;

/**
 * The free API v2 with the key in the `x-api-key` header. One request for `/data/llms/models`; when
 * the answer is paged (`pagination.has_more`, as the 2026 `/language/models` routes are), the pages
 * are read in turn and joined into one response, so one run stores one document.
 */
export async function fetchModels(ctx: FetchContext): Promise<FetchedDocument> {
	const key = apiKey(ctx.env);
	if (!key) throw new FetchError(disabledReason(ctx.env)!, { attempts: 0 });
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
	if (!hasMore(body)) return done(first.bytes);

	const data = [...body.data];
	let page = body;
	for (let n = 2; hasMore(page); n++) {
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
		data.push(...page.data);
	}
	const joined: Record<string, unknown> = { ...body, data };
	delete joined.pagination;
	return done(new TextEncoder().encode(JSON.stringify(joined)));
}

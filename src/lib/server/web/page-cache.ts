import { randomBytes } from 'node:crypto';
import type { Handle } from '@sveltejs/kit';
import { appDb } from '../app-context';
import { pageVersion } from '../db/versions';
import { todayUtc } from '../../dates';
import { LruCache } from '../../lru-cache';

/**
 * The history pages whose whole answer follows from the URL, the data and today's date (a page without
 * ?date= is as of today). Pages that read a token, a form or the scheduler's live state are not here.
 */
const CACHED_ROUTES = new Set(['/', '/boards/[...id]', '/models', '/models/[id]', '/compare', '/orgs', '/orgs/[id]', '/events']);

interface RenderedPage {
	body: string;
	headers: [string, string][];
	/** The CSP nonce the body and its header carry, if it is a page (data requests have none). */
	nonce: string | null;
}

// Once the data is read from caches, rendering is what a warm page costs (a board page's 220 KB of
// HTML: some 15 ms of the 17). A page is rendered once per data version and kept, 16 MB at most; one
// over an eighth of that (a whole board of thousands of rows, `?show=all`) is not kept, since the
// cache always holds its newest entry whatever it weighs.
const MAX_BYTES = 16 << 20;
const rendered = new LruCache<string, RenderedPage>(512, { weigh: (p) => p.body.length, maxWeight: MAX_BYTES });

const NONCE = /'nonce-([A-Za-z0-9+/=]+)'/;

/**
 * Answers a GET of a history page (or its `__data.json`) rendered before for the same data version,
 * sources' health and date. Each answer gets a nonce of its own, as Kit would give it: the old one is
 * replaced in the body and the Content-Security-Policy, and the ETag (a hash of the old body) dropped.
 */
export const pageCache: Handle = async ({ event, resolve }) => {
	if (event.request.method !== 'GET' || !CACHED_ROUTES.has(event.route.id ?? '')) return resolve(event);
	const { pathname, search } = new URL(event.request.url);
	// Read before rendering: a change while the page renders leaves the stored page under the old key.
	const key = `${pageVersion(appDb())}|${todayUtc()}|${pathname}${search}`;
	const hit = rendered.get(key);
	if (hit) return replay(hit);
	const response = await resolve(event);
	if (response.status !== 200 || response.headers.has('set-cookie')) return response;
	const body = await response.text();
	if (body.length > MAX_BYTES / 8) return new Response(body, { status: 200, headers: response.headers });
	const nonce = response.headers.get('content-security-policy')?.match(NONCE)?.[1] ?? null;
	rendered.set(key, { body, headers: [...response.headers], nonce });
	return new Response(body, { status: 200, headers: response.headers });
};

function replay(page: RenderedPage): Response {
	const headers = new Headers(page.headers);
	if (!page.nonce) return new Response(page.body, { status: 200, headers });
	const fresh = randomBytes(16).toString('base64');
	headers.set('content-security-policy', headers.get('content-security-policy')!.replaceAll(page.nonce, fresh));
	headers.delete('etag');
	return new Response(page.body.replaceAll(page.nonce, fresh), { status: 200, headers });
}

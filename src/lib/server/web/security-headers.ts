import { STATUS_CODES } from 'node:http';
import type { Handle } from '@sveltejs/kit';
import { apiError } from '../export/http';

/**
 * Headers every response carries. The pages' Content-Security-Policy comes from svelte.config.js
 * (kit.csp), where Kit can add the nonces its own inline scripts need; Kit sets it only on pages it
 * renders, so everything else (JSON, CSV, feeds, refusals) gets one that allows nothing.
 */
export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	h.set('X-Content-Type-Options', 'nosniff');
	h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	// frame-ancestors is the modern form; X-Frame-Options still guards older browsers.
	h.set('X-Frame-Options', 'DENY');
	h.set('Cross-Origin-Opener-Policy', 'same-origin');
	h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
	if (!h.has('Content-Security-Policy')) h.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
	return response;
};

/** Pages opened by a link token: the token is in the URL and the page shows the subscription, so no cache keeps either. */
const TOKEN_PAGES = /^\/subscriptions\/(manage|confirm|unsubscribe)(\/|$)/;

export const noStoreTokenPages: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (TOKEN_PAGES.test(event.url.pathname)) response.headers.set('Cache-Control', 'no-store');
	return response;
};

/**
 * Every `/api` answer is JSON, errors Kit produces before a handler runs included: a path that is not
 * valid percent-encoding (`/api/boards/%ff`), an unknown path, a method the route does not take.
 */
export const jsonApiErrors: Handle = async ({ event, resolve }) => {
	const path = event.url.pathname;
	if (path !== '/api' && !path.startsWith('/api/')) return resolve(event);
	try {
		decodeURI(path);
	} catch {
		return apiError(400, 'Bad request', 'the path is not valid percent-encoded UTF-8');
	}
	const response = await resolve(event);
	if (response.status < 400 || response.headers.get('content-type')?.includes('json')) return response;
	return apiError(response.status, STATUS_CODES[response.status] ?? 'Error');
};

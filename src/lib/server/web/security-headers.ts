import type { Handle } from '@sveltejs/kit';

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

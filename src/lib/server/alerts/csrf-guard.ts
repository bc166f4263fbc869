import { json, text, type Handle } from '@sveltejs/kit';

// SvelteKit's CSRF origin check (runtime/server/respond.js), re-implemented so one route can be
// exempt: a cross-site form submission (a content type an HTML form can send, an unsafe method, an
// Origin that is not ours) is refused with 403 — exactly as Kit does — except a POST to the RFC 8058
// one-click unsubscribe endpoint, whose signed token is its authority.

// The last is the binary form encoding of Kit's remote form functions.
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/x-sveltekit-formdata'];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const ONE_CLICK_PATH = '/subscriptions/one-click';

function isFormContentType(request: Request): boolean {
	const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase() ?? '';
	return FORM_TYPES.includes(type);
}

export function isForbiddenCrossSite(request: Request, url: URL): boolean {
	if (!UNSAFE.has(request.method) || !isFormContentType(request)) return false;
	if (request.method === 'POST' && url.pathname === ONE_CLICK_PATH) return false;
	return request.headers.get('origin') !== url.origin;
}

export const csrfGuard: Handle = async ({ event, resolve }) => {
	if (isForbiddenCrossSite(event.request, event.url)) {
		const message = `Cross-site ${event.request.method} form submissions are forbidden`;
		if (event.request.headers.get('accept') === 'application/json') return json({ message }, { status: 403 });
		return text(message, { status: 403 });
	}
	return resolve(event);
};

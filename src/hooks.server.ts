import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { createLogger } from '$lib/server/log';
import { csrfGuard } from '$lib/server/alerts/csrf-guard';
import { securityHeaders } from '$lib/server/web/security-headers';

const log = createLogger('web');

/**
 * Request handling, in order. Kit's own origin check is off (svelte.config.js: csrf.trustedOrigins
 * ['*']) because it cannot exempt one route; `csrfGuard` applies the same check to every form post
 * except RFC 8058 one-click unsubscribes, which mail providers send without an Origin header and
 * which are authorised by their signed token instead. Then the security headers every response carries.
 */
export const handle: Handle = sequence(csrfGuard, securityHeaders);

/** Unexpected errors are logged with their stack and shown as a plain sentence: never a trace in a response. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: 'Not found' };
	log.error('request failed', { path: event.url.pathname, status, error: (error as Error)?.stack ?? String(error) });
	return { message: 'Something went wrong on our side; the error has been logged.' };
};

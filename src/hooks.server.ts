import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { building, dev } from '$app/environment';
import { sequence } from '@sveltejs/kit/hooks';
import { createLogger } from '$lib/server/log';
import { csrfGuard } from '$lib/server/alerts/csrf-guard';
import { clientLimit } from '$lib/server/web/client-limit';
import { jsonApiErrors, noStoreTokenPages, securityHeaders } from '$lib/server/web/security-headers';
import { appContext } from '$lib/server/app-context';
import { pageCache } from '$lib/server/web/page-cache';
import { defaultDbPath } from '$lib/server/db/connection';
import { startBackgroundWork, type BackgroundWork } from '$lib/server/background';
import { closeAppReadPool } from '$lib/server/reads/app-pool';
import { sourceDefinitions } from './sources';
import { createHttpClient } from '../scrapers/http';

const log = createLogger('web');

let background: BackgroundWork | null = null;

/** Requests keep the server from handing back idle memory (background.ts) while it is in use. */
const markBusy: Handle = async ({ event, resolve }) => {
	background?.busy();
	const response = await resolve(event);
	background?.busy();
	return response;
};

/**
 * Request handling, in order. Kit's own origin check is off (svelte.config.js: csrf.trustedOrigins
 * ['*']) because it cannot exempt one route; `csrfGuard` applies the same check to every form post
 * except RFC 8058 one-click unsubscribes, which mail providers send without an Origin header and
 * which are authorised by their signed token instead. The security headers wrap everything, refusals included.
 * `pageCache` answers a history page rendered before for the same data without taking a client's slot
 * (not under `vite dev`, where an edited component must show without new data).
 * `clientLimit` bounds the expensive requests one client has in flight; it sits outside every handle
 * that may replace a response, so the body whose end frees the slot is the one that is sent.
 */
export const handle: Handle = sequence(
	markBusy,
	securityHeaders,
	noStoreTokenPages,
	...(dev ? [] : [pageCache]),
	clientLimit,
	jsonApiErrors,
	csrfGuard
);

/**
 * At server start (production only: `vite dev` would run it on the first request and again on every
 * reload), the configuration is checked — a bad one stops the start before the server listens, with
 * every problem in one line (bin/serve.js prints it) — and the scheduler and alert dispatcher start in
 * this process; adapter-node's shutdown event stops them.
 */
export const init: ServerInit = () => {
	if (building || dev) return;
	const ctx = appContext();
	const work = (background = startBackgroundWork(ctx, defaultDbPath(ctx.config), { sources: sourceDefinitions, http: createHttpClient() }));
	process.once('sveltekit:shutdown' as never, () => void Promise.all([work.stop(), closeAppReadPool()]));
};

/**
 * Unexpected errors are logged with their stack and shown as a plain sentence: never a trace in a
 * response. A client's mistake (a 4xx Kit raises itself, such as a form action posted as JSON) is
 * logged as one info line: anyone can send them, and they must not fill the log with stacks.
 */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: 'Not found' };
	if (status < 500) {
		const text = (error as { text?: string })?.text ?? 'Bad request';
		log.info('request refused', { method: event.request.method, path: event.url.pathname, status, reason: text });
		return { message: text };
	}
	log.error('request failed', { path: event.url.pathname, status, error: (error as Error)?.stack ?? String(error) });
	return { message: 'Something went wrong on our side; the error has been logged.' };
};

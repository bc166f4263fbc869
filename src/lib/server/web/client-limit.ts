import type { Handle } from '@sveltejs/kit';
import { config } from '../config';
import { createLogger } from '../log';

// Read workers (src/lib/server/reads) take the heavy SQLite work off the event loop, but there are only
// a few of them: what one client runs at once is still what everyone else queues behind. Each client (by address, so set
// ADDRESS_HEADER behind a proxy) may have a few expensive requests in flight; more are answered 503
// with Retry-After at once, before any work is done. A streamed body holds its slot until it ends.

const log = createLogger('web');
const inFlight = new Map<string, number>();

/** Exports, feeds and the pages that read the most history. */
const EXPENSIVE = /^\/(api\/(?!subscriptions(\/|$))|feed\.xml$|findings\.xml$|models\/|compare(\/|$)|boards\/|orgs\/|events(\/|$))/;

function release(client: string): void {
	const n = (inFlight.get(client) ?? 1) - 1;
	if (n > 0) inFlight.set(client, n);
	else inFlight.delete(client);
}

/** The same body, calling `done` once when it has been read to the end, failed or was cancelled (the client left). */
function releasingBody(body: ReadableStream<Uint8Array>, done: () => void): ReadableStream<Uint8Array> {
	const reader = body.getReader();
	let released = false;
	const finish = () => {
		if (!released) {
			released = true;
			done();
		}
	};
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				const next = await reader.read();
				if (next.done) {
					finish();
					controller.close();
				} else controller.enqueue(next.value);
			} catch (e) {
				finish();
				controller.error(e);
			}
		},
		cancel(reason) {
			finish();
			return reader.cancel(reason);
		}
	});
}

/**
 * Kit replaces a redirect (for a data request) and a 200 whose ETag the client already has (with a 304)
 * after the hooks ran, so their body is never read: the slot must not wait for it.
 */
function bodyWillBeDropped(request: Request, response: Response): boolean {
	if (response.status >= 300 && response.status < 400) return true;
	const etag = response.headers.get('etag');
	const known = request.headers.get('if-none-match');
	return response.status === 200 && etag !== null && known !== null && known.replace(/^W\//, '') === etag;
}

function busy(path: string, limit: number): Response {
	const message = `Too many requests at once from this client: at most ${limit} exports, feeds or history pages run together. Wait for one to finish and try again.`;
	const headers = { 'retry-after': '1', 'cache-control': 'no-store' };
	if (path.startsWith('/api/')) return new Response(JSON.stringify({ status: 503, message }) + '\n', { status: 503, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
	return new Response(message + '\n', { status: 503, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
}

export const clientLimit: Handle = async ({ event, resolve }) => {
	const limit = config().RANKDRIFT_CLIENT_CONCURRENCY;
	const path = event.url.pathname;
	// Kit has taken `/__data.json` off a page's data request by now: it is limited as its page.
	if (limit === 0 || !['GET', 'HEAD'].includes(event.request.method) || !EXPENSIVE.test(path)) return resolve(event);
	const client = event.getClientAddress();
	const running = inFlight.get(client) ?? 0;
	if (running >= limit) {
		log.info('request refused: client over its concurrency limit', { path, limit });
		return busy(path, limit);
	}
	inFlight.set(client, running + 1);
	let response: Response;
	try {
		response = await resolve(event);
	} catch (e) {
		release(client);
		throw e;
	}
	if (!response.body || bodyWillBeDropped(event.request, response)) {
		release(client);
		return response;
	}
	return new Response(releasingBody(response.body, () => release(client)), { status: response.status, statusText: response.statusText, headers: response.headers });
};

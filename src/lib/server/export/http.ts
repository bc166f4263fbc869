import { isHttpError, type RequestEvent } from '@sveltejs/kit';
import { appContext, appDb, downloadDb } from '../app-context';
import { config, publicBaseUrl } from '../config';
import { DatabaseError, type Db } from '../db/connection';
import { createLogger } from '../log';
import { NotFoundError, ReadUnavailableError } from '../errors';
import { appReadPool } from '../reads/app-pool';
import type { PooledAnswer } from '../reads/pool';
import { answerDataset, formatOf } from './answer';
import type { DatasetDefinition } from './dataset';
import { BadParameter, Params } from './params';

const log = createLogger('api');

/** Open for GET from any origin: notebooks and other sites read the API and the feed directly. */
export const CORS_HEADERS: Record<string, string> = {
	'access-control-allow-origin': '*',
	'access-control-allow-methods': 'GET, HEAD, OPTIONS',
	'access-control-allow-headers': 'accept, content-type, if-none-match',
	'access-control-expose-headers': 'content-disposition, link',
	'access-control-max-age': '86400'
};

/** The answer to a CORS preflight. */
export function preflight(): Response {
	return new Response(null, { status: 204, headers: CORS_HEADERS });
}

export function apiError(status: number, message: string, detail?: string, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify({ status, message, ...(detail ? { detail } : {}) }) + '\n', {
		status,
		headers: { ...CORS_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }
	});
}

/**
 * Runs an API handler and turns what it throws into a JSON error a script can read: a bad parameter is
 * a 400 naming it, an unknown board/family/source a 404; anything else is logged and a plain 500.
 */
export async function withApiErrors(event: RequestEvent, handler: () => Response | Promise<Response>): Promise<Response> {
	try {
		return await handler();
	} catch (e) {
		if (e instanceof BadParameter) return apiError(400, `Bad ${e.param}`, e.message);
		if (e instanceof NotFoundError) return apiError(404, 'Not found', e.message);
		if (e instanceof ReadUnavailableError) return apiError(503, e.message, undefined, { 'retry-after': String(e.retryAfterS) });
		if (isHttpError(e)) return apiError(e.status, e.body.message, e.body.detail);
		log.error('api request failed', { path: event.url.pathname, error: (e as Error)?.stack ?? String(e) });
		if (e instanceof DatabaseError) return apiError(503, 'The database is unavailable; the error has been logged.');
		return apiError(500, 'Something went wrong on our side; the error has been logged.');
	}
}

/**
 * A pull-based body: the next chunk is made only when the client has taken the previous one. The first
 * chunk is made at once, so a failure reading the data is still a clean error status, not a cut download.
 */
export function streamOf(chunks: Generator<string, void, undefined>, what: string): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	let first: IteratorResult<string, void> | null = chunks.next();
	let cancelled = false;
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				// Making a chunk is synchronous work (SQLite, CSV): give the event loop a turn before each one,
				// or a fast client on a fast link would keep every other request waiting until the export ends.
				if (!first) await new Promise((resolve) => setImmediate(resolve));
				if (cancelled) return;
				try {
					const next = first ?? chunks.next();
					first = null;
					if (next.done) controller.close();
					else controller.enqueue(encoder.encode(next.value));
				} catch (e) {
					log.error('export stream failed', { what, error: (e as Error)?.stack ?? String(e) });
					controller.error(e);
				}
			},
			cancel() {
				cancelled = true;
				chunks.return(undefined);
			}
		},
		// A few chunks made ahead let the next one be produced while the socket sends the last; bounded, so memory stays flat.
		new ByteLengthQueuingStrategy({ highWaterMark: 256 * 1024 })
	);
}

function nextLink(url: URL, cursor: string): string {
	const next = new URL(url);
	next.searchParams.set('cursor', cursor);
	return `<${next.pathname}${next.search}>; rel="next"`;
}

/** The answer of one dataset request in the server's thread: CSV reads through the download connection. */
function answerHere(definition: DatasetDefinition, id: string | null, search: URLSearchParams): PooledAnswer {
	const answer = answerDataset(appContext(formatOf(search) === 'csv' ? downloadDb() : appDb()), definition, id, search);
	if (answer.format === 'json') return answer;
	return { format: 'csv', filename: answer.filename, body: streamOf(answer.chunks, answer.filename) };
}

/**
 * Serves one dataset from the URL's query: JSON by default (paginated datasets take `limit` and
 * `cursor`), `format=csv` for the whole dataset as a streamed CSV download. With read workers on
 * (RANKDRIFT_READ_WORKERS), a worker runs the same dataset code and this thread only passes the bytes on.
 */
export function serveDataset(event: RequestEvent, definition: DatasetDefinition, id: string | null): Promise<Response> {
	return withApiErrors(event, async () => {
		const pool = appReadPool();
		const answer = pool ? await pool.run(definition.name, id, event.url.search) : answerHere(definition, id, event.url.searchParams);
		if (answer.format === 'csv') {
			return new Response(answer.body, {
				headers: {
					...CORS_HEADERS,
					'content-type': 'text/csv; charset=utf-8; header=present',
					'content-disposition': `attachment; filename="${answer.filename}.csv"`,
					'cache-control': 'no-store',
					'x-content-type-options': 'nosniff'
				}
			});
		}
		const headers: Record<string, string> = { ...CORS_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
		if (answer.next) headers.link = nextLink(event.url, answer.next);
		return new Response(answer.body, { headers });
	});
}

/** GET (and the CORS preflight) of a dataset route; `idOf` reads the path's id when the dataset takes one. */
export function datasetRoute(definition: DatasetDefinition, idOf: (event: RequestEvent) => string | null = () => null) {
	return {
		GET: (event: RequestEvent) => serveDataset(event, definition, idOf(event)),
		OPTIONS: () => preflight()
	};
}

/** GET (and the CORS preflight) of an Atom feed rendered from the URL's query. */
export function atomRoute(render: (db: Db, params: Params, origin: string, now: Date) => string) {
	return {
		GET: (event: RequestEvent) =>
			withApiErrors(event, () => {
				const xml = render(appDb(), new Params(event.url.searchParams), publicBaseUrl(config()).url, new Date());
				return new Response(xml, {
					headers: { ...CORS_HEADERS, 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' }
				});
			}),
		OPTIONS: () => preflight()
	};
}

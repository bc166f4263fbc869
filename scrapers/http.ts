import { FetchError } from '../src/lib/catalogue/errors';
import type { HttpClient, HttpResponse } from '../src/lib/catalogue/contract';

export const USER_AGENT = 'rankdrift/0.1 (leaderboard-divergence monitor; +https://github.com/rankdrift/rankdrift)';

export interface HttpOptions {
	timeoutMs: number;
	/** Total tries for one request, the first included. */
	maxAttempts: number;
	/** First backoff; doubles each retry, with jitter. */
	backoffMs: number;
	/** Longest Retry-After we are willing to wait inside one run. */
	maxRetryAfterMs: number;
	maxBytes: number;
	userAgent: string;
	sleep: (ms: number) => Promise<void>;
}

const defaults: HttpOptions = {
	timeoutMs: 30_000,
	maxAttempts: 3,
	backoffMs: 1_000,
	maxRetryAfterMs: 120_000,
	maxBytes: 64 * 1024 * 1024,
	userAgent: USER_AGENT,
	sleep: (ms) => new Promise((r) => setTimeout(r, ms))
};

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Seconds or an HTTP date, as RFC 9110 allows; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
	if (!value) return null;
	const trimmed = value.trim();
	if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
	const when = Date.parse(trimmed);
	return Number.isNaN(when) ? null : Math.max(0, when - now);
}

/**
 * A polite HTTP client: a timeout per try, bounded retries with exponential backoff, Retry-After
 * honoured, a clear User-Agent, and one request in flight per host so a site never sees us twice at once.
 */
export function createHttpClient(options: Partial<HttpOptions> = {}): HttpClient {
	const opts = { ...defaults, ...options };
	const hostQueues = new Map<string, Promise<unknown>>();

	function perHost<T>(host: string, task: () => Promise<T>): Promise<T> {
		const previous = hostQueues.get(host) ?? Promise.resolve();
		const next = previous.then(task, task);
		const settled = next.catch(() => undefined);
		hostQueues.set(host, settled);
		void settled.then(() => {
			if (hostQueues.get(host) === settled) hostQueues.delete(host);
		});
		return next;
	}

	async function once(url: string, headers: Record<string, string>) {
		const controller = new AbortController();
		const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
		try {
			const res = await fetch(url, {
				headers: { 'user-agent': opts.userAgent, accept: '*/*', ...headers },
				signal: controller.signal,
				redirect: 'follow'
			});
			const bytes = await readLimited(res, opts.maxBytes, url);
			return { res, bytes };
		} finally {
			clearTimeout(timer);
		}
	}

	async function get(url: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
		let parsed: URL;
		try {
			parsed = new URL(url);
		} catch {
			throw new FetchError(`invalid URL ${JSON.stringify(url)}`, { attempts: 0 });
		}
		if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
			throw new FetchError(`unsupported URL scheme ${parsed.protocol} (http and https only)`, { attempts: 0 });

		return perHost(parsed.host, async () => {
			let lastProblem = '';
			let lastCode: string | null = null;
			let lastStatus: number | null = null;
			let lastBody: Uint8Array | null = null;
			for (let attempt = 1; attempt <= opts.maxAttempts; attempt++) {
				let waitMs = opts.backoffMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
				try {
					const { res, bytes } = await once(url, headers);
					if (res.ok) {
						return {
							url: res.url || url,
							status: res.status,
							mediaType: res.headers.get('content-type'),
							bytes,
							attempts: attempt
						};
					}
					lastStatus = res.status;
					lastBody = bytes;
					lastCode = null;
					lastProblem = `HTTP ${res.status}`;
					if (!RETRYABLE.has(res.status)) {
						throw new FetchError(`HTTP ${res.status} ${res.statusText || ''}`.trim(), {
							status: res.status,
							attempts: attempt,
							body: bytes
						});
					}
					const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
					if (retryAfter !== null) {
						if (retryAfter > opts.maxRetryAfterMs) {
							throw new FetchError(
								`HTTP ${res.status}: the site asked us to wait ${Math.round(retryAfter / 1000)} s (Retry-After), more than the ${Math.round(opts.maxRetryAfterMs / 1000)} s limit; the next scheduled run will try again`,
								{ status: res.status, attempts: attempt, body: bytes }
							);
						}
						waitMs = retryAfter;
					}
				} catch (e) {
					if (e instanceof FetchError) throw e;
					const err = e as Error & { cause?: { code?: string; message?: string } };
					lastCode = err.name === 'AbortError' ? 'ETIMEDOUT' : (err.cause?.code ?? null);
					lastProblem =
						err.name === 'AbortError'
							? `timeout (${Math.round(opts.timeoutMs / 1000)} s)`
							: networkProblem(lastCode, err.cause?.message ?? err.message, parsed.host);
					lastStatus = null;
				}
				if (attempt < opts.maxAttempts) await opts.sleep(waitMs);
			}
			const tries = opts.maxAttempts === 1 ? '1 try' : `${opts.maxAttempts} tries`;
			throw new FetchError(`${lastProblem} after ${tries}`, {
				status: lastStatus,
				attempts: opts.maxAttempts,
				body: lastBody,
				code: lastCode
			});
		});
	}

	return { get };
}

/** The common ways of not reaching a host, naming the host: a custom fetch may ask several. */
function networkProblem(code: string | null, message: string, host: string): string {
	switch (code) {
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return `network error: cannot resolve ${host} (${code})`;
		case 'ENETUNREACH':
		case 'EHOSTUNREACH':
			return `network error: no route to ${host} (${code})`;
		case 'ECONNREFUSED':
			return `network error: ${host} refused the connection (ECONNREFUSED)`;
		default:
			return `network error: ${code ?? message}`;
	}
}

async function readLimited(res: Response, maxBytes: number, url: string): Promise<Uint8Array> {
	const declared = Number(res.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declared) && declared > maxBytes) {
		await res.body?.cancel();
		throw new FetchError(`response from ${url} is ${declared} bytes, over the ${maxBytes}-byte limit`, {
			status: res.status,
			attempts: 1
		});
	}
	if (!res.body) return new Uint8Array();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
		total += chunk.byteLength;
		if (total > maxBytes) {
			throw new FetchError(`response from ${url} exceeded the ${maxBytes}-byte limit`, {
				status: res.status,
				attempts: 1
			});
		}
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

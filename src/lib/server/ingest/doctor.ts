import { performance } from 'node:perf_hooks';
import type { Config } from '../config';
import type { Feed } from '../../snapshots/snapshot';
import { collapseDuplicateRows } from '../../snapshots/rows';
import { BlockedError, FetchError, ParseError } from '../../catalogue/errors';
import { assertNotBlocked, decodeText } from '../../catalogue/documents';
import { defaultFetch, endpointUrl, parseFetched } from './scrape';
import type { Endpoint, FetchedDocument, HttpClient, SourceDefinition } from '../../catalogue/contract';

export type DoctorOutcome = 'ok' | 'blocked' | 'rejected' | 'failed' | 'unreachable' | 'retired' | 'disabled';

/** One endpoint and board as `rankdrift doctor` saw it; an endpoint that stores nothing has one, with board null. */
export interface DoctorCheck {
	source: string;
	endpoint: string;
	url: string;
	ok: boolean;
	outcome: DoctorOutcome;
	reason: string | null;
	board: string | null;
	as_of: string | null;
	rows: number | null;
	top: string[];
	feed: Feed;
	/** The endpoint's, repeated on each of its boards. */
	requests: number;
	bytes: number;
	ms: number;
}

export interface DoctorOptions {
	http: HttpClient;
	config: Config;
	now: Date;
	/** Why a source is not checked here (retired, disabled), or null to check it. */
	skip(source: SourceDefinition): { outcome: 'retired' | 'disabled'; reason: string } | null;
}

// No answer came: the machine is offline, DNS is missing, nothing listens at the URL, or the connection died.
const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT']);

/** Every endpoint of every source, checked at once (the HTTP client still asks each host one request at a time), in catalogue order. */
export async function checkSources(sources: SourceDefinition[], opts: DoctorOptions): Promise<DoctorCheck[]> {
	const checks = sources.flatMap((source) => {
		const skip = opts.skip(source);
		return source.endpoints.map((endpoint) =>
			skip
				? Promise.resolve([check(source, endpoint, endpointUrl(source, endpoint, opts.config), skip.outcome, skip.reason)])
				: checkEndpoint(source, endpoint, opts)
		);
	});
	return (await Promise.all(checks)).flat();
}

function check(source: SourceDefinition, endpoint: Endpoint, url: string, outcome: DoctorOutcome, reason: string | null): DoctorCheck {
	return {
		source: source.id,
		endpoint: endpoint.name,
		url,
		ok: outcome === 'ok',
		outcome,
		reason,
		board: null,
		as_of: null,
		rows: null,
		top: [],
		feed: endpoint.feed,
		requests: 0,
		bytes: 0,
		ms: 0
	};
}

/** Fetches, parses and validates one endpoint as a scrape would, and stores nothing. */
export async function checkEndpoint(source: SourceDefinition, endpoint: Endpoint, opts: DoctorOptions): Promise<DoctorCheck[]> {
	const url = endpointUrl(source, endpoint, opts.config);
	const tally = { requests: 0, bytes: 0 };
	const http = counting(opts.http, tally);
	const started = performance.now();
	const result = (outcome: DoctorOutcome, reason: string | null): DoctorCheck => ({
		...check(source, endpoint, url, outcome, reason),
		...tally,
		ms: Math.round(performance.now() - started)
	});

	let fetched: FetchedDocument;
	try {
		fetched = endpoint.fetch ? await endpoint.fetch({ http, url, now: opts.now, settings: opts.config }) : await defaultFetch(http, url);
	} catch (e) {
		if (!(e instanceof FetchError)) return [result('failed', (e as Error).message)];
		if (e.code && UNREACHABLE.has(e.code)) return [result('unreachable', e.message)];
		const blocked = blockedBody(e);
		return [blocked ? result('blocked', `${blocked} (${e.message})`) : result('failed', e.message)];
	}

	try {
		const today = opts.now.toISOString().slice(0, 10);
		return parseFetched(source, endpoint, fetched, today).map((s) => {
			// What storing would keep: identical rows collapsed, the fetch date when the content states none.
			const rows = collapseDuplicateRows(s.rows).rows;
			const top = [...rows].sort((a, b) => a.rank - b.rank).slice(0, 3).map((r) => r.model);
			return { ...result('ok', null), board: s.board, as_of: s.publishedAsOf ?? today, rows: rows.length, top, feed: s.feed };
		});
	} catch (e) {
		if (e instanceof BlockedError) return [result('blocked', e.message)];
		if (e instanceof ParseError) return [result('rejected', e.message)];
		return [result('failed', (e as Error).message)];
	}
}

/** A refusal (403, 503) whose page is an anti-bot challenge: the site is blocking us, not failing. */
function blockedBody(e: FetchError): string | null {
	if (!e.body?.length) return null;
	try {
		assertNotBlocked(decodeText(e.body).text);
		return null;
	} catch (blocked) {
		if (blocked instanceof BlockedError) return blocked.message;
		throw blocked;
	}
}

/** Counts every request an endpoint makes (custom fetches page or probe several) and the bytes that came back. */
function counting(http: HttpClient, tally: { requests: number; bytes: number }): HttpClient {
	return {
		async get(url, headers) {
			try {
				const res = await http.get(url, headers);
				tally.requests += res.attempts;
				tally.bytes += res.bytes.byteLength;
				return res;
			} catch (e) {
				if (e instanceof FetchError) {
					tally.requests += e.attempts;
					tally.bytes += e.body?.byteLength ?? 0;
				}
				throw e;
			}
		}
	};
}

import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connection';
import { endpointUrlVariable, type Config } from '../config';
import { acquireSourceLease, releaseSourceLease } from '../db/locks';
import { storePayload } from '../db/payloads';
import { addRunResult, finishRun, startRun, type RunOutcome } from '../db/runs';
import { FetchError, ParseError } from '../../catalogue/errors';
import { parseDocument, storeSnapshots, type SnapshotResult } from './ingest';
import { decodeText } from '../../catalogue/documents';
import type { Endpoint, EndpointInfo, FetchedDocument, HttpClient, SourceDefinition, SourceInfo } from '../../catalogue/contract';
import type { ParsedSnapshot } from '../../snapshots/snapshot';

export interface EndpointResult {
	source: string;
	endpoint: string;
	url: string;
	outcome: RunOutcome;
	reason: string | null;
	httpStatus: number | null;
	snapshots: SnapshotResult[];
}

export interface ScrapeOptions {
	http: HttpClient;
	config: Config;
	now?: () => Date;
	onAdded?: (snapshotIds: number[]) => void;
	/** Lease length: longer than any run, short enough that a crashed runner frees the source soon. */
	leaseMs?: number;
}

/** The endpoint's URL: its override (RANKDRIFT_URL_<SOURCE>_<ENDPOINT>), else the catalogue's. */
export function endpointUrl(source: Pick<SourceInfo, 'id'>, endpoint: Pick<EndpointInfo, 'name' | 'defaultUrl'>, config: Config): string {
	return config[endpointUrlVariable(source, endpoint)] ?? endpoint.defaultUrl;
}

/** A plain GET of an endpoint without a custom fetch. */
export async function defaultFetch(http: HttpClient, url: string): Promise<FetchedDocument> {
	const res = await http.get(url);
	const name = new URL(res.url).pathname.split('/').filter(Boolean).pop() ?? 'index.html';
	return { origin: res.url, status: res.status, mediaType: res.mediaType, bytes: res.bytes, name };
}

/** What a fetch brought back, parsed with the endpoint's format and validated; throws ParseError (BlockedError) when unusable. */
export function parseFetched(source: SourceDefinition, endpoint: Endpoint, fetched: FetchedDocument, fetchDate: string): ParsedSnapshot[] {
	const format = source.formats.find((f) => f.name === endpoint.format);
	if (!format) throw new Error(`${source.id}/${endpoint.name} names unknown format ${endpoint.format}`);
	const doc = { name: fetched.name, path: fetched.origin, text: decodeText(fetched.bytes).text, companions: fetched.companions ?? {}, asOf: fetchDate };
	return parseDocument(source, format, doc);
}

/**
 * Fetches every endpoint of a source once: each endpoint is a run with its raw payload kept; what
 * arrives is parsed, validated and stored under the same rules as an import (as-of = the published
 * date, else today's UTC date). Never two runs of one source at once, across processes.
 */
export async function scrapeSource(db: Db, source: SourceDefinition, opts: ScrapeOptions): Promise<EndpointResult[]> {
	const now = opts.now ?? (() => new Date());
	const holder = `${process.pid}:${randomUUID()}`;
	if (!acquireSourceLease(db, source.id, holder, now(), opts.leaseMs ?? 15 * 60_000)) {
		return [
			{
				source: source.id,
				endpoint: '*',
				url: '',
				outcome: 'skipped',
				reason: `another run of ${source.id} is in progress`,
				httpStatus: null,
				snapshots: []
			}
		];
	}
	try {
		const results: EndpointResult[] = [];
		for (const endpoint of source.endpoints) results.push(await scrapeEndpoint(db, source, endpoint, now, opts));
		return results;
	} finally {
		releaseSourceLease(db, source.id, holder);
	}
}

async function scrapeEndpoint(
	db: Db,
	source: SourceDefinition,
	endpoint: Endpoint,
	now: () => Date,
	opts: ScrapeOptions
): Promise<EndpointResult> {
	const url = endpointUrl(source, endpoint, opts.config);
	const startedAt = now();
	const runId = startRun(db, { sourceId: source.id, kind: 'scrape', origin: url, feed: endpoint.feed, startedAt });
	const base = { source: source.id, endpoint: endpoint.name, url };
	let fetched: FetchedDocument;
	try {
		fetched = endpoint.fetch
			? await endpoint.fetch({ http: opts.http, url, now: startedAt, settings: opts.config })
			: await defaultFetch(opts.http, url);
	} catch (e) {
		if (!(e instanceof FetchError)) throw e;
		const payloadId = e.body?.length ? storePayload(db, e.body, null, startedAt) : null;
		finishRun(db, runId, {
			outcome: 'failed',
			reason: e.message,
			finishedAt: now(),
			httpStatus: e.status,
			bytes: e.body?.length ?? null,
			attempts: e.attempts,
			payloadId
		});
		return { ...base, outcome: 'failed', reason: e.message, httpStatus: e.status, snapshots: [] };
	}

	const payloadId = storePayload(db, fetched.bytes, fetched.mediaType, startedAt);
	const finish = (outcome: RunOutcome, reason: string | null, snapshots: SnapshotResult[]): EndpointResult => {
		finishRun(db, runId, {
			outcome,
			reason,
			finishedAt: now(),
			httpStatus: fetched.status,
			bytes: fetched.bytes.byteLength,
			payloadId
		});
		for (const s of snapshots)
			addRunResult(db, { runId, boardId: s.board, asOf: s.asOf, outcome: s.outcome, reason: s.reason, snapshotId: s.snapshotId });
		return { ...base, outcome, reason, httpStatus: fetched.status, snapshots };
	};

	try {
		const fetchDate = startedAt.toISOString().slice(0, 10);
		const snapshots = parseFetched(source, endpoint, fetched, fetchDate);
		const stored = storeSnapshots(db, source, snapshots, {
			origin: fetched.origin,
			fetchedAt: startedAt,
			fallbackDate: { date: fetchDate, basis: 'fetch-date' },
			runId,
			payloadId
		});
		if (stored.addedSnapshotIds.length) opts.onAdded?.(stored.addedSnapshotIds);
		return finish(stored.outcome, stored.reason, stored.results);
	} catch (e) {
		if (e instanceof ParseError) return finish('rejected', e.message, []);
		throw e;
	}
}

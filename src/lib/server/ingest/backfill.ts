import type { Config } from '../config';
import type { Db } from '../db/connection';
import { storePayload } from '../db/payloads';
import { addRunResult, finishRun, startRun, type RunOutcome } from '../db/runs';
import { FetchError, ParseError } from '../../catalogue/errors';
import type { HttpClient } from '../../catalogue/contract';
import { parseDocument, storeSnapshots, summarizeOutcome, type SnapshotResult } from './ingest';
import { endpointUrl } from './scrape';
import type { SourceDefinition } from '../../catalogue/contract';

export interface BackfillResult {
	source: string;
	config: string;
	url: string;
	outcome: RunOutcome;
	reason: string | null;
	bytes: number;
	/** Publish dates in the file, and what became of their snapshots. */
	dates: number;
	snapshots: SnapshotResult[];
	addedSnapshotIds: number[];
}

/** The endpoints whose source publishes a history file behind them (LMArena's dataset configs), optionally only the named series. */
export function backfillTargets(sources: SourceDefinition[], config: Config, configs: string[] | null) {
	return sources.flatMap((source) =>
		source.endpoints.flatMap((endpoint) => {
			const dump = source.history?.locate(endpointUrl(source, endpoint, config));
			return dump && (!configs || configs.includes(dump.series)) ? [{ source, endpoint, config: dump.series, url: dump.url }] : [];
		})
	);
}

/**
 * Loads a config's whole published history from its `full` parquet split in one request: one run
 * whose raw payload is the file, one snapshot per publish date and category, stored under the same
 * rules as any scrape (a date already stored comes back unchanged).
 */
export async function backfillConfig(db: Db, http: HttpClient, target: ReturnType<typeof backfillTargets>[number], now: Date): Promise<BackfillResult> {
	const { source, endpoint, config, url } = target;
	const base = { source: source.id, config, url };
	const runId = startRun(db, { sourceId: source.id, kind: 'scrape', origin: url, feed: endpoint.feed, startedAt: now });
	const fail = (outcome: RunOutcome, reason: string, bytes: number, payloadId: number | null, status: number | null): BackfillResult => {
		finishRun(db, runId, { outcome, reason, finishedAt: new Date(), httpStatus: status, bytes, payloadId });
		return { ...base, outcome, reason, bytes, dates: 0, snapshots: [], addedSnapshotIds: [] };
	};
	let res;
	try {
		res = await http.get(url, { accept: 'application/octet-stream' });
	} catch (e) {
		if (!(e instanceof FetchError)) throw e;
		return fail('failed', e.message, e.body?.length ?? 0, null, e.status);
	}
	const payloadId = storePayload(db, res.bytes, res.mediaType, now);
	let documents;
	try {
		documents = await source.history!.split(res.bytes, config);
	} catch (e) {
		if (!(e instanceof ParseError)) throw e;
		return fail('rejected', e.message, res.bytes.byteLength, payloadId, res.status);
	}
	const format = source.formats.find((f) => f.name === endpoint.format)!;
	const snapshots: SnapshotResult[] = [];
	const added: number[] = [];
	const problems: string[] = [];
	for (const { date, name, text } of documents) {
		try {
			const parsed = parseDocument(source, format, { name, path: url, text, companions: {} });
			const stored = storeSnapshots(db, source, parsed, { origin: url, fetchedAt: now, fallbackDate: null, runId, payloadId });
			snapshots.push(...stored.results);
			added.push(...stored.addedSnapshotIds);
		} catch (e) {
			if (!(e instanceof ParseError)) throw e;
			problems.push(`${date}: ${e.message}`);
		}
	}
	for (const s of snapshots) addRunResult(db, { runId, boardId: s.board, asOf: s.asOf, outcome: s.outcome, reason: s.reason, snapshotId: s.snapshotId });
	const outcome = summarizeOutcome([...snapshots.map((s) => s.outcome), ...(problems.length ? (['rejected'] as const) : [])]);
	const reason = problems.length ? `${problems.length} of ${documents.length} dates rejected (${problems.slice(0, 3).join('; ')})` : null;
	finishRun(db, runId, { outcome, reason, finishedAt: new Date(), httpStatus: res.status, bytes: res.bytes.byteLength, payloadId });
	return { ...base, outcome, reason, bytes: res.bytes.byteLength, dates: documents.length, snapshots, addedSnapshotIds: added };
}

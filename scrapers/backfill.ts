import type { Db } from '../src/lib/server/db/connection';
import { storePayload } from '../src/lib/server/db/payloads';
import { addRunResult, finishRun, startRun, type RunOutcome } from '../src/lib/server/db/runs';
import { FetchError, ParseError } from './errors';
import type { HttpClient } from './http';
import { parseDocument, storeSnapshots, summarizeOutcome, type SnapshotResult } from './ingest';
import { endpointUrl } from './scrape';
import type { SourceDefinition } from './source';
import { readDatasetParquet } from './sources/lmarena/dataset-parquet';
import { datasetConfigOf } from './sources/lmarena/dataset-rows';

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

/** The dataset endpoints of LMArena sources, optionally only the named configs. */
export function backfillTargets(sources: SourceDefinition[], env: NodeJS.ProcessEnv, configs: string[] | null) {
	return sources.flatMap((source) =>
		source.endpoints
			.filter((e) => e.format === 'dataset-rows-json')
			.map((endpoint) => {
				const latest = endpointUrl(source, endpoint, env);
				return { source, endpoint, config: datasetConfigOf(latest), url: latest.replace(/\/latest-(\d+-of-\d+\.parquet)$/, '/full-$1') };
			})
			.filter((t) => t.url.endsWith('.parquet') && (!configs || configs.includes(t.config)))
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
	let rows;
	try {
		rows = await readDatasetParquet(res.bytes);
	} catch (e) {
		if (!(e instanceof ParseError)) throw e;
		return fail('rejected', e.message, res.bytes.byteLength, payloadId, res.status);
	}
	const byDate = new Map<string, typeof rows>();
	for (const row of rows) {
		const date = String(row.leaderboard_publish_date).slice(0, 10);
		byDate.set(date, [...(byDate.get(date) ?? []), row]);
	}
	const format = source.formats.find((f) => f.name === endpoint.format)!;
	const snapshots: SnapshotResult[] = [];
	const added: number[] = [];
	const problems: string[] = [];
	for (const [date, list] of [...byDate].sort(([a], [b]) => a.localeCompare(b))) {
		const text = JSON.stringify({ config, rows: list.map((row, i) => ({ row_idx: i, row })) });
		try {
			const parsed = parseDocument(source, format, { name: `full-${config}-${date}.json`, path: url, text, companions: {} });
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
	const reason = problems.length ? `${problems.length} of ${byDate.size} dates rejected (${problems.slice(0, 3).join('; ')})` : null;
	finishRun(db, runId, { outcome, reason, finishedAt: new Date(), httpStatus: res.status, bytes: res.bytes.byteLength, payloadId });
	return { ...base, outcome, reason, bytes: res.bytes.byteLength, dates: byDate.size, snapshots, addedSnapshotIds: added };
}

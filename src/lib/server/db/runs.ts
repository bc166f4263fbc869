import type { Db } from './connection';
import { stmt } from './statements';
import { bumpHealthVersion } from './versions';

export type RunOutcome = 'added' | 'unchanged' | 'superseded' | 'held' | 'skipped' | 'rejected' | 'failed';

export interface RunStart {
	sourceId: string;
	kind: 'scrape' | 'import';
	origin: string;
	feed: string | null;
	startedAt: Date;
}

export interface RunFinish {
	outcome: RunOutcome;
	reason: string | null;
	finishedAt: Date;
	httpStatus?: number | null;
	bytes?: number | null;
	attempts?: number;
	payloadId?: number | null;
}

export function startRun(db: Db, r: RunStart): number {
	const info = stmt(
		db,
		'INSERT INTO runs (source_id, kind, origin, feed, started_at) VALUES (?, ?, ?, ?, ?)'
	).run(r.sourceId, r.kind, r.origin, r.feed, r.startedAt.toISOString());
	bumpHealthVersion(db);
	return Number(info.lastInsertRowid);
}

export function finishRun(db: Db, runId: number, f: RunFinish): void {
	stmt(
		db,
		`UPDATE runs SET outcome = ?, reason = ?, finished_at = ?, http_status = ?, bytes = ?,
		 attempts = COALESCE(?, attempts), payload_id = COALESCE(?, payload_id) WHERE id = ?`
	).run(
		f.outcome,
		f.reason,
		f.finishedAt.toISOString(),
		f.httpStatus ?? null,
		f.bytes ?? null,
		f.attempts ?? null,
		f.payloadId ?? null,
		runId
	);
	bumpHealthVersion(db);
}

export function addRunResult(
	db: Db,
	r: { runId: number; boardId: string | null; asOf: string | null; outcome: RunOutcome; reason: string | null; snapshotId: number | null }
): void {
	stmt(
		db,
		'INSERT INTO run_results (run_id, board_id, as_of, outcome, reason, snapshot_id) VALUES (?, ?, ?, ?, ?, ?)'
	).run(r.runId, r.boardId, r.asOf, r.outcome, r.reason, r.snapshotId);
}

export interface RunRow {
	id: number;
	source_id: string;
	kind: 'scrape' | 'import';
	origin: string;
	feed: string | null;
	started_at: string;
	finished_at: string | null;
	outcome: RunOutcome | null;
	reason: string | null;
	http_status: number | null;
	bytes: number | null;
	attempts: number;
	payload_id: number | null;
}

export function listRuns(db: Db, sourceId: string, opts: { limit: number; beforeId?: number | null }): RunRow[] {
	return stmt(
		db,
		'SELECT * FROM runs WHERE source_id = ? AND id < ? ORDER BY id DESC LIMIT ?'
	).all(sourceId, opts.beforeId ?? Number.MAX_SAFE_INTEGER, opts.limit) as RunRow[];
}

export interface RunResultRow {
	run_id: number;
	board_id: string | null;
	as_of: string | null;
	outcome: RunOutcome;
	reason: string | null;
	snapshot_id: number | null;
}

export function runResults(db: Db, runIds: number[]): RunResultRow[] {
	if (runIds.length === 0) return [];
	return stmt(
		db,
		`SELECT run_id, board_id, as_of, outcome, reason, snapshot_id FROM run_results
		 WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY id`
	).all(JSON.stringify(runIds)) as RunResultRow[];
}

export interface SourceRunSummary {
	source_id: string;
	last_success: string | null;
	last_error: string | null;
	last_error_at: string | null;
	last_outcome: RunOutcome | null;
	last_run_at: string | null;
	runs: number;
}

/** Health per source: newest run that stored or confirmed data, and the newest failure if it came after it. */
export function sourceRunSummaries(db: Db): SourceRunSummary[] {
	return stmt(
		db,
		`WITH ok AS (
		   SELECT source_id, MAX(finished_at) AS at FROM runs
		   WHERE outcome IN ('added', 'unchanged', 'superseded', 'held') GROUP BY source_id),
		 bad AS (
		   SELECT r.source_id, r.finished_at AS at, r.reason FROM runs r
		   WHERE r.id = (SELECT id FROM runs r2 WHERE r2.source_id = r.source_id
		                 AND r2.outcome IN ('failed', 'rejected') ORDER BY r2.id DESC LIMIT 1)),
		 latest AS (
		   SELECT r.source_id, r.outcome, r.started_at FROM runs r
		   WHERE r.id = (SELECT MAX(id) FROM runs r2 WHERE r2.source_id = r.source_id))
		 SELECT l.source_id, ok.at AS last_success,
		   CASE WHEN bad.at IS NOT NULL AND (ok.at IS NULL OR bad.at >= ok.at) THEN bad.reason END AS last_error,
		   CASE WHEN bad.at IS NOT NULL AND (ok.at IS NULL OR bad.at >= ok.at) THEN bad.at END AS last_error_at,
		   l.outcome AS last_outcome, l.started_at AS last_run_at,
		   (SELECT COUNT(*) FROM runs r3 WHERE r3.source_id = l.source_id) AS runs
		 FROM latest l LEFT JOIN ok ON ok.source_id = l.source_id LEFT JOIN bad ON bad.source_id = l.source_id`
	).all() as SourceRunSummary[];
}

import type { Db } from './connection';
import { stmt } from './statements';
import type { EventRow, MismatchRow } from './analysis';

// What the alert decision reads from the stored analysis, snapshots and runs.

/** Events of the steps into the given snapshots (the findings a new snapshot brings). */
export function eventsIntoSnapshots(db: Db, snapshotIds: number[]): EventRow[] {
	if (snapshotIds.length === 0) return [];
	return stmt(db, 'SELECT * FROM events WHERE snapshot_id IN (SELECT value FROM json_each(?)) ORDER BY date, board_id, id').all(JSON.stringify(snapshotIds)) as EventRow[];
}

/** Mismatches whose evidence (either side) is dated on one of `dates`; the caller narrows to boards. */
export function mismatchesWithEvidenceOn(db: Db, dates: string[]): MismatchRow[] {
	if (dates.length === 0) return [];
	return stmt(
		db,
		`SELECT * FROM mismatches WHERE checkpoint_date IN (SELECT value FROM json_each(@d)) OR release_date IN (SELECT value FROM json_each(@d)) ORDER BY id`
	).all({ d: JSON.stringify(dates) }) as MismatchRow[];
}

export interface EntryFacts {
	model: string;
	rank: number;
	rank_lower: number | null;
	rank_upper: number | null;
	score: number | null;
	ci_lower: number | null;
	ci_upper: number | null;
	votes: number | null;
}

/** The published numbers of the named rows of one snapshot. */
export function entryFacts(db: Db, snapshotId: number, models: string[]): EntryFacts[] {
	if (models.length === 0) return [];
	return stmt(
		db,
		`SELECT model, rank, rank_lower, rank_upper, score, ci_lower, ci_upper, votes FROM entries
		 WHERE snapshot_id = ? AND model IN (SELECT value FROM json_each(?)) ORDER BY position`
	).all(snapshotId, JSON.stringify(models)) as EntryFacts[];
}

/** The row just below the top of a snapshot (the runner-up), for a new leader's margin. */
export function secondRow(db: Db, snapshotId: number): EntryFacts | null {
	return (
		(stmt(
			db,
			`SELECT model, rank, rank_lower, rank_upper, score, ci_lower, ci_upper, votes FROM entries WHERE snapshot_id = ? ORDER BY position LIMIT 1 OFFSET 1`
		).get(snapshotId) as EntryFacts | undefined) ?? null
	);
}

export interface BrokenSourceRow {
	source_id: string;
	run_id: number;
	finished_at: string;
	outcome: string;
	reason: string | null;
	failures: number;
	last_success: string;
}

/**
 * Sources whose scheduled fetches broke: every scrape since the last good one failed or was rejected
 * (and there was a good one). `run_id` is the first failure of the streak, so one streak is one alert.
 * Imports are left out: a bad recorded file is not a broken source.
 */
export function brokenSources(db: Db): BrokenSourceRow[] {
	return stmt(
		db,
		`WITH ok AS (
		   SELECT source_id, MAX(id) AS id, MAX(finished_at) AS at FROM runs
		   WHERE kind = 'scrape' AND outcome IN ('added', 'unchanged', 'superseded', 'held') GROUP BY source_id),
		 bad AS (
		   SELECT r.source_id, MIN(r.id) AS first_id, COUNT(*) AS failures FROM runs r JOIN ok ON ok.source_id = r.source_id AND r.id > ok.id
		   WHERE r.kind = 'scrape' AND r.outcome IN ('failed', 'rejected') GROUP BY r.source_id)
		 SELECT bad.source_id, bad.first_id AS run_id, r.finished_at, r.outcome, r.reason, bad.failures, ok.at AS last_success
		 FROM bad JOIN runs r ON r.id = bad.first_id JOIN ok ON ok.source_id = bad.source_id`
	).all() as BrokenSourceRow[];
}

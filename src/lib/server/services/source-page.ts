import type { AppContext } from '../context';
import { listRuns, runResults, type RunRow } from '../db/runs';
import { acceptHeldSnapshot, heldSnapshots } from '../db/snapshots';
import { afterSnapshotsAdded } from '../pipeline';
import { sourceChecks, type SourceCheck } from '../db/checks';
import { sourceOverviews, type SourceOverview } from './sources';
import { publicOrigin } from './public-origin';

export interface RunView extends RunRow {
	results: { board_id: string | null; as_of: string | null; outcome: string; reason: string | null }[];
}

export interface SourcesPageData {
	/** `last_check`: the last `rankdrift doctor` of the source, null when never checked with this database. */
	sources: (SourceOverview & { runs: RunView[]; last_check: SourceCheck | null })[];
	held: { board_id: string; as_of: string; row_count: number; status_reason: string | null; origin: string }[];
}

/** Every source's health with its latest runs (outcome and reason each), its last check, and the snapshots waiting to be accepted. */
export function sourcesPage(ctx: AppContext, runsPerSource = 15): SourcesPageData {
	const { db } = ctx;
	const checks = sourceChecks(db);
	const sources = sourceOverviews(ctx).map((s) => {
		const runs = listRuns(db, s.id, { limit: runsPerSource });
		const results = runResults(db, runs.map((r) => r.id));
		return {
			...s,
			runs: runs.map((r) => ({ ...r, origin: publicOrigin(r.origin), results: results.filter((x) => x.run_id === r.id) })),
			last_check: checks.get(s.id) ?? null
		};
	});
	const held = heldSnapshots(db).map((s) => ({ board_id: s.board_id, as_of: s.as_of, row_count: s.row_count, status_reason: s.status_reason, origin: publicOrigin(s.origin) }));
	return { sources, held };
}

/**
 * Puts a held snapshot in force and brings names and stored analysis up to date with it. Returns the
 * accepted snapshot's date, or null when that board has no held snapshot for that date.
 */
export function acceptHeld(ctx: AppContext, board: string, asOf: string): { id: number; as_of: string } | null {
	const accepted = acceptHeldSnapshot(ctx.db, board, asOf, ctx.clock());
	if (!accepted) return null;
	afterSnapshotsAdded(ctx, [accepted.id]);
	return { id: accepted.id, as_of: accepted.as_of };
}

import type { Db } from './db/connection';
import { analyzeAdded, rebuildAnalysis } from './analysis/analyze';
import { resolveStoredNames } from './identity/service';

export interface PipelineOptions {
	now: Date;
	staleDays: number;
}

// Past this many new snapshots at once (a bulk import), one full pass is cheaper than step-by-step updates.
const REBUILD_ABOVE = 40;

/**
 * What follows a snapshot coming into force: its new names are resolved, then the stored analysis
 * (events, mismatches, agreement) catches up. Alert delivery hangs off the events this produces.
 */
export function afterSnapshotsAdded(db: Db, snapshotIds: number[], opts: PipelineOptions): void {
	if (snapshotIds.length === 0) return;
	resolveStoredNames(db, opts.now);
	if (snapshotIds.length > REBUILD_ABOVE) rebuildAnalysis(db, opts);
	else analyzeAdded(db, snapshotIds, opts);
}

/** After the crosswalk or decisions changed: every name re-resolved, every number recomputed. */
export function reanalyzeAll(db: Db, opts: PipelineOptions & { reresolve?: boolean }) {
	const resolved = resolveStoredNames(db, opts.now, { all: opts.reresolve ?? false });
	return { resolved, ...rebuildAnalysis(db, opts) };
}

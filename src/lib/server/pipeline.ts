import type { Db } from './db/connection';
import { applyAnalysis, computeAdded, computeRebuild, computeThenStore, rebuildAnalysis } from './analysis/analyze';
import { resolveStoredNames } from './identity/service';
import { pendingAnalysis } from './db/analysis';
import { decideAlerts } from './alerts/decide';
import { dispatchSoon } from './alerts/runner';

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
export function afterSnapshotsAdded(db: Db, added: number[], opts: PipelineOptions): void {
	// Snapshots an earlier pass never reached (the process died after storing them) are caught up too.
	const snapshotIds = [...new Set([...added, ...pendingAnalysis(db)])];
	if (snapshotIds.length === 0) return;
	resolveStoredNames(db, opts.now);
	// Computed with no lock held; stored with the alert decision in one short write transaction, so a
	// crash in between can neither drop nor double an alert, and other writers wait only for the writing.
	const compute = () => (snapshotIds.length > REBUILD_ABOVE ? computeRebuild(db, opts) : computeAdded(db, snapshotIds, opts));
	const queued = computeThenStore(db, compute, (write) => {
		applyAnalysis(db, write, opts.now);
		return decideAlerts(db, snapshotIds, opts);
	});
	if (queued > 0) dispatchSoon(db);
}

/** After the crosswalk or decisions changed: every name re-resolved, every number recomputed. */
export function reanalyzeAll(db: Db, opts: PipelineOptions & { reresolve?: boolean }) {
	const resolved = resolveStoredNames(db, opts.now, { all: opts.reresolve ?? false });
	return { resolved, ...rebuildAnalysis(db, opts) };
}

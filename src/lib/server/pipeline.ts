import type { Db } from './db/connection';
import { staleDaysOf, type AppContext } from './context';
import { applyAnalysis, computeAdded, computeRebuild, computeThenStore, rebuildAnalysis } from './analysis/analyze';
import { resolveStoredNames } from './identity/service';
import { pendingAnalysis } from './db/analysis';
import { activeSnapshotCount } from './db/snapshots';
import { decideAlerts } from './alerts/decide';
import { PassHelper } from './analysis/pass-helper';
import { dispatchSoon } from './alerts/runner';

/** What the analysis runs with: the time it is done at and the staleness window. */
export interface PipelineOptions {
	now: Date;
	staleDays: number;
}

/** The database and what a pipeline run reads of the app context. */
export type PipelineContext = Pick<AppContext, 'db' | 'config' | 'clock'>;

function optionsOf(ctx: PipelineContext): PipelineOptions {
	return { now: ctx.clock(), staleDays: staleDaysOf(ctx) };
}

// Step by step, each new snapshot loads its neighbours and cross-board partners; a full pass loads every
// snapshot once. So a full pass is cheaper for a bulk import that is a large share of the history (a
// first import), and step by step for a batch added to years of it.
const REBUILD_ABOVE = 40;
const REBUILD_SHARE = 1 / 4;

function worthRebuilding(db: Db, added: number): boolean {
	return added > REBUILD_ABOVE && added > REBUILD_SHARE * activeSnapshotCount(db);
}

// A step-by-step pass of this many snapshots computes its pair findings on a second thread, kept for
// the passes that follow (a bulk import's batches, a day of scrapes); a smaller one (a single scrape)
// would spend more starting the thread than it saves. A rebuild computes its category boards' events there.
const HELPER_FROM = 8;
let helper: PassHelper | null = null;

function passHelper(db: Db): PassHelper | undefined {
	if (db.memory) return undefined;
	if (!helper?.usable || helper.dbPath !== db.name) {
		helper?.close();
		helper = new PassHelper(db.name);
	}
	return helper;
}

/**
 * What follows a snapshot coming into force: its new names are resolved, then the stored analysis
 * (events, mismatches, agreement) catches up. Alert delivery hangs off the events this produces.
 */
export function afterSnapshotsAdded(ctx: PipelineContext, added: number[]): void {
	const { db } = ctx;
	// Snapshots an earlier pass never reached (the process died after storing them) are caught up too.
	const snapshotIds = [...new Set([...added, ...pendingAnalysis(db)])];
	if (snapshotIds.length === 0) return;
	const opts = optionsOf(ctx);
	const rebuild = worthRebuilding(db, snapshotIds.length);
	// Asked for before the names are resolved, so a new thread starts up meanwhile.
	const elsewhere = rebuild || snapshotIds.length >= HELPER_FROM ? passHelper(db) : undefined;
	resolveStoredNames(db, opts.now);
	// Computed with no lock held; stored with the alert decision in one short write transaction, so a
	// crash in between can neither drop nor double an alert, and other writers wait only for the writing.
	const compute = () => (rebuild ? computeRebuild(db, opts, elsewhere) : computeAdded(db, snapshotIds, opts, elsewhere));
	const queued = computeThenStore(db, compute, (write) => {
		applyAnalysis(db, write, opts.now);
		return decideAlerts(db, snapshotIds, opts);
	});
	if (queued > 0) dispatchSoon(db, ctx.config);
}

/** After the crosswalk or decisions changed: every name re-resolved, every number recomputed. */
export function reanalyzeAll(ctx: PipelineContext, { reresolve = false } = {}) {
	const opts = optionsOf(ctx);
	const elsewhere = passHelper(ctx.db);
	const resolved = resolveStoredNames(ctx.db, opts.now, { all: reresolve });
	return { resolved, ...rebuildAnalysis(ctx.db, opts, elsewhere) };
}

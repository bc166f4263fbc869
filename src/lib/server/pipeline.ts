import type { Db } from './db/connection';
import { staleDaysOf, type AppContext } from './context';
import { applyAnalysis, computeAdded, computeRebuild, computeRebuildAlongside, rebuildAnalysis, storeUnlessMoved, type AnalysisWrite } from './analysis/analyze';
import { BoardFindingsWorker } from './analysis/board-findings-worker';
import { foreignCommits } from './db/versions';
import { resolveStoredNames } from './identity/service';
import { pendingAnalysis } from './db/analysis';
import { activeSnapshotCount } from './db/snapshots';
import { decideAlerts } from './alerts/decide';
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

/** The snapshots a pass is to catch up with: those added, and any an earlier pass never reached (the process died after storing them). */
function passSnapshots(db: Db, added: number[]): number[] {
	return [...new Set([...added, ...pendingAnalysis(db)])];
}

/** A pass over `snapshotIds`, their new names resolved first. */
function startPass(ctx: PipelineContext, snapshotIds: number[]): { opts: PipelineOptions; compute: () => AnalysisWrite } {
	const { db } = ctx;
	const opts = optionsOf(ctx);
	resolveStoredNames(db, opts.now);
	const compute = () => (worthRebuilding(db, snapshotIds.length) ? computeRebuild(db, opts) : computeAdded(db, snapshotIds, opts));
	return { opts, compute };
}

/**
 * Stores a pass computed with no lock held, with the alert decision, in one short write transaction
 * (recomputed under it if another connection committed since `version`): a crash in between can
 * neither drop nor double an alert, and other writers wait only for the writing.
 */
function storePass(ctx: PipelineContext, snapshotIds: number[], opts: PipelineOptions, version: number, write: AnalysisWrite, recompute: () => AnalysisWrite): void {
	const { db } = ctx;
	const queued = storeUnlessMoved(db, version, write, recompute, (w) => {
		applyAnalysis(db, w, opts.now);
		return decideAlerts(db, snapshotIds, opts);
	});
	if (queued > 0) dispatchSoon(db, ctx.config);
}

/**
 * What follows a snapshot coming into force: its new names are resolved, then the stored analysis
 * (events, mismatches, agreement) catches up. Alert delivery hangs off the events this produces.
 */
export function afterSnapshotsAdded(ctx: PipelineContext, added: number[]): void {
	const snapshotIds = passSnapshots(ctx.db, added);
	if (snapshotIds.length === 0) return;
	const { opts, compute } = startPass(ctx, snapshotIds);
	const version = foreignCommits(ctx.db);
	storePass(ctx, snapshotIds, opts, version, compute(), compute);
}

/**
 * `afterSnapshotsAdded` for a command with a core to spare (a bulk import, done parsing): a rebuild's
 * boards are computed on a worker thread while this one walks the pairs (`computeRebuildAlongside`).
 * A database only in memory, or a pass too small to rebuild, runs as `afterSnapshotsAdded` does.
 */
export async function afterSnapshotsAddedAlongside(ctx: PipelineContext, added: number[]): Promise<void> {
	const { db } = ctx;
	const snapshotIds = passSnapshots(db, added);
	if (snapshotIds.length === 0) return;
	// Made first, it loads its code while this thread resolves the new names.
	const helper = !db.memory && worthRebuilding(db, snapshotIds.length) ? new BoardFindingsWorker(db.name) : null;
	try {
		const { opts, compute } = startPass(ctx, snapshotIds);
		const version = foreignCommits(db);
		const write = helper ? await computeRebuildAlongside(db, opts, (work) => helper.takeBoards(work)) : compute();
		storePass(ctx, snapshotIds, opts, version, write, compute);
	} finally {
		await helper?.close();
	}
}

/** After the crosswalk or decisions changed: every name re-resolved, every number recomputed. */
export function reanalyzeAll(ctx: PipelineContext, { reresolve = false } = {}) {
	const opts = optionsOf(ctx);
	const resolved = resolveStoredNames(ctx.db, opts.now, { all: reresolve });
	return { resolved, ...rebuildAnalysis(ctx.db, opts) };
}

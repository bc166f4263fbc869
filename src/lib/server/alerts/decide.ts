import type { Db } from '../db/connection';
import { activeSubscriptions, type SubscriptionRow } from '../db/alerts';
import { enqueue, insertItemOnce } from '../db/alert-outbox';
import { brokenSources, eventsIntoSnapshots, mismatchesWithEvidenceOn } from '../db/alert-inputs';
import { boardSummaries, getSnapshot, previousActiveSnapshot, type SnapshotRow } from '../db/snapshots';
import { divergenceReport } from '../analysis/reports';
import { headlineBoards } from '../analysis/analyze';
import { findingsOfStoredEvents } from '../analysis/findings';
import { createLogger } from '../log';
import { allSources } from '../../catalogue';
import { brokenSourceItem, divergenceItem, divergenceRowKey, findingItem, mismatchItem, retiredSourceItem } from './items';
import { dueAt, wants } from './match';
import type { AlertItem } from './types';

// Decide: which findings are alerts, stored once each, and queued once per subscription that wants them.

const log = createLogger('alerts');

export interface DecideOptions {
	now: Date;
	staleDays: number;
}

/**
 * Stores each item the first time it is seen and queues it for every subscription that wants it.
 * An item already stored is never queued again, whatever recomputed it; the outbox's unique
 * (subscription, item) key guards the same thing a second time. Returns the rows queued.
 */
export function queueItems(db: Db, items: AlertItem[], subs: SubscriptionRow[], now: Date, opts: { storeUnwanted: boolean }): number {
	let queued = 0;
	const at = now.toISOString();
	for (const item of items) {
		const takers = subs.filter((s) => wants(s, item));
		if (takers.length === 0 && !opts.storeUnwanted) continue;
		if (!insertItemOnce(db, item)) continue;
		for (const s of takers) if (enqueue(db, s.id, item.key, at, dueAt(s, now))) queued++;
	}
	return queued;
}

function boardsBySource(db: Db): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const s of allSources()) out.set(s.id, s.boards.map((b) => b.id));
	for (const b of boardSummaries(db)) {
		const l = out.get(b.source_id) ?? [];
		if (!l.includes(b.id)) l.push(b.id);
		out.set(b.source_id, l);
	}
	return out;
}

/** Sources broken (every scrape since the last good one failed) or retired. */
export function sourceItems(db: Db): AlertItem[] {
	const boards = boardsBySource(db);
	const sources = new Map(allSources().map((s) => [s.id, s]));
	const items = brokenSources(db).map((r) => brokenSourceItem(r, sources.get(r.source_id), boards.get(r.source_id) ?? []));
	for (const s of allSources()) if (s.retired) items.push(retiredSourceItem(s as Parameters<typeof retiredSourceItem>[0], boards.get(s.id) ?? []));
	return items;
}

/**
 * Divergence at the date of each headline board's newest new snapshot (one date per board, so a bulk
 * import costs a few reports, not one per file), for the pairs that include that board, with the
 * value at the board's previous snapshot so a subscriber hears of a crossing, not of a steady state.
 */
function divergenceItems(db: Db, snapshots: SnapshotRow[], subs: SubscriptionRow[], opts: DecideOptions): AlertItem[] {
	const wanting = subs.filter((s) => (JSON.parse(s.kinds) as string[]).includes('divergence'));
	if (wanting.length === 0) return [];
	const floor = Math.min(...wanting.map((s) => s.divergence_level));
	const headline = new Set(headlineBoards(db));
	const newest = new Map<string, SnapshotRow>();
	for (const s of snapshots) if (headline.has(s.board_id) && (!newest.has(s.board_id) || newest.get(s.board_id)!.as_of < s.as_of)) newest.set(s.board_id, s);
	const items: AlertItem[] = [];
	for (const [board, snap] of newest) {
		const rows = divergenceReport(db, { date: snap.as_of, staleDays: opts.staleDays }).rows.filter((r) => r.boards.includes(board) && Math.abs(r.divergence) >= floor);
		if (rows.length === 0) continue;
		const prev = previousActiveSnapshot(db, board, snap.as_of);
		const before = new Map<string, number>();
		if (prev)
			for (const r of divergenceReport(db, { date: prev.as_of, staleDays: opts.staleDays }).rows)
				if (r.boards.includes(board)) before.set(divergenceRowKey(r), Math.abs(r.divergence));
		for (const r of rows) items.push(divergenceItem(r, snap.as_of, before.get(divergenceRowKey(r)) ?? null, opts.now));
	}
	return items;
}

/**
 * The hook after analysis: the findings the given snapshots brought (the events of the step into
 * each, told once per story across boards; the mismatches with evidence from them; divergence at
 * their dates) and the sources' state.
 * Nothing is done, or stored, while no subscription is active. Returns the outbox rows queued.
 */
export function decideAlerts(db: Db, snapshotIds: number[], opts: DecideOptions): number {
	const subs = activeSubscriptions(db);
	if (subs.length === 0) return 0;
	const snapshots = snapshotIds.map((id) => getSnapshot(db, id)).filter((s): s is SnapshotRow => !!s && s.status === 'active');
	const activeIds = snapshots.map((s) => s.id);
	// One item per finding, not per board: a story told on 25 category boards is one alert.
	const items: AlertItem[] = findingsOfStoredEvents(db, eventsIntoSnapshots(db, activeIds)).map((f) => findingItem(db, f.finding, f.events, opts.now));
	const evidence = new Set(snapshots.map((s) => `${s.board_id}|${s.as_of}`));
	for (const m of mismatchesWithEvidenceOn(db, [...new Set(snapshots.map((s) => s.as_of))]))
		if (evidence.has(`${m.checkpoint_board}|${m.checkpoint_date}`) || evidence.has(`${m.release_board}|${m.release_date}`)) items.push(mismatchItem(m, opts.now));
	let queued = queueItems(db, items, subs, opts.now, { storeUnwanted: true });
	try {
		// Divergence is derived and optional: a failure here must not lose the events decided above.
		queued += queueItems(db, divergenceItems(db, snapshots, subs, opts), subs, opts.now, { storeUnwanted: false });
	} catch (e) {
		log.error('divergence alerts skipped', { error: (e as Error).message });
	}
	queued += decideSourceAlerts(db, opts.now, subs);
	return queued;
}

/** Source health alone (the dispatcher runs this each time: a failed scrape adds no snapshot to hook on). */
export function decideSourceAlerts(db: Db, now: Date, subs = activeSubscriptions(db)): number {
	if (subs.length === 0) return 0;
	return queueItems(db, sourceItems(db), subs, now, { storeUnwanted: true });
}

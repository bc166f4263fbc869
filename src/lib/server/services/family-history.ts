import type { Db } from '../db/connection';
import { activeSnapshotIdsUpTo, familyHistory, familyRowsIn, type HistoryRow } from '../db/history';
import { latestSnapshotDate } from '../db/snapshots';
import { cacheScope, dataVersion } from '../db/versions';
import { LruCache } from '../../lru-cache';

// A family's whole history is the costliest read of the dashboard (every row of it on every board:
// ~0.4 s at the benchmark's scale, nearly all of it SQLite seeking rows scattered over the file). What
// it depends on is the data version and the latest snapshot dated by the requested day, not the day
// itself: every date between two snapshots reads the same rows, so the cache is keyed on that
// snapshot's date, and moving `date` (or `to`) within its span is a hit.
//
// New data changes the version, but hardly the history: a scrape adds a few snapshots, and a stored
// snapshot's rows never change. So the family's last history is kept with the active snapshots it
// covers, and the next one is made from it — rows of snapshots no longer in force dropped, rows of the
// new ones read and merged in — while every name resolves as it did (the resolutions version: names are
// resolved after their snapshot is stored, so a history read in between lacks a new name's rows, and
// the names' resolution must make the next one whole again). The first view after a scrape of known
// names then reads a few snapshots, not years.

const histories = new LruCache<string, HistoryRow[]>(16, { weigh: (rows) => rows.length, maxWeight: 400_000 });

interface Covered {
	/** The active snapshots the rows are of, ascending. */
	snapshots: number[];
	rows: HistoryRow[];
}

/** Each family's latest history, by resolutions version and family. */
const latest = new LruCache<string, Covered>(16, { weigh: (c) => c.rows.length + c.snapshots.length, maxWeight: 600_000 });

/** Past this many snapshots to add, reading the whole history again is as quick. */
const MAX_SNAPSHOTS_ADDED = 400;

/** How the cache has been used (tests read it): exact hits, histories made from the last one, whole reads. */
export const familyHistoryCache = { hits: 0, extended: 0, misses: 0 };

/** The family's active rows dated up to `to` (all when null), then narrowed to `from` and `release`; ordered by board, date, rank. Shared: do not change the rows. */
export function familyHistoryUpTo(db: Db, f: { family: string; release?: string | null; from?: string | null; to?: string | null }): HistoryRow[] {
	const until = latestSnapshotDate(db, f.to ?? '9999-12-31');
	const key = JSON.stringify([dataVersion(db), f.family, until]);
	let rows = histories.get(key);
	if (rows) familyHistoryCache.hits++;
	else {
		rows = until === null ? [] : readHistory(db, f.family, until);
		histories.set(key, rows);
	}
	const { from, release } = f;
	return from || release ? rows.filter((r) => (!from || r.as_of >= from) && (!release || r.release === release)) : rows;
}

function readHistory(db: Db, family: string, until: string): HistoryRow[] {
	const scopeKey = JSON.stringify([cacheScope(db), family]);
	const snapshots = activeSnapshotIdsUpTo(db, until);
	const before = latest.get(scopeKey);
	const change = before && difference(before.snapshots, snapshots);
	let rows: HistoryRow[];
	if (change && change.added.length <= MAX_SNAPSHOTS_ADDED) {
		familyHistoryCache.extended++;
		const gone = new Set(change.removed);
		const kept = gone.size ? before.rows.filter((r) => !gone.has(r.snapshot_id)) : before.rows;
		rows = change.added.length ? merge(kept, familyRowsIn(db, family, change.added)) : kept;
	} else {
		familyHistoryCache.misses++;
		rows = familyHistory(db, { family, to: until });
	}
	latest.set(scopeKey, { snapshots, rows });
	return rows;
}

/** What is in `next` and not in `prev`, and the reverse; both ascending. */
function difference(prev: number[], next: number[]): { added: number[]; removed: number[] } {
	const added: number[] = [];
	const removed: number[] = [];
	let i = 0;
	let j = 0;
	while (i < prev.length || j < next.length) {
		if (j >= next.length || (i < prev.length && prev[i] < next[j])) removed.push(prev[i++]);
		else if (i >= prev.length || next[j] < prev[i]) added.push(next[j++]);
		else (i++, j++);
	}
	return { added, removed };
}

/** Before `b` in the order of db/history.ts (FAMILY_HISTORY_ORDER: board, date, rank, snapshot); rows of one snapshot keep the order they were read in. */
function precedes(a: HistoryRow, b: HistoryRow): boolean {
	if (a.board_id !== b.board_id) return a.board_id < b.board_id;
	if (a.as_of !== b.as_of) return a.as_of < b.as_of;
	if (a.rank !== b.rank) return a.rank < b.rank;
	return a.snapshot_id < b.snapshot_id;
}

/** Two runs in the history's order merged into one; ties (never across snapshots) keep `a` first. */
function merge(a: HistoryRow[], b: HistoryRow[]): HistoryRow[] {
	const out: HistoryRow[] = new Array(a.length + b.length);
	let i = 0;
	let j = 0;
	let k = 0;
	while (i < a.length && j < b.length) out[k++] = precedes(b[j], a[i]) ? b[j++] : a[i++];
	while (i < a.length) out[k++] = a[i++];
	while (j < b.length) out[k++] = b[j++];
	return out;
}

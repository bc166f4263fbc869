import type { Db } from '../db/connection';
import { familyHistory, type HistoryRow } from '../db/history';
import { latestSnapshotDate } from '../db/snapshots';
import { dataVersion } from '../db/versions';
import { LruCache } from '../../lru-cache';

// A family's whole history is the costliest read of the dashboard (every row of it on every board; ~0.5 s
// at the benchmark's scale). What it depends on is the data version and the latest snapshot dated by the
// requested day, not the day itself: every date between two snapshots reads the same rows, so the cache
// is keyed on that snapshot's date, and moving `date` (or `to`) within its span is a hit.

const histories = new LruCache<string, HistoryRow[]>(16, { weigh: (rows) => rows.length, maxWeight: 400_000 });

/** How the cache has been used (tests read it). */
export const familyHistoryCache = { hits: 0, misses: 0 };

/** The family's active rows dated up to `to` (all when null), then narrowed to `from` and `release`; ordered by board, date, rank. Shared: do not change the rows. */
export function familyHistoryUpTo(db: Db, f: { family: string; release?: string | null; from?: string | null; to?: string | null }): HistoryRow[] {
	const until = latestSnapshotDate(db, f.to ?? '9999-12-31');
	const key = JSON.stringify([dataVersion(db), f.family, until]);
	let rows = histories.get(key);
	if (rows) familyHistoryCache.hits++;
	else {
		familyHistoryCache.misses++;
		rows = until === null ? [] : familyHistory(db, { family: f.family, to: until });
		histories.set(key, rows);
	}
	const { from, release } = f;
	return from || release ? rows.filter((r) => (!from || r.as_of >= from) && (!release || r.release === release)) : rows;
}

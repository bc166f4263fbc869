import { staleDaysOf, type AppContext } from '../context';
import type { Db } from '../db/connection';
import { boardSummaries, snapshotInForce, type BoardSummary, type SnapshotRow } from '../db/snapshots';
import { dataVersion } from '../db/versions';
import { sourceOverviews } from './sources';
import { freshness } from '../../analysis/freshness';
import { LruCache } from '../../lru-cache';

export interface BoardListItem {
	id: string;
	source_id: string;
	source_name: string;
	source_status: string;
	snapshots: number;
	held: number;
	first_as_of: string | null;
	/** The snapshot in force at the page's date. */
	as_of: string | null;
	rows: number | null;
	feed: string | null;
	age_days: number | null;
	stale: boolean;
	license: string;
}

// Counting every board's snapshots is most of an overview's work at the scale set (some 9 of its 18
// ms); it changes only with the data, so it is kept per data version and date. Source health is not.
const snapshotSides = new LruCache<string, { board: BoardSummary; snap: SnapshotRow | null }[]>(16);

function boardSnapshotsAsOf(db: Db, date: string): { board: BoardSummary; snap: SnapshotRow | null }[] {
	const key = `${dataVersion(db)}|${date}`;
	let sides = snapshotSides.get(key);
	if (!sides) snapshotSides.set(key, (sides = boardSummaries(db, date).map((board) => ({ board, snap: snapshotInForce(db, board.id, date) }))));
	return sides;
}

/** Every board with the snapshot in force at `date` and how fresh it is then, as it stood on `date`. */
export function boardsAsOf(ctx: AppContext, date: string): BoardListItem[] {
	const { db } = ctx;
	const sources = new Map(sourceOverviews(ctx, date).map((s) => [s.id, s]));
	return boardSnapshotsAsOf(db, date).map(({ board: b, snap }) => {
		const f = freshness(snap?.as_of ?? null, date, staleDaysOf(ctx));
		const source = sources.get(b.source_id);
		return {
			id: b.id,
			source_id: b.source_id,
			source_name: source?.name ?? b.source_id,
			source_status: source?.status ?? 'unknown',
			snapshots: b.snapshots,
			held: b.held,
			first_as_of: b.first_as_of,
			as_of: snap?.as_of ?? null,
			rows: snap?.row_count ?? null,
			feed: snap?.feed ?? null,
			age_days: f.ageDays,
			stale: f.stale,
			license: source?.license ?? ''
		};
	});
}

import { staleDaysOf, type AppContext } from '../context';
import { boardSummaries } from '../db/snapshots';
import { sourceOverviews } from './sources';
import { freshness } from '../../analysis/freshness';
import { snapshotInForce } from '../db/snapshots';

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

/** Every board with the snapshot in force at `date` and how fresh it is then, as it stood on `date`. */
export function boardsAsOf(ctx: AppContext, date: string): BoardListItem[] {
	const { db } = ctx;
	const sources = new Map(sourceOverviews(ctx, date).map((s) => [s.id, s]));
	return boardSummaries(db, date).map((b) => {
		const snap = snapshotInForce(db, b.id, date);
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

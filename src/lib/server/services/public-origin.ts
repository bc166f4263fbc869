import type { SnapshotRow } from '../db/snapshots';

/**
 * How a run's origin is shown to readers: a URL as it is; a local file (an import) by its last two
 * path segments, since the server's own folder layout is nobody else's business.
 */
export function publicOrigin(origin: string): string {
	if (/^[a-z]+:\/\//i.test(origin)) return origin;
	return origin.split(/[\\/]/).filter(Boolean).slice(-2).join('/');
}

/** The facts about a snapshot a board's readers see (its origin as above). */
export function publicSnapshot(s: SnapshotRow) {
	return {
		as_of: s.as_of,
		feed: s.feed,
		row_count: s.row_count,
		rank_semantics: s.rank_semantics,
		adjustment: s.adjustment,
		method_version: s.method_version,
		origin: publicOrigin(s.origin),
		fetched_at: s.fetched_at
	};
}

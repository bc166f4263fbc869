import { FEED_PRIORITY, type Feed } from './snapshot';

// Which status a newly parsed snapshot takes on its board, decided from what the board already holds.
// Pure: the storage layer reads the stored neighbours, asks here, and writes what it is told.

export type SnapshotStatus = 'active' | 'held' | 'superseded';

/** What a snapshot's precedence is read from when two of them cover one board and date. */
export interface Precedence {
	methodVersion: string | null;
	feedPriority: number;
	fetchedAt: string;
}

/**
 * Which of two snapshots of one board and date is in force: the newer method generation
 * (LiveBench's newer question-set release), then the higher-priority feed, then the later fetch.
 */
export function outranks(a: Precedence, b: Precedence): boolean {
	if (a.methodVersion && b.methodVersion && a.methodVersion !== b.methodVersion) return a.methodVersion > b.methodVersion;
	if (a.feedPriority !== b.feedPriority) return a.feedPriority > b.feedPriority;
	return a.fetchedAt >= b.fetchedAt;
}

/** The parts of a parsed snapshot its status depends on. */
export interface StatusCandidate {
	asOf: string;
	feed: Feed;
	methodVersion: string | null;
	fetchedAt: Date;
	contentHash: string;
	origin: string;
	rows: readonly unknown[];
}

/** The board's stored snapshots a candidate is judged against (null where the board has none). */
export interface StoredNeighbours {
	/** One of the same date with the same content, whatever its status. */
	identical: { id: number; asOf: string } | null;
	/** The latest active or held one dated before the candidate. */
	before: { id: number; asOf: string; contentHash: string } | null;
	/** The one of the same date that is active (else held, the newest first): whichever of the two is in force wins. */
	rival: (Precedence & { id: number; feed: Feed }) | null;
	/** The latest active one dated before the candidate in its method generation: a sudden collapse in rows is measured against it. */
	previous: { asOf: string; rowCount: number } | null;
}

export type StatusDecision =
	/** Nothing new: the candidate is already stored, or repeats the board's previous content. */
	| { store: false; snapshotId: number; reason: string }
	/** Store the candidate with this status; `displaces` is the rival it puts out of force. */
	| { store: true; status: SnapshotStatus; reason: string | null; displaces: { id: number; reason: string } | null };

export function decideSnapshotStatus(c: StatusCandidate, stored: StoredNeighbours): StatusDecision {
	const { identical, before, rival, previous } = stored;
	if (identical) return { store: false, snapshotId: identical.id, reason: `identical to the ${identical.asOf} snapshot already stored` };
	if (before && before.contentHash === c.contentHash) return { store: false, snapshotId: before.id, reason: `same content as the ${before.asOf} snapshot` };

	const mine: Precedence = { methodVersion: c.methodVersion, feedPriority: FEED_PRIORITY[c.feed], fetchedAt: c.fetchedAt.toISOString() };
	if (rival && !outranks(mine, rival)) {
		const reason =
			rival.methodVersion && rival.methodVersion !== c.methodVersion
				? `the board's ${c.asOf} snapshot from the newer release ${rival.methodVersion} is in force`
				: `the board already has a ${rival.feed} snapshot for ${c.asOf}, which takes precedence`;
		return { store: true, status: 'superseded', reason, displaces: null };
	}
	// A held candidate does not displace the snapshot in force; accepting it later does.
	if (previous && c.rows.length * 2 < previous.rowCount) {
		const reason = `row count fell from ${previous.rowCount} (${previous.asOf}) to ${c.rows.length}, more than half: held until accepted`;
		return { store: true, status: 'held', reason, displaces: null };
	}
	const displaces = rival && { id: rival.id, reason: `replaced by a ${c.feed} snapshot of the same date (${c.origin})` };
	return { store: true, status: 'active', reason: null, displaces };
}

import type { Db } from './connection';
import { stmt } from './statements';
import type { NameIds } from './name-ids';
import { bumpDataVersion } from './versions';
import type { PreparedRow } from '../../snapshots/rows';
import { identityHint } from '../../snapshots/identity-hint';
import { FEED_PRIORITY, type AsOfBasis, type Feed, type ParsedSnapshot } from '../../snapshots/snapshot';
import { decideSnapshotStatus, type SnapshotStatus, type StoredNeighbours } from '../../snapshots/snapshot-status';

export interface SnapshotRow {
	id: number;
	board_id: string;
	as_of: string;
	as_of_basis: AsOfBasis;
	feed: Feed;
	feed_priority: number;
	method_version: string | null;
	origin: string;
	fetched_at: string;
	content_hash: string;
	row_count: number;
	rank_semantics: ParsedSnapshot['rankSemantics'];
	adjustment: ParsedSnapshot['adjustment'];
	status: SnapshotStatus;
	status_reason: string | null;
	warnings: string | null;
	run_id: number | null;
	payload_id: number | null;
}

export interface EntryRow {
	id: number;
	snapshot_id: number;
	position: number;
	row_key: string;
	rank: number;
	rank_lower: number | null;
	rank_upper: number | null;
	model: string;
	organization: string | null;
	license: string | null;
	score: number | null;
	ci_lower: number | null;
	ci_upper: number | null;
	votes: number | null;
	extras: string | null;
	needs_review: number;
	name_id: number | null;
}

export interface SnapshotCandidate {
	sourceId: string;
	boardId: string;
	category: string | null;
	asOf: string;
	asOfBasis: AsOfBasis;
	feed: Feed;
	methodVersion: string | null;
	rankSemantics: ParsedSnapshot['rankSemantics'];
	adjustment: ParsedSnapshot['adjustment'];
	origin: string;
	fetchedAt: Date;
	contentHash: string;
	rows: PreparedRow[];
	warnings: string[];
	runId: number | null;
	payloadId: number | null;
}

export interface SaveResult {
	outcome: 'added' | 'unchanged' | 'superseded' | 'held';
	reason: string | null;
	snapshotId: number | null;
}

function ensureBoard(db: Db, c: SnapshotCandidate): void {
	stmt(db, 'INSERT OR IGNORE INTO boards (id, source_id, category, created_at) VALUES (?, ?, ?, ?)').run(
		c.boardId,
		c.sourceId,
		c.category,
		c.fetchedAt.toISOString()
	);
}

/**
 * Stores a parsed snapshot with the status `decideSnapshotStatus` gives it against what the board
 * already holds, with its entries, in one transaction: a crash leaves all of it or none. Called inside
 * a transaction already (an import's write batch), it is part of that one, which an error must end
 * (rolled back), not continue. `names` carries name ids from one snapshot to the next; it forgets
 * them if this one fails.
 */
export function saveSnapshot(db: Db, c: SnapshotCandidate, names: NameIds): SaveResult {
	try {
		return storeCandidate(db, c, names);
	} catch (e) {
		names.forget();
		throw e;
	}
}

/** What the board holds around the candidate's date: all the status decision reads. */
function storedNeighbours(db: Db, c: SnapshotCandidate): StoredNeighbours {
	const identical = stmt(db, 'SELECT id, as_of AS asOf FROM snapshots WHERE board_id = ? AND as_of = ? AND content_hash = ? LIMIT 1').get(
		c.boardId,
		c.asOf,
		c.contentHash
	) as StoredNeighbours['identical'] | undefined;
	const before = stmt(
		db,
		`SELECT id, as_of AS asOf, content_hash AS contentHash FROM snapshots WHERE board_id = ? AND as_of < ? AND status IN ('active', 'held')
		 ORDER BY as_of DESC, id DESC LIMIT 1`
	).get(c.boardId, c.asOf) as StoredNeighbours['before'] | undefined;
	const rival = stmt(
		db,
		`SELECT id, feed, method_version AS methodVersion, feed_priority AS feedPriority, fetched_at AS fetchedAt
		 FROM snapshots WHERE board_id = ? AND as_of = ? AND status IN ('active', 'held')
		 ORDER BY status = 'active' DESC, id DESC LIMIT 1`
	).get(c.boardId, c.asOf) as StoredNeighbours['rival'] | undefined;
	const previous = stmt(
		db,
		`SELECT as_of AS asOf, row_count AS rowCount FROM snapshots WHERE board_id = ? AND as_of < ? AND status = 'active'
		 AND method_version IS ? ORDER BY as_of DESC, id DESC LIMIT 1`
	).get(c.boardId, c.asOf, c.methodVersion) as StoredNeighbours['previous'] | undefined;
	return { identical: identical ?? null, before: before ?? null, rival: rival ?? null, previous: previous ?? null };
}

function storeCandidate(db: Db, c: SnapshotCandidate, names: NameIds): SaveResult {
	const body = (): SaveResult => {
		ensureBoard(db, c);
		const decision = decideSnapshotStatus(c, storedNeighbours(db, c));
		if (!decision.store) return { outcome: 'unchanged', reason: decision.reason, snapshotId: decision.snapshotId };
		const { status, reason, displaces } = decision;
		if (displaces) stmt(db, "UPDATE snapshots SET status = 'superseded', status_reason = ? WHERE id = ?").run(displaces.reason, displaces.id);

		const info = stmt(
			db,
			`INSERT INTO snapshots (board_id, as_of, as_of_basis, feed, feed_priority, method_version, origin, fetched_at,
			   content_hash, row_count, rank_semantics, adjustment, status, status_reason, warnings, run_id, payload_id, analyzed)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`
		).run(
			c.boardId,
			c.asOf,
			c.asOfBasis,
			c.feed,
			FEED_PRIORITY[c.feed],
			c.methodVersion,
			c.origin,
			c.fetchedAt.toISOString(),
			c.contentHash,
			c.rows.length,
			c.rankSemantics,
			c.adjustment,
			status,
			reason,
			c.warnings.length ? JSON.stringify(c.warnings) : null,
			c.runId,
			c.payloadId
		);
		const snapshotId = Number(info.lastInsertRowid);
		bumpDataVersion(db);
		const insertEntry = stmt(
			db,
			`INSERT INTO entries (snapshot_id, position, row_key, rank, rank_lower, rank_upper, model, organization, license,
			   score, ci_lower, ci_upper, votes, extras, needs_review, name_id)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		);
		c.rows.forEach((r, position) => {
			insertEntry.run(
				snapshotId,
				position,
				r.rowKey,
				r.rank,
				r.rankLower ?? null,
				r.rankUpper ?? null,
				r.model,
				r.organization ?? null,
				r.license ?? null,
				r.score ?? null,
				r.ciLower ?? null,
				r.ciUpper ?? null,
				r.votes ?? null,
				r.extras && Object.keys(r.extras).length ? JSON.stringify(r.extras) : null,
				r.needsReview ? 1 : 0,
				names.idOf(db, c.sourceId, r.model, identityHint(r.extras), c.asOf)
			);
		});
		return { outcome: status === 'active' ? 'added' : status, reason, snapshotId };
	};
	// Not a savepoint inside a caller's transaction: SQLite copies every page a savepoint changes into a
	// statement journal first, and a batch's snapshots change the same index pages one after another
	// (entries were stored at a third of the speed; import-recorded 8.7 → 7.7 s by hand).
	return db.inTransaction ? body() : db.transaction(body).immediate();
}

export function activeSnapshotCount(db: Db): number {
	return (stmt(db, "SELECT COUNT(*) AS n FROM snapshots WHERE status = 'active'").get() as { n: number }).n;
}

/** The active snapshot in force on `date`: the latest on or before it. */
export function snapshotInForce(db: Db, boardId: string, date: string): SnapshotRow | null {
	return (
		(stmt(
			db,
			`SELECT * FROM snapshots WHERE board_id = ? AND status = 'active' AND as_of <= ?
			 ORDER BY as_of DESC, feed_priority DESC, id DESC LIMIT 1`
		).get(boardId, date) as SnapshotRow | undefined) ?? null
	);
}

export function previousActiveSnapshot(db: Db, boardId: string, before: string): SnapshotRow | null {
	return (
		(stmt(
			db,
			`SELECT * FROM snapshots WHERE board_id = ? AND status = 'active' AND as_of < ?
			 ORDER BY as_of DESC, feed_priority DESC, id DESC LIMIT 1`
		).get(boardId, before) as SnapshotRow | undefined) ?? null
	);
}

export function getSnapshot(db: Db, id: number): SnapshotRow | null {
	return (stmt(db, 'SELECT * FROM snapshots WHERE id = ?').get(id) as SnapshotRow | undefined) ?? null;
}

/** Snapshots of a board oldest first; active only unless `all`. */
export function listSnapshots(db: Db, boardId: string, opts: { all?: boolean } = {}): SnapshotRow[] {
	return stmt(
		db,
		`SELECT * FROM snapshots WHERE board_id = ? AND (? OR status = 'active') ORDER BY as_of, feed_priority DESC, id`
	).all(boardId, opts.all ? 1 : 0) as SnapshotRow[];
}

export function heldSnapshots(db: Db): SnapshotRow[] {
	return stmt(db, "SELECT * FROM snapshots WHERE status = 'held' ORDER BY board_id, as_of").all() as SnapshotRow[];
}

/** Entries of a snapshot in rank order (the board's own order among equal ranks). */
export function entriesOf(db: Db, snapshotId: number): EntryRow[] {
	return stmt(db, 'SELECT * FROM entries WHERE snapshot_id = ? ORDER BY rank, position').all(snapshotId) as EntryRow[];
}

/**
 * Puts a held snapshot in force; whatever was active on that date with lower precedence steps aside.
 * Returns null when there is no held snapshot for that board and date.
 */
export function acceptHeldSnapshot(db: Db, boardId: string, asOf: string, now: Date): SnapshotRow | null {
	return db.transaction((): SnapshotRow | null => {
		const held = stmt(
			db,
			"SELECT * FROM snapshots WHERE board_id = ? AND as_of = ? AND status = 'held' ORDER BY id DESC LIMIT 1"
		).get(boardId, asOf) as SnapshotRow | undefined;
		if (!held) return null;
		stmt(db, "UPDATE snapshots SET status = 'superseded', status_reason = ? WHERE board_id = ? AND as_of = ? AND status = 'active'").run(
			`replaced when the held snapshot was accepted on ${now.toISOString().slice(0, 10)}`,
			boardId,
			asOf
		);
		stmt(db, "UPDATE snapshots SET status = 'active', status_reason = ?, analyzed = 0 WHERE id = ?").run(
			`accepted on ${now.toISOString().slice(0, 10)} (${held.status_reason ?? 'held'})`,
			held.id
		);
		bumpDataVersion(db);
		return getSnapshot(db, held.id);
	}).immediate();
}

export interface BoardSummary {
	id: string;
	source_id: string;
	category: string | null;
	snapshots: number;
	held: number;
	first_as_of: string | null;
	latest_as_of: string | null;
	latest_rows: number | null;
	latest_feed: Feed | null;
	latest_fetched_at: string | null;
}

/** Every board with its snapshot counts, first and latest snapshot: all of them, or those dated up to `until`. */
export function boardSummaries(db: Db, until: string | null = null): BoardSummary[] {
	return stmt(
		db,
		`SELECT b.id, b.source_id, b.category,
		   (SELECT COUNT(*) FROM snapshots s WHERE s.board_id = b.id AND s.status = 'active' AND (@until IS NULL OR s.as_of <= @until)) AS snapshots,
		   (SELECT COUNT(*) FROM snapshots s WHERE s.board_id = b.id AND s.status = 'held' AND (@until IS NULL OR s.as_of <= @until)) AS held,
		   (SELECT MIN(as_of) FROM snapshots s WHERE s.board_id = b.id AND s.status = 'active' AND (@until IS NULL OR s.as_of <= @until)) AS first_as_of,
		   l.as_of AS latest_as_of, l.row_count AS latest_rows, l.feed AS latest_feed, l.fetched_at AS latest_fetched_at
		 FROM boards b
		 LEFT JOIN snapshots l ON l.id = (SELECT id FROM snapshots s WHERE s.board_id = b.id AND s.status = 'active' AND (@until IS NULL OR s.as_of <= @until)
		                                  ORDER BY as_of DESC, feed_priority DESC, id DESC LIMIT 1)
		 ORDER BY b.id`
	).all({ until }) as BoardSummary[];
}

/** The date of a board's first active snapshot, if any. */
export function firstActiveAsOf(db: Db, boardId: string): string | null {
	return (stmt(db, "SELECT MIN(as_of) AS d FROM snapshots WHERE board_id = ? AND status = 'active'").get(boardId) as { d: string | null }).d;
}

/** The date of the first active snapshot of any board, if any. */
export function firstSnapshotDate(db: Db): string | null {
	return (stmt(db, "SELECT MIN(as_of) AS d FROM snapshots WHERE status = 'active'").get() as { d: string | null }).d;
}

/** Every board and its source, by board id. */
export function boardSources(db: Db): { id: string; source_id: string }[] {
	return stmt(db, 'SELECT id, source_id FROM boards ORDER BY id').all() as { id: string; source_id: string }[];
}

/** Every board id, sorted. */
export function boardIds(db: Db): string[] {
	return stmt(db, 'SELECT id FROM boards ORDER BY id').pluck().all() as string[];
}

export function boardExists(db: Db, boardId: string): boolean {
	return !!stmt(db, 'SELECT 1 FROM boards WHERE id = ?').get(boardId);
}

export function snapshotCountsBySource(db: Db): Map<string, number> {
	const rows = stmt(
		db,
		`SELECT b.source_id, COUNT(s.id) AS n FROM boards b LEFT JOIN snapshots s ON s.board_id = b.id AND s.status = 'active'
		 GROUP BY b.source_id`
	).all() as { source_id: string; n: number }[];
	return new Map(rows.map((r) => [r.source_id, r.n]));
}

/**
 * The date of the latest active snapshot of any board dated on or before `date` (null: none yet). Every
 * history read up to `date` reads exactly what it reads up to this date: a cache keyed on it (and the
 * data version) serves every date up to the next snapshot.
 */
export function latestSnapshotDate(db: Db, date: string): string | null {
	return (
		stmt(
			db,
			`SELECT max((SELECT max(s.as_of) FROM snapshots s WHERE s.board_id = b.id AND s.status = 'active' AND s.as_of <= @date)) AS d FROM boards b`
		).get({ date }) as { d: string | null }
	).d;
}

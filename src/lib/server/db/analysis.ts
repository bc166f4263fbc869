import type { Db } from './connection';
import { stmt } from './statements';
import { bumpDataVersion } from './versions';
import type { BoardEvent, Mismatch } from '../../analysis/types';
import type { Agreement } from '../../analysis/agreement';
import type { DivergenceStory } from '../../analysis/divergence-findings';

/** One stored row as the analysis reads it, without its name's text: [name_id, model when unnamed, organization, rank, rank_lower, rank_upper, score, ci_lower, ci_upper, position]. */
export type ViewEntryTuple = [
	nameId: number | null,
	model: string | null,
	organization: string | null,
	rank: number,
	rankLower: number | null,
	rankUpper: number | null,
	score: number | null,
	ciLower: number | null,
	ciUpper: number | null,
	position: number
];

/**
 * A snapshot's rows in board order. Rows are read as arrays and the name's text is left to
 * `resolvedNames`: the same few thousand names fill every snapshot, and reading them per row
 * made strings for every one.
 */
export function viewEntryTuples(db: Db, snapshotId: number): ViewEntryTuple[] {
	return stmt(
		db,
		`SELECT e.name_id, CASE WHEN e.name_id IS NULL THEN e.model END, e.organization, e.rank, e.rank_lower, e.rank_upper,
		   e.score, e.ci_lower, e.ci_upper, e.position
		 FROM entries e WHERE e.snapshot_id = ? ORDER BY e.position`
	)
		.raw(true)
		.all(snapshotId) as ViewEntryTuple[];
}

export interface ResolvedNameRow {
	name_id: number;
	raw_name: string;
	family: string | null;
	release: string | null;
	release_kind: 'public' | 'checkpoint' | null;
	variants: string | null;
	organization: string | null;
	/** 1 once the name has a resolution (even to no family); 0 while it waits for its first. */
	resolved: 0 | 1;
}

/** Stored names with what each resolves to (null fields when unresolved). */
export function resolvedNames(db: Db, nameIds: number[]): ResolvedNameRow[] {
	return stmt(
		db,
		`SELECT n.id AS name_id, n.raw_name, r.family, r.release, r.release_kind, r.variants, r.organization, r.name_id IS NOT NULL AS resolved
		 FROM names n LEFT JOIN name_resolutions r ON r.name_id = n.id
		 WHERE n.id IN (SELECT value FROM json_each(?))`
	).all(JSON.stringify(nameIds)) as ResolvedNameRow[];
}

// The names that could be this model on its source: the same raw name, and the family's names of the
// same release or none (the newcomer tests below look these up, in the entries or in name_presence).
const CANDIDATE_NAMES = `WITH candidates(id) AS (
		   SELECT n.id FROM names n JOIN names me ON me.id = @nameId WHERE n.source_id = me.source_id AND n.raw_name = me.raw_name
		   UNION
		   SELECT r.name_id FROM name_resolutions r
		   WHERE @family IS NOT NULL AND r.family = @family AND (@release IS NULL OR +r.release = @release OR +r.release IS NULL))`;

/**
 * Whether a board showed, in any active snapshot before a date, a row that could be this model: the
 * same release (or the family named without a release), the family at all for a family-only row, or
 * the same raw name (however it was run) for an unresolved one. Looked up through the model's names,
 * not the board's history.
 */
export function seenOnBoardBefore(db: Db, board: string, before: string, e: { family: string | null; release: string | null; nameId: number | null }): boolean {
	const found = stmt(
		db,
		`${CANDIDATE_NAMES}
		 SELECT 1 FROM candidates c CROSS JOIN entries e ON e.name_id = c.id CROSS JOIN snapshots s ON s.id = e.snapshot_id
		 WHERE s.board_id = @board AND s.status = 'active' AND s.as_of < @before LIMIT 1`
	).get({ board, before, family: e.family, release: e.release, nameId: e.nameId });
	return !!found;
}

/**
 * `seenOnBoardBefore` asked of `name_presence` instead of the entries: one index seek per candidate
 * name, where the entries are a scan of every row the model's names ever had. It knows the snapshots
 * analysed so far, and until a pass that replaces a snapshot on its date is stored, the replaced rows too.
 */
export function analysedOnBoardBefore(db: Db, board: string, before: string, e: { family: string | null; release: string | null; nameId: number | null }): boolean {
	const found = stmt(
		db,
		`${CANDIDATE_NAMES}
		 SELECT 1 FROM candidates c CROSS JOIN name_presence p ON p.name_id = c.id
		 WHERE p.board_id = @board AND p.first_as_of < @before LIMIT 1`
	).get({ board, before, family: e.family, release: e.release, nameId: e.nameId });
	return !!found;
}

/** Whether a snapshot on any of these dates of the board was replaced (its rows may still be in `name_presence`). */
export function replacedOnDates(db: Db, board: string, dates: string[]): boolean {
	return !!stmt(db, "SELECT 1 FROM snapshots WHERE board_id = ? AND status = 'superseded' AND as_of IN (SELECT value FROM json_each(?)) LIMIT 1").get(board, JSON.stringify(dates));
}

/**
 * Whether any of `boards` listed this release (or, with none named, this family) before a date: a
 * model entering a category board is no news when its source has listed it for months.
 */
export function listedOnBoardsBefore(db: Db, boards: string[], before: string, e: { family: string | null; release: string | null }): boolean {
	if (!e.family && !e.release) return false;
	const found = stmt(
		db,
		`SELECT 1 FROM name_resolutions r CROSS JOIN name_presence p ON p.name_id = r.name_id
		 WHERE (CASE WHEN @release IS NULL THEN r.family = @family ELSE r.release = @release END)
		   AND p.board_id IN (SELECT value FROM json_each(@boards)) AND p.first_as_of < @before LIMIT 1`
	).get({ boards: JSON.stringify(boards), before, family: e.family, release: e.release });
	return !!found;
}

/**
 * Whether this release (or, with none named, this family) was #1 in the board's snapshot in force just
 * before a date, whichever feed it came from: a series that resumes after a gap would otherwise
 * announce a lead the board's other series has shown for months.
 */
export function ledBefore(db: Db, board: string, before: string, e: { family: string | null; release: string | null }): boolean {
	if (!e.family && !e.release) return false;
	const found = stmt(
		db,
		`SELECT 1 FROM entries en JOIN name_resolutions r ON r.name_id = en.name_id
		 WHERE en.snapshot_id = (SELECT id FROM snapshots WHERE board_id = @board AND status = 'active' AND as_of < @before
		                         ORDER BY as_of DESC, feed_priority DESC, id DESC LIMIT 1)
		   AND en.rank = 1 AND (CASE WHEN @release IS NULL THEN r.family = @family ELSE r.release = @release END) LIMIT 1`
	).get({ board, before, family: e.family, release: e.release });
	return !!found;
}

/** The active snapshot in force just before and just after a date on one board. */
export function neighbours(db: Db, boardId: string, asOf: string): { prev: number | null; next: number | null } {
	const prev = stmt(
		db,
		`SELECT id FROM snapshots WHERE board_id = ? AND status = 'active' AND as_of < ? ORDER BY as_of DESC, feed_priority DESC, id DESC LIMIT 1`
	).get(boardId, asOf) as { id: number } | undefined;
	const next = stmt(
		db,
		`SELECT id FROM snapshots WHERE board_id = ? AND status = 'active' AND as_of > ? ORDER BY as_of, feed_priority DESC, id LIMIT 1`
	).get(boardId, asOf) as { id: number } | undefined;
	return { prev: prev?.id ?? null, next: next?.id ?? null };
}

export interface ActiveSnapshotRow {
	id: number;
	as_of: string;
	feed: string;
	rankSemantics: 'ub' | 'ordinal' | 'computed';
	adjustment: 'none' | 'style-control' | null;
	methodVersion: string | null;
}

/**
 * A board's active snapshots, oldest first, with what tells their series apart. Ordered as
 * `snapshotInForce` ranks them (the status rule keeps one active snapshot a date; were there two, the
 * one in force would come last), so the one in force on a date is the last not after it.
 */
export function activeSnapshotIds(db: Db, boardId: string): ActiveSnapshotRow[] {
	return stmt(
		db,
		`SELECT id, as_of, feed, rank_semantics AS rankSemantics, adjustment, method_version AS methodVersion
		 FROM snapshots WHERE board_id = ? AND status = 'active' ORDER BY as_of, feed_priority, id`
	).all(boardId) as ActiveSnapshotRow[];
}

/** Change dates of a board (dates with an active snapshot), ascending. */
export function boardDates(db: Db, boardId: string): string[] {
	return (stmt(db, `SELECT DISTINCT as_of FROM snapshots WHERE board_id = ? AND status = 'active' ORDER BY as_of`).all(boardId) as { as_of: string }[]).map((r) => r.as_of);
}

// ---- events ----

/**
 * Replaces the events computed for the step into `snapshotId` (from whatever snapshot preceded it)
 * with `events`; ids are stable, so an event found again keeps its first detection time.
 */
export function replaceStepEvents(db: Db, snapshotIds: number[], events: BoardEvent[], now: Date): void {
	const keep = new Set(events.map((e) => e.id));
	const existing = stmt(db, 'SELECT id FROM events WHERE snapshot_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(snapshotIds)) as { id: string }[];
	const remove = stmt(db, 'DELETE FROM events WHERE id = ?');
	for (const { id } of existing) if (!keep.has(id)) remove.run(id);
	insertEvents(db, events, now);
}

export function insertEvents(db: Db, events: BoardEvent[], now: Date): void {
	const insert = stmt(
		db,
		`INSERT INTO events (id, kind, board_id, date, previous_date, snapshot_id, previous_snapshot_id, model, previous_model, family, release,
		   organization, from_rank, to_rank, score_change, z, severity, detail, detected_at, blip)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (id) DO UPDATE SET snapshot_id = excluded.snapshot_id, previous_snapshot_id = excluded.previous_snapshot_id,
		   previous_date = excluded.previous_date, model = excluded.model, previous_model = excluded.previous_model, family = excluded.family,
		   release = excluded.release, organization = excluded.organization, from_rank = excluded.from_rank, to_rank = excluded.to_rank,
		   score_change = excluded.score_change, z = excluded.z, severity = excluded.severity, detail = excluded.detail,
		   blip = excluded.blip`
	);
	const at = now.toISOString();
	for (const e of events)
		insert.run(e.id, e.kind, e.board, e.date, e.previousDate, e.snapshotId, e.previousSnapshotId, e.model, e.previousModel, e.family, e.release, e.organization, e.fromRank, e.toRank, e.scoreChange, e.z, e.severity, e.detail, at, e.blip ? 1 : 0);
}

/** Events hanging off snapshots no longer in force (replaced on their date, or held) are void. */
export function deleteEventsOfInactiveSnapshots(db: Db): void {
	stmt(
		db,
		`DELETE FROM events WHERE snapshot_id IN (SELECT id FROM snapshots WHERE status <> 'active')
		 OR previous_snapshot_id IN (SELECT id FROM snapshots WHERE status <> 'active')`
	).run();
}

export function countMismatches(db: Db): number {
	return (stmt(db, 'SELECT COUNT(*) AS n FROM mismatches').get() as { n: number }).n;
}

/** Active snapshots the analysis has not caught up with. */
export function pendingAnalysis(db: Db): number[] {
	return stmt(db, "SELECT id FROM snapshots WHERE analyzed = 0 AND status = 'active' ORDER BY id").pluck().all() as number[];
}

/** Marks snapshots analysed; all of them after a full rebuild. */
export function markAnalyzed(db: Db, snapshotIds: number[] | 'all'): void {
	if (snapshotIds === 'all') stmt(db, 'UPDATE snapshots SET analyzed = 1 WHERE analyzed = 0').run();
	else stmt(db, 'UPDATE snapshots SET analyzed = 1 WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(snapshotIds));
	bumpDataVersion(db);
}

export function clearAnalysis(db: Db): void {
	db.exec('DELETE FROM events; DELETE FROM mismatches; DELETE FROM agreement; DELETE FROM divergence_findings;');
	bumpDataVersion(db);
}

export interface EventRow {
	id: string;
	kind: string;
	board_id: string;
	date: string;
	previous_date: string;
	snapshot_id: number;
	previous_snapshot_id: number;
	model: string | null;
	previous_model: string | null;
	family: string | null;
	release: string | null;
	organization: string | null;
	from_rank: number | null;
	to_rank: number | null;
	score_change: number | null;
	z: number | null;
	severity: string;
	detail: string;
	detected_at: string;
	/** 1 when the series' next snapshot undid the move: kept for the record, left off pages and feeds. */
	blip: number;
}

export interface EventFilter {
	kind?: string | null;
	board?: string | null;
	family?: string | null;
	organization?: string | null;
	model?: string | null;
	since?: string | null;
	until?: string | null;
	minSeverity?: string | null;
	/** Blips are left out unless asked for. */
	blips?: boolean;
	/** Keyset pagination: events strictly after this (date, id) in the listing order. */
	after?: { date: string; id: string } | null;
	limit?: number;
}

const SEVERITY_RANK = `CASE severity WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END`;

/** Events newest first, filtered; with `after`, the page that follows. */
export function listEvents(db: Db, f: EventFilter = {}): EventRow[] {
	return stmt(
		db,
		`SELECT * FROM events
		 WHERE (@kind IS NULL OR kind = @kind) AND (@board IS NULL OR board_id = @board) AND (@family IS NULL OR family = @family)
		   AND (@organization IS NULL OR organization = @organization COLLATE NOCASE) AND (@model IS NULL OR model = @model OR previous_model = @model)
		   AND (@since IS NULL OR date >= @since) AND (@until IS NULL OR date <= @until) AND ${SEVERITY_RANK} >= @min
		   AND (@blips OR blip = 0)
		   AND (@afterDate IS NULL OR date < @afterDate OR (date = @afterDate AND id > @afterId))
		 ORDER BY date DESC, id LIMIT @limit`
	).all({
		kind: f.kind ?? null,
		board: f.board ?? null,
		family: f.family ?? null,
		organization: f.organization ?? null,
		model: f.model ?? null,
		since: f.since ?? null,
		until: f.until ?? null,
		min: f.minSeverity === 'high' ? 3 : f.minSeverity === 'medium' ? 2 : 1,
		blips: f.blips ? 1 : 0,
		afterDate: f.after?.date ?? null,
		afterId: f.after?.id ?? '',
		limit: f.limit ?? -1
	}) as EventRow[];
}

// ---- mismatches ----

/** Upserts mismatches keeping the earliest sighting's evidence and date, and the latest sighting date. */
export function upsertMismatches(db: Db, list: Mismatch[], now: Date): void {
	const existing = stmt(db, 'SELECT date, last_seen, significant FROM mismatches WHERE id = ?');
	const insert = stmt(
		db,
		`INSERT OR REPLACE INTO mismatches (id, kind, family, organization, date, last_seen, checkpoint_name, checkpoint_board, checkpoint_date,
		   checkpoint_rank, checkpoint_score, checkpoint_release, checkpoint_pct, release_name, release_board, release_date, release_rank,
		   release_score, release_release, release_pct, gap, significant, severity, common_set_size, detail, detected_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT detected_at FROM mismatches WHERE id = ?), ?))`
	);
	const touch = stmt(db, 'UPDATE mismatches SET last_seen = MAX(last_seen, ?), date = MIN(date, ?) WHERE id = ?');
	for (const m of list) {
		const seen = existing.get(m.id) as { date: string; last_seen: string; significant: number } | undefined;
		// Earlier evidence wins, unless it was not significant and this is. Evidence of the same date is
		// replaced: it was computed again because a snapshot in force at that date changed.
		const replace = !seen || m.date <= seen.date || (m.significant && !seen.significant);
		if (replace) {
			insert.run(
				m.id, m.kind, m.family, m.organization, seen ? (m.date < seen.date ? m.date : seen.date) : m.date, seen ? (m.date > seen.last_seen ? m.date : seen.last_seen) : m.date,
				m.checkpoint.name, m.checkpoint.board, m.checkpoint.date, m.checkpoint.rank, m.checkpoint.score, m.checkpoint.release, m.checkpoint.pct,
				m.release.name, m.release.board, m.release.date, m.release.rank, m.release.score, m.release.release, m.release.pct,
				m.gap, m.significant ? 1 : 0, m.severity, m.commonSetSize, m.detail, m.id, now.toISOString()
			);
		} else touch.run(m.date, m.date, m.id);
	}
}

export interface MismatchRow {
	id: string;
	kind: string;
	family: string;
	organization: string | null;
	date: string;
	last_seen: string;
	checkpoint_name: string;
	checkpoint_board: string;
	checkpoint_date: string;
	checkpoint_rank: number;
	checkpoint_score: number | null;
	checkpoint_release: string | null;
	checkpoint_pct: number | null;
	release_name: string;
	release_board: string;
	release_date: string;
	release_rank: number;
	release_score: number | null;
	release_release: string | null;
	release_pct: number | null;
	gap: number;
	significant: number;
	severity: string;
	common_set_size: number | null;
	detail: string;
	detected_at: string;
}

export interface MismatchFilter {
	since?: string | null;
	until?: string | null;
	family?: string | null;
	organization?: string | null;
	kind?: string | null;
	board?: string | null;
	limit?: number;
}

/**
 * Mismatches still seen on or after `since`, strongest evidence first. With `until`, as they stood on
 * that date: first seen by then, with a later last sighting read as "still seen then" (sightings are not
 * kept one by one), and only those whose kept evidence is from then too (a later significant sighting
 * replaces an earlier one's evidence, and the earlier is not kept).
 */
export function listMismatches(db: Db, f: MismatchFilter = {}): MismatchRow[] {
	const rows = stmt(
		db,
		`SELECT * FROM mismatches WHERE (@since IS NULL OR last_seen >= @since) AND (@family IS NULL OR family = @family)
		   AND (@until IS NULL OR (date <= @until AND checkpoint_date <= @until AND release_date <= @until))
		   AND (@organization IS NULL OR organization = @organization COLLATE NOCASE) AND (@kind IS NULL OR kind = @kind)
		   AND (@board IS NULL OR checkpoint_board = @board OR release_board = @board)
		 ORDER BY significant DESC, ${SEVERITY_RANK} DESC, date DESC, id LIMIT @limit`
	).all({
		since: f.since ?? null,
		until: f.until ?? null,
		family: f.family ?? null,
		organization: f.organization ?? null,
		kind: f.kind ?? null,
		board: f.board ?? null,
		limit: f.limit ?? -1
	}) as MismatchRow[];
	const until = f.until;
	return until ? rows.map((m) => (m.last_seen > until ? { ...m, last_seen: until } : m)) : rows;
}

// ---- agreement ----

export function upsertAgreement(db: Db, rows: Agreement[]): void {
	const insert = stmt(
		db,
		`INSERT OR REPLACE INTO agreement (board_a, board_b, date, n, kendall_tau_b, spearman, snapshot_a, snapshot_b) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	);
	for (const r of rows) insert.run(r.boardA, r.boardB, r.date, r.n, r.kendallTauB, r.spearman, r.snapshotA, r.snapshotB);
}

export interface AgreementRow {
	board_a: string;
	board_b: string;
	date: string;
	n: number;
	kendall_tau_b: number | null;
	spearman: number | null;
}

export function listAgreement(db: Db, f: { from?: string | null; to?: string | null; boardA?: string | null; boardB?: string | null } = {}): AgreementRow[] {
	return stmt(
		db,
		`SELECT board_a, board_b, date, n, kendall_tau_b, spearman FROM agreement
		 WHERE (@from IS NULL OR date >= @from) AND (@to IS NULL OR date <= @to)
		   AND (@a IS NULL OR board_a = @a OR board_b = @a) AND (@b IS NULL OR board_a = @b OR board_b = @b)
		 ORDER BY date, board_a, board_b`
	).all({ from: f.from ?? null, to: f.to ?? null, a: f.boardA ?? null, b: f.boardB ?? null }) as AgreementRow[];
}

/** The latest agreement of every pair on or before a date. */
export function agreementAt(db: Db, date: string): AgreementRow[] {
	return stmt(
		db,
		`SELECT a.board_a, a.board_b, a.date, a.n, a.kendall_tau_b, a.spearman FROM agreement a
		 WHERE a.date = (SELECT MAX(date) FROM agreement b WHERE b.board_a = a.board_a AND b.board_b = a.board_b AND b.date <= ?)
		 ORDER BY a.board_a, a.board_b`
	).all(date) as AgreementRow[];
}

// ---- divergence findings ----

/** The subjects of a pair (boards in either order) whose story was under way just before `date`. */
export function openDivergenceSubjects(db: Db, boards: [string, string], date: string): Set<string> {
	const [a, b] = [...boards].sort();
	return new Set(
		stmt(db, 'SELECT subject FROM divergence_findings WHERE board_a = ? AND board_b = ? AND date < ? AND (ended IS NULL OR ended >= ?)')
			.pluck()
			.all(a, b, date, date) as string[]
	);
}

/**
 * Replaces a pair's divergence findings from `from` on (all of them with null): stories dated since are
 * replaced by `stories`, and those under way at `from` end where `closed` says (or go on). A story
 * found again keeps its first detection time.
 */
export function replacePairDivergences(db: Db, boards: [string, string], from: string | null, stories: DivergenceStory[], closed: Map<string, string>, now: Date): void {
	const [a, b] = [...boards].sort();
	const since = from ?? '';
	stmt(db, `DELETE FROM divergence_findings WHERE board_a = ? AND board_b = ? AND date >= ? AND id NOT IN (SELECT value FROM json_each(?))`).run(
		a, b, since, JSON.stringify(stories.map((s) => s.id))
	);
	stmt(db, 'UPDATE divergence_findings SET ended = NULL WHERE board_a = ? AND board_b = ? AND date < ? AND ended >= ?').run(a, b, since, since);
	const close = stmt(db, 'UPDATE divergence_findings SET ended = ? WHERE board_a = ? AND board_b = ? AND subject = ? AND date < ? AND ended IS NULL');
	for (const [subject, date] of closed) close.run(date, a, b, subject, since);
	const insert = stmt(
		db,
		`INSERT INTO divergence_findings (id, board_a, board_b, subject, family, release, organization, date, ended, boards, names, ranks, as_of,
		   divergence, top_gap, significant, common_set_size, severity, detail, detected_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (id) DO UPDATE SET ended = excluded.ended, organization = excluded.organization, boards = excluded.boards, names = excluded.names,
		   ranks = excluded.ranks, as_of = excluded.as_of, divergence = excluded.divergence, top_gap = excluded.top_gap,
		   significant = excluded.significant, common_set_size = excluded.common_set_size, severity = excluded.severity, detail = excluded.detail`
	);
	const at = now.toISOString();
	for (const s of stories)
		insert.run(
			s.id, a, b, s.subject, s.family, s.release, s.organization, s.date, s.ended, JSON.stringify(s.boards), JSON.stringify(s.names),
			JSON.stringify(s.ranks), JSON.stringify(s.asOf), s.divergence, s.topGap, s.significant ? 1 : 0, s.commonSetSize, s.severity, s.detail, at
		);
}

export interface DivergenceFindingRow {
	id: string;
	family: string;
	release: string | null;
	date: string;
	ended: string | null;
	/** JSON: the two boards, the one the model ranks better on first; names and ranks in that order. */
	boards: string;
	names: string;
	ranks: string;
	significant: number;
	severity: string;
	detail: string;
}

/** Divergence findings dated in a range, on a board, of a family. */
export function listDivergenceFindings(db: Db, f: { since?: string | null; until?: string | null; board?: string | null; family?: string | null } = {}): DivergenceFindingRow[] {
	return stmt(
		db,
		`SELECT id, family, release, date, ended, boards, names, ranks, significant, severity, detail FROM divergence_findings
		 WHERE (@since IS NULL OR date >= @since) AND (@until IS NULL OR date <= @until) AND (@family IS NULL OR family = @family)
		   AND (@board IS NULL OR board_a = @board OR board_b = @board)
		 ORDER BY date DESC, id`
	).all({ since: f.since ?? null, until: f.until ?? null, board: f.board ?? null, family: f.family ?? null }) as DivergenceFindingRow[];
}

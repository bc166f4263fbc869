import type { Db } from '../db/connection';
import { saveSnapshot } from '../db/snapshots';
import { NameIds } from '../db/name-ids';
import type { RunOutcome } from '../db/runs';
import { collapseDuplicateRows, snapshotContentHash, type PreparedRow } from '../../snapshots/rows';
import type { AsOfBasis, ParsedSnapshot } from '../../snapshots/snapshot';
import { ParseError } from '../../catalogue/errors';
import { assertCompleteHtml, assertNotBlocked, looksLikeHtml } from '../../catalogue/documents';
import type { InputDocument, SnapshotFormat, SourceDefinition } from '../../catalogue/contract';
import { validateSnapshot } from './validate';

export interface SnapshotResult {
	board: string;
	asOf: string;
	outcome: Exclude<RunOutcome, 'skipped' | 'failed'>;
	reason: string | null;
	snapshotId: number | null;
	rows: number;
}

export interface DocumentResult {
	outcome: RunOutcome;
	reason: string | null;
	results: SnapshotResult[];
	/** Called once the snapshots are stored, with the ids of those that came into force. */
	addedSnapshotIds: number[];
}

export interface IngestContext {
	origin: string;
	fetchedAt: Date;
	/** Date used when the content states none: a file-name date, `--date`, or the fetch date. */
	fallbackDate: { date: string; basis: AsOfBasis } | null;
	runId: number | null;
	payloadId: number | null;
	/** Name ids held across a write batch's files (`WriteBatch.names`); else across this call's snapshots. */
	names?: NameIds;
}

// Most important first: a run reports the worst thing that happened to any of its boards.
const OUTCOME_ORDER: RunOutcome[] = ['failed', 'rejected', 'held', 'added', 'superseded', 'unchanged', 'skipped'];

export function summarizeOutcome(outcomes: RunOutcome[]): RunOutcome {
	return OUTCOME_ORDER.find((o) => outcomes.includes(o)) ?? 'unchanged';
}

/** Parses with one format and validates every snapshot before any is stored: a bad board stores nothing. */
export function parseDocument(source: SourceDefinition, format: SnapshotFormat, doc: InputDocument): ParsedSnapshot[] {
	assertNotBlocked(doc.text);
	if (looksLikeHtml(doc.text)) assertCompleteHtml(doc.text);
	const snapshots = format.parse(doc);
	if (snapshots.length === 0) throw new ParseError(`empty: no leaderboard found in ${doc.name}`);
	const rejected = snapshots.filter((s) => s.rejected);
	if (rejected.length === snapshots.length)
		throw new ParseError(rejected.length === 1 ? rejected[0].rejected! : `all ${rejected.length} blocks rejected; first: ${rejected[0].publishedAsOf}: ${rejected[0].rejected}`);
	for (const s of snapshots) {
		if (s.board !== source.id && !s.board.startsWith(`${source.id}/`))
			throw new Error(`parser ${format.name} produced board ${s.board}, which is not a ${source.id} board`);
		if (!s.rejected) validateSnapshot(s);
	}
	return snapshots;
}

/** A parsed snapshot made ready to store short of the database: repeated rows settled, content hash taken (null for a rejected block). */
export interface ReadySnapshot extends ParsedSnapshot {
	rows: PreparedRow[];
	contentHash: string | null;
}

/** The part of storing that needs no database, so an import does it where it parses (its worker thread). */
export function readySnapshot(s: ParsedSnapshot): ReadySnapshot {
	if (s.rejected) return { ...s, rows: [], contentHash: null };
	const { rows, warnings } = collapseDuplicateRows(s.rows);
	return { ...s, rows, warnings: [...s.warnings, ...warnings], contentHash: snapshotContentHash(s, rows) };
}

/** Stores parsed snapshots through the storage rules and says what happened to each. */
export function storeSnapshots(db: Db, source: SourceDefinition, snapshots: ParsedSnapshot[], ctx: IngestContext): DocumentResult {
	return storeReadySnapshots(db, source, snapshots.map(readySnapshot), ctx);
}

/** `storeSnapshots` for snapshots already made ready (`readySnapshot`). */
export function storeReadySnapshots(db: Db, source: SourceDefinition, snapshots: ReadySnapshot[], ctx: IngestContext): DocumentResult {
	const results: SnapshotResult[] = [];
	// A document's boards (LMArena's categories) mostly show the same models.
	const names = ctx.names ?? new NameIds();
	for (const s of snapshots) {
		const asOf = s.publishedAsOf ?? ctx.fallbackDate?.date;
		if (!asOf) throw new ParseError('no date: the content states none; put YYYY-MM-DD in the file name or pass --date');
		if (s.rejected) {
			results.push({ board: s.board, asOf, outcome: 'rejected', reason: s.rejected, snapshotId: null, rows: 0 });
			continue;
		}
		const basis: AsOfBasis = s.publishedAsOf ? 'published' : ctx.fallbackDate!.basis;
		const category = s.board.includes('/') ? s.board.slice(s.board.indexOf('/') + 1) : null;
		const saved = saveSnapshot(db, {
			sourceId: source.id,
			boardId: s.board,
			category,
			asOf,
			asOfBasis: basis,
			feed: s.feed,
			methodVersion: s.methodVersion,
			rankSemantics: s.rankSemantics,
			adjustment: s.adjustment,
			origin: ctx.origin,
			fetchedAt: ctx.fetchedAt,
			contentHash: s.contentHash!,
			rows: s.rows,
			warnings: s.warnings,
			runId: ctx.runId,
			payloadId: ctx.payloadId
		}, names);
		results.push({ board: s.board, asOf, outcome: saved.outcome, reason: saved.reason, snapshotId: saved.snapshotId, rows: s.rows.length });
	}
	return {
		outcome: summarizeOutcome(results.map((r) => r.outcome)),
		reason: describeResults(results),
		results,
		addedSnapshotIds: results.filter((r) => r.outcome === 'added' && r.snapshotId !== null).map((r) => r.snapshotId!)
	};
}

function describeResults(results: SnapshotResult[]): string | null {
	if (results.length === 1) return results[0].reason;
	const counts = new Map<string, number>();
	for (const r of results) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
	const parts = [...counts].map(([o, n]) => `${n} ${o}`).join(', ');
	const notes = [...new Set(results.filter((r) => r.outcome === 'rejected' || r.outcome === 'held' || r.outcome === 'superseded').map((r) => `${r.board}: ${r.reason}`))];
	return `${results.length} boards: ${parts}${notes.length ? `; ${notes.slice(0, 3).join('; ')}` : ''}`;
}

import type { Db } from '../db/connection';
import { ledBefore, listDivergenceFindings, listedOnBoardsBefore, listEvents, listMismatches, type EventRow } from '../db/analysis';
import { boardIds } from '../db/snapshots';
import { byNewest, findingOfDivergence, findingsOfEvents, leadOf, findingsOfMismatches, RETELLING_DAYS, type Finding, type FindingContext, type FindingKind } from '../../analysis/findings';
import { addDays } from '../../dates';
import { SEVERITIES, type Severity } from '../../analysis/types';
import { declaredBoards, sourceOfBoard } from '../../catalogue';
import { headlineBoards } from './analyze';

export interface FindingFilter {
	since?: string | null;
	until?: string | null;
	board?: string | null;
	family?: string | null;
	kind?: FindingKind | null;
	minSeverity?: Severity | null;
}

function contextOf(db: Db): FindingContext {
	const headline = headlineBoards(db);
	return {
		sourceOf: (board) => sourceOfBoard(board)?.id ?? board.split('/')[0],
		headline: new Set(headline),
		main: new Set([...headline, ...declaredBoards()]),
		publisherOf: (board) => sourceOfBoard(board)?.publisher ?? sourceOfBoard(board)?.id ?? board.split('/')[0]
	};
}

/**
 * The stored per-board events (blips left out) of a range told once per story; from far enough back to
 * know whether a story in the range was told already. A model entering one of a source's boards is a
 * finding only when none of that source's boards listed it before, and a new #1 only when the board's
 * previous snapshot from any feed did not already lead with it.
 */
function eventFindings(
	db: Db,
	ctx: FindingContext,
	since: string | null | undefined,
	until: string | null | undefined,
	family: string | null = null
): { found: Finding[]; events: EventRow[] } {
	const boardsOfSource = new Map<string, string[]>();
	for (const b of boardIds(db)) {
		const source = ctx.sourceOf(b);
		boardsOfSource.set(source, [...(boardsOfSource.get(source) ?? []), b]);
	}
	const from = since ? addDays(since, -RETELLING_DAYS) : null;
	// One family's stories need only the days it has events on, but every event of those days: whether a
	// day's de-listings roll up, or a catch-up swallows its debut, depends on the other models too.
	const events = family
		? [...new Set(listEvents(db, { family, since: from, until }).map((e) => e.date))].flatMap((d) => listEvents(db, { since: d, until: d }))
		: listEvents(db, { since: from, until });
	const news = events.filter((e) =>
		e.kind === 'new-entrant'
			? !listedOnBoardsBefore(db, boardsOfSource.get(ctx.sourceOf(e.board_id))!, e.date, e)
			: e.kind !== 'new-leader' || !ledBefore(db, e.board_id, e.date, e)
	);
	return { found: findingsOfEvents(news, ctx), events: news };
}

/**
 * Findings dated in a range, newest first: the per-board events told once per story, the divergence
 * stories that crossed their threshold in the range (stored by the analysis pass, which walks each
 * pair's history), and the variant mismatches first seen in the range.
 */
export function listFindings(db: Db, f: FindingFilter = {}): Finding[] {
	const ctx = contextOf(db);
	const found = f.kind === 'mismatch' || f.kind === 'divergence' ? [] : eventFindings(db, ctx, f.since, f.until, f.family).found;
	if (!f.kind || f.kind === 'divergence')
		for (const d of listDivergenceFindings(db, f))
			found.push(findingOfDivergence({ ...d, boards: JSON.parse(d.boards), names: JSON.parse(d.names), ranks: JSON.parse(d.ranks), significant: d.significant === 1 }, ctx));
	if (!f.kind || f.kind === 'mismatch') found.push(...findingsOfMismatches(listMismatches(db, { until: f.until, family: f.family }), ctx));
	const least = f.minSeverity ? SEVERITIES.indexOf(f.minSeverity) : 0;
	return found
		.filter(
			(x) =>
				(!f.since || x.date >= f.since) &&
				(!f.kind || x.kind === f.kind) &&
				(!f.family || x.family === f.family) &&
				(!f.board || x.boards.includes(f.board)) &&
				SEVERITIES.indexOf(x.severity) >= least
		)
		.sort(byNewest);
}

/**
 * The findings that the given stored events are part of, told as listFindings tells them, each with
 * all its events (its lead first): what alerts send, one item per story. Events that are no finding
 * (a blip, a model its source listed before) belong to none.
 */
export function findingsOfStoredEvents(db: Db, events: EventRow[]): { finding: Finding; events: EventRow[] }[] {
	if (events.length === 0) return [];
	const ctx = contextOf(db);
	const dates = events.map((e) => e.date).sort();
	const { found, events: told } = eventFindings(db, ctx, dates[0], dates.at(-1));
	const byId = new Map(told.map((e) => [e.id, e]));
	const asked = new Set(events.map((e) => e.id));
	return found
		.filter((f) => f.date >= dates[0] && f.event_ids.some((id) => asked.has(id)))
		.map((finding) => {
			const group = finding.event_ids.map((id) => byId.get(id)!);
			const lead = leadOf(group, ctx);
			return { finding, events: [lead, ...group.filter((e) => e !== lead)] };
		});
}

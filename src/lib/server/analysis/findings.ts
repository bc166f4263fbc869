import type { Db } from '../db/connection';
import { ledBefore, listedOnBoardsBefore, listEvents, listMismatches } from '../db/analysis';
import { boardIds } from '../db/snapshots';
import { byNewest, findingsOfEvents, findingsOfMismatches, RETELLING_DAYS, type Finding, type FindingContext, type FindingKind } from '../../analysis/findings';
import { addDays } from '../../dates';
import { SEVERITIES, type Severity } from '../../analysis/types';
import { declaredBoards, sourceOfBoard } from '../../../../scrapers/registry';
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
		main: new Set([...headline, ...declaredBoards()])
	};
}

/**
 * Findings dated in a range, newest first: the stored per-board events (blips left out) told once per
 * story, and the variant mismatches first seen in the range. A model entering one of a source's boards
 * is a finding only when none of that source's boards listed it before, and a new #1 only when the
 * board's previous snapshot from any feed did not already lead with it.
 */
export function listFindings(db: Db, f: FindingFilter = {}): Finding[] {
	const ctx = contextOf(db);
	const boardsOfSource = new Map<string, string[]>();
	for (const b of boardIds(db)) {
		const source = ctx.sourceOf(b);
		boardsOfSource.set(source, [...(boardsOfSource.get(source) ?? []), b]);
	}
	// From far enough back to know whether a story in the range was told already.
	const events = f.kind === 'mismatch' ? [] : listEvents(db, { since: f.since ? addDays(f.since, -RETELLING_DAYS) : null, until: f.until });
	const news = events.filter((e) =>
		e.kind === 'new-entrant'
			? !listedOnBoardsBefore(db, boardsOfSource.get(ctx.sourceOf(e.board_id))!, e.date, e)
			: e.kind !== 'new-leader' || !ledBefore(db, e.board_id, e.date, e)
	);
	const found = findingsOfEvents(news, ctx);
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

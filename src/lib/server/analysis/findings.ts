import type { Db } from '../db/connection';
import { listDivergenceFindings, listedOnBoardsBefore, listEvents, listMismatches } from '../db/analysis';
import { boardIds } from '../db/snapshots';
import { byNewest, findingOfDivergence, findingsOfEvents, findingsOfMismatches, RETELLING_DAYS, type Finding, type FindingContext, type FindingKind } from '../../analysis/findings';
import { addDays } from '../../dates';
import { SEVERITIES, type Severity } from '../../analysis/types';
import { sourceOfBoard } from '../../../../scrapers/registry';
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
	return { sourceOf: (board) => sourceOfBoard(board)?.id ?? board.split('/')[0], headline: new Set(headlineBoards(db)) };
}

/**
 * Findings dated in a range, newest first: the stored per-board events (blips left out) told once per
 * story, the divergence stories that crossed their threshold in the range (stored by the analysis
 * pass, which walks each pair's history), and the variant mismatches first seen in the range. A model
 * entering one of a source's boards is a finding only when none of that source's boards listed it before.
 */
export function listFindings(db: Db, f: FindingFilter = {}): Finding[] {
	const ctx = contextOf(db);
	const boardsOfSource = new Map<string, string[]>();
	for (const b of boardIds(db)) {
		const source = ctx.sourceOf(b);
		boardsOfSource.set(source, [...(boardsOfSource.get(source) ?? []), b]);
	}
	// From far enough back to know whether a story in the range was told already.
	const events = f.kind === 'mismatch' || f.kind === 'divergence' ? [] : listEvents(db, { since: f.since ? addDays(f.since, -RETELLING_DAYS) : null, until: f.until });
	const news = events.filter((e) => e.kind !== 'new-entrant' || !listedOnBoardsBefore(db, boardsOfSource.get(ctx.sourceOf(e.board_id))!, e.date, e));
	const found = findingsOfEvents(news, ctx);
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

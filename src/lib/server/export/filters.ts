import type { Db } from '../db/connection';
import type { EventFilter } from '../db/analysis';
import { boardExists } from '../db/snapshots';
import { EVENT_KINDS, SEVERITIES } from '../../analysis/types';
import { organizationName } from './organizations';
import { BadParameter, type Params } from './params';

export function checkBoard(db: Db, name: string, board: string): void {
	if (!boardExists(db, board)) throw new BadParameter(name, `no board ${JSON.stringify(board)} in this database`);
}

/** A board named as a filter must exist: a typo is a 400 that names it, not an empty result. */
export function boardFilter(db: Db, p: Params, name = 'board'): string | null {
	const board = p.text(name);
	if (board !== null) checkBoard(db, name, board);
	return board;
}

/** A repeated `board` filter (divergence, agreement): de-duplicated, each one checked. */
export function boardList(db: Db, p: Params, max: number): string[] {
	const boards = [...new Set(p.list('board', max))];
	for (const b of boards) checkBoard(db, 'board', b);
	return boards;
}

/** Event filters, read the same way for the events page, the events dataset and the Atom feed. */
export function eventFilter(db: Db, p: Params): EventFilter {
	const organization = p.text('organization');
	const { from: since, to: until } = p.dateRange('since', 'until');
	return {
		board: boardFilter(db, p),
		family: p.text('family'),
		organization: organization === null ? null : organizationName(db, organization),
		model: p.text('model'),
		kind: p.choice('kind', EVENT_KINDS),
		since,
		until,
		minSeverity: p.choice('severity', SEVERITIES),
		blips: p.flag('include_blips')
	};
}

/** Where a page of events ends: the last event's date and id (keyset pagination). */
export interface EventCursor {
	d: string;
	i: string;
}
export const isEventCursor = (v: unknown): v is EventCursor =>
	typeof v === 'object' && v !== null && typeof (v as EventCursor).d === 'string' && typeof (v as EventCursor).i === 'string';

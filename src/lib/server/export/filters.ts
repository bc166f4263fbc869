import type { Db } from '../db/connection';
import { boardExists } from '../db/snapshots';
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

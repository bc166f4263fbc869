import type { Adjustment } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import { cellNumber } from '../../parse-helpers';

/** `+6/-6` (HF-space `95_pct_ci`) → the two half-widths. */
export function parseCiPlusMinus(cell: string, line: number): { plus: number; minus: number } | null {
	const t = cell.trim();
	if (t === '' || /^n\/?a$/i.test(t)) return null;
	const m = t.match(/^\+\s*([\d.]+)\s*\/\s*-\s*([\d.]+)$/);
	if (!m) throw new ParseError(`line ${line}: 95% CI ${JSON.stringify(cell)} is not of the form +X/-Y`);
	return { plus: Number(m[1]), minus: Number(m[2]) };
}

/** `± 5`, `±6` → 5, 6; null when blank. */
export function parsePlusMinus(cell: string | undefined): number | null {
	if (!cell) return null;
	const m = cell.match(/±\s*([\d.]+)/);
	return m ? Number(m[1]) : null;
}

/**
 * Rank spread as LMArena renders it and scrapers flatten it: `1 ◄─► 4`, `1↔4`, `1 4`, `1___4`.
 * Returns [best, worst] or null for a blank cell.
 */
export function parseRankSpread(cell: string | undefined, line: number): [number, number] | null {
	if (!cell || cell.trim() === '') return null;
	const nums = cell.match(/\d+/g);
	if (!nums || nums.length !== 2) throw new ParseError(`line ${line}: rank spread ${JSON.stringify(cell)} is not two ranks`);
	const [a, b] = nums.map(Number);
	return [Math.min(a, b), Math.max(a, b)];
}

/** Votes like `"32,205"` → 32205. */
export function parseVotes(cell: string | undefined, line: number): number | null {
	const n = cellNumber(cell);
	if (n === null) return null;
	if (Number.isNaN(n) || n < 0 || !Number.isInteger(n)) throw new ParseError(`line ${line}: votes ${JSON.stringify(cell)} is not a count`);
	return n;
}

/**
 * A view given explicitly in a document's file or folder name (`leaderboard-text-style-control/…`)
 * or URL (`config=text_style_control`); only the last two path segments count.
 */
export function namesStyleControl(path: string): boolean {
	const tail = path.split(/[\\/]/).slice(-2).join('/');
	return /style[-_ ]?control|stylectrl/i.test(tail);
}

/**
 * The board a snapshot of `category` belongs to. Style-controlled ratings are a series of their own
 * (`<board>/style-control[/<category>]`): they are a second fit of the same votes, so mixing them into
 * the unadjusted series would make every switch between feeds look like the whole board moved.
 */
export function seriesBoard(board: string, category: string | null, adjustment: Adjustment): string {
	const base = adjustment === 'style-control' ? `${board}/style-control` : board;
	return category === null || category === 'full' || category === 'overall' ? base : `${base}/${category}`;
}

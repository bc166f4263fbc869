/**
 * The site's one unit of divergence: percentage points of common-set percentile (0 = top of the models
 * two boards share). Every page that prints a gap between boards prints it with this, so the same gap
 * reads the same on the overview, model, lab and compare pages.
 */
export function pctPoints(gap: number): string {
	return `${Math.round(Math.abs(gap) * 100)} pct pts`;
}

/** A gap inside one board, where the models compared share every row: places on that board. */
export function places(n: number): string {
	return `${n} place${n === 1 ? '' : 's'}`;
}

import { daysBetween } from '../dates';

export interface Freshness {
	ageDays: number | null;
	stale: boolean;
}

/**
 * The one staleness rule: a snapshot more than `staleDays` days older than `date` is stale, and its
 * board is left out of cross-board numbers at that date.
 */
export function isStale(asOf: string, date: string, staleDays: number): boolean {
	return daysBetween(asOf, date) > staleDays;
}

/** How old a board's latest snapshot is at `date`, and whether that makes it stale (no snapshot: stale). */
export function freshness(latestAsOf: string | null, date: string, staleDays: number): Freshness {
	if (!latestAsOf) return { ageDays: null, stale: true };
	return { ageDays: daysBetween(latestAsOf, date), stale: isStale(latestAsOf, date, staleDays) };
}

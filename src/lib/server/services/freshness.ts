import { daysBetween } from '../../dates';

export interface Freshness {
	ageDays: number | null;
	stale: boolean;
}

/** A board whose latest snapshot is older than the window at `date` is stale and left out of cross-board numbers. */
export function freshness(latestAsOf: string | null, date: string, staleDays: number): Freshness {
	if (!latestAsOf) return { ageDays: null, stale: true };
	const ageDays = daysBetween(latestAsOf, date);
	return { ageDays, stale: ageDays > staleDays };
}

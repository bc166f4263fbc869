import type { SubscriptionRow } from '../db/alerts';
import { severityRank, type AlertItem } from './types';

/**
 * Whether a subscription wants an item: its kind and severity, what it watches, and only findings
 * first seen after it was confirmed. A divergence counts when it crosses the subscriber's level (it
 * was below it, or unknown, at the board's previous snapshot), not every time it stays above.
 */
export function wants(sub: SubscriptionRow, item: AlertItem): boolean {
	if (sub.status !== 'active' || !sub.confirmed_at) return false;
	if (item.firstSeen < sub.confirmed_at) return false;
	if (!(JSON.parse(sub.kinds) as string[]).includes(item.kind)) return false;
	if (severityRank(item.severity) < severityRank(sub.min_severity)) return false;
	if (item.kind === 'divergence') {
		if ((item.magnitude ?? 0) < sub.divergence_level) return false;
		if (item.previousMagnitude !== null && item.previousMagnitude >= sub.divergence_level) return false;
	}
	if (!sub.watch_type || sub.watch_value === null) return true;
	const value = sub.watch_value;
	if (sub.watch_type === 'board') return item.boards.includes(value);
	if (sub.watch_type === 'family') return item.families.includes(value);
	const lower = value.toLowerCase();
	return item.organizations.some((o) => o.toLowerCase() === lower);
}

/** When a queued item is due: now for immediate delivery, else the next digest hour (UTC). */
export function dueAt(sub: Pick<SubscriptionRow, 'frequency' | 'digest_hour'>, now: Date): string {
	if (sub.frequency === 'immediate') return now.toISOString();
	const due = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), sub.digest_hour));
	if (due.getTime() <= now.getTime()) due.setUTCDate(due.getUTCDate() + 1);
	return due.toISOString();
}

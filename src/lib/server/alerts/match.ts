import type { SubscriptionRow } from '../db/alerts';
import { severityRank, type AlertItem } from './types';

/**
 * Whether an item is of a kind the subscription asks for, on the board it watches (if it watches one).
 * A finding is wanted when any of its per-board events would have been on its own: told once, however
 * many boards tell it, to whoever would have heard of it per board (a debut at #1 is also an entry).
 */
function kindOnBoard(sub: SubscriptionRow, item: AlertItem): boolean {
	const kinds = JSON.parse(sub.kinds) as string[];
	const board = sub.watch_type === 'board' ? sub.watch_value : null;
	const events = item.facts.events as { kind: string; board: string }[] | undefined;
	if (events) return events.some((e) => kinds.includes(e.kind) && (!board || e.board === board));
	return kinds.includes(item.kind) && (!board || item.boards.includes(board));
}

/**
 * Whether a subscription wants an item: its kind and severity, what it watches, and only findings
 * first seen after it was confirmed. A divergence counts when it crosses the subscriber's level (it
 * was below it, or unknown, at the board's previous snapshot), not every time it stays above.
 */
export function wants(sub: SubscriptionRow, item: AlertItem): boolean {
	if (sub.status !== 'active' || !sub.confirmed_at) return false;
	if (item.firstSeen < sub.confirmed_at) return false;
	if (!kindOnBoard(sub, item)) return false;
	if (severityRank(item.severity) < severityRank(sub.min_severity)) return false;
	if (item.kind === 'divergence') {
		if ((item.magnitude ?? 0) < sub.divergence_level) return false;
		if (item.previousMagnitude !== null && item.previousMagnitude >= sub.divergence_level) return false;
	}
	if (!sub.watch_type || sub.watch_value === null || sub.watch_type === 'board') return true;
	const value = sub.watch_value;
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

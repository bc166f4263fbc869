// The vocabulary of alerts, shared by the form (client side), the API, the decision step and delivery.

/** Event kinds from the stored analysis, plus the three derived kinds. */
export const EVENT_ALERT_KINDS = ['jump', 'new-leader', 'new-entrant', 'delisted', 'renamed', 'methodology'] as const;
export const ALERT_KINDS = [...EVENT_ALERT_KINDS, 'divergence', 'mismatch', 'source'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What a subscription gets when it names no kinds. */
export const DEFAULT_KINDS: AlertKind[] = ['jump', 'new-leader', 'new-entrant', 'delisted'];

export const KIND_LABELS: Record<AlertKind, string> = {
	jump: 'Rank jumps',
	'new-leader': 'New #1',
	'new-entrant': 'New entrants near the top',
	delisted: 'Delisted models',
	renamed: 'Renamed models',
	methodology: 'Methodology changes',
	divergence: 'Cross-board divergence above a level',
	mismatch: 'Suspected variant mismatches',
	source: 'Sources broken or retired'
};

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityRank = (s: string): number => (s === 'high' ? 3 : s === 'medium' ? 2 : 1);

export const WATCH_TYPES = ['family', 'organization', 'board'] as const;
export type WatchType = (typeof WATCH_TYPES)[number];
export interface Watch {
	type: WatchType;
	value: string;
}

/** Divergence is a percentile gap (0–1) between two boards' common-set ranks. */
export const DEFAULT_DIVERGENCE_LEVEL = 0.3;
export const DEFAULT_DIGEST_HOUR = 7;

import type { UncertaintySource } from './uncertainty';

/** One row of a board snapshot with its resolved identity, as the analysis sees it. */
export interface AnalysisEntry {
	/** Raw name exactly as the board shows it. */
	name: string;
	family: string | null;
	release: string | null;
	/** Whether the release is a public version or a pre-release checkpoint (null when unknown). */
	releaseKind: 'public' | 'checkpoint' | null;
	/** Tags that only label a release (`preview`, `exp`…): a label change is a rename, not a new model. */
	labelTags: string[];
	/** Tags that change how a release was run (`thinking`, `32k`, `high`…): each is its own row on a board. */
	configTags: string[];
	organization: string | null;
	rank: number;
	rankLower: number | null;
	rankUpper: number | null;
	score: number | null;
	ciLower: number | null;
	ciUpper: number | null;
	/** Order on the board (for ties and "first #1"). */
	position: number;
	/** The stored name's id, when the row came from the database. */
	nameId?: number | null;
}

export interface SnapshotView {
	id: number;
	board: string;
	asOf: string;
	feed: string;
	rankSemantics: 'ub' | 'ordinal' | 'computed';
	adjustment: 'none' | 'style-control' | null;
	methodVersion: string | null;
	/** Whether the entries' intervals are the board's own, derived from its task count, or unknown. */
	uncertaintySource: UncertaintySource;
	entries: AnalysisEntry[];
}

export type Severity = 'low' | 'medium' | 'high';
export const SEVERITIES: Severity[] = ['low', 'medium', 'high'];

export type EventKind = 'jump' | 'new-leader' | 'new-entrant' | 'delisted' | 'renamed' | 'methodology' | 'recalibration';
export const EVENT_KINDS: EventKind[] = ['jump', 'new-leader', 'new-entrant', 'delisted', 'renamed', 'methodology', 'recalibration'];

export interface BoardEvent {
	id: string;
	kind: EventKind;
	board: string;
	date: string;
	previousDate: string;
	snapshotId: number;
	previousSnapshotId: number;
	/** Raw name on the new snapshot (or the old one for delisted). */
	model: string | null;
	previousModel: string | null;
	family: string | null;
	release: string | null;
	organization: string | null;
	fromRank: number | null;
	toRank: number | null;
	scoreChange: number | null;
	z: number | null;
	severity: Severity;
	detail: string;
	/** A jump the series' next snapshot undid by half or more. */
	blip: boolean;
}

export type MismatchKind = 'same-board' | 'cross-board' | 'retraction';
export const MISMATCH_KINDS: MismatchKind[] = ['same-board', 'cross-board', 'retraction'];

export interface MismatchSide {
	name: string;
	board: string;
	date: string;
	rank: number;
	score: number | null;
	release: string | null;
	/** Common-set percentile where the comparison is across boards. */
	pct: number | null;
}

export interface Mismatch {
	id: string;
	kind: MismatchKind;
	family: string;
	organization: string | null;
	date: string;
	checkpoint: MismatchSide;
	release: MismatchSide;
	/** Rank gap (same board) or percentile gap (across boards); positive = the checkpoint ranks better. */
	gap: number;
	significant: boolean;
	severity: Severity;
	commonSetSize: number | null;
	detail: string;
}

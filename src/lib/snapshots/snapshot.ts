import * as z from 'zod';

/** The channel a snapshot came through, highest priority first. */
export const FEEDS = ['official-dataset', 'catalog-json', 'live-page', 'hf-space', 'third-party'] as const;
export type Feed = (typeof FEEDS)[number];

/** When two feeds publish one board for one date, the higher number is the one in force. */
export const FEED_PRIORITY: Record<Feed, number> = {
	'official-dataset': 5,
	'catalog-json': 4,
	'live-page': 3,
	'hf-space': 2,
	'third-party': 1
};

/**
 * `ub`: the board's own upper-bound rank (1 + models whose CI lies wholly above), ties common;
 * `ordinal`: the board's row order 1..N; `computed`: we ranked by score because the board gives none.
 */
export const RANK_SEMANTICS = ['ub', 'ordinal', 'computed'] as const;
export type RankSemantics = (typeof RANK_SEMANTICS)[number];

/** Score adjustment in force for the snapshot (LMArena's style control); null when the board has no such notion. */
export type Adjustment = 'none' | 'style-control' | null;

export type AsOfBasis = 'published' | 'file-name' | 'option' | 'fetch-date';

export type ExtraValue = string | number | boolean | null;

export interface ParsedRow {
	/** What identifies the row on its board: the raw name, or a run id for boards that list runs. */
	rowKey: string;
	rank: number;
	/** Rank interval when the board publishes one (rank spread, or derived from an upper-bound rank). */
	rankLower?: number | null;
	rankUpper?: number | null;
	/** The model name exactly as the board shows it. */
	model: string;
	organization?: string | null;
	license?: string | null;
	score?: number | null;
	ciLower?: number | null;
	ciUpper?: number | null;
	votes?: number | null;
	extras?: Record<string, ExtraValue>;
}

export interface ParsedSnapshot {
	board: string;
	/** The publish date the source itself states; null when the file name, an option or the fetch date must supply it. */
	publishedAsOf: string | null;
	feed: Feed;
	rankSemantics: RankSemantics;
	adjustment: Adjustment;
	/** A source-defined method generation (LiveBench question-set release, AA index version); a change is a methodology annotation. */
	methodVersion: string | null;
	rows: ParsedRow[];
	warnings: string[];
	/**
	 * Set by a format that reads several dated blocks from one file (a community history) for a block it
	 * could not read: why. Nothing of that block is stored; the file's other blocks are.
	 */
	rejected?: string;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const optionalFinite = finite.nullable().optional();

export const parsedRowSchema = z.object({
	rowKey: z.string().min(1, 'row key is empty'),
	rank: z.number().int('rank must be a whole number').positive('rank must be 1 or more'),
	rankLower: z.number().int().positive().nullable().optional(),
	rankUpper: z.number().int().positive().nullable().optional(),
	model: z.string().trim().min(1, 'model name is empty'),
	organization: z.string().nullable().optional(),
	license: z.string().nullable().optional(),
	score: optionalFinite,
	ciLower: optionalFinite,
	ciUpper: optionalFinite,
	votes: z.number().int().nonnegative().nullable().optional(),
	extras: z.record(z.string(), z.union([z.string(), finite, z.boolean(), z.null()])).optional()
});

export const parsedSnapshotSchema = z.object({
	board: z.string().regex(/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9_-]*)*$/, 'board id must be lower-case words joined by / and -'),
	publishedAsOf: z.string().regex(isoDate).nullable(),
	feed: z.enum(FEEDS),
	rankSemantics: z.enum(RANK_SEMANTICS),
	adjustment: z.enum(['none', 'style-control']).nullable(),
	methodVersion: z.string().nullable(),
	rows: z.array(parsedRowSchema).min(1, 'the table is empty'),
	warnings: z.array(z.string())
});

export function isIsoDate(s: string): boolean {
	if (!isoDate.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

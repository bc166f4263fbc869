/**
 * Shared shapes of the model-identity layer. Pure data: no I/O, no database.
 *
 * family  — a model line as a journalist would name it (`gpt-4o`, `claude-opus-4.1`).
 * release — one version inside a family, id `family@label` (`claude-3.5-sonnet@2024-10-22`,
 *           `gemini-2.5-pro@exp-03-25`); a checkpoint is never the public release.
 * variant — what the name says about how the release was run or labelled (`thinking:32k`, `effort:high`).
 */

export type ExtraValue = string | number | boolean | null;

export interface ResolveContext {
	/** The board the name comes from (`lmarena-text`, `aider-polyglot`, …); used for decisions keyed by source. */
	source?: string | null;
	/** Board date YYYY-MM-DD: decides an undated name when only one public release existed by then. */
	date?: string | null;
	/** Board extras, e.g. Aider {command, edit_format, reasoning_effort}, SWE-bench {tag_model}. */
	extras?: Record<string, ExtraValue> | null;
}

export interface Suggestion {
	family: string;
	release: string | null;
	score: number;
}

/**
 * How a name was resolved: `alias` an exact crosswalk alias, `rule` the spelling rules, `context` the
 * board's date or model id picked the release, `decision` an analyst's ruling. Left unresolved:
 * `unresolved` nothing matched, `combination` the row names two models, `rolling-alias` an API alias
 * that meant different releases over time.
 */
export type ResolutionMethod = 'alias' | 'rule' | 'context' | 'decision' | 'unresolved' | 'combination' | 'rolling-alias';

export interface Resolution {
	family: string | null;
	release: string | null;
	variants: string[];
	organization: string | null;
	/** 0..1; below REVIEW_THRESHOLD the row belongs in the review queue. */
	confidence: number;
	method: ResolutionMethod;
	normalized: string;
	/** Only when unresolved or low confidence; never merged automatically. */
	suggestions: Suggestion[];
}

/** An analyst's ruling on one raw name; it wins over every automatic rule. */
export interface Decision {
	/** null = "keep apart / unknown": the name stays unresolved whatever the rules say. */
	family: string | null;
	release?: string | null;
	variants?: string[];
	note?: string | null;
}

/**
 * Decisions keyed by `decisionKey(raw, source)` (source-specific) or by the raw name alone
 * (any source); a Map or a plain object both work.
 */
export type DecisionMap = ReadonlyMap<string, Decision> | Readonly<Record<string, Decision>>;

export type ReleaseKind = 'public' | 'checkpoint';

export interface ReleaseEntry {
	/** Full id `family@label`. */
	id: string;
	label: string;
	date: string | null;
	kind: ReleaseKind;
	/** Concepts the name must show for this release (alternatives joined by `|`), e.g. `thinking`, `chatgpt`. */
	requires: string[];
	/** Words reserved for other releases that this one tolerates (a hybrid model run in thinking mode). */
	accepts: string[];
	/** Extra tokens that identify the release on their own (`002`, `v2`). */
	labels: string[];
	/** Identity tags the release legitimately carries (`preview` for a preview-only model). */
	tags: string[];
	aliases: string[];
}

export interface FamilyEntry {
	id: string;
	name: string;
	organization: string | null;
	aliases: string[];
	/** Words that only say how a host served this model (`turbo`, `fast`, `lightning`): a variant here, a tier elsewhere. */
	serving: string[];
	/** false: the release history is known to be incomplete, so an undated name is never given a release. */
	inferUndated: boolean;
	releases: ReleaseEntry[];
	note: string | null;
}

export interface OrganizationEntry {
	id: string;
	name: string;
	aliases: string[];
}

/** A name shared by several families (`mistral large`): resolves only when a date or label picks exactly one release. */
export interface SharedAlias {
	alias: string;
	families: string[];
}

/** An API alias that moved from release to release (`deepseek-chat`); only ever suggested, never merged. */
export interface RollingAlias {
	alias: string;
	windows: { from: string; to: string | null; release: string }[];
}

export interface Crosswalk {
	/** Hash of the YAML text the crosswalk was parsed from. */
	version: string;
	organizations: OrganizationEntry[];
	/** Hosting or routing prefixes that say nothing about the model (`openrouter`, `azure`, `together`). */
	providers: string[];
	families: FamilyEntry[];
	shared: SharedAlias[];
	rolling: RollingAlias[];
}

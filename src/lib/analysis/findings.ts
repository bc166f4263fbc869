import { createHash } from 'node:crypto';
import { daysBetween } from '../dates';
import { DEFAULT_EVENT_OPTIONS } from './events';
import { EVENT_KINDS, SEVERITIES, type EventKind, type Severity } from './types';

/**
 * What analysts read: the event kinds, each told once per story across a source's boards; two boards
 * placing a model far apart; and variant mismatches.
 */
export type FindingKind = EventKind | 'divergence' | 'mismatch';
export const FINDING_KINDS: FindingKind[] = [...EVENT_KINDS, 'divergence', 'mismatch'];

export interface Finding {
	id: string;
	kind: FindingKind;
	date: string;
	family: string | null;
	release: string | null;
	/** The model as the finding's main board shows it. */
	model: string | null;
	source: string;
	boards: string[];
	/** Each board's view within its source: `overall` for a source's main board, else the board's own path. */
	categories: string[];
	from_rank: number | null;
	to_rank: number | null;
	severity: Severity;
	/** True only where the board's uncertainty was known and the change lies beyond it. */
	significant: boolean;
	summary: string;
	event_ids: string[];
}

/** A stored per-board event, as findings read it. */
export interface FindingEvent {
	id: string;
	kind: string;
	board_id: string;
	date: string;
	previous_date: string;
	model: string | null;
	previous_model: string | null;
	family: string | null;
	release: string | null;
	from_rank: number | null;
	to_rank: number | null;
	z: number | null;
	severity: string;
	detail: string;
}

/** A stored mismatch, as findings read it. */
export interface FindingMismatch {
	id: string;
	kind: string;
	family: string;
	date: string;
	checkpoint_name: string;
	checkpoint_board: string;
	checkpoint_rank: number;
	release_name: string;
	release_board: string;
	release_rank: number;
	significant: number;
	severity: string;
	detail: string;
}

/** A stored divergence story, as findings read it: boards, names and ranks with the better-ranking board first. */
export interface FindingDivergence {
	id: string;
	family: string;
	release: string | null;
	date: string;
	boards: [string, string];
	names: [string, string];
	ranks: [number, number];
	significant: boolean;
	severity: string;
	detail: string;
}

export interface FindingContext {
	/** The source a board belongs to, and the boards a source leads with. */
	sourceOf: (board: string) => string;
	headline: Set<string>;
	/** The boards sources declare (each method's overall view, named splits), as against the categories found in their data. */
	main: Set<string>;
	/** Who publishes a board: one site's arenas (LMArena's text, vision, image…) come back from a gap together. Default: its source. */
	publisherOf?: (board: string) => string;
}

const severityRank = (s: string) => SEVERITIES.indexOf(s as Severity);
const strongest = (list: string[]): Severity => SEVERITIES[Math.max(0, ...list.map(severityRank))];

function findingId(parts: string[]): string {
	return createHash('sha1').update(parts.join('|')).digest('hex').slice(0, 16);
}

/** `overall` for a source's main board, else the board's path below it (`spanish`, `style-control/coding`, `bash-only`). */
export function categoryOf(board: string): string {
	return board.includes('/') ? board.slice(board.indexOf('/') + 1) : 'overall';
}

/**
 * The model or release a story is about; nothing for a story about the whole board. What a source
 * does to many rows on one day — stops listing them, renames them, reshuffles the middle of the
 * table — is one story (a clean-up), not one per row.
 */
function subjectOf(e: FindingEvent): string {
	if (e.kind === 'methodology' || e.kind === 'recalibration' || rolledUp(e)) return '';
	return e.release ?? e.family ?? e.model ?? e.previous_model ?? '';
}

const rolledUp = (e: FindingEvent) => e.kind === 'delisted' || e.kind === 'renamed' || (e.kind === 'jump' && e.severity === 'low');

/** A debut this high is its own story even where the step before cannot date it: rare, and what analysts watch for. */
export const TOP_DEBUT_RANK = 3;

const topDebut = (e: FindingEvent, ctx: FindingContext) =>
	ctx.main.has(e.board_id) && (e.kind === 'new-leader' || (e.kind === 'new-entrant' && (e.to_rank ?? Infinity) <= TOP_DEBUT_RANK));

/**
 * A step across a long gap cannot date what it shows: its events are one catch-up story of the source,
 * but for a debut at the top of a main board.
 */
const acrossGap = (e: FindingEvent, ctx: FindingContext) => daysBetween(e.previous_date, e.date) > DEFAULT_EVENT_OPTIONS.maxGapDays && !topDebut(e, ctx);

function listed(items: string[], max = 6): string {
	const unique = [...new Set(items)];
	return unique.length <= max ? unique.join(', ') : `${unique.slice(0, max).join(', ')} and ${unique.length - max} more`;
}

/**
 * One finding per story: the per-board events of one source, kind, date and model (or of the whole
 * board, for method changes, shifts and de-listings) become one finding listing its boards and categories. A
 * headline board's event leads and sets the severity; a story told only on category boards is at most
 * medium. Steps across a long gap become one catch-up finding per source and date.
 */
export function findingsOfEvents(events: FindingEvent[], ctx: FindingContext): Finding[] {
	const groups = new Map<string, FindingEvent[]>();
	for (const e of events) {
		const source = ctx.sourceOf(e.board_id);
		// A model arriving at #1 is one story: its entry and its lead.
		const kind = e.kind === 'new-leader' ? 'new-entrant' : e.kind;
		const key = acrossGap(e, ctx) ? `${(ctx.publisherOf ?? ctx.sourceOf)(e.board_id)}|gap|${e.date}` : `${source}|${kind}|${e.date}|${subjectOf(e)}`;
		const list = groups.get(key);
		if (list) list.push(e);
		else groups.set(key, [e]);
	}
	const found = [...groups.values()].map((group) => (acrossGap(group[0], ctx) ? catchUp(group, ctx) : rolledUp(group[0]) ? rollUp(group, ctx) : story(group, ctx)));
	return withoutRetelling(found);
}

/** Two series of one source (a dataset and a page) can each tell the same new #1 days apart: told once, when first seen. */
export const RETELLING_DAYS = 30;

function withoutRetelling(found: Finding[]): Finding[] {
	const told = new Map<string, string>();
	return [...found]
		.sort((a, b) => a.date.localeCompare(b.date))
		.filter((f) => {
			if (f.kind !== 'new-leader' || !f.release) return true;
			const key = `${f.source}|${f.release}`;
			const before = told.get(key);
			told.set(key, f.date);
			return !before || daysBetween(before, f.date) > RETELLING_DAYS;
		});
}

function boardsOf(group: FindingEvent[], ctx: FindingContext) {
	const boards = [...new Set(group.map((e) => e.board_id))].sort((a, b) => Number(ctx.headline.has(b)) - Number(ctx.headline.has(a)) || a.localeCompare(b));
	return { boards, categories: [...new Set(boards.map(categoryOf))] };
}

/** The event a story is told from: a headline board's if any, a new #1 before an entry, the strongest. */
export function leadOf<E extends FindingEvent>(group: E[], ctx: FindingContext): E {
	const onHeadline = group.filter((e) => ctx.headline.has(e.board_id));
	return [...(onHeadline.length ? onHeadline : group)].sort(
		(a, b) => Number(b.kind === 'new-leader') - Number(a.kind === 'new-leader') || severityRank(b.severity) - severityRank(a.severity) || a.board_id.localeCompare(b.board_id)
	)[0];
}

function story(group: FindingEvent[], ctx: FindingContext): Finding {
	const onHeadline = group.filter((e) => ctx.headline.has(e.board_id));
	const lead = leadOf(group, ctx);
	const severity = onHeadline.length ? strongest(onHeadline.map((e) => e.severity)) : SEVERITIES[Math.min(severityRank(strongest(group.map((e) => e.severity))), 1)];
	const { boards, categories } = boardsOf(group, ctx);
	const source = ctx.sourceOf(lead.board_id);
	const more = boards.length > 1 ? ` (on ${boards.length} ${source} boards: ${listed(categories)})` : '';
	const gap = daysBetween(lead.previous_date, lead.date);
	const undated = gap > DEFAULT_EVENT_OPTIONS.maxGapDays ? `; first seen after ${gap} days without a snapshot, so it may have been listed earlier` : '';
	return {
		id: findingId([lead.kind, source, lead.date, subjectOf(lead)]),
		kind: lead.kind as EventKind,
		date: lead.date,
		family: lead.family,
		release: lead.release,
		model: lead.model ?? lead.previous_model,
		source,
		boards,
		categories,
		from_rank: lead.from_rank,
		to_rank: lead.to_rank,
		severity,
		significant: lead.z !== null && lead.z >= DEFAULT_EVENT_OPTIONS.minZ,
		summary: `${lead.detail}${more}${undated}`,
		event_ids: group.map((e) => e.id).sort()
	};
}

/** How each kind of rolled-up event reads in one line, per model. */
const ROLL_UP: Record<string, { what: (n: number, source: string) => string; item: (e: FindingEvent) => string; order: (e: FindingEvent) => number }> = {
	delisted: { what: (n, s) => `${n} models are no longer listed on ${s}`, item: (e) => `${e.previous_model} (was #${e.from_rank})`, order: (e) => e.from_rank ?? Infinity },
	renamed: { what: (n, s) => `${n} models are shown under new names on ${s}`, item: (e) => `${e.previous_model} → ${e.model}`, order: (e) => e.to_rank ?? Infinity },
	jump: {
		what: (n, s) => `${n} models moved in the lower part of ${s}`,
		item: (e) => `${e.model} #${e.from_rank} → #${e.to_rank}`,
		order: (e) => -Math.abs((e.from_rank ?? 0) - (e.to_rank ?? 0))
	}
};

function rollUp(group: FindingEvent[], ctx: FindingContext): Finding {
	const base = story(group, ctx);
	const byModel = new Map<string, FindingEvent>();
	const how = ROLL_UP[group[0].kind];
	for (const e of [...group].sort((a, b) => how.order(a) - how.order(b))) {
		const name = e.model ?? e.previous_model ?? '';
		if (!byModel.has(name)) byModel.set(name, e);
	}
	if (byModel.size === 1) return base;
	return {
		...base,
		family: null,
		release: null,
		model: null,
		from_rank: null,
		to_rank: null,
		significant: false,
		summary: `${how.what(byModel.size, base.source)} (${listed([...byModel.values()].map(how.item), 5)}), on ${base.boards.length} board(s)`
	};
}

function catchUp(group: FindingEvent[], ctx: FindingContext): Finding {
	const { boards, categories } = boardsOf(group, ctx);
	const source = ctx.sourceOf(boards[0]);
	const publisher = (ctx.publisherOf ?? ctx.sourceOf)(boards[0]);
	const gap = Math.max(...group.map((e) => daysBetween(e.previous_date, e.date)));
	const entrants = new Set(group.filter((e) => e.kind === 'new-entrant').map((e) => e.model ?? e.family ?? ''));
	return {
		id: findingId(['gap', publisher, group[0].date]),
		kind: 'recalibration',
		date: group[0].date,
		family: null,
		release: null,
		model: null,
		source,
		boards,
		categories,
		from_rank: null,
		to_rank: null,
		severity: 'medium',
		significant: false,
		summary: `${publisher} is back after ${gap} days without a snapshot on ${boards.length} board(s); what changed meanwhile cannot be dated${entrants.size ? `: ${entrants.size} model(s) new in the top ${DEFAULT_EVENT_OPTIONS.entrantTopK} (${listed([...entrants], 4)})` : ''}`,
		event_ids: group.map((e) => e.id).sort()
	};
}

/**
 * Variant mismatches, dated when first seen: one finding per checkpoint and day, however many boards
 * and pairs of boards show it (a checkpoint on LMArena's text and coding boards, against LiveBench and
 * Aider, is one story).
 */
export function findingsOfMismatches(list: FindingMismatch[], ctx: FindingContext): Finding[] {
	const groups = new Map<string, FindingMismatch[]>();
	for (const m of list) {
		const key = `${m.family}|${m.checkpoint_name.toLowerCase()}|${m.date}`;
		groups.set(key, [...(groups.get(key) ?? []), m]);
	}
	return [...groups].map(([key, group]) => {
		const lead = [...group].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.significant - a.significant || a.id.localeCompare(b.id))[0];
		const boards = [...new Set(group.flatMap((m) => [m.checkpoint_board, m.release_board]))];
		const others = group.length > 1 ? ` (${group.length} comparisons, on ${listed(boards)})` : '';
		return {
			id: findingId(['mismatch', key]),
			kind: 'mismatch',
			date: lead.date,
			family: lead.family,
			release: null,
			model: lead.checkpoint_name,
			source: ctx.sourceOf(lead.checkpoint_board),
			boards,
			categories: [...new Set(boards.map(categoryOf))],
			from_rank: lead.checkpoint_rank,
			to_rank: lead.release_rank,
			severity: lead.severity as Severity,
			significant: group.some((m) => m.significant === 1),
			summary: `${lead.detail}${others}`,
			event_ids: []
		};
	});
}

/** A divergence story as a finding: led by the board the model ranks better on, from its rank there to the other's. */
export function findingOfDivergence(d: FindingDivergence, ctx: FindingContext): Finding {
	return {
		id: d.id,
		kind: 'divergence',
		date: d.date,
		family: d.family,
		release: d.release,
		model: d.names[0],
		source: ctx.sourceOf(d.boards[0]),
		boards: [...d.boards],
		categories: [...new Set(d.boards.map(categoryOf))],
		from_rank: d.ranks[0],
		to_rank: d.ranks[1],
		severity: d.severity as Severity,
		significant: d.significant,
		summary: d.detail,
		event_ids: []
	};
}

/** Newest first; within a day the strongest first. */
export function byNewest(a: Finding, b: Finding): number {
	return b.date.localeCompare(a.date) || severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id);
}

import type { Db } from '../db/connection';
import type { EventRow, MismatchRow } from '../db/analysis';
import { entryFacts, secondRow, type BrokenSourceRow, type EntryFacts } from '../db/alert-inputs';
import type { DivergenceRow } from '../../analysis/divergence';
import type { Finding } from '../../analysis/findings';
import { mismatchContractRow } from '../analysis/reports';
import type { SourceInfo } from '../../catalogue/contract';
import { EVENT_ALERT_KINDS, type AlertItem, type AlertKind, type Severity } from './types';

// Frozen alert items: everything a message or webhook shows is copied here at decision time, so a
// later rebuild of the analysis tables cannot change (or resend) what was decided.

const earliest = (a: string, b: string) => (a < b ? a : b);
const list = (...v: (string | null | undefined)[]) => [...new Set(v.filter((x): x is string => !!x))];

function numbers(e: EntryFacts | undefined | null) {
	if (!e) return null;
	return { model: e.model, rank: e.rank, rank_lower: e.rank_lower, rank_upper: e.rank_upper, score: e.score, ci_lower: e.ci_lower, ci_upper: e.ci_upper, votes: e.votes };
}

/** Whether two published score intervals are apart (the lead is beyond the board's own uncertainty). */
function apart(a: EntryFacts | null | undefined, b: EntryFacts | null | undefined): boolean | null {
	if (!a || !b || a.ci_lower === null || a.ci_upper === null || b.ci_lower === null || b.ci_upper === null) return null;
	return a.ci_lower > b.ci_upper || b.ci_lower > a.ci_upper;
}

/** An event with the published numbers behind it: the model's row, and for a new leader the one it replaced. */
export function eventItem(db: Db, e: EventRow, now: Date): AlertItem {
	const names = list(e.model, e.previous_model);
	const current = new Map(entryFacts(db, e.snapshot_id, names).map((r) => [r.model, r]));
	const before = new Map(entryFacts(db, e.previous_snapshot_id, names).map((r) => [r.model, r]));
	const row = e.model ? current.get(e.model) : undefined;
	const facts: Record<string, unknown> = {
		event_id: e.id,
		event_kind: e.kind,
		board: e.board_id,
		date: e.date,
		previous_date: e.previous_date,
		model: e.model,
		previous_model: e.previous_model,
		family: e.family,
		release: e.release,
		organization: e.organization,
		from_rank: e.from_rank,
		to_rank: e.to_rank,
		score_change: e.score_change,
		z: e.z,
		detail: e.detail,
		now: numbers(row),
		// The row in the previous snapshot goes by its name there (renamed, delisted); a new leader's
		// previous_model is the leader it replaced, so its own row is found by its own name.
		before: numbers(e.kind === 'new-leader' ? (e.model ? before.get(e.model) : null) : (before.get(e.previous_model ?? e.model ?? '') ?? null))
	};
	if (e.kind === 'new-leader') {
		// The replaced leader's row in the new snapshot (else the runner-up) gives the margin of the new #1.
		const rival = (e.previous_model ? current.get(e.previous_model) : undefined) ?? secondRow(db, e.snapshot_id);
		facts.rival = numbers(rival);
		facts.gap = row?.score !== null && row?.score !== undefined && rival?.score !== null && rival?.score !== undefined ? Math.round((row.score - rival.score) * 100) / 100 : null;
		facts.gap_significant = apart(row, rival);
	}
	return {
		key: `event:${e.id}`,
		kind: e.kind as AlertKind,
		severity: e.severity as Severity,
		boards: [e.board_id],
		families: list(e.family),
		organizations: list(e.organization),
		date: e.date,
		title: e.detail,
		facts,
		magnitude: null,
		previousMagnitude: null,
		firstSeen: earliest(e.detected_at, now.toISOString())
	};
}

/**
 * The kind a finding is shown as: its own, or for a catch-up after a long gap (no kind a subscription
 * can ask for) the most newsworthy kind of its events. Subscriptions match any of its events' kinds.
 */
function alertKindOf(f: Finding, events: EventRow[]): AlertKind {
	if ((EVENT_ALERT_KINDS as readonly string[]).includes(f.kind)) return f.kind as AlertKind;
	return (EVENT_ALERT_KINDS.find((k) => events.some((e) => e.kind === k)) ?? f.kind) as AlertKind;
}

/**
 * One story told on one or many boards (a new entrant on LMArena's 25 category boards is one item):
 * its lead event's numbers as `eventItem` gives them, the boards and categories it was told on, and
 * each board's event. A subscription watching any of its boards, families or organizations matches.
 */
export function findingItem(db: Db, f: Finding, events: EventRow[], now: Date): AlertItem {
	const lead = eventItem(db, events[0], now);
	return {
		...lead,
		key: `finding:${f.id}`,
		kind: alertKindOf(f, events),
		severity: f.severity,
		boards: f.boards,
		families: list(...events.map((e) => e.family)),
		organizations: list(...events.map((e) => e.organization)),
		date: f.date,
		title: f.summary,
		facts: {
			...lead.facts,
			finding_id: f.id,
			finding_kind: f.kind,
			source: f.source,
			boards: f.boards,
			categories: f.categories,
			summary: f.summary,
			significant: f.significant,
			// A roll-up or catch-up is about many models: its lead's numbers stand for none of them.
			several: f.model === null,
			events: events.map((e) => ({ event_id: e.id, kind: e.kind, board: e.board_id, model: e.model ?? e.previous_model, from_rank: e.from_rank, to_rank: e.to_rank }))
		},
		firstSeen: events.map((e) => e.detected_at).reduce(earliest, now.toISOString())
	};
}

export function mismatchItem(m: MismatchRow, now: Date): AlertItem {
	const { checkpoint, release } = mismatchContractRow(m);
	return {
		key: `mismatch:${m.id}`,
		kind: 'mismatch',
		severity: m.severity as Severity,
		boards: list(m.checkpoint_board, m.release_board),
		families: list(m.family),
		organizations: list(m.organization),
		date: m.date,
		title: m.detail,
		facts: {
			mismatch_id: m.id,
			mismatch_kind: m.kind,
			family: m.family,
			organization: m.organization,
			checkpoint,
			release,
			gap: m.gap,
			significant: m.significant === 1,
			common_set_size: m.common_set_size,
			detail: m.detail
		},
		magnitude: m.gap,
		previousMagnitude: null,
		firstSeen: earliest(m.detected_at, now.toISOString())
	};
}

export const divergenceRowKey = (r: DivergenceRow) => `${[...r.boards].sort().join('|')}:${r.release ?? `family:${r.family}`}`;

/**
 * A model placed far apart by two boards at `date`. Severity: high when the rank intervals do not
 * overlap (significant), medium when no board publishes uncertainty, low when they overlap.
 */
export function divergenceItem(r: DivergenceRow, date: string, previous: number | null, now: Date): AlertItem {
	const [a, b] = r.boards;
	const name = r.names[a] ?? r.names[b] ?? r.family;
	const n = r.commonSetSize;
	const magnitude = Math.abs(r.divergence);
	return {
		key: `divergence:${divergenceRowKey(r)}:${date}`,
		kind: 'divergence',
		severity: r.significant ? 'high' : r.uncertaintyKnown ? 'low' : 'medium',
		boards: [...r.boards],
		families: list(r.family),
		organizations: list(r.organization),
		date,
		title: `${name} ranks far apart on ${a} and ${b}: #${r.ranks[a]} vs #${r.ranks[b]} (divergence ${magnitude.toFixed(2)} over ${n} shared models)`,
		facts: {
			family: r.family,
			release: r.release,
			names: r.names,
			ranks: r.ranks,
			pct: r.pct,
			as_of: r.asOf,
			divergence: r.divergence,
			previous_divergence: previous,
			significant: r.significant,
			uncertainty_known: r.uncertaintyKnown,
			common_set_size: n
		},
		magnitude,
		previousMagnitude: previous,
		firstSeen: now.toISOString()
	};
}

export function brokenSourceItem(r: BrokenSourceRow, source: SourceInfo | undefined, boards: string[]): AlertItem {
	const name = source?.name ?? r.source_id;
	return {
		key: `source:${r.source_id}:broken:${r.run_id}`,
		kind: 'source',
		severity: 'high',
		boards,
		families: [],
		organizations: [],
		date: r.finished_at.slice(0, 10),
		title: `${name} is failing: its last fetch ${r.outcome === 'rejected' ? 'was rejected' : 'failed'} (${r.reason ?? 'no reason given'})`,
		facts: { source: r.source_id, name, state: 'broken', outcome: r.outcome, reason: r.reason, failures: r.failures, first_failure_at: r.finished_at, last_success: r.last_success },
		magnitude: null,
		previousMagnitude: null,
		firstSeen: r.finished_at
	};
}

export function retiredSourceItem(source: SourceInfo & { retired: NonNullable<SourceInfo['retired']> }, boards: string[]): AlertItem {
	return {
		key: `source:${source.id}:retired`,
		kind: 'source',
		severity: 'medium',
		boards,
		families: [],
		organizations: [],
		date: source.retired.since,
		title: `${source.name} is retired since ${source.retired.since}: ${source.retired.note}`,
		facts: { source: source.id, name: source.name, state: 'retired', since: source.retired.since, note: source.retired.note },
		magnitude: null,
		previousMagnitude: null,
		// Known from its own date: a subscription confirmed after a retirement is not told of it.
		firstSeen: `${source.retired.since}T00:00:00.000Z`
	};
}

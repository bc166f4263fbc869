import type { AlertItem } from './types';
import { boardUrl, familyUrl, sourcesUrl } from './links';

// One description of an item (heading, the numbers behind it, links), rendered as text, HTML and JSON.

export interface ItemDescription {
	heading: string;
	summary: string;
	lines: string[];
	links: { label: string; url: string }[];
}

type Row = { model?: string; rank?: number | null; rank_lower?: number | null; rank_upper?: number | null; score?: number | null; ci_lower?: number | null; ci_upper?: number | null; votes?: number | null } | null | undefined;

const fmt = (x: unknown, digits = 1): string => {
	if (typeof x !== 'number' || !Number.isFinite(x)) return '—';
	return Number.isInteger(x) ? x.toLocaleString('en-US') : x.toLocaleString('en-US', { maximumFractionDigits: digits });
};
const signed = (x: number, digits = 1) => (x > 0 ? '+' : '') + fmt(x, digits);
const pctPoints = (x: unknown) => (typeof x === 'number' ? `${Math.round(x * 100)}` : '—');

function rowNumbers(r: Row): string | null {
	if (!r) return null;
	const interval = r.rank_lower != null && r.rank_upper != null && (r.rank_lower !== r.rank || r.rank_upper !== r.rank) ? ` (rank interval ${r.rank_lower}–${r.rank_upper})` : '';
	const parts = [`#${r.rank}${interval}`];
	if (r.score != null) parts.push(`score ${fmt(r.score)}${r.ci_lower != null && r.ci_upper != null ? ` (CI ${fmt(r.ci_lower)}–${fmt(r.ci_upper)})` : ''}`);
	if (r.votes != null) parts.push(`${fmt(r.votes)} votes`);
	return parts.join(', ');
}

const KIND_HEADINGS: Record<string, string> = {
	jump: 'Rank jump',
	'new-leader': 'New #1',
	'new-entrant': 'New entrant',
	delisted: 'Delisted',
	renamed: 'Renamed',
	methodology: 'Methodology change',
	mismatch: 'Suspected variant mismatch',
	divergence: 'Boards disagree',
	source: 'Source'
};

function eventLines(f: Record<string, any>): string[] {
	const lines: string[] = [];
	const from = f.from_rank == null ? 'not ranked' : `#${f.from_rank}`;
	const to = f.to_rank == null ? 'gone' : `#${f.to_rank}`;
	lines.push(`Rank: ${from} → ${to} on ${f.board} (snapshots ${f.previous_date} → ${f.date})`);
	const now = rowNumbers(f.now);
	if (now) lines.push(`Now: ${now}`);
	const before = rowNumbers(f.before);
	if (before && f.kind !== 'new-entrant') lines.push(`Before: ${before}`);
	if (typeof f.score_change === 'number') lines.push(`Score change: ${signed(f.score_change)}${typeof f.z === 'number' ? ` (z = ${fmt(f.z, 2)}, ${f.z >= 3 ? 'beyond' : 'within'} the published uncertainty)` : ''}`);
	if (f.event_kind === 'new-leader' && f.rival) {
		const gap = typeof f.gap === 'number' ? `${signed(f.gap)} points` : 'no scores to compare';
		const sig = f.gap_significant === true ? 'the score intervals do not overlap (significant)' : f.gap_significant === false ? 'the score intervals overlap (not significant)' : 'significance unknown (no intervals published)';
		lines.push(`Lead over ${f.rival.model} (${rowNumbers(f.rival)}): ${gap}; ${sig}`);
	}
	if (f.previous_model && f.model && f.previous_model !== f.model && f.event_kind !== 'new-leader') lines.push(`Previously listed as: ${f.previous_model}`);
	const who = [f.family ? `family ${f.family}` : null, f.release ? `release ${f.release}` : null, f.organization].filter(Boolean).join(', ');
	if (who) lines.push(`Model: ${who}`);
	return lines;
}

/**
 * A finding: its lead event's numbers (none for a roll-up of many models), the boards it was told on,
 * and where its events were of another kind (an entrant at #2 that leads a category board).
 */
function findingLines(f: Record<string, any>): string[] {
	const lines = f.several ? [] : eventLines(f);
	if (f.boards.length > 1) lines.push(`Told on ${f.boards.length} ${f.source} boards: ${f.categories.join(', ')}`);
	const told = (f.events ?? []) as { kind: string; board: string }[];
	// The entries behind a new #1 are its debut, not news of their own.
	for (const kind of new Set(told.map((e) => e.kind)))
		if (kind !== f.finding_kind && !(f.finding_kind === 'new-leader' && kind === 'new-entrant'))
			lines.push(`Also ${KIND_HEADINGS[kind] ?? kind} on ${told.filter((e) => e.kind === kind).map((e) => e.board).join(', ')}`);
	return lines;
}

function mismatchLines(f: Record<string, any>): string[] {
	const side = (s: any) => `${s.name} — #${s.rank} on ${s.board} (${s.date})${s.score != null ? `, score ${fmt(s.score)}` : ''}${s.pct != null ? `, percentile ${pctPoints(s.pct)}` : ''}`;
	return [
		`Kind: ${f.mismatch_kind}`,
		`Checkpoint: ${side(f.checkpoint)}`,
		`Public release: ${side(f.release)}`,
		`Gap: ${fmt(f.gap, 2)}${f.significant ? ' (significant)' : ' (not significant)'}${f.common_set_size ? ` over ${f.common_set_size} shared models` : ''}`,
		`Model: family ${f.family}${f.organization ? `, ${f.organization}` : ''}`
	];
}

function divergenceLines(f: Record<string, any>): string[] {
	const boards = Object.keys(f.ranks ?? {});
	const lines = boards.map((b) => `${b}: ${f.names?.[b] ?? '?'} — #${f.ranks[b]} of ${f.common_set_size} shared models (percentile ${pctPoints(f.pct?.[b])}, snapshot ${f.as_of?.[b] ?? '?'})`);
	lines.push(`Divergence: ${fmt(Math.abs(f.divergence), 2)}${typeof f.previous_divergence === 'number' ? ` (was ${fmt(f.previous_divergence, 2)} at the previous snapshot)` : ''}`);
	lines.push(f.significant ? 'Significant: the rank intervals do not overlap' : f.uncertainty_known ? 'Not significant: the rank intervals overlap' : 'Significance unknown: neither board publishes uncertainty');
	lines.push(`Model: family ${f.family}${f.release ? `, release ${f.release}` : ''}`);
	return lines;
}

function sourceLines(f: Record<string, any>): string[] {
	if (f.state === 'retired') return [`Retired since ${f.since}: ${f.note}`, 'Its history stays; no new snapshots will come.'];
	return [
		`Last good fetch: ${f.last_success ?? 'never'}`,
		`Failing since: ${f.first_failure_at} (${f.failures} failed fetch${f.failures === 1 ? '' : 'es'} so far)`,
		`Last outcome: ${f.outcome}${f.reason ? ` — ${f.reason}` : ''}`
	];
}

export function describeItem(item: AlertItem, base: string): ItemDescription {
	const f = item.facts as Record<string, any>;
	const links: ItemDescription['links'] = [];
	let lines: string[];
	let where = item.boards.join(', ');
	if (item.kind === 'mismatch') {
		lines = mismatchLines(f);
		links.push({ label: `${f.checkpoint.board} chart`, url: boardUrl(base, f.checkpoint.board, f.checkpoint.date) });
		if (f.release.board !== f.checkpoint.board) links.push({ label: `${f.release.board} chart`, url: boardUrl(base, f.release.board, f.release.date) });
		if (f.family) links.push({ label: `${f.family} history`, url: familyUrl(base, f.family) });
	} else if (item.kind === 'divergence') {
		lines = divergenceLines(f);
		for (const b of item.boards) links.push({ label: `${b} chart`, url: boardUrl(base, b, item.date) });
		if (f.family) links.push({ label: `${f.family} history`, url: familyUrl(base, f.family) });
	} else if (item.kind === 'source') {
		lines = sourceLines(f);
		where = f.name;
		links.push({ label: 'sources page', url: sourcesUrl(base) });
	} else if (f.finding_id) {
		lines = findingLines({ ...f, kind: f.finding_kind });
		if (item.boards.length > 2) where = `${f.source} (${item.boards.length} boards)`;
		links.push({ label: `${f.board} chart`, url: boardUrl(base, f.board, f.date) });
		if (f.family) links.push({ label: `${f.family} history`, url: familyUrl(base, f.family) });
	} else {
		lines = eventLines({ ...f, kind: item.kind });
		links.push({ label: `${f.board} chart`, url: boardUrl(base, f.board, f.date) });
		if (f.family) links.push({ label: `${f.family} history`, url: familyUrl(base, f.family) });
	}
	return {
		heading: `${KIND_HEADINGS[item.kind] ?? item.kind} · ${where}${item.date ? ` · ${item.date}` : ''} · ${item.severity}`,
		summary: item.title,
		lines,
		links
	};
}

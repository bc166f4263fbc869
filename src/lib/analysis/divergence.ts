import { commonSet, otherRows, pctInterval, rankCommonSet, type Matched, type MatchLevel } from './common-set';
import { percentile, round, standardDeviation } from './ranking';
import type { SnapshotView } from './types';
import type { UncertaintySource } from './uncertainty';

export interface DivergenceRow {
	family: string;
	release: string | null;
	level: MatchLevel;
	organization: string | null;
	names: Record<string, string>;
	/** The board's other rows of the model (other settings or names), which its best-ranked row stands for. */
	otherNames: Record<string, string[]>;
	ranks: Record<string, number>;
	pct: Record<string, number>;
	/** Two boards: pct_A − pct_B (positive = ranked lower on A). More boards: the spread. */
	divergence: number;
	spread: number;
	sd: number;
	/**
	 * Top-weighted gap: the largest |log₂ rank_A − log₂ rank_B| of the model's common-set ranks between two
	 * boards. #2 vs #14 is 2.8 (a story at the top of the boards) while #52 vs #64 is 0.3, though both
	 * are twelve places and similar percentile gaps.
	 */
	topGap: number;
	/** True only when the model's rank intervals in the common set do not overlap between some two boards. */
	significant: boolean;
	/**
	 * Whether the model has a rank interval (published or derived) on every board, so significance
	 * could be judged; an exact point rank on one side would make a gap look surer than it is.
	 */
	uncertaintyKnown: boolean;
	/** Per board, whether its intervals are its own or derived from its task count (null: none). */
	uncertainty: Record<string, UncertaintySource>;
	commonSetSize: number;
	boards: string[];
	asOf: Record<string, string>;
}

function overlaps(a: [number, number], b: [number, number]): boolean {
	return a[0] <= b[1] && b[0] <= a[1];
}

/** What decides whether a row is a finding (divergence-findings.ts), known before the rest of the row is made. */
export type DivergenceFacts = Pick<DivergenceRow, 'family' | 'release' | 'ranks' | 'divergence' | 'topGap' | 'significant' | 'uncertaintyKnown' | 'commonSetSize' | 'boards'>;

/**
 * Common-set divergence of the given boards' snapshots: the models on every board, each board's order
 * re-ranked inside that set (ties share the mean rank), percentile = (rank − 0.5) / |S|. Sorted by
 * |divergence|, largest first. A caller that has the views' common set already passes it; one that
 * needs only some rows (the findings' walk, a few per step of thousands) says which by `keep`, and the
 * rest are never made.
 */
export function divergence(views: SnapshotView[], common?: Matched[], keep?: (facts: DivergenceFacts) => boolean): DivergenceRow[] {
	if (views.length < 2) return [];
	const matched = common ?? commonSet(views);
	const n = matched.length;
	if (n === 0) return [];
	const { ranks, intervals } = rankCommonSet(views, matched);
	// The same for every row: shared, not copied (a pairwise report at scale has tens of thousands of rows).
	const boards = views.map((v) => v.board);
	const asOf = Object.fromEntries(views.map((v) => [v.board, v.asOf]));
	const uncertainty = Object.fromEntries(views.map((v) => [v.board, v.uncertaintySource]));
	const rows: DivergenceRow[] = [];
	matched.forEach((m, i) => {
		const pcts = views.map((_, b) => percentile(ranks[b][i], n));
		const spread = Math.max(...pcts) - Math.min(...pcts);
		const logs = views.map((_, b) => Math.log2(ranks[b][i]));
		const uncertaintyKnown = views.every((_, b) => intervals[b][i] !== null);
		let significant = false;
		if (uncertaintyKnown) {
			const ivs = views.map((_, b) => pctInterval(intervals[b][i], ranks[b][i], n));
			for (let a = 0; a < views.length && !significant; a++)
				for (let b = a + 1; b < views.length; b++) if (!overlaps(ivs[a], ivs[b])) significant = true;
		}
		const boardRanks: Record<string, number> = {};
		for (let b = 0; b < views.length; b++) boardRanks[boards[b]] = m.entries[b].rank;
		const facts: DivergenceFacts = {
			family: m.family,
			release: m.release,
			ranks: boardRanks,
			divergence: round(views.length === 2 ? pcts[0] - pcts[1] : spread),
			topGap: round(Math.max(...logs) - Math.min(...logs)),
			significant,
			uncertaintyKnown,
			commonSetSize: n,
			boards
		};
		if (keep && !keep(facts)) return;
		const names: Record<string, string> = {};
		const otherNames: Record<string, string[]> = {};
		const pct: Record<string, number> = {};
		for (let b = 0; b < views.length; b++) {
			names[boards[b]] = m.entries[b].name;
			otherNames[boards[b]] = otherRows(m, b).map((e) => e.name);
			pct[boards[b]] = round(pcts[b]);
		}
		// In the order of the interface: the JSON answers list the fields so.
		rows.push({
			family: m.family,
			release: m.release,
			level: m.level,
			organization: m.entries.find((e) => e.organization)?.organization ?? null,
			names,
			otherNames,
			ranks: boardRanks,
			pct,
			divergence: facts.divergence,
			spread: round(spread),
			sd: round(standardDeviation(pcts)),
			topGap: facts.topGap,
			significant,
			uncertaintyKnown,
			uncertainty,
			commonSetSize: n,
			boards,
			asOf
		});
	});
	return rows.sort((a, b) => Math.abs(b.divergence) - Math.abs(a.divergence) || a.family.localeCompare(b.family));
}

/**
 * Every pair of boards at once: one row per model and pair. The overview's "most divergent models"
 * keeps each model's largest pair.
 */
export function pairwiseDivergence(views: SnapshotView[]): DivergenceRow[] {
	const out: DivergenceRow[] = [];
	for (let a = 0; a < views.length; a++) for (let b = a + 1; b < views.length; b++) out.push(...divergence([views[a], views[b]]));
	return out.sort((x, y) => Math.abs(y.divergence) - Math.abs(x.divergence) || x.family.localeCompare(y.family));
}

/** Larger |divergence| first, significant first among equals. */
const byStrength = (x: DivergenceRow, y: DivergenceRow) =>
	Math.abs(y.divergence) - Math.abs(x.divergence) || Number(y.significant) - Number(x.significant);

const modelKey = (r: DivergenceRow) => r.release ?? `family:${r.family}`;

/** The list's order: strength, then family. */
const byListOrder = (x: DivergenceRow, y: DivergenceRow) => byStrength(x, y) || x.family.localeCompare(y.family);

/** Each model's largest pairwise divergence (significant ones first among equals, then by family). */
export function mostDivergent(rows: DivergenceRow[], limit: number): DivergenceRow[] {
	const seen = new Set<string>();
	const out: DivergenceRow[] = [];
	for (const r of [...rows].sort(byListOrder)) {
		const key = modelKey(r);
		if (seen.has(key)) continue;
		seen.add(key);
		out.push(r);
		if (out.length >= limit) break;
	}
	return out;
}

/**
 * `mostDivergent(pairwiseDivergence(views), limit)` computed one pair at a time, keeping only each
 * model's strongest row: at scale the full pairwise report is tens of thousands of rows (tens of MB)
 * for a list of fifteen. Ties fall as they do there: by family, then in the order pairs are compared.
 * Of each pair only its own `mostDivergent` rows can reach the list: a row outside them has `limit`
 * other models' rows before it in that pair alone, each of which places those models before it. A
 * caller may keep them (`pairRows`): a pair of snapshots never changes.
 */
export function mostDivergentPairs(
	views: SnapshotView[],
	limit: number,
	pairRows: (a: SnapshotView, b: SnapshotView) => DivergenceRow[] = (a, b) => mostDivergent(divergence([a, b]), limit)
): DivergenceRow[] {
	const best = new Map<string, { row: DivergenceRow; seq: number }>();
	const order = (x: { row: DivergenceRow; seq: number }, y: { row: DivergenceRow; seq: number }) => byListOrder(x.row, y.row) || x.seq - y.seq;
	let seq = 0;
	for (let a = 0; a < views.length; a++)
		for (let b = a + 1; b < views.length; b++)
			for (const row of pairRows(views[a], views[b])) {
				const item = { row, seq: seq++ };
				const key = modelKey(row);
				const held = best.get(key);
				if (!held || order(item, held) < 0) best.set(key, item);
			}
	return [...best.values()]
		.sort(order)
		.slice(0, limit)
		.map((x) => x.row);
}

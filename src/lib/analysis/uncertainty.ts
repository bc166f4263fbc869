import { countAbove, countBelow } from '../sorted-counts';
import type { AnalysisEntry } from './types';

/**
 * What is known about a board's benchmark that lets its sampling uncertainty be derived when it
 * publishes none: its score is a percentage of `tasks` items, each passed or not. Plain data, kept
 * with the board definition.
 */
export interface UncertaintyRule {
	kind: 'pass-rate';
	tasks: number;
	/** Where the count comes from, in a few words (shown on /methods). */
	basis: string;
}

/** Where a snapshot's intervals come from: the board's own, derived from its task count, or none. */
export type UncertaintySource = 'published' | 'derived' | null;

/** Two-sided 95% normal quantile. */
const Z95 = 1.959963984540054;

/**
 * Wilson score interval of a pass rate given in percent over n tasks, in percent. Unlike the Wald
 * interval it stays inside 0–100 and does not collapse to a point at 0 % or 100 %.
 */
export function wilsonInterval(pct: number, n: number, z = Z95): [number, number] {
	const p = pct / 100;
	const z2 = z * z;
	const denom = 1 + z2 / n;
	const centre = (p + z2 / (2 * n)) / denom;
	const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
	return [Math.max(0, centre - half) * 100, Math.min(1, centre + half) * 100];
}

/**
 * Rank interval implied by confidence intervals, LMArena's rule: best = 1 + the models whose lower
 * bound is above this one's upper bound (its "UB" rank), worst = the models whose upper bound is at or
 * above this one's lower bound (itself included). Rows without an interval get none and are not counted.
 */
export function rankIntervalsFromCi(rows: { ciLower: number | null; ciUpper: number | null }[]): ({ best: number; worst: number } | null)[] {
	const known = rows.filter((r) => r.ciLower !== null && r.ciUpper !== null) as { ciLower: number; ciUpper: number }[];
	if (known.length === 0) return rows.map(() => null);
	const lowers = known.map((r) => r.ciLower).sort((a, b) => a - b);
	const uppers = known.map((r) => r.ciUpper).sort((a, b) => a - b);
	return rows.map((r) =>
		r.ciLower === null || r.ciUpper === null
			? null
			: { best: 1 + countAbove(lowers, r.ciUpper), worst: known.length - countBelow(uppers, r.ciLower) }
	);
}

const publishes = (e: AnalysisEntry) => (e.rankLower !== null && e.rankUpper !== null) || (e.ciLower !== null && e.ciUpper !== null);

/**
 * A snapshot's entries with uncertainty: its own where it publishes any; otherwise, given a rule,
 * Wilson score intervals and the rank intervals they imply. A score outside 0–100 is not a pass rate,
 * so its row keeps none.
 */
export function withUncertainty(entries: AnalysisEntry[], rule: UncertaintyRule | null): { entries: AnalysisEntry[]; source: UncertaintySource } {
	if (entries.some(publishes)) return { entries, source: 'published' };
	if (!rule) return { entries, source: null };
	const cis = entries.map((e) => (e.score !== null && e.score >= 0 && e.score <= 100 ? wilsonInterval(e.score, rule.tasks) : null));
	const ranks = rankIntervalsFromCi(cis.map((ci) => ({ ciLower: ci?.[0] ?? null, ciUpper: ci?.[1] ?? null })));
	const derived = entries.map((e, i) => {
		const ci = cis[i];
		const r = ranks[i];
		return ci && r ? { ...e, ciLower: ci[0], ciUpper: ci[1], rankLower: r.best, rankUpper: r.worst } : e;
	});
	return { entries: derived, source: cis.some(Boolean) ? 'derived' : null };
}

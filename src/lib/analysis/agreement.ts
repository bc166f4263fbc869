import { commonSet } from './common-set';
import { kendallTauB, round, spearman } from './ranking';
import type { SnapshotView } from './types';

/** Below this many shared models a correlation says little; the pair is reported with n but no coefficients. */
export const MIN_AGREEMENT_SET = 10;

export interface Agreement {
	boardA: string;
	boardB: string;
	date: string;
	n: number;
	kendallTauB: number | null;
	spearman: number | null;
	snapshotA: number;
	snapshotB: number;
}

/**
 * Kendall τ-b and Spearman ρ of two boards' orders on their common set, when it has at least 10 models.
 * A caller that also computes divergence of the pair passes the common set it already has.
 */
export function agreement(a: SnapshotView, b: SnapshotView, date: string, matched = commonSet([a, b])): Agreement {
	const n = matched.length;
	const base = { boardA: a.board, boardB: b.board, date, n, snapshotA: a.id, snapshotB: b.id };
	if (n < MIN_AGREEMENT_SET) return { ...base, kendallTauB: null, spearman: null };
	const ra = matched.map((m) => m.entries[0].rank);
	const rb = matched.map((m) => m.entries[1].rank);
	const tau = kendallTauB(ra, rb);
	const rho = spearman(ra, rb);
	return { ...base, kendallTauB: tau === null ? null : round(tau), spearman: rho === null ? null : round(rho) };
}

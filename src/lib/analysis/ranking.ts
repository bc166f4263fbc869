/**
 * Fractional ("mean") ranks: items that tie share the mean of the positions they occupy, so ranks
 * [1, 2, 2, 4] become [1, 2.5, 2.5, 4]. `order` is ascending-is-better (a published rank) unless
 * `higherIsBetter` (a score).
 */
export function meanRanks(values: number[], higherIsBetter = false): number[] {
	const idx = values.map((v, i) => i).sort((a, b) => (higherIsBetter ? values[b] - values[a] : values[a] - values[b]));
	const out = new Array<number>(values.length);
	let i = 0;
	while (i < idx.length) {
		let j = i;
		while (j + 1 < idx.length && values[idx[j + 1]] === values[idx[i]]) j++;
		const mean = (i + j) / 2 + 1;
		for (let k = i; k <= j; k++) out[idx[k]] = mean;
		i = j + 1;
	}
	return out;
}

/** Common-set percentile of a (mean) rank among n models: (rank − 0.5) / n, so 0 is the top and 1 the bottom. */
export function percentile(rank: number, n: number): number {
	return (rank - 0.5) / n;
}

/**
 * Kendall's τ-b between two rankings of the same items (ties handled): (C − D) / √((n0 − n1)(n0 − n2)).
 * O(n²), fine for the few hundred models a common set holds. Null when either side is all ties.
 */
export function kendallTauB(a: number[], b: number[]): number | null {
	const n = a.length;
	let concordant = 0;
	let discordant = 0;
	let tiesA = 0;
	let tiesB = 0;
	for (let i = 0; i < n; i++) {
		for (let j = i + 1; j < n; j++) {
			const da = Math.sign(a[i] - a[j]);
			const db = Math.sign(b[i] - b[j]);
			if (da === 0 && db === 0) continue;
			if (da === 0) tiesA++;
			else if (db === 0) tiesB++;
			else if (da === db) concordant++;
			else discordant++;
		}
	}
	const n0 = concordant + discordant;
	const denom = Math.sqrt((n0 + tiesA) * (n0 + tiesB));
	return denom === 0 ? null : (concordant - discordant) / denom;
}

/** Spearman's ρ: Pearson correlation of the mean ranks (the tie-correct form). Null when a side is constant. */
export function spearman(a: number[], b: number[]): number | null {
	const ra = meanRanks(a);
	const rb = meanRanks(b);
	const n = a.length;
	if (n < 2) return null;
	const ma = ra.reduce((s, x) => s + x, 0) / n;
	const mb = rb.reduce((s, x) => s + x, 0) / n;
	let cov = 0;
	let va = 0;
	let vb = 0;
	for (let i = 0; i < n; i++) {
		cov += (ra[i] - ma) * (rb[i] - mb);
		va += (ra[i] - ma) ** 2;
		vb += (rb[i] - mb) ** 2;
	}
	return va === 0 || vb === 0 ? null : cov / Math.sqrt(va * vb);
}

export function standardDeviation(xs: number[]): number {
	if (xs.length === 0) return 0;
	const m = xs.reduce((s, x) => s + x, 0) / xs.length;
	return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
}

export function round(x: number, digits = 4): number {
	const f = 10 ** digits;
	return Math.round(x * f) / f;
}

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

/** Pairs among tied runs of a sorted sequence: Σ t(t−1)/2 over groups of equal values. */
function tiedPairs(sorted: ArrayLike<number>): number {
	let pairs = 0;
	let run = 1;
	for (let i = 1; i <= sorted.length; i++) {
		if (i < sorted.length && sorted[i] === sorted[i - 1]) run++;
		else {
			pairs += (run * (run - 1)) / 2;
			run = 1;
		}
	}
	return pairs;
}

/**
 * Kendall's τ-b between two rankings of the same items (ties handled): (C − D) / √((n0 − n1)(n0 − n2)),
 * by Knight's O(n log n) method — sort by the first ranking, then count the swaps a merge sort by the
 * second needs. Null when either side is all ties.
 */
export function kendallTauB(a: number[], b: number[]): number | null {
	const n = a.length;
	if (n < 2) return null;
	const order = a.map((_, i) => i).sort((i, j) => a[i] - a[j] || b[i] - b[j]);
	const xs = order.map((i) => a[i]);
	let ys = order.map((i) => b[i]);
	const n0 = (n * (n - 1)) / 2;
	const n1 = tiedPairs(xs);
	// Pairs tied in both rankings.
	let n3 = 0;
	let run = 1;
	for (let i = 1; i <= n; i++) {
		if (i < n && xs[i] === xs[i - 1] && ys[i] === ys[i - 1]) run++;
		else {
			n3 += (run * (run - 1)) / 2;
			run = 1;
		}
	}
	// Bottom-up merge sort of ys, counting inversions (discordant pairs not tied in x).
	let swaps = 0;
	let buffer = new Array<number>(n);
	for (let width = 1; width < n; width *= 2) {
		for (let lo = 0; lo < n; lo += 2 * width) {
			const mid = Math.min(lo + width, n);
			const hi = Math.min(lo + 2 * width, n);
			let i = lo;
			let j = mid;
			let k = lo;
			while (i < mid && j < hi) {
				if (ys[j] < ys[i]) {
					swaps += mid - i;
					buffer[k++] = ys[j++];
				} else buffer[k++] = ys[i++];
			}
			while (i < mid) buffer[k++] = ys[i++];
			while (j < hi) buffer[k++] = ys[j++];
		}
		[ys, buffer] = [buffer, ys];
	}
	const n2 = tiedPairs(ys);
	const denom = Math.sqrt((n0 - n1) * (n0 - n2));
	if (denom === 0) return null;
	return (n0 - n1 - n2 + n3 - 2 * swaps) / denom;
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

/** How many values of an ascending array are below x (binary search). */
export function countBelow(sorted: ArrayLike<number>, x: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid] < x) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** How many values of an ascending array (numbers, or strings such as ISO dates) are above x (binary search). */
export function countAbove<T extends number | string>(sorted: ArrayLike<T>, x: T): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid] <= x) lo = mid + 1;
		else hi = mid;
	}
	return sorted.length - lo;
}

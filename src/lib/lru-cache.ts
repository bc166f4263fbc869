// Every cache, for `clearAllCaches`, held weakly: a cache made for one pass or request (an analysis
// pass's memo) must go with it, not stay reachable from here for the life of the process.
const all = new Set<WeakRef<LruCache<unknown, unknown>>>();
const forget = new FinalizationRegistry<WeakRef<LruCache<unknown, unknown>>>((ref) => all.delete(ref));

/**
 * A small least-recently-used map: past `capacity` entries, or past `maxWeight` when values are weighed
 * (rows in a result), the ones unused longest are dropped; the newest entry always stays.
 */
export class LruCache<K, V> {
	private map = new Map<K, V>();
	private weight = 0;
	constructor(
		private capacity: number,
		private weighing?: { weigh: (value: V) => number; maxWeight: number }
	) {
		const ref = new WeakRef(this as LruCache<unknown, unknown>);
		all.add(ref);
		forget.register(this, ref);
	}

	get(key: K): V | undefined {
		const v = this.map.get(key);
		if (v !== undefined) {
			this.map.delete(key);
			this.map.set(key, v);
		}
		return v;
	}

	set(key: K, value: V): void {
		this.remove(key);
		this.map.set(key, value);
		this.weight += this.weighing?.weigh(value) ?? 0;
		while (this.map.size > 1 && (this.map.size > this.capacity || (this.weighing && this.weight > this.weighing.maxWeight)))
			this.remove(this.map.keys().next().value as K);
	}

	private remove(key: K): void {
		const old = this.map.get(key);
		if (old === undefined) return;
		this.weight -= this.weighing?.weigh(old) ?? 0;
		this.map.delete(key);
	}

	clear(): void {
		this.map.clear();
		this.weight = 0;
	}
}

/** Empties every cache of the process (the benchmark measures the work a page does without them). */
export function clearAllCaches(): void {
	for (const ref of all) ref.deref()?.clear();
}

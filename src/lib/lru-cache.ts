// `clearAllCaches` moves this on; each cache empties itself at its next use after. No registry of the
// caches: a cache made for one pass (an analysis pass's memo) must go with it. (A registry of WeakRefs
// did not do: a WeakRef keeps its target alive to the end of the current job, and a bulk import is one
// synchronous job, so every pass's memo stayed: out of memory at 10 M rows.)
let generation = 0;

/**
 * A small least-recently-used map: past `capacity` entries, or past `maxWeight` when values are weighed
 * (rows in a result), the ones unused longest are dropped; the newest entry always stays.
 */
export class LruCache<K, V> {
	private map = new Map<K, V>();
	private weight = 0;
	private generation = generation;
	constructor(
		private capacity: number,
		private weighing?: { weigh: (value: V) => number; maxWeight: number }
	) {}

	private clearedSince(): void {
		if (this.generation === generation) return;
		this.generation = generation;
		this.clear();
	}

	get(key: K): V | undefined {
		this.clearedSince();
		const v = this.map.get(key);
		if (v !== undefined) {
			this.map.delete(key);
			this.map.set(key, v);
		}
		return v;
	}

	set(key: K, value: V): void {
		this.clearedSince();
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
	generation++;
}

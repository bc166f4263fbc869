const all = new Set<LruCache<unknown, unknown>>();

/** A small least-recently-used map: past `capacity` entries, the one unused longest is dropped. */
export class LruCache<K, V> {
	private map = new Map<K, V>();
	constructor(private capacity: number) {
		all.add(this as LruCache<unknown, unknown>);
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
		this.map.delete(key);
		this.map.set(key, value);
		if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
	}

	clear(): void {
		this.map.clear();
	}
}

/** Empties every cache of the process (the benchmark measures the work a page does without them). */
export function clearAllCaches(): void {
	for (const c of all) c.clear();
}

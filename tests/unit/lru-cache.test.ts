import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { clearAllCaches, LruCache } from '../../src/lib/lru-cache';

describe('LruCache', () => {
	it('drops the entry unused longest past its capacity; a read counts as a use', () => {
		const c = new LruCache<string, number>(2);
		c.set('a', 1);
		c.set('b', 2);
		expect(c.get('a')).toBe(1);
		c.set('c', 3);
		expect(c.get('b')).toBeUndefined();
		expect(c.get('a')).toBe(1);
		expect(c.get('c')).toBe(3);
	});

	it('weighed: drops the oldest entries past the total weight, keeps the newest even when it alone is too heavy', () => {
		const c = new LruCache<string, number[]>(10, { weigh: (v) => v.length, maxWeight: 5 });
		c.set('a', [1, 2]);
		c.set('b', [1, 2]);
		c.set('c', [1, 2]);
		expect(c.get('a')).toBeUndefined();
		expect(c.get('b')).toHaveLength(2);
		c.set('huge', [1, 2, 3, 4, 5, 6, 7]);
		expect(c.get('b')).toBeUndefined();
		expect(c.get('c')).toBeUndefined();
		expect(c.get('huge')).toHaveLength(7);
	});

	it('weighed: replacing a value or clearing gives its weight back', () => {
		const c = new LruCache<string, number[]>(10, { weigh: (v) => v.length, maxWeight: 4 });
		c.set('a', [1, 2, 3]);
		c.set('a', [1]);
		c.set('b', [1, 2, 3]);
		expect(c.get('a')).toEqual([1]);
		c.clear();
		c.set('x', [1, 2]);
		c.set('y', [1, 2]);
		expect(c.get('x')).toEqual([1, 2]);
		expect(c.get('y')).toEqual([1, 2]);
	});

	it('a cache nothing refers to any more is collected with its values within the same synchronous job, and clearAllCaches still empties the live ones', () => {
		setFlagsFromString('--expose-gc');
		const gc = runInNewContext('gc') as () => void;
		const live = new LruCache<string, number>(2);
		live.set('k', 1);
		gc();
		const before = process.memoryUsage().heapUsed;
		// As each analysis pass of a bulk import makes its own memo: 200 caches of 2 MB each, dropped once
		// used, with no turn of the event loop in between (an import is one synchronous job).
		for (let i = 0; i < 200; i++) new LruCache<string, number[]>(4).set('x', new Array(250_000).fill(i));
		gc();
		expect(process.memoryUsage().heapUsed - before).toBeLessThan(100 * 1024 * 1024);
		clearAllCaches();
		expect(live.get('k')).toBeUndefined();
	});
});

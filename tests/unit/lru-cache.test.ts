import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/lib/lru-cache';

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
});

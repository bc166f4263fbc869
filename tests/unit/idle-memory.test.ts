import { constants, PerformanceObserver } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fullCollection, idleTrim } from '../../src/lib/server/idle-memory';

describe('idleTrim', () => {
	afterEach(() => vi.useRealTimers());

	it('collects once the server has been idle for the delay, and only once per idle spell', () => {
		vi.useFakeTimers();
		const collect = vi.fn();
		const trim = idleTrim(10_000, collect);
		vi.advanceTimersByTime(9_999);
		expect(collect).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(collect).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(60_000);
		expect(collect).toHaveBeenCalledTimes(1);
		trim.stop();
	});

	it('waits for the delay after the last sign of work', () => {
		vi.useFakeTimers();
		const collect = vi.fn();
		const trim = idleTrim(10_000, collect);
		vi.advanceTimersByTime(6_000);
		trim.busy();
		vi.advanceTimersByTime(6_000);
		trim.busy();
		vi.advanceTimersByTime(9_000);
		expect(collect).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1_000);
		expect(collect).toHaveBeenCalledTimes(1);
		// Work after a collection starts a new spell, which ends in a collection of its own.
		trim.busy();
		vi.advanceTimersByTime(10_000);
		expect(collect).toHaveBeenCalledTimes(2);
		trim.stop();
	});

	it('never collects once stopped', () => {
		vi.useFakeTimers();
		const collect = vi.fn();
		const trim = idleTrim(10_000, collect);
		trim.stop();
		trim.busy();
		vi.advanceTimersByTime(60_000);
		expect(collect).not.toHaveBeenCalled();
	});
});

describe('fullCollection', () => {
	it('runs a full (mark-compact) collection, the kind that shrinks a quiet heap', async () => {
		const kinds: number[] = [];
		const observer = new PerformanceObserver((list) => kinds.push(...list.getEntries().map((e) => (e as PerformanceEntry & { detail: { kind: number } }).detail.kind)));
		observer.observe({ entryTypes: ['gc'] });
		fullCollection();
		// GC entries are delivered on a later turn of the event loop.
		await new Promise((r) => setTimeout(r, 50));
		observer.disconnect();
		expect(kinds).toContain(constants.NODE_PERFORMANCE_GC_MAJOR);
	});
});

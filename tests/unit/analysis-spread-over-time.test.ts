import { describe, expect, it } from 'vitest';
import { spreadOverTime, type BoardRankPoint } from '../../src/lib/analysis/spread-over-time';

const pts = (...list: [string, number | null][]): BoardRankPoint[] => list.map(([date, rank]) => ({ date, rank }));

describe('rank spread across boards over time', () => {
	it('carries each board’s latest snapshot forward while it is fresh, and needs two boards on a date', () => {
		const boards = new Map([
			['a', pts(['2025-01-01', 3], ['2025-01-20', 2])],
			['b', pts(['2025-01-10', 40], ['2025-03-01', 10])]
		]);
		expect(spreadOverTime(boards, 30)).toEqual([
			{ date: '2025-01-10', best: { board: 'a', rank: 3 }, worst: { board: 'b', rank: 40 }, boards: 2 },
			{ date: '2025-01-20', best: { board: 'a', rank: 2 }, worst: { board: 'b', rank: 40 }, boards: 2 },
			// On 2025-03-01 a's last snapshot (2025-01-20) is 40 days old: stale, so b stands alone and no spread is told.
		]);
		expect(spreadOverTime(boards, 60).at(-1)).toEqual({ date: '2025-03-01', best: { board: 'a', rank: 2 }, worst: { board: 'b', rank: 10 }, boards: 2 });
	});

	it('leaves out a board whose latest snapshot does not list the model, and breaks ties by board name', () => {
		const boards = new Map([
			['c', pts(['2025-01-01', 5])],
			['b', pts(['2025-01-01', 5])],
			['a', pts(['2025-01-01', 1], ['2025-01-05', null])]
		]);
		expect(spreadOverTime(boards, 30)).toEqual([
			{ date: '2025-01-01', best: { board: 'a', rank: 1 }, worst: { board: 'b', rank: 5 }, boards: 3 },
			{ date: '2025-01-05', best: { board: 'b', rank: 5 }, worst: { board: 'b', rank: 5 }, boards: 2 }
		]);
	});

	it('is empty for a model only one board places', () => {
		expect(spreadOverTime(new Map([['a', pts(['2025-01-01', 1])]]), 30)).toEqual([]);
	});
});

import { isStale } from './freshness';

/** A board's rank for the model at each of the board's snapshot dates (null: that snapshot did not list it). */
export interface BoardRankPoint {
	date: string;
	rank: number | null;
}

export interface SpreadOverTime {
	date: string;
	best: { board: string; rank: number };
	worst: { board: string; rank: number };
	/** Boards placing the model on that date. */
	boards: number;
}

/**
 * How far apart the boards place a model, date by date: on every date any board published, each board
 * counts with its latest snapshot on or before it while that is fresh and lists the model; dates where
 * fewer than two boards count are left out (a spread needs two). Ties for best or worst go to the board
 * named first, so the answer does not depend on map order.
 */
export function spreadOverTime(boards: Map<string, BoardRankPoint[]>, staleDays: number): SpreadOverTime[] {
	const series = [...boards.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([board, points]) => ({ board, points: [...points].sort((a, b) => a.date.localeCompare(b.date)), next: 0 }));
	const dates = [...new Set(series.flatMap((s) => s.points.map((p) => p.date)))].sort();
	const out: SpreadOverTime[] = [];
	for (const date of dates) {
		let best: SpreadOverTime['best'] | null = null;
		let worst: SpreadOverTime['worst'] | null = null;
		let count = 0;
		for (const s of series) {
			while (s.next < s.points.length && s.points[s.next].date <= date) s.next++;
			const latest = s.next > 0 ? s.points[s.next - 1] : null;
			if (!latest || latest.rank === null || isStale(latest.date, date, staleDays)) continue;
			count++;
			if (!best || latest.rank < best.rank) best = { board: s.board, rank: latest.rank };
			if (!worst || latest.rank > worst.rank) worst = { board: s.board, rank: latest.rank };
		}
		if (count >= 2) out.push({ date, best: best!, worst: worst!, boards: count });
	}
	return out;
}

import { dateOfDay, dayOf } from './palette';
import type { LineChartData, Series, SeriesPoint } from './types';

// How a line chart travels from the server to the page. Years of daily points, one object each with its
// tooltip sentence, made the model page most of a megabyte of hydration data that took longer to
// serialize than the page took to read. Packed, a series is columns, each as runs of one value (a
// rank is held for weeks, dates step by one day): dates as day steps, the values, and each distinct
// tooltip once with a point's index into them. Lossless: `unpackChart(packChart(c))` is `c`.

/** A column as runs: each value with how many points in a row have it. */
export type Runs<T> = [T, number][];

function toRuns<T>(values: T[]): Runs<T> {
	const runs: Runs<T> = [];
	for (const v of values) {
		const last = runs[runs.length - 1];
		if (last && last[0] === v) last[1]++;
		else runs.push([v, 1]);
	}
	return runs;
}

function fromRuns<T>(runs: Runs<T>): T[] {
	const out: T[] = [];
	for (const [v, n] of runs) for (let i = 0; i < n; i++) out.push(v);
	return out;
}

export interface PackedSeries extends Omit<Series, 'points'> {
	/** The first point's day number (days since 1970-01-01), then each point's days after the one before. */
	days: Runs<number>;
	y: Runs<number | null>;
	/** Absent when no point has a band. */
	lo?: Runs<number | null>;
	hi?: Runs<number | null>;
	/** Distinct tooltips, and each point's index into them. */
	notes: string[];
	note: Runs<number>;
}

export interface PackedLineChartData extends Omit<LineChartData, 'series'> {
	series: PackedSeries[];
}

function packSeries({ points, ...rest }: Series): PackedSeries {
	const notes: string[] = [];
	const index = new Map<string, number>();
	const note = points.map((p) => {
		let i = index.get(p.note);
		if (i === undefined) index.set(p.note, (i = notes.push(p.note) - 1));
		return i;
	});
	const days = points.map((p) => dayOf(p.date));
	const banded = points.some((p) => p.lo !== null || p.hi !== null);
	return {
		...rest,
		days: toRuns(days.map((d, i) => (i === 0 ? d : d - days[i - 1]))),
		y: toRuns(points.map((p) => p.y)),
		...(banded ? { lo: toRuns(points.map((p) => p.lo)), hi: toRuns(points.map((p) => p.hi)) } : {}),
		notes,
		note: toRuns(note)
	};
}

function unpackSeries({ days, y, lo, hi, notes, note, ...rest }: PackedSeries): Series {
	const [steps, ys, los, his, noteOf] = [fromRuns(days), fromRuns(y), lo && fromRuns(lo), hi && fromRuns(hi), fromRuns(note)];
	let day = 0;
	const points = steps.map((step, i): SeriesPoint => {
		day = i === 0 ? step : day + step;
		return { date: dateOfDay(day), y: ys[i], lo: los?.[i] ?? null, hi: his?.[i] ?? null, note: notes[noteOf[i]] };
	});
	return { ...rest, points };
}

export function packChart(chart: LineChartData): PackedLineChartData {
	return { ...chart, series: chart.series.map(packSeries) };
}

export function unpackChart(chart: PackedLineChartData): LineChartData {
	return { ...chart, series: chart.series.map(unpackSeries) };
}

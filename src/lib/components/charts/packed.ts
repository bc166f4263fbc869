import { dateOfDay, dayOf } from './palette';
import type { LineChartData, Series, SeriesPoint } from './types';

// How a line chart travels from the server to the page. Years of daily points, one object each with its
// tooltip sentence, made the model page most of a megabyte of hydration data that took longer to
// serialize than the page took to read. Packed, a series is columns, each a string of runs of one value
// (a rank is held for weeks, dates step by one day): dates as day steps, the values, and each distinct
// tooltip once with a point's index into them. A string, not an array of runs: the page's serializer
// (devalue) costs per value, and one string is one value. Lossless: `unpackChart(packChart(c))` is `c`.

/**
 * A column as runs, comma-separated: `v` is one point of value v, `v*n` n points in a row; `n` is null
 * (`n*3` three nulls). Numbers are written as JavaScript writes them, which reads back exactly.
 */
export type Runs = string;

function toRuns(values: (number | null)[]): Runs {
	const runs: string[] = [];
	for (let i = 0; i < values.length; ) {
		let n = 1;
		while (i + n < values.length && Object.is(values[i + n], values[i])) n++;
		// String(-0) is '0': a correlation rounded to -0 would come back +0.
		const v = values[i] === null ? 'n' : Object.is(values[i], -0) ? '-0' : String(values[i]);
		runs.push(n === 1 ? v : `${v}*${n}`);
		i += n;
	}
	return runs.join(',');
}

function fromRuns(runs: Runs): (number | null)[] {
	const out: (number | null)[] = [];
	if (runs === '') return out;
	for (const run of runs.split(',')) {
		const star = run.indexOf('*');
		const text = star < 0 ? run : run.slice(0, star);
		const v = text === 'n' ? null : Number(text);
		const n = star < 0 ? 1 : Number(run.slice(star + 1));
		for (let i = 0; i < n; i++) out.push(v);
	}
	return out;
}

export interface PackedSeries extends Omit<Series, 'points'> {
	/** The first point's day number (days since 1970-01-01), then each point's days after the one before. */
	days: Runs;
	y: Runs;
	/** Absent when no point has a band. */
	lo?: Runs;
	hi?: Runs;
	/** Distinct tooltips, and each point's index into them. */
	notes: string[];
	note: Runs;
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
	// Day steps and note indexes are never null.
	const [steps, noteOf] = [fromRuns(days) as number[], fromRuns(note) as number[]];
	const [ys, los, his] = [fromRuns(y), lo === undefined ? null : fromRuns(lo), hi === undefined ? null : fromRuns(hi)];
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

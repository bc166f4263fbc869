import { MAX_GAP_DAYS } from '../../analysis/series-gap';
import { dateOfDay, dayOf, formatValue, MARKER_COLOURS } from './palette';
import type { Annotation, LineChartData, SeriesPoint } from './types';

/** The points in date order, with a break (y null) wherever the data skips more than MAX_GAP_DAYS: a line across months without data would draw a history nobody recorded. */
export function withGaps<T extends { date: string }>(points: T[], blank: (date: string) => T): T[] {
	const out: T[] = [];
	for (const p of points) {
		const prev = out[out.length - 1];
		if (prev && dayOf(p.date) - dayOf(prev.date) > MAX_GAP_DAYS) out.push(blank(dateOfDay((dayOf(prev.date) + dayOf(p.date)) / 2)));
		out.push(p);
	}
	return out;
}

const blankPoint = (date: string): SeriesPoint => ({ date, y: null, lo: null, hi: null, note: 'no snapshot' });

/** Ticks on the first of a month, at most eight, stepping whole months. */
export function monthTicks(minDay: number, maxDay: number): number[] {
	const start = new Date(Math.ceil(minDay) * 86_400_000);
	let y = start.getUTCFullYear();
	let m = start.getUTCMonth() + (start.getUTCDate() === 1 ? 0 : 1);
	const months: number[] = [];
	for (;;) {
		const day = Date.UTC(y + Math.floor(m / 12), m % 12, 1) / 86_400_000;
		if (day > maxDay) break;
		months.push(day);
		m++;
	}
	const step = Math.max(1, Math.ceil(months.length / 8));
	return months.filter((_, i) => i % step === 0);
}

export interface SvgShape {
	d: string;
	stroke?: string;
	fill?: string;
	dash?: string;
	opacity?: number;
	title?: string;
}

/** A line chart laid out as SVG shapes: what the page shows before (or without) its script. */
export interface LineGeometry {
	width: number;
	height: number;
	plot: { left: number; right: number; top: number; bottom: number };
	shapes: SvgShape[];
	xTicks: { x: number; label: string }[];
	yTicks: { y: number; label: string }[];
	annotations: { x: number; kind: Annotation['kind'] }[];
}

/**
 * Points joined by lines, without the inner points of a level stretch: a rank held for weeks draws the
 * same line from its two ends.
 */
function polyline(points: [number, number][]): string {
	return points
		.filter(([, py], i) => i === 0 || i === points.length - 1 || py !== points[i - 1][1] || py !== points[i + 1][1])
		.map(([px, py]) => `${px} ${py}`)
		.join(' L ');
}

const RANK_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

function yTickValues(scale: LineChartData['scale'], lo: number, hi: number): number[] {
	if (scale === 'pct') return [0, 0.25, 0.5, 0.75, 1];
	if (scale === 'tau') return [-1, -0.5, 0, 0.5, 1].filter((v) => v >= lo && v <= hi);
	const step = RANK_STEPS.find((s) => hi / s <= 6) ?? 1000;
	const ticks = [1];
	for (let v = step; v <= hi; v += step) if (v > 1) ticks.push(v);
	return ticks;
}

/**
 * The same chart chart.js draws, as plain shapes: month ticks ending at the as-of date, rank 1 (or 0%) at
 * the top inside the plot, lines broken at gaps, bands and checkpoint gaps shaded, findings and
 * annotations marked. Coordinates are rounded to tenths: a long history stays a few kilobytes.
 */
export function lineGeometry(data: LineChartData, width = 800, height = 360): LineGeometry {
	const plot = { left: 48, right: width - 12, top: 12, bottom: height - 26 };
	// Extremes in one pass: a model's history is thousands of points, too many to spread into Math.min.
	let [firstDay, lastDay, least, most] = [Infinity, -Infinity, 0, 2];
	const extend = (v: number | null) => {
		if (v === null) return;
		if (v < least) least = v;
		if (v > most) most = v;
	};
	for (const s of data.series)
		for (const p of s.points) {
			const day = dayOf(p.date);
			if (day < firstDay) firstDay = day;
			if (day > lastDay) lastDay = day;
			extend(p.y);
			extend(p.lo);
			extend(p.hi);
		}
	const minDay = firstDay !== Infinity ? firstDay : dayOf(data.until ?? '2000-01-01') - 30;
	const maxDay = data.until ? dayOf(data.until) : lastDay !== -Infinity ? lastDay : minDay + 30;
	const span = Math.max(1, maxDay - minDay);
	const [lo, hi] = data.scale === 'rank' ? [0.5, most * 1.04] : data.scale === 'pct' ? [-0.03, 1.03] : [least, 1.03];
	// Rank and percentile read top-down (1 and 0% at the top); a correlation reads bottom-up.
	const down = data.scale !== 'tau';
	const r = (v: number) => Math.round(v * 10) / 10;
	const x = (day: number) => r(plot.left + ((day - minDay) / span) * (plot.right - plot.left));
	const y = (v: number) => r(down ? plot.top + ((v - lo) / (hi - lo)) * (plot.bottom - plot.top) : plot.bottom - ((v - lo) / (hi - lo)) * (plot.bottom - plot.top));

	const shapes: SvgShape[] = [];
	/** Runs of consecutive points where `keep` holds. */
	const runs = (points: SeriesPoint[], keep: (p: SeriesPoint) => boolean) => {
		const out: SeriesPoint[][] = [[]];
		for (const p of points) {
			if (keep(p)) out[out.length - 1].push(p);
			else if (out[out.length - 1].length) out.push([]);
		}
		return out.filter((run) => run.length > 0);
	};
	const area = (run: SeriesPoint[]) =>
		`M ${polyline(run.map((p) => [x(dayOf(p.date)), y(p.lo!)]))} L ${polyline([...run].reverse().map((p) => [x(dayOf(p.date)), y(p.hi!)]))} Z`;

	for (const series of data.series) {
		const points = withGaps(series.points, blankPoint);
		for (const run of runs(points, (p) => p.lo !== null && p.hi !== null))
			shapes.push({ d: area(run), fill: series.colour, opacity: series.kind === 'gap' ? 0.16 : 0.1, title: series.label });
		if (series.kind === 'gap') continue;
		for (const run of runs(points, (p) => p.y !== null)) {
			const d = run.length === 1 ? `M ${x(dayOf(run[0].date)) - 1.5} ${y(run[0].y!)} h 3` : `M ${polyline(run.map((p) => [x(dayOf(p.date)), y(p.y!)]))}`;
			shapes.push({ d, stroke: series.colour, dash: series.dash?.length ? series.dash.join(' ') : undefined, title: series.label });
		}
	}
	for (const m of data.markers) {
		const cx = x(dayOf(m.date));
		const cy = y(m.y);
		const d = m.kind === 'finding' ? `M ${cx} ${cy - 6} l 6 10 h -12 Z` : `M ${cx} ${cy - 6} l 6 6 l -6 6 l -6 -6 Z`;
		shapes.push({ d, fill: MARKER_COLOURS[m.kind], stroke: 'currentColor', title: `${m.date} · ${m.label}` });
	}

	return {
		width,
		height,
		plot,
		shapes,
		xTicks: monthTicks(minDay, maxDay).map((day) => ({ x: x(day), label: dateOfDay(day).slice(0, 7) })),
		yTicks: yTickValues(data.scale, lo, hi).map((v) => ({ y: y(v), label: formatValue(data.scale, v) })),
		annotations: (data.annotations ?? []).filter((a) => dayOf(a.date) >= minDay && dayOf(a.date) <= maxDay).map((a) => ({ x: x(dayOf(a.date)), kind: a.kind }))
	};
}

import { describe, expect, it } from 'vitest';
import { lineConfig } from '../../src/lib/components/charts/line-config';
import { lineGeometry, monthTicks } from '../../src/lib/components/charts/line-geometry';
import { MAX_GAP_DAYS } from '../../src/lib/analysis/series-gap';
import { boardColour, boardDash, dateOfDay, dayOf } from '../../src/lib/components/charts/palette';
import type { LineChartData } from '../../src/lib/components/charts/types';
import { annotationPlugin, ANNOTATION_COLOURS } from '../../src/lib/components/charts/annotation-plugin';

const theme = { text: '#555', grid: '#ddd', fg: '#111' };
const point = (date: string, y: number) => ({ date, y, lo: null, hi: null, note: '' });

describe('line charts', () => {
	const data: LineChartData = {
		series: [{ key: 'a', label: 'a', colour: '#0072b2', points: [point('2025-01-01', 3), point('2025-01-10', 2), point('2025-06-01', 5)] }],
		markers: [{ series: 'a', date: '2025-01-10', y: 2, kind: 'finding', label: 'jump' }],
		scale: 'rank',
		yTitle: 'rank',
		until: '2025-06-20'
	};
	const config = lineConfig(data, theme);
	const line = config.data.datasets.find((d) => d.label === 'a')!;

	it('breaks a line where the data skips more than the gap allowed, and joins nearer points', () => {
		const ys = line.data.map((p) => p.y);
		expect(ys).toEqual([3, 2, null, 5]);
		const gap = line.data[2];
		expect(dayOf(gap.date)).toBeGreaterThan(dayOf('2025-01-10'));
		expect(dayOf('2025-06-01') - dayOf('2025-01-10')).toBeGreaterThan(MAX_GAP_DAYS);
	});

	it('keeps rank 1 inside the plot and ends the time axis at the as-of date', () => {
		const scales = config.options!.scales as Record<string, { min?: number; max?: number; reverse?: boolean }>;
		expect(scales.y).toMatchObject({ reverse: true, min: 0.5 });
		expect(scales.x.max).toBe(dayOf('2025-06-20'));
	});

	it('puts date ticks on month boundaries, at most eight', () => {
		const ticks = monthTicks(dayOf('2024-03-15'), dayOf('2026-02-01')).map(dateOfDay);
		expect(ticks.length).toBeLessThanOrEqual(8);
		expect(ticks.every((d) => d.endsWith('-01'))).toBe(true);
		expect(ticks[0]).toBe('2024-04-01');
		expect(monthTicks(dayOf('2025-04-01'), dayOf('2025-06-20')).map(dateOfDay)).toEqual(['2025-04-01', '2025-05-01', '2025-06-01']);
	});

	it("gives a board its source's colour on every chart, muted and dashed on the source's other boards", () => {
		expect(boardColour('lmarena-text', true)).toBe(boardColour('lmarena-text', true));
		expect(boardColour('lmarena-text/coding', false)).not.toBe(boardColour('lmarena-text', true));
		expect(boardColour('livebench', true)).not.toBe(boardColour('lmarena-text', true));
		expect(boardDash('lmarena-text', true)).toEqual([]);
		expect(boardDash('lmarena-text/coding', false).length).toBeGreaterThan(0);
	});
});

describe('chart annotations', () => {
	/** A chart.js chart reduced to what the plugin reads: a day → pixel scale and a canvas context that records what is drawn. */
	function drawn(annotations: Parameters<typeof annotationPlugin>[0]) {
		const strokes: { x: number; from: number; to: number; colour: string }[] = [];
		const labels: { text: string; x: number }[] = [];
		let at = { x: 0, y: 0 };
		const ctx = {
			strokeStyle: '',
			fillStyle: '',
			save() {},
			restore() {},
			setLineDash() {},
			beginPath() {},
			moveTo(x: number, y: number) {
				at = { x, y };
			},
			lineTo(x: number, y: number) {
				strokes.push({ x, from: at.y, to: y, colour: ctx.strokeStyle });
			},
			stroke() {},
			measureText: (t: string) => ({ width: t.length * 6 }),
			fillText(text: string, x: number) {
				labels.push({ text, x });
			}
		};
		const min = dayOf('2025-01-01');
		const chart = { ctx, chartArea: { top: 10, bottom: 300, left: 40, right: 440 }, scales: { x: { getPixelForValue: (day: number) => 40 + (day - min) } } };
		(annotationPlugin(annotations, theme).afterDatasetsDraw as (c: unknown) => void)(chart);
		return { strokes, labels };
	}

	it('draws a dashed line across the plot at each date in range, labelled, and leaves out dates outside it', () => {
		const { strokes, labels } = drawn([
			{ date: '2025-03-01', kind: 'method-change', boards: ['a'], text: 'method version 1 → 2' },
			{ date: '2025-04-15', kind: 'retired', boards: ['a'], text: 'closed' },
			{ date: '2026-12-01', kind: 'method-change', boards: ['a'], text: 'after the axis' }
		]);
		expect(strokes).toEqual([
			{ x: 40 + dayOf('2025-03-01') - dayOf('2025-01-01'), from: 10, to: 300, colour: theme.text },
			{ x: 40 + dayOf('2025-04-15') - dayOf('2025-01-01'), from: 10, to: 300, colour: ANNOTATION_COLOURS.retired }
		]);
		expect(labels.map((l) => l.text)).toEqual(['method', 'retired']);
	});

	it('is part of a line chart only when it has annotations', () => {
		const base: LineChartData = { series: [], markers: [], scale: 'rank', yTitle: 'rank' };
		expect(lineConfig(base, theme).plugins).toEqual([]);
		expect(lineConfig({ ...base, annotations: [{ date: '2025-03-01', kind: 'retired', boards: ['a'], text: 'x' }] }, theme).plugins).toHaveLength(1);
	});
});

describe('the server-drawn line chart', () => {
	const data: LineChartData = {
		series: [
			{ key: 'a', label: 'a', colour: '#0072b2', points: [point('2025-01-01', 1), point('2025-01-10', 4), point('2025-06-01', 9)] },
			{ key: 'g', label: 'gap', colour: '#0072b2', kind: 'gap', points: [{ date: '2025-01-01', y: null, lo: 1, hi: 9, note: '' }, { date: '2025-01-10', y: null, lo: 2, hi: 8, note: '' }] }
		],
		markers: [{ series: 'a', date: '2025-01-10', y: 4, kind: 'finding', label: 'jump' }],
		annotations: [{ date: '2025-03-01', kind: 'method-change', boards: ['a'], text: 'v1 → v2' }, { date: '2024-01-01', kind: 'retired', boards: ['a'], text: 'before the axis' }],
		scale: 'rank',
		yTitle: 'rank',
		until: '2025-06-20'
	};
	const g = lineGeometry(data);
	const lines = g.shapes.filter((s) => s.stroke === '#0072b2' && !s.fill);

	it('breaks the line across a gap longer than the charts allow: two runs, not one', () => {
		expect(lines).toHaveLength(2);
		expect(lines[0].d.split(' L ')).toHaveLength(2);
	});

	it('puts rank 1 inside the plot at the top, and ends the time axis at the as-of date on a month tick', () => {
		const yOf = (d: string) => Number(d.split(' ')[2]);
		const first = yOf(lines[0].d);
		expect(first).toBeGreaterThan(g.plot.top);
		expect(first).toBeLessThan(g.plot.top + 20);
		expect(g.xTicks.map((t) => t.label)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']);
		expect(g.xTicks.every((t) => t.x <= g.plot.right)).toBe(true);
		expect(g.yTicks[0]).toMatchObject({ label: '1' });
	});

	it('shades the checkpoint gap, marks findings, and draws only annotations inside the time range', () => {
		expect(g.shapes.filter((s) => s.fill === '#0072b2' && s.opacity === 0.16)).toHaveLength(1);
		expect(g.shapes.filter((s) => s.title?.includes('jump'))).toHaveLength(1);
		expect(g.annotations).toEqual([{ x: expect.any(Number), kind: 'method-change' }]);
	});

	it('draws a rank held for days from the ends of its level stretch, keeping every point where it moves', () => {
		const days = ['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-01-05', '2025-01-06'];
		const ranks = [2, 2, 2, 2, 5, 5];
		const held = lineGeometry({ ...data, series: [{ key: 'h', label: 'h', colour: '#123456', points: days.map((d, i) => point(d, ranks[i])) }], markers: [], annotations: [] });
		const vertices = held.shapes[0].d.slice(2).split(' L ').map((v) => v.split(' ').map(Number));
		// First day, last day at rank 2, first and last at rank 5: the two middle days at rank 2 add nothing.
		expect(vertices).toHaveLength(4);
		expect(vertices.map(([, y]) => y)).toEqual([vertices[0][1], vertices[0][1], vertices[2][1], vertices[2][1]]);
		expect(vertices[1][0]).toBeGreaterThan(vertices[0][0]);
		expect(vertices[2][0]).toBeGreaterThan(vertices[1][0]);
	});
});


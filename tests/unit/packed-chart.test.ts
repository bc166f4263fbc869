import { describe, expect, it } from 'vitest';
import { packChart, unpackChart } from '../../src/lib/components/charts/packed';
import { dateOfDay, dayOf } from '../../src/lib/components/charts/palette';
import type { LineChartData, SeriesPoint } from '../../src/lib/components/charts/types';

/** A year of daily ranks that move every few weeks, with a two-month hole and a band on the first part. */
function longHistory(): LineChartData {
	const points: SeriesPoint[] = [];
	for (let d = 0; d < 365; d++) {
		if (d >= 100 && d < 160) continue;
		const rank = 3 + Math.floor(d / 30);
		const banded = d < 200;
		points.push({ date: dateOfDay(dayOf('2025-01-01') + d), y: rank, lo: banded ? rank - 1 : null, hi: banded ? rank + 2 : null, note: `model-x: #${rank} of 180` });
	}
	return {
		series: [
			{ key: 'a', label: 'board a', colour: '#0072b2', dash: [5, 3], points },
			{ key: 'gap', label: 'gap', colour: '#0072b2', kind: 'gap', points: [{ date: '2025-02-01', y: null, lo: 2, hi: 9, note: 'checkpoint #2 vs public #9' }] },
			{ key: 'empty', label: 'empty', colour: '#000', points: [] },
			{ key: 'lone', label: 'one gap', colour: '#000', points: [{ date: '2025-03-01', y: null, lo: null, hi: null, note: 'no snapshot' }] },
			{
				key: 'tau',
				label: 'correlation',
				colour: '#111',
				points: [-0.3333333333333333, 0.1 + 0.2, 1e-7, -0, 0].map((y, i) => ({ date: dateOfDay(dayOf('2025-01-01') + i), y, lo: null, hi: null, note: `τ ${y}` }))
			}
		],
		markers: [{ series: 'a', date: '2025-03-01', y: 5, kind: 'finding', label: 'jump' }],
		annotations: [{ date: '2025-05-01', kind: 'method-change', boards: ['a'], text: 'new method' }],
		scale: 'rank',
		yTitle: 'rank',
		until: '2025-12-31'
	};
}

describe('packed line charts', () => {
	it('unpack to exactly the chart that was packed: dates across gaps, nulls, bands, notes, styles, markers', () => {
		const chart = longHistory();
		expect(unpackChart(packChart(chart))).toEqual(chart);
	});

	it('carry each distinct tooltip once and dates as day steps, so a long history is a fraction of its points as objects', () => {
		const chart = longHistory();
		const packed = packChart(chart);
		const a = packed.series[0];
		expect(a.notes).toHaveLength(new Set(chart.series[0].points.map((p) => p.note)).size);
		// Day steps of 1, one of 61 across the hole: four runs. A rank held 30 days is one run.
		expect(a.days).toBe(`${dayOf('2025-01-01')},1*99,61,1*204`);
		expect(a.y.split(',').slice(0, 2)).toEqual(['3*30', '4*30']);
		// No band from day 200 on: 165 nulls in one run.
		expect(a.lo!.split(',').at(-1)).toBe('n*165');
		expect(packed.series[2]).not.toHaveProperty('lo');
		expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(chart).length / 10);
	});
});

import type { ChartConfiguration, ChartDataset, Plugin, TooltipItem } from 'chart.js';
import { formatValue, seriesColour, wrap } from './palette';
import { scatterNote, type ScatterChartData, type ScatterPoint } from './types';

type Dataset = ChartDataset<'scatter', ScatterPoint[]>;

/** Writes the outliers' names beside their points (chart.js has no labels of its own). */
function outlierLabels(colour: string): Plugin<'scatter'> {
	return {
		id: 'outlierLabels',
		afterDatasetsDraw(chart) {
			const { ctx } = chart;
			const meta = chart.getDatasetMeta(1);
			if (!meta || meta.hidden) return;
			ctx.save();
			ctx.fillStyle = colour;
			ctx.font = '12px system-ui, sans-serif';
			ctx.textBaseline = 'middle';
			meta.data.forEach((el, i) => {
				const p = (chart.data.datasets[1].data as ScatterPoint[])[i];
				const right = el.x < chart.chartArea.right - 120;
				ctx.textAlign = right ? 'left' : 'right';
				ctx.fillText(p.label, el.x + (right ? 8 : -8), el.y);
			});
			ctx.restore();
		}
	};
}

/** Common-set percentiles on two boards, one point per model; the diagonal is perfect agreement. */
export function scatterConfig(data: ScatterChartData, theme: { text: string; grid: string; fg: string }): ChartConfiguration<'scatter', ScatterPoint[]> {
	const axis = (title: string, reverse: boolean) => ({
		type: 'linear' as const,
		min: 0,
		max: 1,
		reverse,
		grid: { color: theme.grid },
		title: { display: true, text: title, color: theme.text },
		ticks: { color: theme.text, callback: (v: number | string) => formatValue('pct', Number(v)) }
	});
	const diagonal = { type: 'line', label: 'equal percentile', data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], borderColor: theme.grid, borderDash: [4, 4], borderWidth: 1, pointRadius: 0, pointHitRadius: 0 } as unknown as Dataset;
	return {
		type: 'scatter',
		data: {
			datasets: [
				{ label: 'models', data: data.points.filter((p) => !p.outlier), backgroundColor: `${seriesColour(0)}aa`, pointRadius: 3.5 },
				{ label: 'largest divergences', data: data.points.filter((p) => p.outlier), backgroundColor: seriesColour(3), pointRadius: 5 },
				diagonal
			]
		},
		options: {
			animation: false,
			responsive: true,
			maintainAspectRatio: false,
			scales: { x: axis(data.xTitle, false), y: axis(data.yTitle, true) },
			plugins: {
				legend: { labels: { color: theme.text } },
				tooltip: {
					filter: (item: TooltipItem<'scatter'>) => item.datasetIndex < 2,
					callbacks: {
						title: (items: TooltipItem<'scatter'>[]) => (items[0] ? (items[0].raw as ScatterPoint).label : ''),
						label: (item: TooltipItem<'scatter'>) => wrap(scatterNote(data, item.raw as ScatterPoint))
					}
				}
			}
		},
		plugins: [outlierLabels(theme.fg)]
	};
}

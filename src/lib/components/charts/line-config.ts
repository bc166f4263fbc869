import type { ChartConfiguration, ChartDataset, LegendItem, ChartData, TooltipItem } from 'chart.js';
import { bandColour, dateOfDay, dayOf, formatValue, seriesColour, wrap } from './palette';
import type { LineChartData } from './types';

interface Point {
	x: number;
	y: number | null;
	date: string;
	note: string;
}

/** Extra fields on our datasets: which series a dataset draws, and whether it is an uncertainty band. */
type Dataset = ChartDataset<'line', Point[]> & { seriesKey?: string; isBand?: boolean };

/** A chart.js line chart of server-computed series: bands where known, event and mismatch markers on top. */
export function lineConfig(data: LineChartData, theme: { text: string; grid: string; fg: string }): ChartConfiguration<'line', Point[]> {
	const datasets: Dataset[] = [];
	for (const s of data.series) {
		const colour = seriesColour(s.colour);
		if (s.points.some((p) => p.lo !== null && p.hi !== null)) {
			const band = (pick: 'lo' | 'hi'): Point[] => s.points.map((p) => ({ x: dayOf(p.date), y: p[pick], date: p.date, note: '' }));
			datasets.push({ label: `${s.label} (band)`, data: band('lo'), seriesKey: s.key, isBand: true, borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: false });
			datasets.push({
				label: `${s.label} (band)`,
				data: band('hi'),
				seriesKey: s.key,
				isBand: true,
				borderWidth: 0,
				pointRadius: 0,
				pointHitRadius: 0,
				fill: '-1',
				backgroundColor: bandColour(s.colour)
			});
		}
		datasets.push({
			label: s.label,
			seriesKey: s.key,
			data: s.points.map((p) => ({ x: dayOf(p.date), y: p.y, date: p.date, note: p.note })),
			borderColor: colour,
			backgroundColor: colour,
			borderWidth: 2,
			pointRadius: s.points.length > 80 ? 0 : 2,
			pointHoverRadius: 4,
			pointHitRadius: 6,
			spanGaps: false
		});
	}
	const colourOf = new Map(data.series.map((s) => [s.key, seriesColour(s.colour)]));
	for (const [kind, label, style] of [
		['event', 'Events', 'triangle'],
		['mismatch', 'Variant mismatches', 'rectRot']
	] as const) {
		const list = data.markers.filter((m) => m.kind === kind);
		if (!list.length) continue;
		datasets.push({
			type: 'scatter',
			label,
			data: list.map((m) => ({ x: dayOf(m.date), y: m.y, date: m.date, note: m.label })),
			pointStyle: style,
			pointRadius: 6,
			pointHoverRadius: 8,
			pointBackgroundColor: list.map((m) => colourOf.get(m.series) ?? theme.fg),
			pointBorderColor: theme.fg,
			backgroundColor: theme.fg,
			borderColor: theme.fg,
			showLine: false
		} as unknown as Dataset);
	}

	const y =
		data.scale === 'rank'
			? { reverse: true, min: 1, ticks: { precision: 0 } }
			: data.scale === 'pct'
				? { reverse: true, min: 0, max: 1 }
				: { suggestedMin: 0, max: 1 };
	const ticks = (extra: object = {}) => ({ color: theme.text, ...extra });

	return {
		type: 'line',
		data: { datasets } as ChartData<'line', Point[]>,
		options: {
			animation: false,
			responsive: true,
			maintainAspectRatio: false,
			parsing: false,
			interaction: { mode: 'nearest', intersect: false },
			scales: {
				x: { type: 'linear', grid: { color: theme.grid }, ticks: ticks({ maxTicksLimit: 8, callback: (v: number | string) => dateOfDay(Number(v)) }) },
				y: {
					type: 'linear',
					...y,
					grid: { color: theme.grid },
					title: { display: true, text: data.yTitle, color: theme.text },
					ticks: ticks({ ...(y.ticks ?? {}), callback: (v: number | string) => formatValue(data.scale, Number(v)) })
				}
			},
			plugins: {
				legend: {
					labels: { color: theme.text, filter: (item: LegendItem, chart: ChartData) => !(chart.datasets[item.datasetIndex!] as Dataset).isBand },
					// Hiding a board hides its band with it.
					onClick: (_e, item, legend) => {
						const chart = legend.chart;
						const key = (chart.data.datasets[item.datasetIndex!] as Dataset).seriesKey;
						const visible = chart.isDatasetVisible(item.datasetIndex!);
						chart.data.datasets.forEach((d, i) => {
							if (i === item.datasetIndex || (key && (d as Dataset).seriesKey === key)) chart.setDatasetVisibility(i, !visible);
						});
						chart.update();
					}
				},
				tooltip: {
					filter: (item: TooltipItem<'line'>) => !(item.dataset as Dataset).isBand && (item.raw as Point).y !== null,
					callbacks: {
						title: (items: TooltipItem<'line'>[]) => (items[0] ? (items[0].raw as Point).date : ''),
						label: (item: TooltipItem<'line'>) => wrap(`${item.dataset.label}: ${(item.raw as Point).note}`)
					}
				}
			}
		}
	};
}

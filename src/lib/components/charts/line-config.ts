import { Chart, type ChartConfiguration, type ChartDataset, type LegendItem, type ChartData, type TooltipItem } from 'chart.js';
import { bandColour, dateOfDay, dayOf, formatValue, MARKER_COLOURS, wrap } from './palette';
import type { LineChartData } from './types';
import { annotationPlugin } from './annotation-plugin';
import { monthTicks, withGaps } from './line-geometry';

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
	for (const series of data.series) {
		const s = { ...series, points: withGaps(series.points, (date) => ({ date, y: null, lo: null, hi: null, note: 'no snapshot' })) };
		const colour = s.colour;
		if (s.kind === 'gap') {
			// Only the area between two ranks (a checkpoint's and its public release's), named by its tooltip.
			const edge = (pick: 'lo' | 'hi'): Point[] => s.points.map((p) => ({ x: dayOf(p.date), y: p[pick], date: p.date, note: p.note }));
			datasets.push({ label: s.label, data: edge('lo'), seriesKey: s.key, isBand: true, borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: false });
			datasets.push({ label: s.label, data: edge('hi'), seriesKey: s.key, borderWidth: 0, pointRadius: 0, pointHitRadius: 8, fill: '-1', backgroundColor: `${colour}26` });
			continue;
		}
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
				// Several boards' bands overlap: faint enough that the lines stay readable through them.
				backgroundColor: bandColour(colour)
			});
		}
		datasets.push({
			label: s.label,
			seriesKey: s.key,
			data: s.points.map((p) => ({ x: dayOf(p.date), y: p.y, date: p.date, note: p.note })),
			borderColor: colour,
			backgroundColor: colour,
			borderDash: s.dash ?? [],
			borderWidth: 2,
			pointRadius: s.points.length > 80 ? 0 : 2,
			pointHoverRadius: 4,
			pointHitRadius: 6,
			spanGaps: false
		});
	}
	// Markers have colours of their own, never a board's: a finding is not "the blue one".
	for (const [kind, label, style, fill] of [
		['finding', 'Findings', 'triangle', MARKER_COLOURS.finding],
		['mismatch', 'Variant mismatches', 'rectRot', MARKER_COLOURS.mismatch]
	] as const) {
		const list = data.markers.filter((m) => m.kind === kind);
		if (!list.length) continue;
		datasets.push({
			type: 'scatter',
			label,
			data: list.map((m) => ({ x: dayOf(m.date), y: m.y, date: m.date, note: m.label })),
			pointStyle: style,
			pointRadius: 7,
			pointHoverRadius: 9,
			pointBackgroundColor: fill,
			pointBorderColor: theme.fg,
			backgroundColor: fill,
			borderColor: theme.fg,
			showLine: false
		} as unknown as Dataset);
	}

	// The top of the scale sits inside the plot, so #1 (or 0%) is never drawn on the frame half clipped.
	const y =
		data.scale === 'rank'
			? { reverse: true, min: 0.5, ticks: { precision: 0 } }
			: data.scale === 'pct'
				? { reverse: true, min: -0.03, max: 1.03 }
				: { suggestedMin: 0, max: 1.03 };
	// Past a dozen boards a legend would outgrow the plot: it names the solid (primary) lines only, the
	// dashed secondary boards are named by their tooltips and the table alternative.
	const crowded = data.series.length > 12;
	const onScale = (v: number) => (data.scale === 'rank' ? v >= 1 && Number.isInteger(v) : v >= (data.scale === 'pct' ? 0 : -1) && v <= 1);
	const ticks = (extra: object = {}) => ({ color: theme.text, ...extra });

	return {
		type: 'line',
		data: { datasets } as ChartData<'line', Point[]>,
		plugins: data.annotations?.length ? [annotationPlugin(data.annotations, theme)] : [],
		options: {
			animation: false,
			responsive: true,
			maintainAspectRatio: false,
			parsing: false,
			interaction: { mode: 'nearest', intersect: false },
			scales: {
				x: {
					type: 'linear',
					...(data.until ? { max: dayOf(data.until) } : {}),
					grid: { color: theme.grid },
					afterBuildTicks: (axis) => {
						axis.ticks = monthTicks(axis.min, axis.max).map((value) => ({ value }));
					},
					ticks: ticks({ autoSkip: false, callback: (v: number | string) => dateOfDay(Number(v)).slice(0, 7) })
				},
				y: {
					type: 'linear',
					...y,
					grid: { color: theme.grid },
					title: { display: true, text: data.yTitle, color: theme.text },
					ticks: ticks({ ...(y.ticks ?? {}), callback: (v: number | string) => (onScale(Number(v)) ? formatValue(data.scale, Number(v)) : '') })
				}
			},
			plugins: {
				legend: {
					// Never taller than a fifth of the chart: the table alternative names every series.
					maxHeight: 80,
					labels: {
						color: theme.text,
						filter: (item: LegendItem, chart: ChartData) => {
							const d = chart.datasets[item.datasetIndex!] as Dataset;
							return !d.isBand && !(crowded && Array.isArray(d.borderDash) && d.borderDash.length > 0);
						},
						// Marker swatches in the markers' own colours, with the theme's outline.
						generateLabels: (chart) =>
							Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => {
								const d = chart.data.datasets[item.datasetIndex!] as { type?: string; backgroundColor?: string };
								return d.type === 'scatter' ? { ...item, fillStyle: d.backgroundColor, strokeStyle: theme.fg } : item;
							})
					},
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

import type { Attachment } from 'svelte/attachments';
import type { ChartConfiguration, ChartType } from 'chart.js';
import { Chart } from './register';
import { onThemeChange, themeColours } from './palette';

/**
 * Draws a chart.js chart on the canvas it is attached to (`{@attach chartOf(…)}`): rebuilt when the
 * numbers the configuration reads change (Svelte re-runs the attachment) or the theme changes,
 * destroyed with the canvas. `onDrawn` runs once the chart is on the canvas (the server's drawing can go).
 */
export function chartOf<T extends ChartType, D>(
	config: (theme: ReturnType<typeof themeColours>) => ChartConfiguration<T, D>,
	onDrawn?: () => void
): Attachment<HTMLCanvasElement> {
	return (canvas) => {
		let chart = new Chart(canvas, config(themeColours()));
		onDrawn?.();
		const stopWatchingTheme = onThemeChange(() => {
			chart.destroy();
			chart = new Chart(canvas, config(themeColours()));
		});
		return () => {
			stopWatchingTheme();
			chart.destroy();
		};
	};
}

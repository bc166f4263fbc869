import type { Plugin } from 'chart.js';
import { dayOf } from './palette';
import type { Annotation } from './types';

/** Method changes in the theme's text colour (a change of rules, not a board), retirements in Okabe and Ito's vermillion. */
export const ANNOTATION_COLOURS: Record<Annotation['kind'], string | null> = { 'method-change': null, retired: '#d55e00' };
const LABELS: Record<Annotation['kind'], string> = { 'method-change': 'method', retired: 'retired' };
/** Labels step down in a few rows so close dates (a benchmark's releases weeks apart) do not print over each other. */
const LABEL_ROWS = 3;

/**
 * Draws each annotation as a dashed vertical line across the plot with a short label at its top; the
 * chart's list of annotations says what changed. Dates outside the drawn time range are left out.
 */
export function annotationPlugin(annotations: Annotation[], theme: { text: string }): Plugin<'line'> {
	return {
		id: 'rankdrift-annotations',
		afterDatasetsDraw(chart) {
			const x = chart.scales.x;
			const { top, bottom, left, right } = chart.chartArea;
			const ctx = chart.ctx;
			ctx.save();
			ctx.font = '11px system-ui, sans-serif';
			ctx.textBaseline = 'top';
			annotations.forEach((a, i) => {
				const px = x.getPixelForValue(dayOf(a.date));
				if (!(px >= left - 0.5 && px <= right + 0.5)) return;
				const colour = ANNOTATION_COLOURS[a.kind] ?? theme.text;
				ctx.strokeStyle = colour;
				ctx.fillStyle = colour;
				ctx.globalAlpha = 0.75;
				ctx.lineWidth = 1;
				ctx.setLineDash([4, 3]);
				ctx.beginPath();
				ctx.moveTo(px, top);
				ctx.lineTo(px, bottom);
				ctx.stroke();
				ctx.globalAlpha = 1;
				const label = LABELS[a.kind];
				const width = ctx.measureText(label).width;
				const atRight = px + 3 + width > right;
				ctx.textAlign = atRight ? 'right' : 'left';
				ctx.fillText(label, atRight ? px - 3 : px + 3, top + 2 + (i % LABEL_ROWS) * 12);
			});
			ctx.restore();
		}
	};
}

import { cellText, optionalColumn, requireColumns } from '../../parse-helpers';
import { categoryExtraKey, renderedModel, scoreCell, type ScoredRow } from './shared';

export interface RenderedRow {
	cells: string[];
	/** The model cell's link (the site links each name to its announcement), when the capture kept it. */
	url?: string | null;
}

/**
 * Rows of the table livebench.ai renders (`Model, Organization, Global Average, <Category> Average…`),
 * from the page itself or a scrape of it. The Global Average shown is the score; the model is the
 * display name as shown, without a footnote a scrape flattened into it.
 */
export function renderedRows(header: string[], rows: RenderedRow[]): ScoredRow[] {
	const cols = requireColumns(header, { model: 'model', global: 'global average' });
	const org = optionalColumn(header, 'organization');
	const categories = header
		.map((h, i) => ({ h, i }))
		.filter(({ h, i }) => /\saverage$/i.test(h) && i !== cols.global);
	return rows.map(({ cells, url }, n): ScoredRow => {
		const line = n + 2;
		const { model, extras } = renderedModel(cells[cols.model], line);
		for (const { h, i } of categories) extras[categoryExtraKey(h)] = scoreCell(cells[i], h, line);
		if (url) extras.url = url;
		return {
			model,
			organization: org !== null ? cellText(cells[org]) : null,
			score: scoreCell(cells[cols.global], 'Global Average', line),
			extras,
			missing: 'none shown'
		};
	});
}

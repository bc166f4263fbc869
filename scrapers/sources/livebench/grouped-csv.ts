import { ParseError } from '../../../src/lib/catalogue/errors';
import { cellText, optionalColumn, parseCsv, requireColumns } from '../../parse-helpers';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { categoryExtraKey, meanOfPresent, rankedSnapshot, renderedModel, scoreCell, shown, type ScoredRow } from './shared';

interface Group {
	category: string;
	average: number;
	tasks: { task: string; index: number }[];
}

/** `<Category> Average` followed by that category's task columns, as the site lays them out with "Show Subcategories" on. */
function groupsOf(header: string[], after: number): Group[] {
	const groups: Group[] = [];
	header.forEach((h, i) => {
		if (i <= after) return;
		if (/\saverage$/i.test(h)) groups.push({ category: h, average: i, tasks: [] });
		else if (groups.length && h !== '' && !/^organization$/i.test(h)) groups.at(-1)!.tasks.push({ task: h, index: i });
	});
	return groups;
}

function isGroupedHeader(firstLine: string): boolean {
	const cells = firstLine.split(',').map((c) => c.replace(/"/g, '').trim().toLowerCase());
	return cells.includes('model') && cells.some((c) => c.endsWith(' average')) && !cells.includes('global average');
}

/**
 * A scrape of the rendered table with every category's tasks shown and no Global Average column
 * (2026 captures; a pandas index column may come first). The Global Average is recomputed from the
 * task scores as the site computes it; a model missing a whole category cannot be averaged and is left out.
 */
export const groupedCsvFormat: SnapshotFormat = {
	name: 'livebench-grouped-csv',
	description: 'CSV scrape of the rendered table with task columns under each <Category> Average and no Global Average',
	detect: (doc) => isGroupedHeader(doc.text.split(/\r?\n/, 1)[0]),
	parse(doc) {
		const { header, rows } = parseCsv(doc.text);
		const cols = requireColumns(header, { model: 'model' });
		const org = optionalColumn(header, 'organization');
		const groups = groupsOf(header, cols.model);
		if (groups.length === 0) throw new ParseError('layout changed: no "<Category> Average" columns after "Model"');

		const scored = rows.map((cells, i): ScoredRow => {
			const line = i + 2;
			const { model, extras } = renderedModel(cells[cols.model], line);
			const empty: string[] = [];
			// The task scores carry full precision, so the mean of them reproduces the site's Global Average to the cent; the shown category average is the fallback.
			const means = groups.map((g) => {
				const displayed = scoreCell(cells[g.average], g.category, line);
				const mean = meanOfPresent(g.tasks.map((t) => scoreCell(cells[t.index], t.task, line))) ?? displayed;
				extras[categoryExtraKey(g.category)] = displayed ?? (mean === null ? null : shown(mean));
				if (mean === null) empty.push(g.category.replace(/\s*average$/i, ''));
				return mean;
			});
			const organization = org !== null ? cellText(cells[org]) : null;
			if (empty.length) return { model, organization, score: null, extras, missing: `no ${empty.join(', ')} in the capture` };
			return { model, organization, score: shown((means as number[]).reduce((a, b) => a + b) / means.length), extras };
		});
		return [rankedSnapshot(scored, { feed: 'third-party', methodVersion: null })];
	}
};

import type { ExtraValue } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import { cellText, parseCsv } from '../../parse-helpers';
import { looksLikeHtml } from '../../../src/lib/catalogue/documents';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { parseCategories, type Categories } from './categories';
import { hiddenByDefault, SITE_MODELS_COMPANION, type SiteModels } from './site-models';
import { categoriesFileName, categoryExtraKey, meanOfPresent, rankedSnapshot, releaseOf, scoreCell, shown, type ScoredRow } from './shared';

/** The site's data file: `model` then one column per task, scores 0–100, blank or N/A = not run. */
const TABLE_HEADER = /^\s*"?model"?\s*,\s*"?[a-z_]/i;

/** The site's table, not a scrape of the rendered one (whose columns are `… Average`). */
export function isTableCsv(text: string): boolean {
	return TABLE_HEADER.test(text.slice(0, 200)) && !/average/i.test(text.split('\n', 1)[0]);
}

/** The categories file a table needs, known from its release folder (`table_2025_05_30/…`) or name (`table_2025_05_30.csv`). */
function companionNames(path: string): string[] {
	const release = releaseOf(path);
	return release ? [categoriesFileName(release)] : [];
}

/** Each category's task columns; the site averages a category over whichever of its tasks the table has. */
function taskColumns(header: string[], categories: Categories, companion: string) {
	const warnings: string[] = [];
	const columns = categories.map(([category, tasks]) => {
		const found = tasks.map((t) => ({ task: t, index: header.indexOf(t) })).filter((c) => c.index > 0);
		const absent = tasks.filter((t) => header.indexOf(t) <= 0);
		if (found.length === 0)
			throw new ParseError(`layout changed: none of the ${category} tasks in ${companion} (${tasks.join(', ')}) is a column of the table`);
		if (absent.length) warnings.push(`${category}: task column(s) ${absent.join(', ')} listed in ${companion} are not in the table; averaged without them, as the site does`);
		return { category, found };
	});
	return { columns, warnings };
}

/**
 * `table_<RELEASE>.csv`, the file livebench.ai loads and averages in the browser (recorded from the
 * site's git history, or fetched live). The score is the site's Global Average: the mean of the
 * category means, each the mean of its tasks as `categories_<RELEASE>.json` groups them.
 */
export const tableCsvFormat: SnapshotFormat = {
	name: 'livebench-table-csv',
	description: 'table_<RELEASE>.csv of livebench.ai (model × task scores) with its categories_<RELEASE>.json; Global Average computed as the site does',
	detect: (doc) => isTableCsv(doc.text),
	companions: companionNames,
	parse(doc) {
		if (looksLikeHtml(doc.text))
			throw new ParseError('not a LiveBench table: an HTML page (the site named no table_YYYY_MM_DD.csv that could be fetched)');
		const release = releaseOf(doc.path) ?? releaseOf(doc.name);
		if (!release)
			throw new ParseError(
				`no release: cannot tell which categories_<RELEASE>.json belongs to ${doc.name}; keep it in a table_YYYY_MM_DD folder or name it table_YYYY_MM_DD.csv`
			);
		const companion = categoriesFileName(release);
		const categoriesText = doc.companions[companion];
		if (categoriesText === undefined)
			throw new ParseError(`missing companion ${companion}: without it the table has no categories to average (it must sit beside the table)`);
		const categories = parseCategories(categoriesText, companion);

		// The site reads the table with a header-keyed CSV parser: a short row's missing cells are tasks not run.
		const { header, rows, shortLines } = parseCsv(doc.text, { shortRows: 'blank' });
		if (header[0]?.toLowerCase() !== 'model') throw new ParseError('layout changed: the first column is not "model"');
		const { columns, warnings } = taskColumns(header, categories, companion);

		let partial = 0;
		const scored = rows.map((cells, i): ScoredRow => {
			const line = i + 2;
			const model = cellText(cells[0]);
			if (!model) throw new ParseError(`line ${line}: model name is empty`);
			const extras: Record<string, ExtraValue> = {};
			const notRun: string[] = [];
			const empty: string[] = [];
			const means = columns.map(({ category, found }) => {
				const values = found.map(({ task, index }) => {
					const v = scoreCell(cells[index], task, line);
					if (v === null) notRun.push(task);
					return v;
				});
				const mean = meanOfPresent(values);
				extras[categoryExtraKey(category)] = mean === null ? null : shown(mean);
				if (mean === null) empty.push(category);
				return mean;
			});
			if (notRun.length) extras.tasks_not_run = notRun.join(', ');
			if (empty.length) return { model, score: null, extras, missing: `no ${empty.join(', ')} score` };
			if (notRun.length) partial++;
			const global = (means as number[]).reduce((a, b) => a + b) / means.length;
			return { model, score: shown(global), extras };
		});
		// Fetched live, the site's model list came along: say which rows its page hides by default.
		const siteModels = doc.companions[SITE_MODELS_COMPANION];
		if (siteModels !== undefined) {
			const hidden = hiddenByDefault(scored, JSON.parse(siteModels) as SiteModels);
			scored.forEach((row, i) => Object.assign(row.extras, hidden[i]));
			const count = hidden.filter((h) => h.hidden_by_default).length;
			if (count) warnings.push(`${count} of ${scored.length} model(s) are hidden by the site's page by default (kept, with hidden_by_default and hidden_reason)`);
		}
		if (shortLines.length)
			warnings.push(
				`line(s) ${shortLines.join(', ')} end before the header's ${header.length} columns; the missing tasks count as not run, as the site reads them`
			);
		if (partial) warnings.push(`${partial} model(s) lack some task scores; their category averages use the tasks they have, as the site does`);
		return [rankedSnapshot(scored, { feed: 'live-page', methodVersion: release, warnings })];
	}
};

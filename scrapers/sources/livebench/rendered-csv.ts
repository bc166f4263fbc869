import { parseCsv } from '../../parse-helpers';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { renderedRows } from './rendered';
import { rankedSnapshot } from './shared';

/** Header of a scrape of the rendered table: `Model,Organization,Global Average,Reasoning Average,…`. */
function isRenderedHeader(firstLine: string): boolean {
	const cells = firstLine.split(',').map((c) => c.replace(/"/g, '').trim().toLowerCase());
	return cells.includes('model') && cells.includes('global average');
}

/**
 * A CSV scrape of the rendered livebench.ai table (third-party captures: the weekly 2026 scrapes,
 * a pandas extraction of the 2025 page). Same columns and names as the page; ranked by Global Average.
 */
export const renderedCsvFormat: SnapshotFormat = {
	name: 'livebench-rendered-csv',
	description: 'CSV scrape of the rendered livebench.ai table (Model, Organization, Global Average, <Category> Average…)',
	detect: (doc) => isRenderedHeader(doc.text.split(/\r?\n/, 1)[0]),
	parse(doc) {
		const { header, rows } = parseCsv(doc.text);
		return [rankedSnapshot(renderedRows(header, rows.map((cells) => ({ cells }))), { feed: 'third-party', methodVersion: null })];
	}
};

import { ParseError } from '../../../src/lib/catalogue/errors';
import { loadHtml } from '../../parse-helpers';
import { looksLikeHtml } from '../../../src/lib/catalogue/documents';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { renderedRows, type RenderedRow } from './rendered';
import { rankedSnapshot } from './shared';

const text = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The leaderboard table livebench.ai renders in the browser (`table.main-tabl.table`), as captured
 * from the page. The page can be sorted by any column, so row order is not a rank: we rank by the
 * Global Average it shows. The page names no release, so there is no method version.
 */
export const renderedHtmlFormat: SnapshotFormat = {
	name: 'livebench-rendered-html',
	description: 'rendered livebench.ai table (table.main-tabl): display names, Global Average and category averages',
	detect: (doc) => looksLikeHtml(doc.text) && /<table[^>]*class="[^"]*\bmain-tabl\b/i.test(doc.text),
	parse(doc) {
		const $ = loadHtml(doc.text);
		const table = $('table.main-tabl').first();
		if (table.length === 0) throw new ParseError('layout changed: no table.main-tabl on the page');
		const header = table
			.find('thead th')
			.map((_, th) => text($(th).text()))
			.get();
		if (!header.some((h) => /^global average$/i.test(h)))
			throw new ParseError('layout changed: no column "Global Average" (the page shows it only when more than one category is selected)');
		const rows: RenderedRow[] = table
			.find('tbody tr')
			.map((_, tr) => {
				const tds = $(tr).find('td');
				// Models the site has no link for point at `#`.
				const href = tds.filter('.model-col').find('a[href]').attr('href')?.trim();
				return { cells: tds.map((_, td) => text($(td).text())).get(), url: href && href !== '#' ? href : null };
			})
			.get();
		return [rankedSnapshot(renderedRows(header, rows), { feed: 'live-page', methodVersion: null })];
	}
};

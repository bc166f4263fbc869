import type { Adjustment, ParsedRow, ParsedSnapshot } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import { assertRows, cellText, loadHtml, parseCsv, requireNumber, spacedText } from '../../parse-helpers';
import { looksLikeHtml } from '../../../src/lib/catalogue/documents';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { canonicalCategory } from './categories';
import { seriesBoard } from './shared';

/**
 * The lmarena.ai "Arena Overview" table (2025): one row per model (key in a `title` attribute), one
 * upper-bound rank per category, no scores. Each column becomes its category board.
 */
export function overviewHtmlFormat(board: string, view: Adjustment): SnapshotFormat {
	return {
		name: 'overview-html',
		description: 'lmarena.ai Arena Overview table HTML (per-category upper-bound ranks, no scores)',
		detect(doc) {
			if (!looksLikeHtml(doc.text)) return false;
			return /arena-overview/.test(doc.text) || (/<table/i.test(doc.text) && /Overall/.test(doc.text) && !/Rank Spread/i.test(doc.text) && /span[^>]*title=/.test(doc.text));
		},
		parse(doc) {
			const $ = loadHtml(doc.text);
			const table = $('table').first();
			if (table.length === 0) throw new ParseError('layout changed: no table on the page');
			const header = table.find('thead th').map((_, th) => spacedText($(th) as never)).get();
			if (!/^model\b/i.test(header[0] ?? '')) throw new ParseError('layout changed: the first column is not "Model"');
			const categories = header.slice(1).map((h) => h.replace(/\s+/g, ' ').trim());
			if (!categories.some((c) => /^overall$/i.test(c))) throw new ParseError('layout changed: no column "Overall"');
			const perCategory: ParsedRow[][] = categories.map(() => []);
			table.find('tbody tr').each((i, tr) => {
				const tds = $(tr).find('td');
				const first = tds.eq(0);
				const model = (first.find('[title]').first().attr('title') ?? spacedText(first as never)).trim();
				if (!model) throw new ParseError(`row ${i + 1}: model name is empty`);
				categories.forEach((_, c) => {
					const text = spacedText(tds.eq(c + 1) as never);
					if (text === '' || text === '-' || /^n\/a$/i.test(text)) return;
					if (!/^\d+$/.test(text)) throw new ParseError(`row ${i + 1} (${model}): rank ${JSON.stringify(text)} is not a whole number`);
					perCategory[c].push({ rowKey: model, rank: Number(text), model });
				});
			});
			return categories.map((title, c): ParsedSnapshot => {
				assertRows(perCategory[c], `the ${title} column`);
				return {
					board: seriesBoard(board, canonicalCategory(title), view),
					publishedAsOf: null,
					feed: 'live-page',
					rankSemantics: 'ub',
					adjustment: view,
					methodVersion: null,
					rows: perCategory[c],
					warnings: []
				};
			});
		}
	};
}

/** A CSV extraction of the overview table (`Model  217/217,Overall,Hard Prompts,…`, ranks only). */
export function overviewCsvFormat(board: string, view: Adjustment): SnapshotFormat {
	return {
		name: 'overview-csv',
		description: 'CSV extraction of the Arena Overview table (model key, then one upper-bound rank per category)',
		detect: (doc) => /^\s*"?model\b[^,\n]*,\s*"?overall"?\s*,/i.test(doc.text.slice(0, 300)) && !/score/i.test(doc.text.split('\n')[0]),
		parse(doc) {
			const { header, rows } = parseCsv(doc.text, { terminated: true });
			const categories = header.slice(1);
			return categories.map((title, c): ParsedSnapshot => {
				const list: ParsedRow[] = [];
				rows.forEach((cells, i) => {
					const model = cellText(cells[0]);
					if (!model) throw new ParseError(`line ${i + 2}: model name is empty`);
					const rank = cellText(cells[c + 1]);
					if (rank === null || rank === '-') return;
					list.push({ rowKey: model, rank: requireNumber(rank, `${title} rank`, i + 2), model });
				});
				assertRows(list, `the ${title} column`);
				return {
					board: seriesBoard(board, canonicalCategory(title), view),
					publishedAsOf: null,
					feed: 'third-party',
					rankSemantics: 'ub',
					adjustment: view,
					methodVersion: null,
					rows: list,
					warnings: []
				};
			});
		}
	};
}

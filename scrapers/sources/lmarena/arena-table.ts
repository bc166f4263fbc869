import { splitGluedOrganization } from '../../../src/lib/snapshots/scrape-artefacts';
import type { Adjustment, ParsedRow, ParsedSnapshot } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import { assertRows, cellText, isSequentialRanking, loadHtml, optionalColumn, parseCsv, requireColumns, requireNumber, spacedText } from '../../parse-helpers';
import { looksLikeHtml } from '../../../src/lib/catalogue/documents';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { parsePlusMinus, parseRankSpread, parseVotes, seriesBoard } from './shared';

/** One table row as cell texts, plus the model key when the page marks it (a `title` attribute). */
interface RawRow {
	cells: string[];
	modelKey?: string | null;
}

/**
 * The arena.ai / lmarena.ai leaderboard table (2025→), from the page itself or a CSV capture of it.
 * Columns seen: Rank, Rank Spread, Model, Score (may hold `1504 ±7 Preliminary`), 95% CI (±),
 * Votes, Organization, License, Price $/M, Context — in three header generations.
 */
function parseArenaRows(header: string[], raw: RawRow[]): ParsedRow[] {
	const cols = requireColumns(header, { rank: 'rank', model: 'model', score: ['score', 'arena score'], votes: 'votes' });
	const spread = optionalColumn(header, 'rank spread', 'rank (ub)');
	const ci = optionalColumn(header, '95% ci (±)', '95% ci', 'ci');
	const org = optionalColumn(header, 'organization');
	const lic = optionalColumn(header, 'license');
	const price = optionalColumn(header, 'price $/m', 'price');
	const context = optionalColumn(header, 'context');

	const rows = raw.map(({ cells, modelKey }, i): ParsedRow => {
		const line = i + 2;
		const glued = splitGluedOrganization(cellText(cells[cols.model]) ?? '');
		const model = modelKey || glued.name;
		if (!model) throw new ParseError(`line ${line}: model name is empty`);
		const scoreCell = cells[cols.score] ?? '';
		const scoreMatch = scoreCell.match(/^\s*([+-]?\d[\d,]*(?:\.\d+)?)/);
		if (!scoreMatch) throw new ParseError(`line ${line}: score ${JSON.stringify(scoreCell)} is not a number`);
		const score = Number(scoreMatch[1].replace(/,/g, ''));
		const half = parsePlusMinus(ci !== null ? cells[ci] : undefined) ?? parsePlusMinus(scoreCell);
		const interval = parseRankSpread(spread !== null ? cells[spread] : undefined, line);
		const extras: ParsedRow['extras'] = {};
		if (/preliminary/i.test(scoreCell)) extras.preliminary = true;
		if (price !== null && cellText(cells[price]) && !/^n\/a$/i.test(cellText(cells[price])!)) extras.price = cellText(cells[price]);
		if (context !== null && cellText(cells[context]) && !/^n\/a$/i.test(cellText(cells[context])!)) extras.context = cellText(cells[context]);
		if (glued.organization || (modelKey && cellText(cells[cols.model]) !== modelKey)) extras.model_cell = cellText(cells[cols.model]);
		return {
			rowKey: model,
			rank: requireNumber(cells[cols.rank], 'rank', line),
			rankLower: interval?.[0] ?? null,
			rankUpper: interval?.[1] ?? null,
			model,
			organization: (org !== null ? cellText(cells[org]) : null) ?? glued.organization,
			license: (lic !== null ? cellText(cells[lic]) : null) ?? glued.license,
			score,
			ciLower: half !== null ? score - half : null,
			ciUpper: half !== null ? score + half : null,
			votes: parseVotes(cells[cols.votes], line),
			extras
		};
	});
	assertRows(rows, 'the leaderboard table');
	return rows;
}

function snapshotOf(board: string, view: Adjustment, feed: ParsedSnapshot['feed'], rows: ParsedRow[]): ParsedSnapshot {
	return {
		board: seriesBoard(board, null, view),
		publishedAsOf: null,
		feed,
		rankSemantics: isSequentialRanking(rows.map((r) => r.rank)) ? 'ordinal' : 'ub',
		adjustment: view,
		methodVersion: null,
		rows,
		warnings: []
	};
}

// Lenient on purpose: a capture whose columns changed should be rejected by name ("no column Score"), not go unrecognised.
const CAPTURE_HEADER = /^\s*"?rank"?\s*,\s*("?rank spread"?\s*,\s*)?"?model"?\s*,/i;

/** CSV captures of the rendered table (third-party scrapers, 2026); may be Windows-1252 and CRLF. */
export function arenaCaptureCsvFormat(board: string, view: Adjustment): SnapshotFormat {
	return {
		name: 'arena-capture-csv',
		description: 'CSV capture of the arena.ai leaderboard table (Rank, Rank Spread, Model, Score, …; three header generations)',
		detect: (doc) => CAPTURE_HEADER.test(doc.text.slice(0, 200)),
		parse(doc) {
			const table = parseCsv(doc.text, { terminated: true });
			return [snapshotOf(board, view, 'third-party', parseArenaRows(table.header, table.rows.map((cells) => ({ cells }))))];
		}
	};
}

/** The leaderboard page's server-rendered table (`table.w-full.caption-bottom.text-sm`). */
export function arenaPageHtmlFormat(board: string, view: Adjustment): SnapshotFormat {
	return {
		name: 'arena-page-html',
		description: 'arena.ai leaderboard page HTML (server-rendered table with Rank, Rank Spread, Model, Score, Votes …)',
		detect(doc) {
			if (!looksLikeHtml(doc.text)) return false;
			return /<th[^>]*>[\s\S]{0,400}?Rank Spread/i.test(doc.text) || /caption-bottom/.test(doc.text);
		},
		parse(doc) {
			const $ = loadHtml(doc.text);
			const table = $('table')
				.filter((_, t) => /rank/i.test($(t).find('th').first().text()) && /score/i.test($(t).find('thead').text()))
				.first();
			if (table.length === 0) {
				if ($('table').length === 0) throw new ParseError('layout changed: no leaderboard table on the page');
				throw new ParseError('layout changed: no table with Rank and Score columns');
			}
			// Header cells can carry a counter (`Model 333/333`) or icon labels after the name.
			const header = table
				.find('thead th')
				.map((_, th) => spacedText($(th) as never).replace(/\s*\d+\s*\/\s*\d+\s*$/, '').trim())
				.get();
			const raw: RawRow[] = table
				.find('tbody tr')
				.map((_, tr) => {
					const tds = $(tr).find('td');
					const modelIndex = header.findIndex((h) => /^model\b/i.test(h));
					const modelCell = modelIndex >= 0 ? tds.eq(modelIndex) : null;
					const titled = modelCell?.find('[title]').first();
					return {
						cells: tds.map((_, td) => spacedText($(td) as never)).get(),
						modelKey: titled && titled.length ? (titled.attr('title') ?? '').trim() || null : null
					};
				})
				.get();
			return [snapshotOf(board, view, 'live-page', parseArenaRows(header, raw))];
		}
	};
}

import type * as cheerio from 'cheerio';
import type { ExtraValue, ParsedRow } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import { looksLikeHtml } from '../../../src/lib/catalogue/documents';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { loadHtml, spacedText } from '../../parse-helpers';
import { boardOfPath, rankRows } from './shared';

// Header texts are split over elements (`<span>VIBE</span><span>Score</span>`); compare them without spaces.
const squash = (s: string) => s.toLowerCase().replace(/\s+/g, '');
const isName = (h: string) => squash(h) === 'name' || squash(h) === 'model';
const isScore = (h: string) => squash(h).startsWith('vibescore');
const isRank = (h: string) => squash(h) === '#' || squash(h) === 'rank';

/**
 * The rendered yupp.ai leaderboard table (`/leaderboard`, `/leaderboard/text`, `?category_names=coding`),
 * saved from a browser: the site renders it client-side, so a plain GET has no table. The name cell
 * holds the brand and the model in separate elements; their texts are joined with a space so
 * `Llama` + `4 Maverick` reads `Llama 4 Maverick`, never the glued `Llama4 Maverick` of text scrapers.
 */
export function leaderboardHtmlFormat(): SnapshotFormat {
	return {
		name: 'yupp-leaderboard-html',
		description: 'yupp.ai leaderboard page as rendered in a browser (table with Name and VIBE Score; coding view from the URL or file path)',
		detect: (doc) => looksLikeHtml(doc.text) && /<table/i.test(doc.text) && /VIBE/.test(doc.text),
		parse(doc) {
			const board = boardOfPath(doc.path);
			const $ = loadHtml(doc.text);
			const headerOf = (table: cheerio.Cheerio<never>) =>
				$(table).find('tr').first().find('th, td').map((_, th) => spacedText($(th) as never)).get();
			const table = $('table')
				.filter((_, t) => {
					const header = headerOf($(t) as never);
					return header.some(isName) && header.some(isScore);
				})
				.first();
			if (table.length === 0) {
				if ($('table').length === 0) throw new ParseError('layout changed: no leaderboard table on the page (a plain GET of yupp.ai returns only the app shell)');
				throw new ParseError('layout changed: no table with "Name" and "VIBE Score" columns');
			}
			const header = headerOf(table as never);
			const nameAt = header.findIndex(isName);
			const scoreAt = header.findIndex(isScore);
			const rankAt = header.findIndex(isRank);

			const raw = table
				.find('tr')
				.slice(1)
				.filter((_, tr) => $(tr).find('td').length > 0)
				.map((i, tr) => {
					const line = i + 1;
					const cells = $(tr).find('td').map((_, td) => spacedText($(td) as never)).get();
					const model = cells[nameAt] ?? '';
					if (!model) throw new ParseError(`row ${line}: the Name cell is empty`);
					const scoreCell = cells[scoreAt] ?? '';
					const score = scoreCell.match(/^[+-]?\d[\d,]*(\.\d+)?/);
					if (!score) throw new ParseError(`row ${line} (${JSON.stringify(model)}): VIBE Score ${JSON.stringify(scoreCell)} is not a number`);
					let boardRank: number | null = null;
					if (rankAt >= 0) {
						const rankCell = (cells[rankAt] ?? '').replace(/^#\s*/, '');
						if (!/^\d+$/.test(rankCell)) throw new ParseError(`row ${line} (${JSON.stringify(model)}): rank ${JSON.stringify(cells[rankAt] ?? '')} is not a whole number`);
						boardRank = Number(rankCell);
					}
					return { model, score: Number(score[0].replace(/,/g, '')), boardRank };
				})
				.get();
			if (raw.length === 0) throw new ParseError('empty: the leaderboard table has no model rows');
			// The table pages client-side ("Next page"): a capture of a later page alone is not the board.
			const first = Math.min(...raw.map((r) => r.boardRank ?? 1));
			if (first > 1) throw new ParseError(`a later page of the paginated table (ranks start at ${first}), not the whole board`);

			const ranking = rankRows(raw);
			const rows = raw.map((r, i): ParsedRow => {
				const extras: Record<string, ExtraValue> = {};
				if (ranking.semantics === 'computed' && r.boardRank !== null) extras.board_rank = r.boardRank;
				return { rowKey: r.model, rank: ranking.ranks[i], model: r.model, score: r.score, extras };
			});
			return [
				{
					board,
					publishedAsOf: null,
					feed: 'live-page',
					rankSemantics: ranking.semantics,
					adjustment: null,
					methodVersion: null,
					rows,
					warnings: ranking.warnings
				}
			];
		}
	};
}

import type { ParsedRow, ParsedSnapshot } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import { assertRows, cellNumber, cellText, isSequentialRanking, loadHtml, optionalColumn, parseCsv, rankIntervalsFromCi, requireColumns, requireNumber } from '../../parse-helpers';
import { looksLikeHtml } from '../../../src/lib/catalogue/documents';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { parseVotes } from './shared';

/**
 * Hand-transcribed WebDev Arena tables (`rank_ub,model,arena_score,ci_plus,ci_minus,votes,…`).
 * Some copies kept the board's upper-bound ranks (ties), others renumbered 1..N: the ranks decide.
 */
export function webdevCsvFormat(board: string): SnapshotFormat {
	return {
		name: 'webdev-csv',
		description: 'transcribed WebDev Arena table CSV (rank_ub, model, arena_score, ci_plus, ci_minus, votes, …)',
		detect: (doc) => /^\s*rank_ub\s*,\s*model\s*,\s*arena_score/i.test(doc.text.slice(0, 100)),
		parse(doc) {
			const table = parseCsv(doc.text, { terminated: true });
			const cols = requireColumns(table.header, { rank: 'rank_ub', model: 'model', score: 'arena_score', plus: 'ci_plus', minus: 'ci_minus', votes: 'votes' });
			const org = optionalColumn(table.header, 'organization');
			const lic = optionalColumn(table.header, 'license');
			const rows = table.rows.map((r, i): ParsedRow => {
				const line = i + 2;
				const model = cellText(r[cols.model]);
				if (!model) throw new ParseError(`line ${line}: model name is empty`);
				const score = requireNumber(r[cols.score], 'arena_score', line);
				const plus = cellNumber(r[cols.plus]);
				const minus = cellNumber(r[cols.minus]);
				if (Number.isNaN(plus) || Number.isNaN(minus)) throw new ParseError(`line ${line}: CI is not a number`);
				return {
					rowKey: model,
					rank: requireNumber(r[cols.rank], 'rank_ub', line),
					model,
					organization: org === null ? null : cellText(r[org]),
					license: lic === null ? null : cellText(r[lic]),
					score,
					ciLower: minus === null ? null : score - minus,
					ciUpper: plus === null ? null : score + plus,
					votes: parseVotes(r[cols.votes], line)
				};
			});
			assertRows(rows, 'the WebDev table');
			const sequential = isSequentialRanking(rows.map((r) => r.rank));
			const intervals = rankIntervalsFromCi(rows.map((r) => ({ ciLower: r.ciLower ?? null, ciUpper: r.ciUpper ?? null })));
			rows.forEach((r, i) => {
				if (intervals[i]) {
					r.rankLower = Math.min(r.rank, intervals[i]!.best);
					r.rankUpper = Math.max(r.rank, intervals[i]!.worst);
				}
			});
			return [snapshot(board, 'third-party', sequential ? 'ordinal' : 'ub', rows)];
		}
	};
}

function snapshot(board: string, feed: ParsedSnapshot['feed'], rankSemantics: ParsedSnapshot['rankSemantics'], rows: ParsedRow[]): ParsedSnapshot {
	return { board, publishedAsOf: null, feed, rankSemantics, adjustment: 'none', methodVersion: null, rows, warnings: [] };
}

/** The launch blog's table: rank, model key, original score, deduplicated score, delta (ranked by original score). */
function blogRows(cells: string[][]): ParsedRow[] {
	const rows = cells.map((r, i): ParsedRow => {
		const line = i + 2;
		const model = cellText(r[1]);
		if (!model) throw new ParseError(`line ${line}: model name is empty`);
		return {
			rowKey: model,
			rank: requireNumber(r[0], 'rank', line),
			model,
			score: requireNumber(r[2], 'original score', line),
			extras: { deduplicated_score: requireNumber(r[3], 'deduplicated score', line), delta: requireNumber(r[4], 'delta', line) }
		};
	});
	assertRows(rows, 'the blog table');
	return rows;
}

export function webdevBlogCsvFormat(board: string): SnapshotFormat {
	return {
		name: 'webdev-blog-csv',
		description: 'WebDev Arena launch-blog table as CSV (rank, model_key, original_score, deduplicated_score, delta)',
		detect: (doc) => /^\s*rank\s*,\s*model_key\s*,\s*original_score\s*,\s*deduplicated_score/i.test(doc.text.slice(0, 100)),
		parse(doc) {
			const table = parseCsv(doc.text, { terminated: true });
			requireColumns(table.header, { rank: 'rank', model: 'model_key', score: 'original_score', dedup: 'deduplicated_score', delta: 'delta' });
			return [snapshot(board, 'third-party', 'ordinal', blogRows(table.rows))];
		}
	};
}

export function webdevBlogHtmlFormat(board: string): SnapshotFormat {
	return {
		name: 'webdev-blog-html',
		description: 'WebDev Arena launch-blog HTML table (Rank, Model, Original Score, Deduplicated Score, Delta)',
		detect: (doc) => looksLikeHtml(doc.text) && /Deduplicated Score/i.test(doc.text),
		parse(doc) {
			const $ = loadHtml(doc.text);
			const table = $('table').filter((_, t) => /Deduplicated Score/i.test($(t).find('th').text())).first();
			if (table.length === 0) throw new ParseError('layout changed: no table with a "Deduplicated Score" column');
			const header = table.find('th').map((_, th) => $(th).text().trim()).get();
			requireColumns(header, { rank: 'Rank', model: 'Model', score: 'Original Score', dedup: 'Deduplicated Score', delta: 'Delta' });
			const cells = table
				.find('tbody tr')
				.map((_, tr) => [$(tr).find('td').map((_, td) => $(td).text().trim()).get()])
				.get() as string[][];
			return [snapshot(board, 'live-page', 'ordinal', blogRows(cells))];
		}
	};
}

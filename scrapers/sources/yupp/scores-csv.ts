import type { ParsedRow, ParsedSnapshot } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import { cellNumber, cellText, parseCsv, requireColumns } from '../../parse-helpers';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { boardOf, rankRows } from './shared';

const SCORE_COLUMN = /^([a-z0-9][a-z0-9 _-]*?)_score$/i;

function headerOf(text: string): string[] {
	return (text.split(/\r?\n/, 1)[0] ?? '').split(',').map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
}

/**
 * A third-party capture of the rendered yupp.ai tables: `model,text_score,coding_score`, one
 * `<category>_score` column per board, an empty cell where the model is not on that board. The model
 * names are kept exactly as captured, brand glued to model (`Llama4 Maverick`, `GPT-5.4(High)`):
 * that is how the board reached us, and identity resolution reads it.
 */
export function scoresCsvFormat(): SnapshotFormat {
	return {
		name: 'yupp-scores-csv',
		description: 'CSV capture of the yupp.ai leaderboard tables: model plus one VIBE score column per category (text_score, coding_score)',
		detect(doc) {
			const header = headerOf(doc.text);
			return header.includes('model') && header.some((h) => SCORE_COLUMN.test(h));
		},
		parse(doc) {
			const table = parseCsv(doc.text, { terminated: true });
			const { model } = requireColumns(table.header, { model: 'model' });
			const scoreColumns = table.header
				.map((h, i) => ({ category: h.match(SCORE_COLUMN)?.[1], i }))
				.filter((c): c is { category: string; i: number } => c.category !== undefined);
			if (scoreColumns.length === 0) throw new ParseError('layout changed: no "<category>_score" column (e.g. "text_score")');
			table.rows.forEach((cells, r) => {
				if (!cellText(cells[model])) throw new ParseError(`line ${r + 2}: model name is empty`);
			});

			const snapshots = scoreColumns.flatMap(({ category, i }): ParsedSnapshot[] => {
				const present: { model: string; score: number }[] = [];
				table.rows.forEach((cells, r) => {
					const score = cellNumber(cells[i]);
					if (score === null) return;
					if (Number.isNaN(score)) throw new ParseError(`line ${r + 2}: ${table.header[i]} ${JSON.stringify(cells[i])} is not a number`);
					present.push({ model: cellText(cells[model])!, score });
				});
				if (present.length === 0) return [];
				// The file lists text-board rows in the board's order (its finer, unrounded rating), then
				// coding-only models: rankRows breaks tied scores by that order only for a column that is in
				// score order, and gives the coding column's ties a shared rank.
				const ranking = rankRows(present.map((p) => ({ score: p.score, boardRank: null })));
				const rows = present.map((p, k): ParsedRow => ({ rowKey: p.model, rank: ranking.ranks[k], model: p.model, score: p.score }));
				return [
					{
						board: boardOf(category),
						publishedAsOf: null,
						feed: 'third-party',
						rankSemantics: ranking.semantics,
						adjustment: null,
						methodVersion: null,
						rows,
						warnings: ranking.warnings
					}
				];
			});
			if (snapshots.length === 0) throw new ParseError('empty: every score cell is blank');
			return snapshots;
		}
	};
}

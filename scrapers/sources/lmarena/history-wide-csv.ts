import type { ParsedSnapshot } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import { parseCsv, rankByScore } from '../../parse-helpers';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';

const DATE_CELL = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * A wide rating history (one row per elo_results pkl date `YYYYMMDD`, one column per model key,
 * `0.0` = not on the board that day), e.g. nakasyou/lmarena-history: one snapshot per date.
 */
export function historyWideCsvFormat(board: string): SnapshotFormat {
	return {
		name: 'history-wide-csv',
		description: 'wide CSV of overall ratings per pkl date (YYYYMMDD rows × model-key columns; 0 = absent)',
		detect(doc) {
			const firstLine = doc.text.slice(0, 4000).split(/\r?\n/)[0] ?? '';
			const secondLine = doc.text.slice(0, 200_000).split(/\r?\n/)[1] ?? '';
			return firstLine.startsWith(',') && DATE_CELL.test(secondLine.split(',')[0] ?? '');
		},
		parse(doc) {
			const { header, rows } = parseCsv(doc.text, { terminated: true });
			const models = header.slice(1);
			if (models.length === 0) throw new ParseError('layout changed: no model columns');
			return rows.map((cells, i): ParsedSnapshot => {
				const m = (cells[0] ?? '').trim().match(DATE_CELL);
				if (!m) throw new ParseError(`line ${i + 2}: first cell ${JSON.stringify(cells[0])} is not a YYYYMMDD date`);
				const present = models
					.map((model, c) => ({ model, score: Number(cells[c + 1]) }))
					.filter((r) => {
						if (Number.isNaN(r.score)) throw new ParseError(`line ${i + 2}: rating of ${r.model} is not a number`);
						return r.score > 0;
					});
				return {
					board,
					publishedAsOf: `${m[1]}-${m[2]}-${m[3]}`,
					feed: 'hf-space',
					rankSemantics: 'computed',
					adjustment: 'none',
					methodVersion: null,
					rows: rankByScore(present).map((r) => ({ rowKey: r.model, rank: r.rank, model: r.model, score: r.score })),
					warnings: []
				};
			});
		}
	};
}

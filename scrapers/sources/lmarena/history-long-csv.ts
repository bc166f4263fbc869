import { isIsoDate, type Adjustment, type ParsedRow, type ParsedSnapshot } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import { cellText, isSequentialRanking, optionalColumn, parseCsv, requireColumns, requireNumber } from '../../parse-helpers';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { parseCiPlusMinus, parsePlusMinus, parseVotes, seriesBoard } from './shared';

const HEADER = /^\s*"?date"?\s*,\s*"?rank"?\s*,\s*"?model"?\s*,/i;

/** `±7` → [7, 7]; `+6/-5` → [6, 5]; blank → null. */
function ciHalves(cell: string | undefined, line: number): { plus: number; minus: number } | null {
	const pm = parsePlusMinus(cell);
	if (pm !== null) return { plus: pm, minus: pm };
	return parseCiPlusMinus(cell ?? '', line);
}

function readRow(cells: string[], cols: Record<'rank' | 'model' | 'score', number>, opt: Record<'ci' | 'votes' | 'org' | 'lic', number | null>, line: number): ParsedRow {
	const model = cellText(cells[cols.model]);
	if (!model) throw new ParseError(`line ${line}: model name is empty`);
	const score = requireNumber(cells[cols.score], 'score', line);
	const ci = opt.ci !== null ? ciHalves(cells[opt.ci], line) : null;
	return {
		rowKey: model,
		rank: requireNumber(cells[cols.rank], 'rank', line),
		model,
		organization: opt.org !== null ? cellText(cells[opt.org]) : null,
		license: opt.lic !== null ? cellText(cells[opt.lic]) : null,
		score,
		ciLower: ci ? score - ci.minus : null,
		ciUpper: ci ? score + ci.plus : null,
		votes: opt.votes !== null ? parseVotes(cells[opt.votes], line) : null
	};
}

/**
 * A long-format history people publish when they scrape the arena.ai page every day: one row per
 * date and model (`date,rank,model,score,ci95,votes,organization,license`). Each date is a snapshot;
 * a date written in several blocks is one snapshot of all its rows (the storage's duplicate rules
 * then collapse repeats and flag clashes). A date whose rows cannot be read is rejected on its own,
 * with the line that failed, and the good dates still import.
 */
export function historyLongCsvFormat(board: string, view: Adjustment): SnapshotFormat {
	return {
		name: 'history-long-csv',
		description: 'long-format history CSV (date, rank, model, score, ci95, votes, organization, license: one row per date and model)',
		detect: (doc) => HEADER.test(doc.text.slice(0, 200)),
		parse(doc) {
			const table = parseCsv(doc.text, { terminated: true, shortRows: 'blank' });
			const cols = requireColumns(table.header, { date: 'date', rank: 'rank', model: 'model', score: ['score', 'arena_score', 'rating'] });
			const opt = {
				ci: optionalColumn(table.header, 'ci95') ?? optionalColumn(table.header, '95_pct_ci'),
				votes: optionalColumn(table.header, 'votes'),
				org: optionalColumn(table.header, 'organization'),
				lic: optionalColumn(table.header, 'license')
			};
			const width = table.header.length;
			const short = new Set(table.shortLines);
			const byDate = new Map<string, { rows: ParsedRow[]; error: string | null }>();
			const undated: number[] = [];
			table.rows.forEach((cells, i) => {
				const line = i + 2;
				const date = (cells[cols.date] ?? '').trim();
				if (!isIsoDate(date)) return void undated.push(line);
				const block = byDate.get(date) ?? { rows: [], error: null };
				byDate.set(date, block);
				if (block.error) return;
				try {
					if (short.has(line) || cells.length > width)
						throw new ParseError(`line ${line} has ${short.has(line) ? 'fewer' : 'more'} cells than the header's ${width}: its columns are shifted`);
					block.rows.push(readRow(cells, cols, opt, line));
				} catch (e) {
					if (!(e instanceof ParseError)) throw e;
					block.error = e.message;
				}
			});
			if (byDate.size === 0) throw new ParseError(undated.length ? `no line has a YYYY-MM-DD date (first: line ${undated[0]})` : 'empty: the history has no rows');
			const warnings = undated.length ? [`${undated.length} line(s) without a YYYY-MM-DD date were left out (first: line ${undated[0]})`] : [];
			return [...byDate].map(([date, block]): ParsedSnapshot => ({
				board: seriesBoard(board, null, view),
				publishedAsOf: date,
				feed: 'third-party',
				rankSemantics: isSequentialRanking(block.rows.map((r) => r.rank)) ? 'ordinal' : 'ub',
				adjustment: view,
				methodVersion: null,
				rows: block.error ? [] : block.rows,
				warnings,
				...(block.error ? { rejected: `${date}: ${block.error}` } : {})
			}));
		}
	};
}

import type { ExtraValue, ParsedRow, ParsedSnapshot } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import { assertRows, cellNumber, cellText, optionalColumn, parseCsv, rankByScore, requireColumns } from '../../parse-helpers';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { BENCHMARKS } from './benchmarks';

const HEADER = /(^|[\s",])Model"?\s*,\s*"?Percent correct"?\s*,/i;

// The page's row toggle (▶/▼) and other pictographs leak into captured cells; the name is what is left.
const GLYPHS = /[\u2190-\u21ff\u25a0-\u25ff\u2600-\u27bf]/g;

/** A captured cell's text with toggles dropped and its lines joined: recognisably the name the page shows. */
export function cleanModelCell(cell: string): string {
	return cell.replace(GLYPHS, ' ').replace(/\s+/g, ' ').trim();
}

function numberCell(cell: string | undefined, what: string, row: number, required: boolean): number | null {
	const n = cellNumber(cell);
	if (Number.isNaN(n) || (required && n === null))
		throw new ParseError(`row ${row}: ${what} ${JSON.stringify(cellText(cell) ?? '')} is not a number`);
	return n;
}

/**
 * A third-party capture of the aider.chat polyglot table as CSV (Model, Percent correct, Cost, Command,
 * Correct edit format, Edit Format, plus whatever the toggle column became), cells full of line breaks.
 * The page shows no run id, and one display name can be run in several edit formats, so the row key is
 * the cleaned name plus the edit format. Rank is computed by percent correct, ties in page order.
 */
export function pageCsvFormat(): SnapshotFormat {
	return {
		name: 'page-table-csv',
		description: 'CSV capture of the aider.chat polyglot table (Model, Percent correct, Cost, Command, Correct edit format, Edit Format); multi-line cells cleaned',
		detect: (doc) => HEADER.test(doc.text.slice(0, 400)),
		parse(doc): ParsedSnapshot[] {
			const table = parseCsv(doc.text);
			const cols = requireColumns(table.header, { model: 'model', score: 'percent correct' });
			const format = optionalColumn(table.header, 'edit format');
			const cost = optionalColumn(table.header, 'cost', 'total cost');
			const command = optionalColumn(table.header, 'command');
			const wellFormed = optionalColumn(table.header, 'correct edit format');
			const rows: (Omit<ParsedRow, 'rank'> & { score: number })[] = [];
			table.rows.forEach((cells, i) => {
				const row = i + 1;
				// Spacer or expanded-detail rows of the page carry neither a name nor a score.
				if (cells.every((c) => cleanModelCell(c) === '')) return;
				const model = cleanModelCell(cells[cols.model] ?? '');
				if (!model) throw new ParseError(`row ${row}: model name is empty`);
				const score = numberCell(cells[cols.score], 'percent correct', row, true)!;
				const editFormat = format !== null ? cellText(cells[format]) : null;
				const extras: Record<string, ExtraValue> = {};
				if (editFormat) extras.edit_format = editFormat;
				const cmd = command !== null ? cellText(cells[command]) : null;
				if (cmd) {
					extras.command = cmd;
					const effort = cmd.match(/--reasoning-effort[ =](\S+)/);
					if (effort) extras.reasoning_effort = effort[1];
				}
				// The page leaves the cost blank when the run recorded none.
				const usd = cost !== null ? numberCell(cells[cost], 'cost', row, false) : null;
				if (usd !== null) extras.total_cost = usd;
				const wf = wellFormed !== null ? numberCell(cells[wellFormed], 'correct edit format', row, false) : null;
				if (wf !== null) extras.percent_cases_well_formed = wf;
				if (cellText(cells[cols.model]) !== model) extras.model_cell = cellText(cells[cols.model]);
				rows.push({ rowKey: editFormat ? `${model} [${editFormat}]` : model, model, score, extras });
			});
			const ranked = rankByScore(rows, { tiesByOrder: true });
			assertRows(ranked, 'the captured table');
			return [
				{
					board: BENCHMARKS.polyglot.board,
					publishedAsOf: null,
					feed: 'third-party',
					rankSemantics: 'computed',
					adjustment: null,
					methodVersion: null,
					rows: ranked,
					warnings: []
				}
			];
		}
	};
}

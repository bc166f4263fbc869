import type { ExtraValue } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import { cellNumber, cellText, optionalColumn, parseCsv, requireColumns } from '../../parse-helpers';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { measured, rankedSnapshot, type AaModel } from './shared';

// Lenient on purpose: a capture whose other columns changed should be rejected by name, not go unrecognised.
const HEADER = /^\s*"?model"?\s*,[^\n]*intelligence index/i;

/** `57`, `24 E` (the page marks some values with an E), `--` (no value). */
function parseIndex(cell: string | undefined, line: number): { index: number | null; estimated: boolean } {
	const text = cellText(cell);
	if (text === null || /^-+$|^n\/a$/i.test(text)) return { index: null, estimated: false };
	const m = text.match(/^(\d+(?:\.\d+)?)\s*(E)?$/i);
	if (!m) throw new ParseError(`line ${line}: intelligence index ${JSON.stringify(cell)} is not a number`);
	return { index: Number(m[1]), estimated: !!m[2] };
}

/** `400k`, `1m`, `10m` → tokens (the page rounds: `262k` is 262,144). */
function contextTokens(text: string | null): number | null {
	const m = text?.match(/^(\d+(?:\.\d+)?)\s*([km])?$/i);
	if (!m) return null;
	const scale = m[2]?.toLowerCase() === 'm' ? 1_000_000 : m[2] ? 1_000 : 1;
	return Math.round(Number(m[1]) * scale);
}

function optionalNumber(cells: string[], col: number | null, what: string, line: number): number | null {
	if (col === null) return null;
	const n = cellNumber(cells[col]);
	if (Number.isNaN(n)) throw new ParseError(`line ${line}: ${what} ${JSON.stringify(cells[col])} is not a number`);
	return n;
}

/**
 * CSV captures of the rendered models leaderboard (artificialanalysis.ai/leaderboards/models), as a
 * third party scraped it in 2026: `Model,Context Window,Creator,Artificial Analysis Intelligence Index,
 * Blended USD/1M Tokens,Median Tokens/s,Latency First Answer Chunk (s),Further Analysis`. Icons are
 * stripped, so a reasoning and a non-reasoning variant can share a name (the pipeline keeps both).
 */
export const renderedTableCsvFormat: SnapshotFormat = {
	name: 'aa-rendered-table-csv',
	description: 'CSV capture of the Artificial Analysis models leaderboard page (Model, Context Window, Creator, Intelligence Index, price, speed, latency)',
	detect: (doc) => HEADER.test(doc.text.slice(0, 400)),
	parse(doc) {
		const { header, rows } = parseCsv(doc.text);
		const cols = requireColumns(header, { model: 'Model', index: ['Artificial Analysis Intelligence Index', 'Intelligence Index'] });
		const context = optionalColumn(header, 'Context Window');
		const creator = optionalColumn(header, 'Creator');
		const price = optionalColumn(header, 'Blended USD/1M Tokens');
		const speed = optionalColumn(header, 'Median Tokens/s');
		const latency = optionalColumn(header, 'Latency First Answer Chunk (s)');
		const models = rows.map((cells, i): AaModel => {
			const line = i + 2;
			const model = cellText(cells[cols.model]);
			if (!model) throw new ParseError(`line ${line}: model name is empty`);
			const { index, estimated } = parseIndex(cells[cols.index], line);
			const contextText = context !== null ? cellText(cells[context]) : null;
			const extras: Record<string, ExtraValue> = {
				context_window: contextText,
				context_window_tokens: contextTokens(contextText),
				price_blended_usd_1m: optionalNumber(cells, price, 'blended price', line),
				output_tokens_per_second: measured(optionalNumber(cells, speed, 'median tokens/s', line)),
				first_answer_token_seconds: measured(optionalNumber(cells, latency, 'latency', line))
			};
			if (estimated) extras.index_estimated = true;
			return { rowKey: model, model, organization: creator !== null ? cellText(cells[creator]) : null, index, extras };
		});
		// The page names no index version, so it cannot be told here (see index-version.ts).
		return [rankedSnapshot(models, { feed: 'third-party', methodVersion: null, what: 'the leaderboard table' })];
	}
};

import type { ParsedRow } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import { assertRows, cellText, isSequentialRanking, optionalColumn, parseCsv, rankIntervalsFromCi, requireColumns, requireNumber, type CsvTable } from '../../parse-helpers';
import type { InputDocument, SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { parseCiPlusMinus, parseVotes } from './shared';

// Both files share one header (HF-space table and the pkl pipeline) but not its meaning; see PROVENANCE.
function isArenaTableHeader(header: string[]): boolean {
	const h = header.map((c) => c.toLowerCase());
	return h.includes('rank') && h.includes('model') && h.includes('95_pct_ci') && (h.includes('arena_score') || h.includes('arena_elo'));
}

function hasArenaHeader(doc: InputDocument): boolean {
	const firstLine = doc.text.slice(0, doc.text.indexOf('\n') >>> 0);
	return isArenaTableHeader(firstLine.split(',').map((c) => c.trim()));
}

function tryTable(doc: InputDocument): CsvTable | null {
	try {
		return parseCsv(doc.text, { terminated: true });
	} catch {
		return null;
	}
}

function rankColumn(table: CsvTable): number[] {
	const i = table.header.findIndex((h) => h.toLowerCase() === 'rank');
	return table.rows.map((r) => Number(r[i]));
}

/**
 * Reads one arena table. `rankFrom` names the column that holds the board's upper-bound rank:
 * `rank` in the HF-space table, `rank_stylectrl` in the pkl files (whose `rank` is just the row number).
 */
function parseArenaTable(table: CsvTable, rankFrom: 'rank' | 'rank_stylectrl'): ParsedRow[] {
	const cols = requireColumns(table.header, {
		rank: rankFrom,
		model: 'model',
		score: ['arena_score', 'arena_elo'],
		ci: '95_pct_ci',
		votes: 'votes'
	});
	const org = optionalColumn(table.header, 'organization');
	const lic = optionalColumn(table.header, 'license');
	const cutoff = optionalColumn(table.header, 'knowledge_cutoff');
	const url = optionalColumn(table.header, 'url');
	const rowNumber = rankFrom === 'rank_stylectrl' ? optionalColumn(table.header, 'rank') : null;
	const styleRank = rankFrom === 'rank' ? optionalColumn(table.header, 'rank_stylectrl') : null;

	const rows = table.rows.map((r, i): ParsedRow => {
		const line = i + 2;
		const model = cellText(r[cols.model]);
		if (!model) throw new ParseError(`line ${line}: model name is empty`);
		const score = requireNumber(r[cols.score], 'score', line);
		const ci = parseCiPlusMinus(r[cols.ci] ?? '', line);
		const extras: ParsedRow['extras'] = {};
		if (styleRank !== null) extras.rank_style_control = requireNumber(r[styleRank], 'rank_stylectrl', line);
		if (rowNumber !== null) extras.row_number = requireNumber(r[rowNumber], 'row number', line);
		if (cutoff !== null && cellText(r[cutoff])) extras.knowledge_cutoff = cellText(r[cutoff]);
		if (url !== null && cellText(r[url])) extras.url = cellText(r[url]);
		return {
			rowKey: model,
			rank: requireNumber(r[cols.rank], rankFrom, line),
			model,
			organization: org === null ? null : cellText(r[org]),
			license: lic === null ? null : cellText(r[lic]),
			score,
			ciLower: ci ? score - ci.minus : null,
			ciUpper: ci ? score + ci.plus : null,
			votes: parseVotes(r[cols.votes], line),
			extras
		};
	});
	assertRows(rows, 'the arena table');
	const intervals = rankIntervalsFromCi(rows.map((r) => ({ ciLower: r.ciLower ?? null, ciUpper: r.ciUpper ?? null })));
	rows.forEach((r, i) => {
		const iv = intervals[i];
		if (iv) {
			r.rankLower = Math.min(r.rank, iv.best);
			r.rankUpper = Math.max(r.rank, iv.worst);
		}
	});
	return rows;
}

/** The HF-space Gradio table (fboulnois `lmsys.csv`): `rank` is the board's upper-bound rank, with ties. */
export function hfspaceCsvFormat(board: string): SnapshotFormat {
	return {
		name: 'hfspace-csv',
		description: 'HF-space leaderboard table as CSV (rank = upper-bound rank with ties; three header generations)',
		// Also claims arena tables too broken to read, so the parser can say what is wrong with them.
		detect(doc) {
			if (!hasArenaHeader(doc)) return false;
			const t = tryTable(doc);
			return !t || t.rows.length === 0 || !isSequentialRanking(rankColumn(t));
		},
		parse(doc) {
			const table = parseCsv(doc.text, { terminated: true });
			return [
				{
					board,
					publishedAsOf: null,
					feed: 'hf-space',
					rankSemantics: 'ub',
					adjustment: 'none',
					methodVersion: null,
					rows: parseArenaTable(table, 'rank'),
					warnings: []
				}
			];
		}
	};
}

/** CSV built from the HF space's elo_results pkl: `rank` is the row number, `rank_stylectrl` the upper-bound rank. */
export function pklCsvFormat(board: string): SnapshotFormat {
	return {
		name: 'pkl-csv',
		description: 'CSV from elo_results pkl (rank = row number 1..N; rank_stylectrl = upper-bound rank of raw scores)',
		detect(doc) {
			if (!hasArenaHeader(doc)) return false;
			const t = tryTable(doc);
			return !!t && t.rows.length > 0 && t.header.includes('rank_stylectrl') && isSequentialRanking(rankColumn(t));
		},
		parse(doc) {
			const table = parseCsv(doc.text, { terminated: true });
			if (!table.header.includes('rank_stylectrl')) throw new ParseError('layout changed: no column "rank_stylectrl"');
			return [
				{
					board,
					publishedAsOf: null,
					feed: 'hf-space',
					rankSemantics: 'ub',
					adjustment: 'none',
					methodVersion: null,
					rows: parseArenaTable(table, 'rank_stylectrl'),
					warnings: []
				}
			];
		}
	};
}

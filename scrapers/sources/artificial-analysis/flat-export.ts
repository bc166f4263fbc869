import type { ExtraValue } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import { cellNumber, cellText, optionalColumn, parseCsv, requireColumns } from '../../parse-helpers';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { inferredVersion, statedVersion } from './index-version';
import { evaluationExtras, INTELLIGENCE_INDEX, measured, rankedSnapshot, type AaModel } from './shared';

const EVAL_PREFIX = 'eval_';

function numberAt(cells: string[], col: number | null, header: string[], line: number): number | null {
	if (col === null) return null;
	const n = cellNumber(cells[col]);
	if (Number.isNaN(n)) throw new ParseError(`line ${line}: ${header[col]} ${JSON.stringify(cells[col])} is not a number`);
	return n;
}

/**
 * The API's models list flattened to CSV by a third party (project-soothsayer, 2026): `id,name,
 * pricing_price_1m_…,eval_<evaluation>,…`, one column per nested field, `<block>_<field>`. The id is
 * the row key where present. Filed as third-party: the export is someone else's selection and
 * flattening of the API (it drops the creator), not the API's own answer.
 */
export const flatExportCsvFormat: SnapshotFormat = {
	name: 'aa-api-flat-csv',
	description: 'API-style CSV export (id, name, pricing_*, eval_artificial_analysis_intelligence_index, eval_*), e.g. project-soothsayer',
	detect: (doc) => /eval_artificial_analysis_intelligence_index/i.test(doc.text.split('\n', 1)[0]),
	parse(doc) {
		const { header, rows } = parseCsv(doc.text);
		const lower = header.map((h) => h.toLowerCase());
		const cols = requireColumns(header, { name: 'name', index: `${EVAL_PREFIX}${INTELLIGENCE_INDEX}` });
		const col = {
			id: optionalColumn(header, 'id'),
			slug: optionalColumn(header, 'slug'),
			releaseDate: optionalColumn(header, 'release_date'),
			creator: optionalColumn(header, 'model_creator_name', 'creator_name', 'creator'),
			creatorId: optionalColumn(header, 'model_creator_id', 'creator_id'),
			creatorSlug: optionalColumn(header, 'model_creator_slug', 'creator_slug'),
			version: optionalColumn(header, 'intelligence_index_version'),
			blended: optionalColumn(header, 'pricing_price_1m_blended_3_to_1', 'price_1m_blended_3_to_1'),
			input: optionalColumn(header, 'pricing_price_1m_input_tokens', 'price_1m_input_tokens'),
			output: optionalColumn(header, 'pricing_price_1m_output_tokens', 'price_1m_output_tokens'),
			speed: optionalColumn(header, 'median_output_tokens_per_second', 'performance_median_output_tokens_per_second'),
			firstToken: optionalColumn(header, 'median_time_to_first_token_seconds', 'performance_median_time_to_first_token_seconds'),
			firstAnswer: optionalColumn(header, 'median_time_to_first_answer_token', 'performance_median_time_to_first_answer_token')
		};
		const evalCols = lower.flatMap((h, i) => (h.startsWith(EVAL_PREFIX) ? [{ key: h.slice(EVAL_PREFIX.length), i }] : []));
		const text = (cells: string[], c: number | null) => (c !== null ? cellText(cells[c]) : null);

		const parsed = rows.map((cells, r) => {
			const line = r + 2;
			const name = cellText(cells[cols.name]);
			if (!name) throw new ParseError(`line ${line}: model name is empty`);
			const evaluations = Object.fromEntries(evalCols.map(({ key, i }) => [key, numberAt(cells, i, header, line)]));
			const extras: Record<string, ExtraValue> = {
				slug: text(cells, col.slug),
				creator_id: text(cells, col.creatorId),
				creator_slug: text(cells, col.creatorSlug),
				release_date: text(cells, col.releaseDate),
				...evaluationExtras(evaluations),
				price_blended_usd_1m: numberAt(cells, col.blended, header, line),
				price_input_usd_1m: numberAt(cells, col.input, header, line),
				price_output_usd_1m: numberAt(cells, col.output, header, line),
				output_tokens_per_second: measured(numberAt(cells, col.speed, header, line)),
				first_token_seconds: measured(numberAt(cells, col.firstToken, header, line)),
				first_answer_token_seconds: measured(numberAt(cells, col.firstAnswer, header, line))
			};
			const model: AaModel = {
				rowKey: text(cells, col.id) ?? name,
				model: name,
				organization: text(cells, col.creator),
				index: evaluations[INTELLIGENCE_INDEX],
				extras
			};
			return { model, evaluations, version: statedVersion(text(cells, col.version)) };
		});
		const stated = new Set(parsed.map((p) => p.version));
		const methodVersion =
			stated.size === 1 && !stated.has(null) ? [...stated][0] : inferredVersion(parsed.map((p) => ({ index: p.model.index, evaluations: p.evaluations })));
		return [rankedSnapshot(parsed.map((p) => p.model), { feed: 'third-party', methodVersion, what: 'the export' })];
	}
};

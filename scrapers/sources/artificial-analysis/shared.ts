import type { ExtraValue, Feed, ParsedRow, ParsedSnapshot } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import { rankByScore } from '../../parse-helpers';

export const BOARD = 'artificial-analysis';

/** One model as a feed lists it, before ranking; `index` is null when the feed shows no index value. */
export interface AaModel {
	rowKey: string;
	model: string;
	organization: string | null;
	index: number | null;
	extras: Record<string, ExtraValue>;
}

/**
 * Ranks by the Intelligence Index, best first. Equal index values share a rank (competition ranking,
 * 1, 2, 2, 4): the board gives no rank of its own, and the rendered page rounds the index to whole
 * points, so its order among equal values is not a published ranking. Models listed without an index
 * value are left out with a warning: the board itself places them below every scored model.
 */
export function rankedSnapshot(models: AaModel[], opts: { feed: Feed; methodVersion: string | null; what: string }): ParsedSnapshot {
	const scored = models.filter((m): m is AaModel & { index: number } => m.index !== null);
	if (scored.length === 0) {
		if (models.length === 0) throw new ParseError(`empty: ${opts.what} lists no models`);
		throw new ParseError(`empty: none of the ${models.length} models in ${opts.what} has an Intelligence Index value`);
	}
	const unscored = models.length - scored.length;
	const rows = rankByScore(scored.map((m) => ({ ...m, score: m.index }))).map(
		(m): ParsedRow => ({
			rowKey: m.rowKey,
			rank: m.rank,
			model: m.model,
			organization: m.organization,
			score: m.score,
			// Null means "not given" whether the feed has no such column or left the cell empty.
			extras: Object.fromEntries(Object.entries(m.extras).filter(([, v]) => v !== null))
		})
	);
	return {
		board: BOARD,
		publishedAsOf: null,
		feed: opts.feed,
		rankSemantics: 'computed',
		adjustment: null,
		methodVersion: opts.methodVersion,
		rows,
		warnings: unscored > 0 ? [`${unscored} model(s) listed without an Intelligence Index value were left out of the ranking`] : []
	};
}

/**
 * Extras named the same whatever the feed: `coding_index`, `math_index` (and any other
 * `artificial_analysis_*_index`), the rest `eval_<name>` as the API spells it (fractions 0–1).
 */
export function evaluationExtras(evaluations: Record<string, number | null>): Record<string, ExtraValue> {
	const out: Record<string, ExtraValue> = {};
	for (const [key, value] of Object.entries(evaluations)) {
		if (key === INTELLIGENCE_INDEX) continue;
		const index = key.match(/^artificial_analysis_([a-z0-9_]+)_index$/);
		out[index ? `${index[1]}_index` : `eval_${key}`] = value;
	}
	return out;
}

export const INTELLIGENCE_INDEX = 'artificial_analysis_intelligence_index';

/** Speed and latency of 0 mean "not measured" (no API endpoint benchmarked): no model streams at 0 tokens/s. */
export function measured(n: number | null): number | null {
	return n !== null && n > 0 ? n : null;
}

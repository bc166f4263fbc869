import type { ExtraValue } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { inferredVersion, statedVersion } from './index-version';
import { evaluationExtras, INTELLIGENCE_INDEX, measured, rankedSnapshot, type AaModel } from './shared';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Reads the API body; a cut-off download is the common failure, so say so. */
export function readApiBody(raw: string): Json & { data: unknown[] } {
	let body: unknown;
	try {
		body = JSON.parse(raw);
	} catch (e) {
		throw new ParseError(`truncated or invalid JSON: ${(e as Error).message}`);
	}
	if (!isObject(body) || !Array.isArray(body.data)) throw new ParseError('layout changed: the response has no "data" array of models');
	return body as Json & { data: unknown[] };
}

/** Numbers of an object (`evaluations`, `pricing`); anything else (null, text) reads as null. */
function numbers(v: unknown): Record<string, number | null> {
	if (!isObject(v)) return {};
	return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, finite(x)]));
}

/**
 * The version the response states: the top-level `intelligence_index_version` of the paged
 * `/language/models/free` answer (`4.3` → `v4.3`), or one shared by every model; else read from the evaluations.
 */
function methodVersion(body: Json, entries: Json[], evaluations: Record<string, number | null>[], indexes: (number | null)[]): string | null {
	const top = statedVersion(body.intelligence_index_version);
	if (top) return top;
	const perModel = new Set(entries.map((e) => statedVersion(e.intelligence_index_version)));
	if (perModel.size === 1 && !perModel.has(null)) return [...perModel][0];
	return inferredVersion(evaluations.map((e, i) => ({ index: indexes[i], evaluations: e })));
}

/**
 * The API v2 models list. Current: `GET /api/v2/language/models/free`, `{tier, intelligence_index_version,
 * pagination, data: [{id, name, slug, release_date, model_creator: {id, name, slug}, evaluations:
 * {artificial_analysis_intelligence_index, …}, pricing: {price_1m_input_tokens, …}, performance:
 * {median_output_tokens_per_second, …}}]}`, its pages joined by the fetch. Retired on 2026-11-04 but kept
 * for recorded files: `GET /api/v2/data/llms/models`, `{status, prompt_options, data}` with the speed
 * fields at the model's top level. The model id is the row key (AA documents ids as stable, names and
 * slugs as changeable).
 */
export const apiJsonFormat: SnapshotFormat = {
	name: 'aa-api-json',
	description: 'Artificial Analysis API v2 models JSON (/language/models/free, or the retired /data/llms/models: {data: [{id, name, model_creator, evaluations, pricing, …}]}), keyed by model id',
	detect: (doc) => /^\s*\{/.test(doc.text) && /"(model_creator|artificial_analysis_intelligence_index)"/.test(doc.text.slice(0, 20_000)),
	parse(doc) {
		const body = readApiBody(doc.text);
		const entries = body.data.map((e, i) => {
			if (!isObject(e)) throw new ParseError(`model ${i + 1}: not an object`);
			return e;
		});
		const evaluations = entries.map((e) => numbers(e.evaluations));
		const indexes = entries.map((e, i) => {
			const raw = isObject(e.evaluations) ? e.evaluations[INTELLIGENCE_INDEX] : undefined;
			if (raw === undefined || raw === null) return null;
			const n = finite(raw);
			if (n === null) throw new ParseError(`model ${i + 1} (${JSON.stringify(text(e.name) ?? '')}): intelligence index ${JSON.stringify(raw)} is not a number`);
			return n;
		});
		const models = entries.map((e, i): AaModel => {
			const name = text(e.name);
			if (!name) throw new ParseError(`model ${i + 1}: "name" is missing`);
			const creator = isObject(e.model_creator) ? e.model_creator : {};
			const pricing = numbers(e.pricing);
			const speed = { ...numbers(e), ...numbers(e.performance) };
			const extras: Record<string, ExtraValue> = {
				slug: text(e.slug),
				creator_id: text(creator.id),
				creator_slug: text(creator.slug),
				release_date: text(e.release_date),
				...evaluationExtras(evaluations[i]),
				price_blended_usd_1m: pricing.price_1m_blended_3_to_1 ?? null,
				price_input_usd_1m: pricing.price_1m_input_tokens ?? null,
				price_output_usd_1m: pricing.price_1m_output_tokens ?? null,
				output_tokens_per_second: measured(speed.median_output_tokens_per_second ?? null),
				first_token_seconds: measured(speed.median_time_to_first_token_seconds ?? null),
				first_answer_token_seconds: measured(speed.median_time_to_first_answer_token ?? speed.median_time_to_first_answer_token_seconds ?? null)
			};
			return { rowKey: text(e.id) ?? name, model: name, organization: text(creator.name), index: indexes[i], extras };
		});
		return [
			rankedSnapshot(models, {
				feed: 'official-dataset',
				methodVersion: methodVersion(body, entries, evaluations, indexes),
				what: 'the API response'
			})
		];
	}
};

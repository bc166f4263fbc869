/**
 * Which generation of the Intelligence Index a feed's numbers belong to, as a sortable
 * `methodVersion` (`v4`, `v4.1`). Version 4.0 (live 2026-01-06) rescaled the index (the top model
 * fell from 73 to about 50), so a change of version is a methodology annotation, never a real move.
 */

/** Evaluations that entered the index with v4.0. */
const V4_ONLY = /gdpval|omniscience|critpt/;
/** Evaluations the v3 index averaged and v4.0 dropped; AA stopped running them for new models. */
const DROPPED_IN_V4 = ['mmlu_pro', 'livecodebench', 'aime_25'];

export interface EvaluatedModel {
	index: number | null;
	/** Per-evaluation scores keyed as the API names them (`mmlu_pro`, `gpqa`, …). */
	evaluations: Record<string, number | null>;
}

/** `4`, `4.0`, `"4.1"`, `"v4.0.4"` → `v4`, `v4`, `v4.1`, `v4.0.4`; null when absent or unreadable. */
export function statedVersion(value: unknown): string | null {
	const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
	const m = text.match(/^v?(\d+(?:\.\d+)*)$/i);
	return m ? `v${m[1].replace(/(\.0)+$/, '')}` : null;
}

/**
 * The version read from the evaluations themselves, only on positive evidence of v4: a scored model
 * with a v4-only evaluation (GDPval-AA, AA-Omniscience, CritPt), or — in a feed that does report the
 * v3-only evaluations — a scored model with none of MMLU-Pro, LiveCodeBench and AIME 2025, which a v3
 * index could not have been computed without. Otherwise null: old models keep their legacy scores
 * under v4, so a file where every scored model has them could be either generation.
 */
export function inferredVersion(models: EvaluatedModel[]): string | null {
	const scored = models.filter((m) => m.index !== null);
	const has = (m: EvaluatedModel, key: string) => typeof m.evaluations[key] === 'number';
	if (scored.some((m) => Object.keys(m.evaluations).some((k) => V4_ONLY.test(k) && has(m, k)))) return 'v4';
	const reportsV3Evals = models.some((m) => DROPPED_IN_V4.some((k) => has(m, k)));
	if (reportsV3Evals && scored.some((m) => DROPPED_IN_V4.every((k) => !has(m, k)))) return 'v4';
	return null;
}

import type { ExtraValue } from '../../../src/lib/snapshots/snapshot';
import { readJsLiteral, type JsValue } from './js-literal';

/**
 * livebench.ai's page does not show every row of its table. Its code carries a model list (key →
 * {organization, displayName, …, variants: [{rawName, …}], finetune: {…}}) and, by default, shows
 * only rows whose model the list names, leaves fine-tunes out (the new site's "Include finetunes"),
 * and of a model's variants (`gpt-5-high`, `gpt-5-low`, …) only the best-scoring one. We keep every
 * row and say which ones the site hides, and why, as extras.
 */

/** What the page knows of one table key: the listed model it belongs to, and whether that is a fine-tune. */
export interface SiteModel {
	base: string;
	finetune: boolean;
}
export type SiteModels = Record<string, SiteModel>;

/** The companion a live fetch hands the table parser: the site's model list, as read from its code. */
export const SITE_MODELS_COMPANION = 'livebench-site-models.json';

/** An object literal whose entries are objects naming an organization or display name: the model list. */
const LIST_START = /\{\s*"[^"\\]{1,200}"\s*:\s*\{(?=[^{}]{0,2000}?\b(?:organization|displayName)\s*:)/g;
const MIN_ENTRIES = 5;

type JsObject = { [key: string]: JsValue };
const isObject = (v: JsValue): v is JsObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function entriesOf(list: JsObject): SiteModels {
	const models: SiteModels = {};
	for (const [key, entry] of Object.entries(list)) {
		if (!isObject(entry)) continue;
		const finetune = isObject(entry.finetune) || entry.finetune === true;
		models[key] = { base: key, finetune };
		for (const variant of Array.isArray(entry.variants) ? entry.variants : [])
			if (isObject(variant) && typeof variant.rawName === 'string' && !Object.hasOwn(models, variant.rawName))
				models[variant.rawName] = { base: key, finetune };
	}
	return models;
}

/** The site's model list in its code (the largest such literal), or null when the code carries none. */
export function siteModelList(code: string): SiteModels | null {
	let best: SiteModels | null = null;
	let bestSize = 0;
	for (const m of code.matchAll(LIST_START)) {
		const literal = readJsLiteral(code, m.index);
		if (!isObject(literal)) continue;
		const listed = Object.values(literal).filter((e) => isObject(e) && (typeof e.organization === 'string' || typeof e.displayName === 'string'));
		if (listed.length < MIN_ENTRIES || listed.length < bestSize) continue;
		best = entriesOf(literal);
		bestSize = listed.length;
	}
	return best;
}

/**
 * Per row, in table order: whether the page hides it by default and why. `scores` are the rows' Global
 * Averages (null: the page cannot place the row at all, so it is not told here).
 */
export function hiddenByDefault(rows: { model: string; score: number | null }[], list: SiteModels): Record<string, ExtraValue>[] {
	const reasons: (string | null)[] = rows.map((r) => {
		const known = Object.hasOwn(list, r.model) ? list[r.model] : null;
		if (!known) return 'not in the site’s model list';
		if (known.finetune) return 'a fine-tune of another model (shown with “Include finetunes”)';
		return null;
	});
	// Of the rows still shown, the page keeps the best score per listed model, the first one on a tie.
	const bestOf = new Map<string, number>();
	rows.forEach((r, i) => {
		if (reasons[i] !== null || r.score === null) return;
		const base = list[r.model].base;
		const best = bestOf.get(base);
		if (best === undefined || r.score > rows[best].score!) bestOf.set(base, i);
	});
	rows.forEach((r, i) => {
		if (reasons[i] === null && r.score !== null && bestOf.get(list[r.model].base) !== i)
			reasons[i] = `the site shows a better-scoring variant of ${list[r.model].base}: ${rows[bestOf.get(list[r.model].base)!].model}`;
	});
	return reasons.map((reason): Record<string, ExtraValue> => (reason === null ? { hidden_by_default: false } : { hidden_by_default: true, hidden_reason: reason }));
}

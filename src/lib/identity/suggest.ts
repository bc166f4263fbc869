/**
 * Fuzzy look-alikes for names the rules could not place. Suggestions only feed the review queue:
 * they never set a family (a similar spelling is exactly how gpt-4o and gpt-4o-mini look).
 */
import { trigrams, type Compiled } from './compile';
import { parseDateAt } from './dates';
import type { Token } from './normalize';
import type { Suggestion } from './types';

/** Below this a look-alike is noise. */
export const SUGGEST_THRESHOLD = 0.45;
const MAX_SUGGESTIONS = 3;

const NOISE = new Set([
	'instruct', 'it', 'chat', 'preview', 'exp', 'experimental', 'beta', 'latest', 'thinking', 'think', 'reasoning',
	'non', 'no', 'high', 'low', 'medium', 'minimal', 'xhigh', 'effort', 'max', 'diff', 'whole', 'fp8', 'bf16', 'hf', 'api'
]);

/** The words that can name a model: dates and settings removed. */
export function coreWords(tokens: readonly Token[]): string[] {
	const words = tokens.map((t) => t.text);
	const out: string[] = [];
	for (let i = 0; i < words.length; i++) {
		const d = parseDateAt(words, i);
		if (d) {
			i += d.consumed - 1;
			continue;
		}
		if (NOISE.has(words[i]) || /^\d{1,3}k$/.test(words[i])) continue;
		out.push(words[i]);
	}
	return out;
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	if (!a.size || !b.size) return 0;
	let both = 0;
	for (const x of a) if (b.has(x)) both++;
	return (2 * both) / (a.size + b.size);
}

/** Token overlap and character trigram overlap, averaged; best alias per family, best families first. */
export function suggestFamilies(tokens: readonly Token[], c: Compiled, threshold = SUGGEST_THRESHOLD): Suggestion[] {
	const words = coreWords(tokens);
	if (!words.length) return [];
	const key = words.join('');
	const set = new Set(words);
	const grams = trigrams(key);
	// Count shared trigrams through the index: aliases sharing none are never looked at.
	const shared = new Map<number, number>();
	for (const g of grams) for (const i of c.gramIndex.get(g) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
	const best = new Map<string, number>();
	for (const [i, n] of shared) {
		const e = c.suggest[i];
		const score = 0.5 * ((2 * n) / (grams.size + e.grams.size)) + 0.5 * dice(set, e.tokens);
		if (score > (best.get(e.family.id) ?? 0)) best.set(e.family.id, score);
	}
	return [...best.entries()]
		.filter(([, s]) => s >= threshold)
		.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
		.slice(0, MAX_SUGGESTIONS)
		.map(([family, score]) => ({ family, release: null, score: Math.round(score * 1000) / 1000 }));
}

/**
 * Reads what is left of a name once its family is known: dates, run settings and labels.
 * Every leftover token must be understood; one unknown word and the name is not this family
 * (`gpt-4o` + `mini` is not gpt-4o). That rule is what keeps tiers and sizes apart.
 *
 * Variant tags produced (stable strings, stored with resolutions):
 *   thinking, thinking:<budget|max|high|minimal|default|adaptive>, no-thinking,
 *   effort:<minimal|low|medium|high|xhigh|max>, experimental, preview, beta, latest, chat, chatgpt,
 *   instant, old, online, base, global, default, quality, precision:<fp8|bf16|fp16|q4|q8>,
 *   resolution:<2k|4k|high>, serving:<turbo|fast|lightning>, edit:<diff|whole|udiff|diff-fenced|architect>
 */
import { parseDateAt, type PartialDate } from './dates';
import type { Token } from './normalize';

const THINK_WORDS = new Set(['thinking', 'think', 'reasoning', 'reasoner', 'thinker']);
const NEGATIONS = new Set(['no', 'non', 'without']);
const EFFORTS = new Set(['minimal', 'low', 'medium', 'high', 'xhigh']);
const BUDGET = /^\d{1,3}k$/;

/**
 * Tags that say which build a name means rather than how it was run: a name carrying one only matches
 * a release that carries it too. (`chat`/`instant` are modes of a hybrid model for most labs; where
 * they name a different model — OpenAI's gpt-5-chat — the family reserves them with `requires`.)
 */
export const IDENTITY_TAGS = new Set([
	'experimental', 'preview', 'beta', 'latest', 'chatgpt', 'old', 'online', 'global', 'base'
]);

const TAG_WORDS: Record<string, string> = {
	exp: 'experimental',
	experimental: 'experimental',
	preview: 'preview',
	beta: 'beta',
	latest: 'latest',
	chat: 'chat',
	chatgpt: 'chatgpt',
	instant: 'instant',
	old: 'old',
	online: 'online',
	base: 'base',
	global: 'global'
};

const PRECISION = new Set(['fp8', 'bf16', 'fp16']);
const EDIT_FORMATS = new Set(['diff', 'whole', 'udiff', 'architect']);
/** Words that carry nothing once the family is known (`Instruct`, `-it`, `-hf`, Fireworks' `basic`). */
const SOFT = new Set(['instruct', 'it', 'hf', 'basic', 'api', 'tokens', 'mode', 'model']);

export interface RemainderResult {
	ok: boolean;
	variants: string[];
	/** One entry per date spelling; each entry lists that spelling's readings. */
	dates: PartialDate[][];
	labels: string[];
	/** Every word seen (for a release's `requires`), plus the variant tags. */
	concepts: Set<string>;
	unknown: string[];
}

export interface RemainderOptions {
	/** Release labels of the family (`002`, `v2`): accepted as words that pick a release. */
	labels: ReadonlySet<string>;
	/** Host/router words (`fal`, `together`): where the model ran, accepted anywhere after the family. */
	providers: ReadonlySet<string>;
	/** Organisation words, accepted inside parentheses / notes only ("Alibaba API"). */
	orgs: ReadonlySet<string>;
	/** The family's serving words (`turbo` for DeepSeek on Yupp): read as `serving:<word>`. */
	serving?: ReadonlySet<string>;
}

function push(list: string[], v: string) {
	if (!list.includes(v)) list.push(v);
}

/** Parses leftover tokens. Order matters only for multi-word settings ("32k think", "extra high"). */
export function parseRemainder(tokens: readonly Token[], opts: RemainderOptions): RemainderResult {
	const words = tokens.map((t) => t.text);
	const variants: string[] = [];
	const dates: PartialDate[][] = [];
	const labels: string[] = [];
	const unknown: string[] = [];
	const concepts = new Set<string>(words);
	let i = 0;
	const next = (k = 1) => words[i + k];
	while (i < words.length) {
		const w = words[i];
		const tok = tokens[i];

		if (opts.labels.has(w)) {
			push(labels, w);
			i++;
			continue;
		}
		const date = parseDateAt(words, i);
		if (date) {
			dates.push(date.readings);
			i += date.consumed;
			continue;
		}
		// "no think", "non-reasoning", "nothinking", "no-thinking"
		if (NEGATIONS.has(w) && next() !== undefined && THINK_WORDS.has(next()!)) {
			push(variants, 'no-thinking');
			i += 2;
			continue;
		}
		if (w === 'nothinking' || w === 'nonreasoning' || w === 'nothink') {
			push(variants, 'no-thinking');
			i++;
			continue;
		}
		// "32k think", "(32k thinking tokens)", "24k think"
		if (BUDGET.test(w) && next() !== undefined && THINK_WORDS.has(next()!)) {
			push(variants, 'thinking');
			push(variants, `thinking:${w}`);
			i += 2;
			continue;
		}
		// "highthinking" (LMArena gemini keys)
		const glued = /^(minimal|low|medium|high|max|default)thinking$/.exec(w);
		if (glued) {
			push(variants, 'thinking');
			push(variants, `thinking:${glued[1]}`);
			i++;
			continue;
		}
		// "Max Thinking", "default think", "extended thinking", "adaptive reasoning"
		if ((w === 'max' || w === 'default' || w === 'extended' || w === 'adaptive') && next() !== undefined && THINK_WORDS.has(next()!)) {
			push(variants, 'thinking');
			if (w !== 'extended') push(variants, `thinking:${w}`);
			i += 2;
			continue;
		}
		if (THINK_WORDS.has(w)) {
			push(variants, 'thinking');
			const n = next();
			// "thinking-32k", "thinking-minimal"
			if (n !== undefined && BUDGET.test(n)) {
				push(variants, `thinking:${n}`);
				i += 2;
				continue;
			}
			if (n === 'minimal' && (next(2) === undefined || next(2) === 'effort')) {
				push(variants, 'thinking:minimal');
				i += 2;
				continue;
			}
			i++;
			continue;
		}
		if (w === 'adaptive') {
			push(variants, 'thinking');
			push(variants, 'thinking:adaptive');
			i++;
			continue;
		}
		// Image boards: output size / quality settings.
		if (w === '2k' || w === '4k' || w === 'highres' || (w === 'high' && next() === 'res')) {
			push(variants, w === 'high' ? 'resolution:high' : `resolution:${w === 'highres' ? 'high' : w}`);
			i += w === 'high' ? 2 : 1;
			continue;
		}
		// "Extra High" = xhigh
		if (w === 'extra' && next() === 'high') {
			push(variants, 'effort:xhigh');
			i += 2;
			if (words[i] === 'effort') i++;
			continue;
		}
		if (EFFORTS.has(w)) {
			push(variants, `effort:${w}`);
			i++;
			if (words[i] === 'effort' || words[i] === 'reasoning') i++;
			continue;
		}
		// "max" is a tier (Qwen3 Max, Codex Max) unless it reads as a setting: "(max)", "Max Effort".
		if (w === 'max' && (tok.paren || next() === 'effort')) {
			push(variants, 'effort:max');
			i++;
			if (words[i] === 'effort') i++;
			continue;
		}
		if (w === 'default') {
			push(variants, 'default');
			i++;
			continue;
		}
		if (w in TAG_WORDS) {
			push(variants, TAG_WORDS[w]);
			i++;
			continue;
		}
		if (PRECISION.has(w)) {
			push(variants, `precision:${w}`);
			i++;
			continue;
		}
		if (EDIT_FORMATS.has(w)) {
			if (w === 'diff' && next() === 'fenced') {
				push(variants, 'edit:diff-fenced');
				i += 2;
				continue;
			}
			push(variants, `edit:${w}`);
			i++;
			continue;
		}
		// Local quantisation tags: "q8_0", "Q4_K_M" (ollama / GGUF runs).
		if (/^q\d$/.test(w)) {
			push(variants, `precision:${w}`);
			i++;
			while (i < words.length && /^(?:[0-9km]|gguf)$/.test(words[i])) i++;
			continue;
		}
		if (w === 'quality') {
			push(variants, 'quality');
			i++;
			continue;
		}
		// Aider's "(prev)": the build that was replaced — like `old`, never a known release.
		if (w === 'prev' || w === 'previous') {
			push(variants, 'old');
			i++;
			continue;
		}
		if (opts.serving?.has(w)) {
			push(variants, `serving:${w}`);
			i++;
			continue;
		}
		if (SOFT.has(w) || opts.providers.has(w) || (tok.paren && opts.orgs.has(w))) {
			i++;
			continue;
		}
		unknown.push(w);
		i++;
	}
	for (const v of variants) concepts.add(v);
	return { ok: unknown.length === 0, variants, dates, labels, concepts, unknown };
}

/** Variant tags from board extras (Aider `reasoning_effort`, `thinking_tokens`, `edit_format`). */
export function variantsFromExtras(extras: Record<string, unknown> | null | undefined): string[] {
	if (!extras) return [];
	const out: string[] = [];
	const effort = extras.reasoning_effort;
	if (typeof effort === 'string' && effort.trim()) {
		const e = effort.trim().toLowerCase();
		out.push(`effort:${e === 'extra high' ? 'xhigh' : e}`);
	}
	// Aider: 24576 / 32000 / 32768 tokens are "24k" / "32k" / "32k" budgets; 0 means thinking off.
	const think = typeof extras.thinking_tokens === 'string' ? extras.thinking_tokens.trim().toLowerCase() : extras.thinking_tokens;
	const tokens = typeof think === 'number' ? think : typeof think === 'string' && /^\d+$/.test(think) ? Number(think) : null;
	if (tokens === 0) out.push('no-thinking');
	else if (tokens !== null && tokens > 0) out.push('thinking', `thinking:${Math.floor(tokens / 1000)}k`);
	else if (typeof think === 'string' && think) out.push('thinking', `thinking:${think}`);
	const edit = extras.edit_format;
	if (typeof edit === 'string' && edit.trim()) out.push(`edit:${edit.trim().toLowerCase()}`);
	return out;
}

/** Sorted, de-duplicated variant list (stable output for storage and comparison). */
export function canonicalVariants(list: Iterable<string>): string[] {
	return [...new Set(list)].sort();
}

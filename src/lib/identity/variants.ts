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

/** What one rule read at the cursor: how many words it took and what they say (nothing: words to skip). */
interface Reading {
	consumed: number;
	variants?: string[];
	label?: string;
	date?: PartialDate[];
}

/** The word a rule is asked about, with what follows it and the family's vocabulary. */
interface Cursor {
	word: string;
	/** From a parenthesis or a note, where boards put settings. */
	paren: boolean;
	/** The word `k` places on, if any. */
	ahead(k?: number): string | undefined;
	words: readonly string[];
	at: number;
	opts: RemainderOptions;
}

/** A rule reads the words at the cursor, or passes (null). */
type Rule = (c: Cursor) => Reading | null;

const read = (consumed: number, ...variants: string[]): Reading => ({ consumed, variants });
const isThinkWord = (w: string | undefined) => w !== undefined && THINK_WORDS.has(w);
const GLUED_NEGATIONS = new Set(['nothinking', 'nonreasoning', 'nothink']);
const THINK_LEVEL_WORDS = new Set(['max', 'default', 'extended', 'adaptive']);

/**
 * The rules in the order they are tried; the first that reads the word wins. Order matters where a word
 * means more than one thing: a budget or a level before a bare thinking word ("32k think", "max
 * thinking"), `high res` before the effort `high`, `max` as a setting only after the thinking rules.
 */
const RULES: Rule[] = [
	// A release label of the family (`002`, `v2`): it picks a release.
	(c) => (c.opts.labels.has(c.word) ? { consumed: 1, label: c.word } : null),
	(c) => {
		const date = parseDateAt(c.words, c.at);
		return date ? { consumed: date.consumed, date: date.readings } : null;
	},
	// "no think", "non-reasoning", "nothinking", "no-thinking"
	(c) => (NEGATIONS.has(c.word) && isThinkWord(c.ahead()) ? read(2, 'no-thinking') : GLUED_NEGATIONS.has(c.word) ? read(1, 'no-thinking') : null),
	// "32k think", "(32k thinking tokens)", "24k think"
	(c) => (BUDGET.test(c.word) && isThinkWord(c.ahead()) ? read(2, 'thinking', `thinking:${c.word}`) : null),
	// "highthinking" (LMArena gemini keys)
	(c) => {
		const glued = /^(minimal|low|medium|high|max|default)thinking$/.exec(c.word);
		return glued ? read(1, 'thinking', `thinking:${glued[1]}`) : null;
	},
	// "Max Thinking", "default think", "extended thinking", "adaptive reasoning"
	(c) => {
		if (!THINK_LEVEL_WORDS.has(c.word) || !isThinkWord(c.ahead())) return null;
		return c.word === 'extended' ? read(2, 'thinking') : read(2, 'thinking', `thinking:${c.word}`);
	},
	// "thinking", and "thinking-32k", "thinking-minimal"
	(c) => {
		if (!THINK_WORDS.has(c.word)) return null;
		const n = c.ahead();
		if (n !== undefined && BUDGET.test(n)) return read(2, 'thinking', `thinking:${n}`);
		if (n === 'minimal' && (c.ahead(2) === undefined || c.ahead(2) === 'effort')) return read(2, 'thinking', 'thinking:minimal');
		return read(1, 'thinking');
	},
	(c) => (c.word === 'adaptive' ? read(1, 'thinking', 'thinking:adaptive') : null),
	// Image boards: output size / quality settings.
	(c) => {
		if (c.word === '2k' || c.word === '4k') return read(1, `resolution:${c.word}`);
		if (c.word === 'highres') return read(1, 'resolution:high');
		return c.word === 'high' && c.ahead() === 'res' ? read(2, 'resolution:high') : null;
	},
	// "Extra High" = xhigh
	(c) => (c.word === 'extra' && c.ahead() === 'high' ? read(c.ahead(2) === 'effort' ? 3 : 2, 'effort:xhigh') : null),
	(c) => (EFFORTS.has(c.word) ? read(c.ahead() === 'effort' || c.ahead() === 'reasoning' ? 2 : 1, `effort:${c.word}`) : null),
	// "max" is a tier (Qwen3 Max, Codex Max) unless it reads as a setting: "(max)", "Max Effort".
	(c) => (c.word === 'max' && (c.paren || c.ahead() === 'effort') ? read(c.ahead() === 'effort' ? 2 : 1, 'effort:max') : null),
	(c) => (c.word === 'default' ? read(1, 'default') : null),
	(c) => (Object.hasOwn(TAG_WORDS, c.word) ? read(1, TAG_WORDS[c.word]) : null),
	(c) => (PRECISION.has(c.word) ? read(1, `precision:${c.word}`) : null),
	(c) => {
		if (!EDIT_FORMATS.has(c.word)) return null;
		return c.word === 'diff' && c.ahead() === 'fenced' ? read(2, 'edit:diff-fenced') : read(1, `edit:${c.word}`);
	},
	// Local quantisation tags: "q8_0", "Q4_K_M" (ollama / GGUF runs).
	(c) => {
		if (!/^q\d$/.test(c.word)) return null;
		let consumed = 1;
		for (let w = c.ahead(); w !== undefined && /^(?:[0-9km]|gguf)$/.test(w); w = c.ahead(consumed)) consumed++;
		return read(consumed, `precision:${c.word}`);
	},
	(c) => (c.word === 'quality' ? read(1, 'quality') : null),
	// Aider's "(prev)": the build that was replaced — like `old`, never a known release.
	(c) => (c.word === 'prev' || c.word === 'previous' ? read(1, 'old') : null),
	(c) => (c.opts.serving?.has(c.word) ? read(1, `serving:${c.word}`) : null),
	// Words that say nothing about the model: soft words, where it ran, and (in a note) who made it.
	(c) => (SOFT.has(c.word) || c.opts.providers.has(c.word) || (c.paren && c.opts.orgs.has(c.word)) ? read(1) : null)
];

function readAt(c: Cursor): Reading | null {
	for (const rule of RULES) {
		const reading = rule(c);
		if (reading) return reading;
	}
	return null;
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
	let at = 0;
	while (at < words.length) {
		const i = at;
		const reading = readAt({ word: words[i], paren: tokens[i].paren, ahead: (k = 1) => words[i + k], words, at: i, opts });
		if (!reading) {
			unknown.push(words[i]);
			at++;
			continue;
		}
		if (reading.label !== undefined) push(labels, reading.label);
		if (reading.date !== undefined) dates.push(reading.date);
		for (const v of reading.variants ?? []) push(variants, v);
		at += reading.consumed;
	}
	return { ok: unknown.length === 0, variants, dates, labels, concepts: new Set([...words, ...variants]), unknown };
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

/**
 * Turns a raw board name into tokens. Only spelling is handled here (case, punctuation, spacing,
 * prefixes, scrape artefacts); what the tokens mean is decided by the matcher and variants module.
 * Crosswalk aliases go through the same function, so an alias may be written in any spelling.
 */

import { splitFootnote, splitGluedOrganization } from '../snapshots/scrape-artefacts';

export interface Token {
	/** Lower-case text. */
	text: string;
	/** As written (case kept): camel-case joints reveal a brand glued to the model (`ClaudeOpus`). */
	orig: string;
	/** From a parenthesis or a comma note: where boards put settings (`(High)`, `(32k think)`). */
	paren: boolean;
}

export interface NormalizedName {
	raw: string;
	/** Artefacts removed, case kept. */
	cleaned: string;
	tokens: Token[];
	/** Two models in one row (`o3 (high) + gpt-4.1`, an Aider architect/editor pair). */
	combination: boolean;
	/** The parts of a combination, each cleaned. */
	parts: string[];
	/** Lower-case canonical spelling: main tokens then parenthesised ones, joined by `-`. */
	normalized: string;
	/** Token index ranges [start, end) of each parenthesised group (a code name may sit there). */
	groups: { start: number; end: number }[];
}

/** Removes what scrapers and boards glue around a model name. */
export function cleanArtefacts(raw: string): string {
	let s = String(raw ?? '')
		.normalize('NFKC')
		.replace(/[\u00a0\u2000-\u200b\u202f]/g, ' ')
		.replace(/[\r\n\t]+/g, ' ')
		.replace(/[▶►▼◄─]/g, ' ')
		.trim();
	s = splitGluedOrganization(splitFootnote(s).name).name;
	// Organisation column glued in front with a double space ("MoonshotAI  kimi-k2-0711-preview"):
	// one word, two spaces, one LMArena key.
	const lead = /^(\S+)\s{2,}([^\s(]\S*)$/.exec(s);
	if (lead) s = lead[2];
	s = s.replace(/\s+/g, ' ');
	// Links and provider paths say where the model was called, not what it is.
	s = s.replace(/^https?:\/\/[^/\s]+\//i, '');
	while (/^[A-Za-z0-9_.-]+\/(?=\S)/.test(s)) s = s.replace(/^[A-Za-z0-9_.-]+\//, '');
	// AWS Bedrock revision ("amazon.nova-pro-v1:0").
	s = s.replace(/:\d+$/, '');
	// LMArena internal style-control suffix ("early-grok-3-so-false").
	s = s.replace(/-so-(?:false|true)\b/gi, '');
	return s.trim();
}

/** `claude-3-5-sonnet` → `claude-3.5-sonnet`: a single digit joined to a single digit is a point version. */
function joinPointVersions(s: string): string {
	// …but not a quantisation tag ("q8_0").
	return s.replace(/(?<![\d.])(?<!\bq)(\d)[-_](\d)(?=$|[-_\s/:()\[\],])/gi, '$1.$2');
}

function splitTokens(s: string, paren: boolean): Token[] {
	const out: Token[] = [];
	const text = joinPointVersions(s).replace(/\+/g, ' plus ');
	for (const piece of text.split(/[^A-Za-z0-9.]+/)) {
		// A dot is part of a number (`2.5`, `v0.1`); elsewhere it separates (`amazon.nova`, `FLUX.1`).
		for (const part of piece.split(/(?<!\d)\.|\.(?!\d)/)) {
			if (part) out.push({ text: part.toLowerCase(), orig: part, paren });
		}
	}
	return out;
}

/** Pulls out parenthesised groups; returns the main text and the groups in order. */
function extractGroups(s: string): { main: string; groups: string[] } {
	const groups: string[] = [];
	let main = s;
	let prev = '';
	while (prev !== main) {
		prev = main;
		main = main.replace(/\(([^()]*)\)/g, (_m, inner: string) => {
			groups.push(inner);
			return ' ';
		});
	}
	// Unbalanced parentheses are just separators.
	main = main.replace(/[()]/g, ' ');
	return { main, groups };
}

export function normalizeName(raw: string): NormalizedName {
	const cleaned = cleanArtefacts(raw);
	const parts = cleaned.split(/\s\+\s/).map((p) => p.trim()).filter(Boolean);
	const combination = parts.length > 1;
	const first = parts[0] ?? '';
	const { main: mainWithNotes, groups } = extractGroups(first.replace(/[[\]{}]/g, ' '));
	// Aider free text: "Qwen3 235B A22B diff, no think, Alibaba API" — notes after a comma are settings.
	const [main, ...notes] = mainWithNotes.split(',');
	const tokens = splitTokens(main, false);
	const ranges: { start: number; end: number }[] = [];
	for (const g of groups) {
		const start = tokens.length;
		tokens.push(...splitTokens(g.replace(/,/g, ' '), true));
		if (tokens.length > start) ranges.push({ start, end: tokens.length });
	}
	for (const n of notes) tokens.push(...splitTokens(n, true));
	return {
		raw,
		cleaned,
		tokens,
		combination,
		parts,
		normalized: tokens.map((t) => t.text).join('-'),
		groups: ranges
	};
}

/** Separator-free key used to look aliases up: `Gemini3.1 Pro`, `gemini-3.1-pro` and `Gemini 3.1 Pro` meet here. */
export function compactKey(tokens: readonly Token[]): string {
	return tokens.map((t) => t.text).join('');
}

/** The compact key of an alias as written in the crosswalk. */
export function aliasKey(alias: string): string {
	return compactKey(normalizeName(alias).tokens);
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isLetter = (c: string) => /[A-Za-z]/.test(c);
const isLower = (c: string) => c >= 'a' && c <= 'z';
const isUpper = (c: string) => c >= 'A' && c <= 'Z';

/**
 * Positions inside a token where a brand may end and a model begin (`Gemini|3.1`, `Claude|Opus`,
 * `KimiK2.5` → `Kimi|K2.5`, `NVIDIA|Llama`, `GPT-5.2|Instant`). Digit-digit joints are handled by the
 * matcher (only a date may follow one: `DeepSeek-R1|0528`).
 */
export function innerJoints(orig: string): Set<number> {
	const joints = new Set<number>();
	for (let k = 1; k < orig.length; k++) {
		const a = orig[k - 1];
		const b = orig[k];
		if ((isLetter(a) && isDigit(b)) || (isDigit(a) && isLetter(b))) joints.add(k);
		else if (isLower(a) && isUpper(b)) joints.add(k);
		else if (isUpper(a) && isUpper(b) && k + 1 < orig.length && isLower(orig[k + 1])) joints.add(k);
		// An acronym brand before a lower-case model: "OpenAIo3-pro" → OpenAI|o3-pro.
		else if (k >= 2 && isUpper(orig[k - 2]) && isUpper(a) && isLower(b)) joints.add(k);
	}
	return joints;
}

/**
 * Finds the family (or release, shared or rolling alias) a name starts with.
 *
 * Matching is on the separator-free key, so `Gemini3.1 Pro`, `gemini-3.1-pro` and `Gemini 3.1 Pro`
 * all meet, and Yupp's glued `Qwen332B` finds `qwen3-32b`. The longest alias wins, and it must end
 * where a word could end (between tokens, at a letter/digit or camel-case joint) — never inside a
 * number, so `gpt-4` can't take `gpt-4.1`. Whatever follows is handed to `accept`; if that can't read
 * every leftover word the name is NOT this family (shorter aliases are not tried: `gpt-4o-mini-x` must
 * not fall back to gpt-4o).
 */
import type { Compiled, Target } from './compile';
import { parseDateAt } from './dates';
import { innerJoints, type Token } from './normalize';

export interface MatchResult<T> {
	target: Target;
	remainder: Token[];
	/** An organisation/provider prefix had to be dropped first ("Meta-Llama-3.1…", "OpenAIo3-pro"). */
	prefixDropped: boolean;
	/** The alias covered the whole name. */
	exact: boolean;
	accepted: T;
}

interface Layout {
	key: string;
	/** Token index of every character. */
	owner: number[];
	/** Start offset of every token. */
	starts: number[];
}

function layout(tokens: readonly Token[]): Layout {
	let key = '';
	const owner: number[] = [];
	const starts: number[] = [];
	tokens.forEach((t, i) => {
		starts.push(key.length);
		key += t.text;
		for (let k = 0; k < t.text.length; k++) owner.push(i);
	});
	return { key, owner, starts };
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** May an alias end at `pos` (and the rest of the name begin there)? */
function canEndAt(pos: number, tokens: readonly Token[], lay: Layout): boolean {
	if (pos >= lay.key.length) return true;
	const ti = lay.owner[pos];
	const offset = pos - lay.starts[ti];
	if (offset === 0) return true;
	const tok = tokens[ti];
	if (innerJoints(tok.orig).has(offset)) return true;
	// Digit|digit only before a date glued on: "DeepSeek-R10528" = DeepSeek-R1 + 0528.
	if (isDigit(tok.text[offset - 1]) && isDigit(tok.text[offset])) {
		const rest = tok.text.slice(offset);
		return /^(\d{4}|\d{6}|\d{8})$/.test(rest) && parseDateAt([rest], 0) !== null;
	}
	return false;
}

function remainderFrom(pos: number, tokens: readonly Token[], lay: Layout): Token[] {
	if (pos >= lay.key.length) return [];
	const ti = lay.owner[pos];
	const offset = pos - lay.starts[ti];
	const out: Token[] = [];
	if (offset > 0) {
		const t = tokens[ti];
		out.push({ text: t.text.slice(offset), orig: t.orig.slice(offset), paren: t.paren });
	} else {
		out.push(tokens[ti]);
	}
	for (let k = ti + 1; k < tokens.length; k++) out.push(tokens[k]);
	return out;
}

function longestFrom(start: number, tokens: readonly Token[], lay: Layout, c: Compiled): { target: Target; end: number } | null {
	const limit = Math.min(lay.key.length, start + c.maxKey);
	for (let end = limit; end > start; end--) {
		const target = c.aliases.get(lay.key.slice(start, end));
		if (target && canEndAt(end, tokens, lay)) return { target, end };
	}
	return null;
}

/**
 * Matches the name; `accept` reads the leftover tokens and returns null when it can't.
 * Tries the name as written first, then without a leading organisation or provider word.
 */
export function matchName<T>(
	tokens: readonly Token[],
	c: Compiled,
	accept: (target: Target, remainder: Token[]) => T | null
): MatchResult<T> | null {
	const lay = layout(tokens);
	if (!lay.key) return null;
	const starts: { start: number; dropped: boolean }[] = [{ start: 0, dropped: false }];
	for (const p of c.prefixes) {
		if (p.length < lay.key.length && lay.key.startsWith(p) && canEndAt(p.length, tokens, lay)) {
			starts.push({ start: p.length, dropped: true });
		}
	}
	for (const { start, dropped } of starts) {
		const hit = longestFrom(start, tokens, lay, c);
		if (!hit) continue;
		const remainder = remainderFrom(hit.end, tokens, lay);
		const accepted = accept(hit.target, remainder);
		if (accepted !== null) {
			return { target: hit.target, remainder, prefixDropped: dropped, exact: remainder.length === 0 && !dropped, accepted };
		}
	}
	return null;
}

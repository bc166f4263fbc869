/**
 * Raw board name → family / release / variants.
 *
 * Order of authority: an analyst decision, then the name itself (crosswalk aliases + spelling
 * rules), then board context (date, Aider command, SWE-bench model tag) — and context only ever
 * fills in a release the name leaves open; it never puts a name into a family on its own.
 * When unsure, family/release stay null and look-alikes go to `suggestions` for review.
 */
import { compile, type Compiled, type Target } from './compile';
import { parseDateAt } from './dates';
import { matchName } from './match';
import { compactKey, normalizeName, type NormalizedName, type Token } from './normalize';
import { selectRelease, type ReleasePick } from './release';
import { suggestFamilies } from './suggest';
import type { Crosswalk, Decision, DecisionMap, FamilyEntry, Resolution, ResolutionMethod, ResolveContext, Suggestion } from './types';
import { canonicalVariants, parseRemainder, variantsFromExtras, type RemainderResult } from './variants';

/** Below this a resolution belongs in the review queue. */
export const REVIEW_THRESHOLD = 0.8;
/** Below this (or unresolved) look-alikes are attached as suggestions. */
const SUGGEST_BELOW = 0.9;

/** Key for a decision that applies to one source only; a bare raw name applies to every source. */
export function decisionKey(raw: string, source?: string | null): string {
	return source ? `${source}::${raw}` : raw;
}

export function needsReview(r: Resolution): boolean {
	return r.family === null || r.confidence < REVIEW_THRESHOLD;
}

function lookupDecision(decisions: DecisionMap | undefined, keys: string[]): Decision | null {
	if (!decisions) return null;
	for (const k of keys) {
		const d = decisions instanceof Map ? decisions.get(k) : (decisions as Record<string, Decision>)[k];
		if (d) return d;
	}
	return null;
}

function unresolved(norm: NormalizedName, method: Extract<ResolutionMethod, 'unresolved' | 'combination' | 'rolling-alias'>, suggestions: Suggestion[], variants: string[] = []): Resolution {
	return {
		family: null,
		release: null,
		variants: canonicalVariants(variants),
		organization: null,
		confidence: 0,
		method,
		normalized: norm.normalized,
		suggestions
	};
}

function orgOf(c: Compiled, family: FamilyEntry | undefined): string | null {
	if (!family?.organization) return null;
	return c.orgNames.get(family.organization) ?? family.organization;
}

interface Reading {
	target: Target;
	rem: RemainderResult;
	exact: boolean;
	prefixDropped: boolean;
}

/** The name alone (plus the board date for undated names). */
function resolveFromName(norm: NormalizedName, boardDate: string | null, c: Compiled): Resolution {
	if (norm.combination) {
		const first = resolveFromName(normalizeName(norm.parts[0]), boardDate, c);
		const s: Suggestion[] = first.family ? [{ family: first.family, release: first.release, score: 0.5 }] : first.suggestions;
		return unresolved(norm, 'combination', s);
	}
	if (!norm.tokens.length) return unresolved(norm, 'unresolved', []);

	const accept = (target: Target, remainder: Token[]): RemainderResult | null => {
		const labels =
			target.kind === 'shared'
				? new Set(target.families.flatMap((f) => [...(c.labels.get(f.id) ?? [])]))
				: target.kind === 'rolling'
					? new Set<string>()
					: (c.labels.get(target.family.id) ?? new Set<string>());
		const serving = target.kind === 'family' || target.kind === 'release' ? new Set(target.family.serving) : undefined;
		const rem = parseRemainder(remainder, { labels, providers: c.providerWords, orgs: c.orgWords, serving });
		return rem.ok ? rem : null;
	};
	const match = matchName<RemainderResult>(norm.tokens, c, accept);
	if (match) {
		return fromReading(norm, { target: match.target, rem: match.accepted, exact: match.exact, prefixDropped: match.prefixDropped }, boardDate, c);
	}
	const coded = withCodeName(norm, c, accept);
	if (coded) return fromReading(norm, coded, boardDate, c);
	return unresolved(norm, 'unresolved', suggestFamilies(norm.tokens, c));
}

/**
 * A parenthesised code name beside the real name ("gemini-2.5-flash-image-preview (nano-banana)",
 * "chocolate (Early Grok-3)"): both halves must name the same family (and release, if both name one).
 */
function withCodeName(norm: NormalizedName, c: Compiled, accept: (t: Target, r: Token[]) => RemainderResult | null): Reading | null {
	for (const g of norm.groups) {
		const inner = c.aliases.get(compactKey(norm.tokens.slice(g.start, g.end)));
		if (!inner || (inner.kind !== 'family' && inner.kind !== 'release')) continue;
		const rest = [...norm.tokens.slice(0, g.start), ...norm.tokens.slice(g.end)];
		const m = matchName<RemainderResult>(rest, c, accept);
		if (!m || (m.target.kind !== 'family' && m.target.kind !== 'release')) continue;
		if (m.target.family.id !== inner.family.id) continue;
		if (inner.kind === 'release' && m.target.kind === 'release' && inner.release.id !== m.target.release.id) continue;
		const target = inner.kind === 'release' ? inner : m.target;
		return { target, rem: m.accepted, exact: false, prefixDropped: m.prefixDropped };
	}
	return null;
}

function fromReading(norm: NormalizedName, rd: Reading, boardDate: string | null, c: Compiled): Resolution {
	const { target, rem } = rd;
	const words = norm.tokens.map((t) => t.text);
	// Variants come from the words after the alias: `chat` in the alias `deepseek chat v3` is part of the name.
	const variants = canonicalVariants(rem.variants);
	const concepts = new Set<string>([...words, ...rem.concepts, ...variants]);
	const ev = { dates: rem.dates, labels: rem.labels, concepts, variants };

	if (target.kind === 'rolling') {
		return unresolved(norm, 'rolling-alias', rollingSuggestions(target, boardDate, c), variants);
	}
	if (target.kind === 'shared') {
		// A name several families share decides nothing unless a date or label picks one release.
		const picks: { family: FamilyEntry; pick: ReleasePick }[] = [];
		if (rem.dates.length || rem.labels.length) {
			for (const f of target.families) {
				const pick = selectRelease(f, ev, c.discriminators.get(f.id) ?? new Set(), null, null);
				if (pick.release) picks.push({ family: f, pick });
			}
		} else if (boardDate) {
			// Undated: fine if only one of the families existed by the board date
			// (LMArena's `mistral-medium` in 2024 can only be the 2023 model).
			const existing = target.families.filter((f) => existedBy(f, boardDate));
			if (existing.length === 1) {
				const f = existing[0];
				picks.push({ family: f, pick: selectRelease(f, ev, c.discriminators.get(f.id) ?? new Set(), boardDate, null) });
			}
		}
		if (picks.length !== 1) {
			const s = target.families.map((f) => ({ family: f.id, release: null, score: 0.6 }));
			return unresolved(norm, 'unresolved', s, variants);
		}
		const { family, pick } = picks[0];
		return {
			family: family.id,
			release: pick.release?.id ?? null,
			variants,
			organization: orgOf(c, family),
			confidence: 0.9,
			method: 'rule',
			normalized: norm.normalized,
			suggestions: []
		};
	}

	const family = target.family;
	const pick = selectRelease(
		family,
		ev,
		c.discriminators.get(family.id) ?? new Set(),
		boardDate,
		target.kind === 'release' ? target.release : null
	);
	let confidence = rd.exact ? 1 : 0.95;
	if (rd.prefixDropped) confidence = Math.min(confidence, 0.9);
	let method: ResolutionMethod = rd.exact ? 'alias' : 'rule';
	if (pick.via === 'context' || pick.via === 'only') {
		confidence = Math.min(confidence, 0.9);
		method = pick.via === 'context' ? 'context' : method;
	}
	return {
		family: family.id,
		release: pick.release?.id ?? null,
		variants,
		organization: orgOf(c, family),
		confidence,
		method,
		normalized: norm.normalized,
		suggestions: []
	};
}

/** Did the family exist by `date`? Families without a dated release might have: counted as yes. */
function existedBy(f: FamilyEntry, date: string): boolean {
	const dated = f.releases.filter((r) => r.date !== null);
	if (dated.length === 0) return true;
	return dated.some((r) => r.date! <= date);
}

function rollingSuggestions(target: Extract<Target, { kind: 'rolling' }>, boardDate: string | null, c: Compiled): Suggestion[] {
	const out: Suggestion[] = [];
	for (const w of target.rolling.windows) {
		const hit = c.releases.get(w.release);
		if (!hit) continue;
		const inWindow = boardDate !== null && w.from <= boardDate && (w.to === null || boardDate < w.to);
		out.push({ family: hit.family.id, release: w.release, score: inWindow ? 0.8 : 0.4 });
	}
	return out.sort((a, b) => b.score - a.score);
}

/** The API model id a board row names besides its display name (Aider command, SWE-bench tag). */
function modelIdFromExtras(extras: ResolveContext['extras']): string | null {
	if (!extras) return null;
	for (const k of ['tag_model', 'model_id', 'api_model']) {
		const v = extras[k];
		if (typeof v === 'string' && v.trim()) return v.trim();
	}
	const cmd = extras.command;
	if (typeof cmd === 'string') {
		// Architect/editor runs use two models: the command can't vouch for one.
		if (/--(?:architect|editor-model|weak-model)\b/.test(cmd)) return null;
		const m = /--model[=\s]+(\S+)/.exec(cmd);
		if (m) return m[1];
	}
	return null;
}

/** Does the name state a version date of its own? Then a missing release stays missing. */
function statesDate(norm: NormalizedName): boolean {
	const words = norm.tokens.map((t) => t.text);
	return words.some((_, i) => parseDateAt(words, i) !== null);
}

function withContext(res: Resolution, norm: NormalizedName, ctx: ResolveContext, c: Compiled): Resolution {
	const extraVariants = variantsFromExtras(ctx.extras ?? null);
	let out: Resolution = extraVariants.length ? { ...res, variants: canonicalVariants([...res.variants, ...extraVariants]) } : res;
	const id = modelIdFromExtras(ctx.extras ?? null);
	if (id && out.method !== 'combination') {
		const byId = resolveFromName(normalizeName(id), ctx.date ?? null, c);
		if (byId.family) {
			if (out.family === byId.family) {
				// Only an undated name takes its release from the model id ("GLM-4.5 (2025-08-22)" keeps null).
				if (!out.release && byId.release && !statesDate(norm)) {
					out = { ...out, release: byId.release, method: 'context', confidence: Math.min(out.confidence, 0.9) };
				}
			} else if (out.family) {
				// The row's display name and its model id disagree: keep the name, but ask.
				out = { ...out, confidence: Math.min(out.confidence, 0.7), suggestions: [{ family: byId.family, release: byId.release, score: 0.7 }] };
			} else {
				out = { ...out, suggestions: [{ family: byId.family, release: byId.release, score: 0.9 }, ...out.suggestions].slice(0, 3) };
			}
		}
	}
	if (out.family && out.confidence < SUGGEST_BELOW && out.suggestions.length === 0) {
		out = { ...out, suggestions: [{ family: out.family, release: out.release, score: out.confidence }] };
	}
	return out;
}

function fromDecision(d: Decision, norm: NormalizedName, ruled: Resolution, c: Compiled): Resolution {
	const family = d.family ? c.families.get(d.family) : undefined;
	return {
		family: d.family,
		release: d.family ? (d.release ?? null) : null,
		variants: canonicalVariants(d.variants ?? ruled.variants),
		organization: d.family ? (orgOf(c, family) ?? null) : null,
		confidence: 1,
		method: 'decision',
		normalized: norm.normalized,
		suggestions: []
	};
}

/**
 * Resolves one raw board name. `decisions` (analyst rulings, keyed by `decisionKey(raw, source)`,
 * the raw name, or the normalized name) win over every rule.
 */
export function resolveName(raw: string, ctx: ResolveContext | null | undefined, crosswalk: Crosswalk, decisions?: DecisionMap): Resolution {
	const c = compile(crosswalk);
	// A timestamp is fine too: only the day counts.
	const day = /^\d{4}-\d{2}-\d{2}/.exec(ctx?.date ?? '')?.[0] ?? null;
	const context: ResolveContext = { ...(ctx ?? {}), date: day };
	const norm = normalizeName(raw);
	const ruled = withContext(resolveFromName(norm, day, c), norm, context, c);
	const keys = [...(context.source ? [decisionKey(raw, context.source)] : []), raw, norm.normalized];
	const decision = lookupDecision(decisions, keys);
	return decision ? fromDecision(decision, norm, ruled, c) : ruled;
}

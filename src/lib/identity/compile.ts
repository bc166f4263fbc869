/**
 * Precompiles a crosswalk into lookup tables (done once per crosswalk object, cached), so that
 * resolving a name is a handful of map lookups. Also the place where alias clashes are caught:
 * one spelling may never point at two different families or releases by accident.
 */
import { aliasKey, normalizeName } from './normalize';
import type { Crosswalk, FamilyEntry, ReleaseEntry, RollingAlias } from './types';
import { CrosswalkError } from './errors';

export type Target =
	| { kind: 'family'; family: FamilyEntry; alias: string }
	| { kind: 'release'; family: FamilyEntry; release: ReleaseEntry; alias: string }
	| { kind: 'shared'; families: FamilyEntry[]; alias: string }
	| { kind: 'rolling'; rolling: RollingAlias; alias: string };

export interface SuggestEntry {
	family: FamilyEntry;
	key: string;
	tokens: Set<string>;
	grams: Set<string>;
}

export interface Compiled {
	/** Compact alias key → what it names. */
	aliases: Map<string, Target>;
	/** Longest key length, to bound the prefix scan. */
	maxKey: number;
	families: Map<string, FamilyEntry>;
	releases: Map<string, { family: FamilyEntry; release: ReleaseEntry }>;
	/** Compact organisation/provider keys that may precede a model name ("Meta-Llama…", "OpenAIo3"). */
	prefixes: string[];
	/** Host/router words, accepted anywhere after the family. */
	providerWords: Set<string>;
	/** Organisation words, accepted inside parentheses and notes. */
	orgWords: Set<string>;
	orgNames: Map<string, string>;
	/** Release labels per family id. */
	labels: Map<string, Set<string>>;
	/** Concepts some release of the family requires, per family id. */
	discriminators: Map<string, Set<string>>;
	suggest: SuggestEntry[];
	/** Trigram → indexes into `suggest`: only look-alikes sharing a trigram are scored. */
	gramIndex: Map<string, number[]>;
}

const cache = new WeakMap<Crosswalk, Compiled>();

export function trigrams(s: string): Set<string> {
	const out = new Set<string>();
	const padded = `  ${s} `;
	for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
	return out;
}

function describe(t: Target): string {
	switch (t.kind) {
		case 'family':
			return `family "${t.family.id}"`;
		case 'release':
			return `release "${t.release.id}"`;
		case 'shared':
			return `shared alias "${t.alias}"`;
		case 'rolling':
			return `rolling alias "${t.alias}"`;
	}
}

function sameTarget(a: Target, b: Target): boolean {
	if (a.kind === 'family' && b.kind === 'family') return a.family.id === b.family.id;
	if (a.kind === 'release' && b.kind === 'release') return a.release.id === b.release.id;
	return false;
}

export function compile(cw: Crosswalk): Compiled {
	const hit = cache.get(cw);
	if (hit) return hit;

	const aliases = new Map<string, Target>();
	const add = (spelling: string, target: Target) => {
		const key = aliasKey(spelling);
		if (!key) throw new CrosswalkError(`crosswalk: ${describe(target)} has an empty alias "${spelling}"`);
		const prev = aliases.get(key);
		if (prev && !sameTarget(prev, target)) {
			throw new CrosswalkError(
				`crosswalk: alias "${spelling}" of ${describe(target)} is also ${prev.kind === 'family' || prev.kind === 'release' ? 'an alias of ' : ''}${describe(prev)} (as "${prev.alias}"); list it under shared: if it really names several`
			);
		}
		if (!prev) aliases.set(key, target);
	};

	const families = new Map<string, FamilyEntry>();
	const releases = new Map<string, { family: FamilyEntry; release: ReleaseEntry }>();
	const labels = new Map<string, Set<string>>();
	const discriminators = new Map<string, Set<string>>();
	const suggest: SuggestEntry[] = [];

	for (const f of cw.families) {
		families.set(f.id, f);
		for (const spelling of [f.id, f.name, ...f.aliases]) add(spelling, { kind: 'family', family: f, alias: spelling });
		const fl = new Set<string>();
		const disc = new Set<string>();
		for (const r of f.releases) {
			releases.set(r.id, { family: f, release: r });
			for (const l of r.labels) fl.add(l);
			for (const req of r.requires) for (const alt of req.split('|')) disc.add(alt.trim());
			for (const spelling of r.aliases) add(spelling, { kind: 'release', family: f, release: r, alias: spelling });
		}
		labels.set(f.id, fl);
		discriminators.set(f.id, disc);
		for (const spelling of [f.id, f.name, ...f.aliases]) {
			const toks = normalizeName(spelling).tokens.map((t) => t.text);
			const key = toks.join('');
			suggest.push({ family: f, key, tokens: new Set(toks), grams: trigrams(key) });
		}
	}
	for (const s of cw.shared) {
		const fams = s.families.map((id) => families.get(id)!);
		add(s.alias, { kind: 'shared', families: fams, alias: s.alias });
	}
	for (const r of cw.rolling) add(r.alias, { kind: 'rolling', rolling: r, alias: r.alias });

	const providerWords = new Set<string>();
	const orgWords = new Set<string>();
	const prefixSet = new Set<string>();
	const orgNames = new Map<string, string>();
	for (const o of cw.organizations) {
		orgNames.set(o.id, o.name);
		for (const spelling of [o.id, o.name, ...o.aliases]) {
			const toks = normalizeName(spelling).tokens.map((t) => t.text);
			if (toks.length) prefixSet.add(toks.join(''));
			for (const t of toks) orgWords.add(t);
		}
	}
	for (const p of cw.providers) {
		const toks = normalizeName(p).tokens.map((t) => t.text);
		if (toks.length) prefixSet.add(toks.join(''));
		for (const t of toks) providerWords.add(t);
	}

	const gramIndex = new Map<string, number[]>();
	suggest.forEach((e, i) => {
		for (const g of e.grams) {
			const list = gramIndex.get(g);
			if (list) list.push(i);
			else gramIndex.set(g, [i]);
		}
	});

	let maxKey = 0;
	for (const k of aliases.keys()) maxKey = Math.max(maxKey, k.length);
	const compiled: Compiled = {
		aliases,
		maxKey,
		families,
		releases,
		prefixes: [...prefixSet].sort((a, b) => b.length - a.length),
		providerWords,
		orgWords,
		orgNames,
		labels,
		discriminators,
		suggest,
		gramIndex
	};
	cache.set(cw, compiled);
	return compiled;
}

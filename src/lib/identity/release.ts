/**
 * Picks the release inside a known family. Only certain evidence picks one; otherwise the release
 * stays null (unknown), which never merges with anything:
 *   1. an alias of the release itself (`early-grok-3`, `kimi-k2-thinking`);
 *   2. a label the release carries (`002`, `v2`);
 *   3. a date in the name matching exactly one release (`20241022`, `exp-03-25`, `(Mar '25)`);
 *   4. an undated name whose family had exactly one public release by the board date
 *      (`o3` on a board after 2025-04-16), unless the family is marked `infer_undated: false`.
 * In every case a name tagged `preview`/`experimental`/`chatgpt`/`latest`… only matches a release
 * carrying that tag, `old` matches nothing, and a word some release `requires` (`thinking` for
 * Qwen's 2507 pair, `chat` for gpt-5-chat) rules out the releases that neither require nor
 * `accept` it.
 */
import { isoLte, parseIsoDate, readingMatches, type PartialDate } from './dates';
import type { FamilyEntry, ReleaseEntry } from './types';
import { IDENTITY_TAGS } from './variants';

export type ReleaseVia = 'alias' | 'label' | 'date' | 'context' | 'only';

export interface ReleaseEvidence {
	dates: PartialDate[][];
	labels: string[];
	/** Every word and variant tag of the name. */
	concepts: ReadonlySet<string>;
	variants: readonly string[];
}

export interface ReleasePick {
	release: ReleaseEntry | null;
	via: ReleaseVia | null;
}

const NONE: ReleasePick = { release: null, via: null };

function satisfied(req: string, concepts: ReadonlySet<string>): boolean {
	return req.split('|').some((alt) => concepts.has(alt.trim()));
}

/** The release fits the words of the name: it gets what it requires, and the name uses no word reserved for another release. */
function compatible(r: ReleaseEntry, ev: ReleaseEvidence, discriminators: ReadonlySet<string>): boolean {
	if (!r.requires.every((req) => satisfied(req, ev.concepts))) return false;
	const own = new Set([...r.requires.flatMap((req) => req.split('|').map((a) => a.trim())), ...r.accepts]);
	for (const d of discriminators) if (ev.concepts.has(d) && !own.has(d)) return false;
	return true;
}

function datesMatch(r: ReleaseEntry, dates: PartialDate[][]): boolean {
	const full = parseIsoDate(r.date);
	if (!full) return false;
	return dates.every((readings) => readings.some((rd) => readingMatches(rd, full)));
}

function unique<T>(list: T[]): T | null {
	return list.length === 1 ? list[0] : null;
}

export function selectRelease(
	family: FamilyEntry,
	ev: ReleaseEvidence,
	discriminators: ReadonlySet<string>,
	boardDate: string | null,
	aliasRelease: ReleaseEntry | null
): ReleasePick {
	// `old` marks an earlier build shown under the same name and date: never matched.
	if (ev.variants.includes('old')) return NONE;
	// A name tagged preview/experimental/online… only ever means a release carrying that tag.
	const tags = ev.variants.filter((v) => IDENTITY_TAGS.has(v));
	if (aliasRelease) {
		// A date or tag that contradicts the aliased release means something else is meant
		// ("reka-flash-21b-20240226-online" is not "reka-flash-21b-20240226").
		if (ev.dates.length && aliasRelease.date && !datesMatch(aliasRelease, ev.dates)) return NONE;
		if (!tags.every((t) => aliasRelease.tags.includes(t))) return NONE;
		return { release: aliasRelease, via: 'alias' };
	}
	const fits = family.releases.filter((r) => compatible(r, ev, discriminators) && tags.every((t) => r.tags.includes(t)));

	if (ev.labels.length) {
		let cands = fits.filter((r) => ev.labels.every((l) => r.labels.includes(l)));
		if (ev.dates.length) cands = cands.filter((r) => datesMatch(r, ev.dates));
		const r = unique(cands);
		return r ? { release: r, via: 'label' } : NONE;
	}
	if (ev.dates.length) {
		const r = unique(fits.filter((x) => datesMatch(x, ev.dates)));
		return r ? { release: r, via: 'date' } : NONE;
	}

	// Undated: only "the one public release there was" (that fits the name's words) is safe to assume,
	// and only where the crosswalk knows the family's whole history.
	if (!family.inferUndated) return NONE;
	const pool = fits.filter((r) => r.kind === 'public' && (boardDate === null || r.date === null || isoLte(r.date, boardDate)));
	const only = unique(pool);
	return only ? { release: only, via: boardDate ? 'context' : 'only' } : NONE;
}

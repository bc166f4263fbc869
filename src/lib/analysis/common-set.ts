import type { AnalysisEntry, SnapshotView } from './types';
import { meanRanks, percentile } from './ranking';
import { countAbove, countBelow } from '../sorted-counts';

/** How a model was matched across boards: by release where both boards name it, by family where one names only the family. */
export type MatchLevel = 'release' | 'family';

export interface Matched {
	/** `release:<id>` or `family:<id>`. */
	key: string;
	family: string;
	release: string | null;
	level: MatchLevel;
	/** The entry standing for the model on each board, in board order. */
	entries: AnalysisEntry[];
	/** Each board's other rows of the model (other run settings, names or duplicates), best first, in board order. */
	others: AnalysisEntry[][];
}

/** Best-ranked entry first (then score, then the board's order). */
function better(a: AnalysisEntry, b: AnalysisEntry): number {
	return a.rank - b.rank || (a.score !== null && b.score !== null ? b.score - a.score : 0) || a.position - b.position;
}

/** How a row was run (its run-setting tags in a fixed order, '' for none): asked of every entry for every pair compared, so the usual case allocates nothing. */
const settings = (e: AnalysisEntry) => (e.configTags.length < 2 ? (e.configTags[0] ?? '') : [...e.configTags].sort().join('+'));

const tagCount = (cfg: string) => (cfg === '' ? 0 : cfg.split('+').length);

/** The plainest run setting every board lists (fewest tags, then by name), so like is compared with like; null when they share none. */
function sharedSetting(pools: AnalysisEntry[][]): string | null {
	const shared = [...new Set(pools[0].map(settings))].filter((cfg) => pools.every((l) => l.some((e) => settings(e) === cfg)));
	return shared.sort((x, y) => tagCount(x) - tagCount(y) || x.localeCompare(y))[0] ?? null;
}

/**
 * One match for a model however many rows each board lists for it (with and without thinking,
 * several efforts, a name twice), so the common set counts it once. Each board is represented by its
 * best-ranked `eligible` row of the plainest setting both boards list — the plain row when both have
 * one (Yupp's `GPT-5.4` against LMArena's `gpt-5.4`, not `gpt-5.4-high`) — or by its best-ranked
 * eligible row when they share no setting. The board's other rows are kept as the model's other names.
 */
function matchOnce(lists: AnalysisEntry[][], base: Omit<Matched, 'entries' | 'others'>, eligible: (e: AnalysisEntry) => boolean = () => true): Matched {
	const pools = lists.map((l) => (l.some(eligible) ? l.filter(eligible) : l));
	const cfg = sharedSetting(pools);
	const entries = pools.map((pool) => (cfg === null ? pool : pool.filter((e) => settings(e) === cfg)).reduce((best, e) => (better(e, best) < 0 ? e : best)));
	return { ...base, entries, others: lists.map((l, b) => l.filter((e) => e !== entries[b]).sort(better)) };
}

// A view is matched against many others (every partner board, every date): its grouping is made once.
const grouped = new WeakMap<SnapshotView, Map<string, AnalysisEntry[]>>();

/** A view's entries by family (entries with none left out), in the view's order. */
function entriesByFamily(v: SnapshotView): Map<string, AnalysisEntry[]> {
	let byFamily = grouped.get(v);
	if (byFamily) return byFamily;
	byFamily = new Map();
	for (const e of v.entries) {
		if (!e.family) continue;
		const list = byFamily.get(e.family);
		if (list) list.push(e);
		else byFamily.set(e.family, [e]);
	}
	grouped.set(v, byFamily);
	return byFamily;
}

/**
 * The match of a family every board lists once (nearly every family, every pair and date): what the
 * general rule below gives for it — by its release when every board names the same one, none when they
 * name different ones, by family when a board names none — without its sets and filtered copies.
 */
function onePerBoard(family: string, lists: AnalysisEntry[][]): Matched | null {
	const entries = lists.map((l) => l[0]);
	const release = entries[0].release;
	if (entries.some((e) => e.release === null)) return { key: `family:${family}`, family, release: null, level: 'family', entries, others: entries.map(() => []) };
	if (entries.some((e) => e.release !== release)) return null;
	return { key: `release:${release}`, family, release, level: 'release', entries, others: entries.map(() => []) };
}

/**
 * Models present on every given board, each once per release. A family is matched by release when
 * every board names releases and they share some; by family when some board names only the family
 * (its entry has no release) — then each board is represented by a public (or unknown) entry of that
 * family, never a checkpoint when a public entry exists. Each release (or family) is one match,
 * whatever run settings the boards list it with (see matchOnce). Entries with no family never match anything.
 */
export function commonSet(views: SnapshotView[]): Matched[] {
	const families = views.map(entriesByFamily);
	const out: Matched[] = [];
	for (const family of families[0].keys()) {
		const perBoard = families.map((f) => f.get(family));
		if (perBoard.some((x) => !x)) continue;
		const lists = perBoard as AnalysisEntry[][];
		if (lists.every((l) => l.length === 1)) {
			const one = onePerBoard(family, lists);
			if (one) out.push(one);
			continue;
		}
		const familyOnly = lists.some((l) => l.every((e) => e.release === null));
		if (!familyOnly) {
			const releaseSets = lists.map((l) => new Set(l.map((e) => e.release).filter((r): r is string => r !== null)));
			for (const release of releaseSets[0]) {
				if (!releaseSets.every((s) => s.has(release))) continue;
				out.push(matchOnce(lists.map((l) => l.filter((e) => e.release === release)), { key: `release:${release}`, family, release, level: 'release' }));
			}
			continue;
		}
		out.push(matchOnce(lists, { key: `family:${family}`, family, release: null, level: 'family' }, (e) => e.releaseKind !== 'checkpoint'));
	}
	return out;
}

export interface CommonSetRanks {
	matched: Matched[];
	/** Per board (index as given), each matched model's mean rank inside the common set. */
	ranks: number[][];
	/**
	 * Per board, each matched model's rank interval inside the common set [best, worst], from the
	 * board's intervals (published or derived); null where the entry has none, or its board gives no
	 * entry a spread.
	 */
	intervals: ([number, number] | null)[][];
}

const hasInterval = (e: AnalysisEntry) => e.rankLower !== null && e.rankUpper !== null;

/**
 * Re-ranks each board's order inside the common set (ties share the mean rank) and carries each
 * board's rank intervals into it: a model's best possible rank in the set is 1 + the set models whose
 * whole interval lies above its own, its worst is |S| − those wholly below.
 */
export function rankCommonSet(views: SnapshotView[], matched: Matched[]): CommonSetRanks {
	const ranks = views.map((_, b) => meanRanks(matched.map((m) => m.entries[b].rank)));
	const intervals = views.map((v, b) => {
		// A board whose every interval is a single rank states no uncertainty, whatever its columns say.
		if (!v.entries.some((e) => hasInterval(e) && e.rankUpper! > e.rankLower!)) return matched.map(() => null);
		// An entry without an interval still holds its place: it counts as its point rank for the others.
		const iv = matched.map((m): [number, number] => [m.entries[b].rankLower ?? m.entries[b].rank, m.entries[b].rankUpper ?? m.entries[b].rank]);
		const uppers = iv.map(([, hi]) => hi).sort((x, y) => x - y);
		const lowers = iv.map(([lo]) => lo).sort((x, y) => x - y);
		return iv.map(([lo, hi], i) => (hasInterval(matched[i].entries[b]) ? ([1 + countBelow(uppers, lo), iv.length - countAbove(lowers, hi)] as [number, number]) : null));
	});
	return { matched, ranks, intervals };
}

export function pctInterval(iv: [number, number] | null, rank: number, n: number): [number, number] {
	return iv ? [percentile(iv[0], n), percentile(iv[1], n)] : [percentile(rank, n), percentile(rank, n)];
}

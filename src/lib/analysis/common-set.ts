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
	/** Every row of the model on each board, the one standing for it included, in board order (see `otherRows`). */
	rows: AnalysisEntry[][];
}

/** A board's other rows of the model (other run settings, names or duplicates), best first: made only for the few matches reported, not for all compared. */
export function otherRows(m: Matched, board: number): AnalysisEntry[] {
	return m.rows[board].filter((e) => e !== m.entries[board]).sort(better);
}

/** Best-ranked entry first (then score, then the board's order). */
function better(a: AnalysisEntry, b: AnalysisEntry): number {
	return a.rank - b.rank || (a.score !== null && b.score !== null ? b.score - a.score : 0) || a.position - b.position;
}

/** How a row was run (its run-setting tags in a fixed order, '' for none): asked of every entry for every pair compared, so the usual case allocates nothing. */
const settings = (e: AnalysisEntry) => (e.configTags.length < 2 ? (e.configTags[0] ?? '') : [...e.configTags].sort().join('+'));

/** How many run-setting tags a setting string holds. */
function tagCount(cfg: string): number {
	if (cfg === '') return 0;
	let n = 1;
	for (let i = 0; i < cfg.length; i++) if (cfg.charCodeAt(i) === 43 /* + */) n++;
	return n;
}

/** The plainest run setting every board lists (fewest tags, then by name), so like is compared with like; null when they share none. */
function sharedSetting(poolSettings: string[][]): string | null {
	// A scan for the least, not a set sorted: asked for every model of every pair at every date.
	let best: string | null = null;
	let bestTags = 0;
	for (const cfg of poolSettings[0]) {
		if (cfg === best || !poolSettings.every((l) => l.includes(cfg))) continue;
		const tags = tagCount(cfg);
		if (best === null || tags < bestTags || (tags === bestTags && cfg.localeCompare(best) < 0)) {
			best = cfg;
			bestTags = tags;
		}
	}
	return best;
}

/** The pool's best-ranked row run with the setting (any setting when null). */
function bestOf(pool: AnalysisEntry[], poolSettings: string[], cfg: string | null): AnalysisEntry {
	let best: AnalysisEntry | null = null;
	pool.forEach((e, i) => {
		if ((cfg === null || poolSettings[i] === cfg) && (best === null || better(e, best) < 0)) best = e;
	});
	return best!;
}

const anyRow = () => true;

/**
 * One match for a model however many rows each board lists for it (with and without thinking,
 * several efforts, a name twice), so the common set counts it once. Each board is represented by its
 * best-ranked `eligible` row of the plainest setting both boards list — the plain row when both have
 * one (Yupp's `GPT-5.4` against LMArena's `gpt-5.4`, not `gpt-5.4-high`) — or by its best-ranked
 * eligible row when they share no setting. The board's other rows are kept as the model's other names.
 */
function matchOnce(lists: AnalysisEntry[][], base: Omit<Matched, 'entries' | 'rows'>, eligible: (e: AnalysisEntry) => boolean = anyRow): Matched {
	const withEntries = (entries: AnalysisEntry[]): Matched => ({ key: base.key, family: base.family, release: base.release, level: base.level, entries, rows: lists });
	// One row per board (most releases): it stands for the model whatever its setting, without the copies below.
	if (lists.every((l) => l.length === 1)) return withEntries(lists.map((l) => l[0]));
	const pools = lists.map((l) => (l.every(eligible) || !l.some(eligible) ? l : l.filter(eligible)));
	const poolSettings = pools.map((pool) => pool.map(settings));
	const cfg = sharedSetting(poolSettings);
	return withEntries(pools.map((pool, b) => bestOf(pool, poolSettings[b], cfg)));
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
	if (entries.some((e) => e.release === null)) return { key: `family:${family}`, family, release: null, level: 'family', entries, rows: lists };
	if (entries.some((e) => e.release !== release)) return null;
	return { key: `release:${release}`, family, release, level: 'release', entries, rows: lists };
}

/** A family's rows by release (rows naming none left out), releases in the list's order. */
function releaseGroups(list: AnalysisEntry[]): Map<string, AnalysisEntry[]> {
	const groups = new Map<string, AnalysisEntry[]>();
	for (const e of list) {
		if (e.release === null) continue;
		const group = groups.get(e.release);
		if (group) group.push(e);
		else groups.set(e.release, [e]);
	}
	return groups;
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
			const byRelease = lists.map(releaseGroups);
			for (const release of byRelease[0].keys()) {
				const perRelease = byRelease.map((g) => g.get(release));
				if (perRelease.some((x) => !x)) continue;
				out.push(matchOnce(perRelease as AnalysisEntry[][], { key: `release:${release}`, family, release, level: 'release' }));
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
		if (!statesSpread(v)) return matched.map(() => null);
		// An entry without an interval still holds its place: it counts as its point rank for the others.
		const iv = matched.map((m): [number, number] => [m.entries[b].rankLower ?? m.entries[b].rank, m.entries[b].rankUpper ?? m.entries[b].rank]);
		const uppers = iv.map(([, hi]) => hi).sort((x, y) => x - y);
		const lowers = iv.map(([lo]) => lo).sort((x, y) => x - y);
		return iv.map(([lo, hi], i) => (hasInterval(matched[i].entries[b]) ? ([1 + countBelow(uppers, lo), iv.length - countAbove(lowers, hi)] as [number, number]) : null));
	});
	return { matched, ranks, intervals };
}

/** Whether a board gives any entry a spread: one whose every interval is a single rank states no uncertainty, whatever its columns say. */
const statesSpread = (v: SnapshotView) => v.entries.some((e) => hasInterval(e) && e.rankUpper! > e.rankLower!);

/**
 * What `rankCommonSet` gives the match at `index`, counted for it alone: a chart of one model asks at
 * every date, and counting is linear where ranking the whole set sorts it twice per board.
 */
export function rankOneInCommonSet(views: SnapshotView[], matched: Matched[], index: number): { ranks: number[]; intervals: ([number, number] | null)[] } {
	const ranks: number[] = [];
	const intervals: ([number, number] | null)[] = [];
	views.forEach((v, b) => {
		const me = matched[index].entries[b];
		const lo = me.rankLower ?? me.rank;
		const hi = me.rankUpper ?? me.rank;
		let above = 0;
		let tied = 0;
		let whollyAbove = 0;
		let whollyBelow = 0;
		for (const m of matched) {
			const e = m.entries[b];
			if (e.rank < me.rank) above++;
			else if (e.rank === me.rank) tied++;
			if ((e.rankUpper ?? e.rank) < lo) whollyAbove++;
			if ((e.rankLower ?? e.rank) > hi) whollyBelow++;
		}
		ranks.push(above + (tied + 1) / 2);
		intervals.push(hasInterval(me) && statesSpread(v) ? [1 + whollyAbove, matched.length - whollyBelow] : null);
	});
	return { ranks, intervals };
}

export function pctInterval(iv: [number, number] | null, rank: number, n: number): [number, number] {
	return iv ? [percentile(iv[0], n), percentile(iv[1], n)] : [percentile(rank, n), percentile(rank, n)];
}

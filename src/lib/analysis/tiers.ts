/** One row of a board as tiers need it: its place, and its score or rank interval (published or derived). */
export interface TierEntry {
	position: number;
	rank: number;
	ciLower: number | null;
	ciUpper: number | null;
	rankLower: number | null;
	rankUpper: number | null;
}

export const TIER_RULE =
	"Walking down the board from #1, a new tier starts at the first model whose interval lies wholly below the interval of the current tier's first model; every model before it is statistically tied with that leader. Score intervals are used where every row has one, else rank intervals; a row with neither has no tier.";

/**
 * Statistically tied groups, as LMArena and analysts read a board: tier 1 holds every model that the
 * leader's interval does not clear, and so on down. A model without an interval gets no tier rather
 * than a guessed one; it neither joins nor starts a tier.
 */
export function tiersOf(entries: TierEntry[]): Map<number, number | null> {
	const ordered = [...entries].sort((a, b) => a.rank - b.rank || a.position - b.position);
	const byScore = ordered.length > 0 && ordered.every((e) => e.ciLower !== null && e.ciUpper !== null);
	const byRank = !byScore && ordered.some((e) => e.rankLower !== null && e.rankUpper !== null);
	const out = new Map<number, number | null>();
	let tier = 0;
	let leader: TierEntry | null = null;
	for (const e of ordered) {
		const known = byScore || (byRank && e.rankLower !== null && e.rankUpper !== null);
		if (!known) {
			out.set(e.position, null);
			continue;
		}
		// Below the leader: its best case is worse than the leader's worst case.
		const clear = leader !== null && (byScore ? e.ciUpper! < leader.ciLower! : e.rankLower! > leader.rankUpper!);
		if (leader === null || clear) {
			tier++;
			leader = e;
		}
		out.set(e.position, tier);
	}
	return out;
}

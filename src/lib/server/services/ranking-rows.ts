import type { EntryRow } from '../db/snapshots';
import type { ExtraValue } from '../../snapshots/snapshot';
import type { PublishedColumns } from '../db/history';

export interface RankingRow extends PublishedColumns {
	/** Its statistically tied group on the board (1 = tied with the leader); null where no interval is known. */
	tier: number | null;
	row_key: string;
	needs_review: boolean;
	extras: Record<string, ExtraValue>;
}

export function toRankingRow(e: EntryRow, tier: number | null): RankingRow {
	return {
		tier,
		rank: e.rank,
		model: e.model,
		organization: e.organization,
		license: e.license,
		score: e.score,
		ci_lower: e.ci_lower,
		ci_upper: e.ci_upper,
		votes: e.votes,
		rank_lower: e.rank_lower,
		rank_upper: e.rank_upper,
		row_key: e.row_key,
		needs_review: e.needs_review === 1,
		extras: e.extras ? (JSON.parse(e.extras) as Record<string, ExtraValue>) : {}
	};
}

/** Flat object for the CLI and JSON contract: the fixed columns, then the board's extras. */
export function flatRankingRow(r: RankingRow): Record<string, ExtraValue> {
	const flat: Record<string, ExtraValue> = {
		rank: r.rank,
		model: r.model,
		organization: r.organization,
		license: r.license,
		score: r.score,
		ci_lower: r.ci_lower,
		ci_upper: r.ci_upper,
		votes: r.votes,
		rank_lower: r.rank_lower,
		rank_upper: r.rank_upper,
		tier: r.tier
	};
	for (const [k, v] of Object.entries(r.extras)) if (!(k in flat)) flat[k] = v;
	return flat;
}

import type { Db } from '../db/connection';
import { boardExists, entriesOf, listSnapshots, snapshotInForce, type EntryRow, type SnapshotRow } from '../db/snapshots';
import type { ExtraValue } from '../../model/snapshot';
import type { PublishedColumns } from '../db/history';
import { ViewCache } from '../analysis/views';
import { tiersOf } from '../../analysis/tiers';
import type { UncertaintySource } from '../../analysis/uncertainty';

export interface RankingRow extends PublishedColumns {
	/** Its statistically tied group on the board (1 = tied with the leader); null where no interval is known. */
	tier: number | null;
	row_key: string;
	needs_review: boolean;
	extras: Record<string, ExtraValue>;
}

export class NotFoundError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'NotFoundError';
	}
}

/** A snapshot's rows with their tiers (statistically tied groups), and whether the intervals behind them are the board's own or derived. */
export function rankingRows(db: Db, snapshotId: number): { rows: RankingRow[]; tierIntervals: UncertaintySource } {
	const view = new ViewCache(db).byId(snapshotId)!;
	const tiers = tiersOf(view.entries);
	return { rows: entriesOf(db, snapshotId).map((e) => toRankingRow(e, tiers.get(e.position) ?? null)), tierIntervals: view.uncertaintySource };
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

export interface BoardRanking {
	snapshot: SnapshotRow;
	rows: RankingRow[];
}

/** The ranking in force on `date` (the latest active snapshot on or before it). */
export function boardRanking(db: Db, boardId: string, date: string): BoardRanking {
	if (!boardExists(db, boardId)) throw new NotFoundError(`no board "${boardId}" in this database`);
	const snapshot = snapshotInForce(db, boardId, date);
	if (!snapshot) {
		const first = listSnapshots(db, boardId)[0];
		throw new NotFoundError(
			first
				? `board ${boardId} has no snapshot on or before ${date}; its first is ${first.as_of}`
				: `board ${boardId} has no active snapshot yet`
		);
	}
	return { snapshot, rows: rankingRows(db, snapshot.id).rows };
}

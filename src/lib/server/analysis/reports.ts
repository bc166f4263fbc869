import type { Db } from '../db/connection';
import type { EventRow, MismatchRow } from '../db/analysis';
import { boardExists, snapshotInForce, type SnapshotRow } from '../db/snapshots';
import { cacheScope } from '../db/versions';
import { LruCache } from '../../lru-cache';
import { divergence, mostDivergent, mostDivergentPairs, pairwiseDivergence, type DivergenceRow } from '../../analysis/divergence';
import { daysBetween } from '../../dates';
import { headlineBoards } from './analyze';
import { ViewCache } from './views';
import { NotFoundError } from '../errors';
import { BadParameter } from '../export/params';
import { worldOf } from '../../catalogue';
import { isStale } from '../../analysis/freshness';
import type { SnapshotView } from '../../analysis/types';

const WORLD_NAMES = { llm: 'language models', image: 'image generators', video: 'video generators' } as const;

/**
 * Divergence depends only on the snapshots compared and on what their names resolve to: results are
 * kept by snapshot ids and the resolutions version, so pages and alerts asking again cost a lookup.
 */
// Bounded by rows as well as entries: one pairwise report of twenty boards of two thousand models is
// tens of thousands of rows (tens of MB), and 48 of them would be gigabytes.
const divergenceCache = new LruCache<string, DivergenceRow[]>(48, { weigh: (rows) => rows.length, maxWeight: 100_000 });

export interface DivergenceReport {
	date: string;
	/** Boards compared, with the snapshot date each used. */
	boards: { board: string; asOf: string }[];
	/** Boards left out at this date, and why (stale or no snapshot yet). */
	excluded: { board: string; reason: string }[];
	rows: DivergenceRow[];
}

interface DivergenceOptions {
	date: string;
	boards?: string[];
	includeStale?: boolean;
	staleDays: number;
}

/** The snapshots a divergence report compares, the boards it leaves out, and its cache key. */
function divergenceInput(db: Db, opts: DivergenceOptions) {
	const named = opts.boards && opts.boards.length > 0;
	for (const b of opts.boards ?? []) if (!boardExists(db, b)) throw new NotFoundError(`no board "${b}" in this database`);
	const worlds = [...new Set((opts.boards ?? []).map((b) => `${b} ranks ${WORLD_NAMES[worldOf(b)]}`))];
	if (new Set((opts.boards ?? []).map(worldOf)).size > 1) throw new BadParameter('board', `boards of different kinds cannot be compared: ${worlds.join('; ')}`);
	const candidates = named ? [...new Set(opts.boards!)] : headlineBoards(db);
	const inForce: SnapshotRow[] = [];
	const excluded: DivergenceReport['excluded'] = [];
	for (const board of candidates) {
		const s = snapshotInForce(db, board, opts.date);
		if (!s) excluded.push({ board, reason: `no snapshot on or before ${opts.date}` });
		else if (!opts.includeStale && isStale(s.as_of, opts.date, opts.staleDays))
			excluded.push({ board, reason: `stale: latest snapshot ${s.as_of} is ${daysBetween(s.as_of, opts.date)} days old (window ${opts.staleDays})` });
		else inForce.push(s);
	}
	const mode = named ? (inForce.length === candidates.length ? 'set' : 'none') : 'pairs';
	const scope = cacheScope(db);
	return {
		mode,
		excluded,
		scope,
		key: `${mode}|${scope}|${inForce.map((s) => s.id).join(',')}`,
		compared: inForce.map((s) => ({ board: s.board_id, asOf: s.as_of })),
		views: () => {
			const cache = new ViewCache(db);
			return inForce.map((s) => cache.byId(s.id)!);
		}
	};
}

/**
 * Divergence at a date. Two or more named boards: their common set (with more than two, the spread
 * on the models all share). No boards named: every pair of fresh headline boards, one row per model
 * and pair. Stale boards are left out unless `includeStale`.
 */
export function divergenceReport(db: Db, opts: DivergenceOptions): DivergenceReport {
	const input = divergenceInput(db, opts);
	let rows = divergenceCache.get(input.key);
	if (!rows) {
		const views = input.views();
		rows = input.mode === 'set' ? divergence(views) : input.mode === 'pairs' ? pairwiseDivergence(views) : [];
		divergenceCache.set(input.key, rows);
	}
	return { date: opts.date, boards: input.compared, excluded: input.excluded, rows };
}

/**
 * The `limit` models with the largest pairwise divergence among fresh headline boards at a date (the
 * overview's list), without building and keeping the whole pairwise report unless it is already cached.
 */
export function mostDivergentAt(db: Db, opts: { date: string; staleDays: number }, limit: number): DivergenceReport {
	const input = divergenceInput(db, opts);
	const cached = divergenceCache.get(input.key);
	const pairRows = (a: SnapshotView, b: SnapshotView) => {
		const key = `${input.scope}|${a.id}|${b.id}|${limit}`;
		let rows = strongestByPair.get(key);
		if (!rows) strongestByPair.set(key, (rows = mostDivergent(divergence([a, b]), limit)));
		return rows;
	};
	const rows = cached ? mostDivergent(cached, limit) : mostDivergentPairs(input.views(), limit, pairRows);
	return { date: opts.date, boards: input.compared, excluded: input.excluded, rows };
}

// Each pair of snapshots' strongest rows: new data changes one board's snapshot, and the overview's
// list after it then compares only that board's pairs again (seven of 28 at eight headline boards).
const strongestByPair = new LruCache<string, DivergenceRow[]>(256);

/** The flat contract row of `rankdrift report divergence` (names/ranks/pct keyed by board). */
export function divergenceContractRow(r: DivergenceRow) {
	return {
		family: r.family,
		release: r.release,
		match_level: r.level,
		names: r.names,
		other_names: r.otherNames,
		ranks: r.ranks,
		pct: r.pct,
		divergence: r.divergence,
		spread: r.spread,
		sd: r.sd,
		top_gap: r.topGap,
		significant: r.significant,
		uncertainty_known: r.uncertaintyKnown,
		uncertainty: r.uncertainty,
		common_set_size: r.commonSetSize,
		boards: r.boards
	};
}

export function eventContractRow(e: EventRow) {
	return {
		id: e.id,
		kind: e.kind,
		board: e.board_id,
		date: e.date,
		model: e.model ?? e.previous_model,
		family: e.family,
		release: e.release,
		from_rank: e.from_rank,
		to_rank: e.to_rank,
		score_change: e.score_change,
		z: e.z,
		severity: e.severity,
		previous_date: e.previous_date,
		previous_model: e.previous_model,
		organization: e.organization,
		detail: e.detail,
		blip: e.blip === 1
	};
}

export function mismatchContractRow(m: MismatchRow) {
	return {
		id: m.id,
		kind: m.kind,
		family: m.family,
		checkpoint: { name: m.checkpoint_name, board: m.checkpoint_board, date: m.checkpoint_date, rank: m.checkpoint_rank, score: m.checkpoint_score, pct: m.checkpoint_pct },
		release: { name: m.release_name, board: m.release_board, date: m.release_date, rank: m.release_rank, score: m.release_score, pct: m.release_pct },
		gap: m.gap,
		significant: m.significant === 1,
		severity: m.severity,
		first_seen: m.date,
		last_seen: m.last_seen,
		common_set_size: m.common_set_size,
		organization: m.organization,
		detail: m.detail
	};
}


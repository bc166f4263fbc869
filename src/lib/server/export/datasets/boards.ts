import type { Db } from '../../db/connection';
import { boardExists } from '../../db/snapshots';
import { BOARD_SORT_KEYS, boardRanking, defaultDir, OPEN_CHOICES } from '../../services/board-page';
import { boardsAsOf } from '../../services/board-list';
import { flatRankingRow } from '../../services/ranking-rows';
import { NotFoundError } from '../../errors';
import { TIER_RULE } from '../../../analysis/tiers';
import { todayUtc } from '../../../dates';
import type { DatasetDefinition, ExportRow } from '../dataset';
import { filePart } from '../dataset';
import { licenceCells, sourceIdOfBoard } from '../licences';
import { historyCsvBlocks, historyPage, historyRows, isHistoryCursor, historyJson, HISTORY_COLUMNS } from '../history-rows';
import { encodeCursor } from '../params';

export function requireBoard(db: Db, board: string): void {
	if (!boardExists(db, board)) throw new NotFoundError(`no board "${board.slice(0, 100)}" in this database`);
}

/** Every board with the snapshot in force at `date` and its freshness: the overview page's table. */
export const boardsDataset: DatasetDefinition = {
	name: 'boards',
	path: '/api/boards',
	summary: 'every board with the snapshot in force at a date and its freshness',
	params: ['date'],
	paginated: false,
	open(ctx, _id, p) {
		const date = p.date('date') ?? todayUtc(ctx.clock());
		const items = boardsAsOf(ctx, date);
		return {
			dataset: 'boards',
			filename: `boards_${date}`,
			query: { date },
			columns: ['id', 'source_id', 'source_name', 'source_status', 'snapshots', 'held', 'first_as_of', 'as_of', 'rows', 'feed', 'age_days', 'stale'],
			sources: [],
			rows: () =>
				items.map(({ license: _sourceLicence, ...item }): ExportRow => ({ json: item, sources: [item.source_id] }))
		};
	}
};

const FIXED_BOARD_COLUMNS = ['board', 'as_of', 'rank', 'model', 'organization', 'license', 'score', 'ci_lower', 'ci_upper', 'votes', 'rank_lower', 'rank_upper', 'tier'];

/** A board's ranking in force at a date, searched, filtered and sorted as the board page's URL asks. */
export const boardDataset: DatasetDefinition = {
	name: 'board',
	path: '/api/boards/{board}',
	summary: "a board's ranking as of a date (the board page, with its search, filters and sort)",
	id: 'board',
	params: ['date', 'sort', 'dir', 'q', 'org', 'license', 'open'],
	paginated: false,
	open(ctx, board, p) {
		const date = p.date('date') ?? todayUtc(ctx.clock());
		const sort = p.choice('sort', BOARD_SORT_KEYS) ?? 'rank';
		const dir = p.choice('dir', ['asc', 'desc'] as const) ?? defaultDir(sort);
		const q = p.text('q');
		const org = p.text('org');
		const license = p.text('license');
		const open = p.choice('open', OPEN_CHOICES);
		const page = boardRanking(ctx.db, board!, { date, sort, dir, q, org, license, open });
		if (!page) throw new NotFoundError(`no board "${board!.slice(0, 100)}" in this database`);
		const asOf = page.snapshot?.as_of ?? null;
		const rows = page.rows.map((r) => {
			const json: Record<string, unknown> = { board: page.board, as_of: asOf, ...flatRankingRow(r) };
			// Fixed columns win over a board extra of the same name.
			json.board = page.board;
			json.as_of = asOf;
			return json;
		});
		const columns = [...FIXED_BOARD_COLUMNS];
		for (const r of rows) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
		const source = sourceIdOfBoard(page.board);
		return {
			dataset: 'board',
			filename: `${filePart(page.board)}_${date}`,
			query: { board: page.board, date, sort, dir, q, org, license, open },
			meta: { snapshot: page.snapshot, first_as_of: page.firstAsOf, total: page.total, tiers: { intervals: page.tierIntervals, rule: TIER_RULE } },
			columns,
			sources: [source],
			rows: () => rows.map((json): ExportRow => ({ json, sources: [source] }))
		};
	}
};

/** A board's active snapshots in long format: one row per model per date, oldest first. */
export const boardHistoryDataset: DatasetDefinition = {
	name: 'board-history',
	path: '/api/boards/{board}/history',
	summary: "a board's history in long format (one row per model per snapshot date)",
	id: 'board',
	params: ['from', 'to', 'top'],
	paginated: true,
	open(ctx, board, p) {
		requireBoard(ctx.db, board!);
		const { from, to } = p.dateRange('from', 'to');
		const top = p.int('top', 1, 100_000);
		const filter = { from, to, maxRank: top };
		const source = sourceIdOfBoard(board!);
		const toRow = (json: Record<string, unknown>): ExportRow => ({ json, sources: [source] });
		return {
			dataset: 'board-history',
			filename: `${filePart(board!)}_history_${from ?? 'start'}_${to ?? todayUtc(ctx.clock())}${top ? `_top${top}` : ''}`,
			query: { board, from, to, top },
			columns: HISTORY_COLUMNS,
			sources: [source],
			*rows() {
				for (const r of historyRows(ctx.db, board!, filter)) yield toRow(historyJson(r));
			},
			csvText() {
				const cells = licenceCells([source]);
				return historyCsvBlocks(ctx.db, board!, filter, [cells.source_license ?? '', cells.attribution ?? '']);
			},
			page(params, limit) {
				const page = historyPage(ctx.db, board!, filter, params.cursor(isHistoryCursor), limit);
				return { rows: page.rows.map((r) => toRow(historyJson(r))), next: page.next ? encodeCursor(page.next) : null };
			}
		};
	}
};

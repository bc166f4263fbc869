import type { AppContext } from '../context';
import { boardExists, boardIds } from '../db/snapshots';
import { BadParameter, type Params } from '../export/params';
import { headlineBoards } from '../analysis/analyze';
import { comparePage } from '../services/dashboard-compare';
import { modelPage } from '../services/dashboard-model';
import { orgPage } from '../services/dashboard-org';
import { todayUtc } from '../../dates';
import { EVENT_KINDS } from '../../analysis/types';
import { NotFoundError } from '../errors';
import { eventFilter, isEventCursor } from '../export/filters';
import { boardDashboard, BOARD_SORT_KEYS, defaultDir, DEFAULT_SHOWN_ROWS, OPEN_CHOICES } from '../services/board-page';
import { eventsPage } from '../services/dashboard-events';

// The loads of the pages that read the most history, by name: the page's route runs one through
// readPage (web/read-page.ts), in a read worker when they are on, so what it reads keeps only a worker
// busy. Each takes the URL's query through the API's parameter parser, as every page does.

export const PAGE_READERS = {
	model(ctx: AppContext, id: string | null, p: Params) {
		const date = p.date('date') ?? todayUtc(ctx.clock());
		const view = p.choice('view', ['rank', 'pct'] as const) ?? 'rank';
		const scope = p.choice('boards', ['headline', 'all'] as const) ?? 'headline';
		const chosen = p.list('with', 100);
		for (const b of chosen) if (!boardExists(ctx.db, b)) throw new BadParameter('with', `with must name boards of this database, not ${JSON.stringify(b.slice(0, 60))}`);
		return modelPage(ctx, id!, { date, view, scope, with: chosen.length ? chosen : null });
	},
	compare(ctx: AppContext, _id: string | null, p: Params) {
		const date = p.date('date') ?? todayUtc(ctx.clock());
		const a = p.text('a');
		const b = p.text('b');
		if (!a || !b) {
			// No pair chosen yet: the picker, suggesting the first two headline boards.
			return { picker: true as const, date, a, b, boards: boardIds(ctx.db), headline: headlineBoards(ctx.db) };
		}
		if (a === b) throw new BadParameter('b', 'compare two different boards (a and b are the same)');
		return { picker: false as const, ...comparePage(ctx, a, b, date) };
	},
	org(ctx: AppContext, id: string | null, p: Params) {
		return orgPage(ctx, id!, p.date('date') ?? todayUtc(ctx.clock()));
	},
	board(ctx: AppContext, id: string | null, p: Params) {
		const sort = p.choice('sort', BOARD_SORT_KEYS) ?? 'rank';
		const result = boardDashboard(ctx.db, id!, {
			date: p.date('date') ?? todayUtc(ctx.clock()),
			sort,
			dir: p.choice('dir', ['asc', 'desc'] as const) ?? defaultDir(sort),
			q: p.text('q'),
			org: p.text('org'),
			license: p.text('license'),
			open: p.choice('open', OPEN_CHOICES),
			top: p.int('top', 1, 25) ?? 10,
			show: p.text('show') === 'all' ? Number.MAX_SAFE_INTEGER : (p.int('show', 1, 100_000) ?? DEFAULT_SHOWN_ROWS)
		});
		if (!result) throw new NotFoundError(`no board "${id!.slice(0, 100)}"`);
		return result;
	},
	events(ctx: AppContext, _id: string | null, p: Params, query: URLSearchParams) {
		// ?date= is the page's as-of date: events up to it unless ?until= says otherwise.
		const date = p.date('date');
		const filter = eventFilter(ctx.db, p);
		const at = p.cursor(isEventCursor);
		return {
			kinds: EVENT_KINDS,
			...eventsPage(ctx.db, { ...filter, until: filter.until ?? date }, at ? { token: query.get('cursor')!, at } : null)
		};
	}
};

export type PageName = keyof typeof PAGE_READERS;
export type PageData<N extends PageName> = ReturnType<(typeof PAGE_READERS)[N]>;

export function isPageName(name: string): name is PageName {
	return Object.hasOwn(PAGE_READERS, name);
}

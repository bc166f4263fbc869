import type { AppContext } from '../context';
import { boardExists, boardIds } from '../db/snapshots';
import { BadParameter, type Params } from '../export/params';
import { headlineBoards } from '../analysis/analyze';
import { comparePage } from '../services/dashboard-compare';
import { modelPage } from '../services/dashboard-model';
import { orgPage } from '../services/dashboard-org';
import { todayUtc } from '../../dates';

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
	}
};

export type PageName = keyof typeof PAGE_READERS;
export type PageData<N extends PageName> = ReturnType<(typeof PAGE_READERS)[N]>;

export function isPageName(name: string): name is PageName {
	return Object.hasOwn(PAGE_READERS, name);
}

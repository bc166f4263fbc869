import type { PageServerLoad } from './$types';
import { pageLoad } from '$lib/server/web/page-load';
import { BadParameter } from '$lib/server/export/params';
import { comparePage } from '$lib/server/services/dashboard-compare';
import { headlineBoards } from '$lib/server/analysis/analyze';
import { boardIds } from '$lib/server/db/snapshots';
import { todayUtc } from '$lib/dates';

export const load: PageServerLoad = ({ url }) =>
	pageLoad(url, (p, ctx) => {
		const date = p.date('date') ?? todayUtc(ctx.clock());
		const a = p.text('a');
		const b = p.text('b');
		if (!a || !b) {
			// No pair chosen yet: the picker, suggesting the first two headline boards.
			return { picker: true as const, date, a, b, boards: boardIds(ctx.db), headline: headlineBoards(ctx.db) };
		}
		if (a === b) throw new BadParameter('b', 'compare two different boards (a and b are the same)');
		return { picker: false as const, ...comparePage(ctx, a, b, date) };
	});

import type { PageServerLoad } from './$types';
import { pageLoad } from '$lib/server/web/page-load';
import { NotFoundError } from '$lib/server/errors';
import { boardDashboard, BOARD_SORT_KEYS, defaultDir, DEFAULT_SHOWN_ROWS, OPEN_CHOICES } from '$lib/server/services/board-page';
import { todayUtc } from '$lib/dates';

export const load: PageServerLoad = ({ params, url }) =>
	pageLoad(url, (p, ctx) => {
		const sort = p.choice('sort', BOARD_SORT_KEYS) ?? 'rank';
		const result = boardDashboard(ctx.db, params.id, {
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
		if (!result) throw new NotFoundError(`no board "${params.id.slice(0, 100)}"`);
		return result;
	});

import type { PageServerLoad } from './$types';
import { pageLoad } from '$lib/server/web/page-load';
import { BadParameter } from '$lib/server/export/params';
import { modelPage } from '$lib/server/services/dashboard-model';
import { boardExists } from '$lib/server/db/snapshots';
import { todayUtc } from '$lib/dates';

export const load: PageServerLoad = ({ params, url }) =>
	pageLoad(url, (p, ctx) => {
		const date = p.date('date') ?? todayUtc(ctx.clock());
		const view = p.choice('view', ['rank', 'pct'] as const) ?? 'rank';
		const scope = p.choice('boards', ['headline', 'all'] as const) ?? 'headline';
		const chosen = p.list('with', 100);
		for (const b of chosen) if (!boardExists(ctx.db, b)) throw new BadParameter('with', `with must name boards of this database, not ${JSON.stringify(b.slice(0, 60))}`);
		return modelPage(ctx, params.id, { date, view, scope, with: chosen.length ? chosen : null });
	});

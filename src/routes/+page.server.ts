import type { PageServerLoad } from './$types';
import { pageLoad } from '$lib/server/web/page-load';
import { overview } from '$lib/server/services/dashboard-overview';
import { MIN_AGREEMENT_SET } from '$lib/analysis/agreement';
import { todayUtc } from '$lib/dates';

export const load: PageServerLoad = ({ url }) =>
	pageLoad(url, (p, ctx) => ({ ...overview(ctx, p.date('date') ?? todayUtc(ctx.clock())), minSet: MIN_AGREEMENT_SET }));

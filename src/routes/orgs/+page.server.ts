import type { PageServerLoad } from './$types';
import { pageLoad } from '$lib/server/web/page-load';
import { organizationsWithModels } from '$lib/server/services/dashboard-org';
import { todayUtc } from '$lib/dates';

export const load: PageServerLoad = ({ url }) =>
	pageLoad(url, (p, ctx) => ({ date: p.date('date') ?? todayUtc(ctx.clock()), organizations: organizationsWithModels(ctx.db) }));

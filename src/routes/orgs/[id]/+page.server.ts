import type { PageServerLoad } from './$types';
import { pageLoad } from '$lib/server/web/page-load';
import { orgPage } from '$lib/server/services/dashboard-org';
import { todayUtc } from '$lib/dates';

export const load: PageServerLoad = ({ params, url }) => pageLoad(url, (p, ctx) => orgPage(ctx, params.id, p.date('date') ?? todayUtc(ctx.clock())));

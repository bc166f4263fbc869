import type { PageServerLoad } from './$types';
import { pageLoad } from '$lib/server/web/page-load';
import { modelIndex, modelIndexQuery } from '$lib/server/services/dashboard-model-index';

export const load: PageServerLoad = ({ url }) => pageLoad(url, (p, ctx) => modelIndex(ctx, modelIndexQuery(p, ctx.clock())));

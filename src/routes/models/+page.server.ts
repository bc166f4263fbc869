import type { PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-db';
import { config } from '$lib/server/config';
import { Params } from '$lib/server/export/params';
import { orHttpError } from '$lib/server/services/dashboard-params';
import { modelIndex, modelIndexQuery } from '$lib/server/services/dashboard-model-index';

export const load: PageServerLoad = ({ url }) =>
	orHttpError(() => modelIndex(appDb(), modelIndexQuery(new Params(url.searchParams), new Date()), config().RANKDRIFT_STALE_DAYS));

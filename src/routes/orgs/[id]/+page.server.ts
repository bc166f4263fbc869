import type { PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-db';
import { config } from '$lib/server/config';
import { dateParam } from '$lib/server/web/params';
import { orHttpError } from '$lib/server/services/dashboard-params';
import { orgPage } from '$lib/server/services/dashboard-org';

export const load: PageServerLoad = ({ params, url }) => {
	const date = dateParam(url);
	return orHttpError(() => orgPage(appDb(), params.id, date, config().RANKDRIFT_STALE_DAYS));
};

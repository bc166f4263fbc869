import type { PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import { dateParam } from '$lib/server/web/params';
import { methodsFacts } from '$lib/server/services/dashboard-methods';

export const load: PageServerLoad = ({ url }) => {
	dateParam(url);
	return methodsFacts(config().RANKDRIFT_STALE_DAYS);
};

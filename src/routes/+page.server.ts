import type { PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-db';
import { config } from '$lib/server/config';
import { dateParam } from '$lib/server/web/params';
import { overview } from '$lib/server/services/dashboard-overview';
import { MIN_AGREEMENT_SET } from '$lib/analysis/agreement';

export const load: PageServerLoad = ({ url }) => ({
	...overview(appDb(), dateParam(url), config().RANKDRIFT_STALE_DAYS, process.env),
	minSet: MIN_AGREEMENT_SET
});

import type { PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-db';
import { config } from '$lib/server/config';
import { dateParam } from '$lib/server/web/params';
import { boardsAsOf } from '$lib/server/services/board-list';

export const load: PageServerLoad = ({ url }) => {
	const date = dateParam(url);
	return { date, staleDays: config().RANKDRIFT_STALE_DAYS, boards: boardsAsOf(appDb(), date, config().RANKDRIFT_STALE_DAYS, process.env) };
};

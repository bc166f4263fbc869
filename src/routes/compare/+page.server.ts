import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-db';
import { config } from '$lib/server/config';
import { dateParam } from '$lib/server/web/params';
import { orHttpError, textParam } from '$lib/server/services/dashboard-params';
import { comparePage } from '$lib/server/services/dashboard-compare';
import { headlineBoards } from '$lib/server/analysis/analyze';
import { boardIds } from '$lib/server/db/snapshots';

export const load: PageServerLoad = ({ url }) => {
	const date = dateParam(url);
	const a = textParam(url, 'a');
	const b = textParam(url, 'b');
	const db = appDb();
	if (!a || !b) {
		// No pair chosen yet: the picker, suggesting the first two headline boards.
		const headline = headlineBoards(db);
		return { picker: true as const, date, a, b, boards: boardIds(db), headline };
	}
	if (a === b) error(400, { message: 'Bad request', detail: 'compare two different boards (a and b are the same)' });
	return { picker: false as const, ...orHttpError(() => comparePage(db, a, b, date, config().RANKDRIFT_STALE_DAYS)) };
};

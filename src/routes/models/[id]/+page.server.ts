import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-db';
import { config } from '$lib/server/config';
import { choiceParam, dateParam } from '$lib/server/web/params';
import { orHttpError } from '$lib/server/services/dashboard-params';
import { modelPage } from '$lib/server/services/dashboard-model';
import { boardExists } from '$lib/server/db/snapshots';

export const load: PageServerLoad = ({ params, url }) => {
	const date = dateParam(url);
	const view = choiceParam(url, 'view', ['rank', 'pct'] as const, 'rank');
	const scope = choiceParam(url, 'boards', ['headline', 'all'] as const, 'headline');
	const chosen = url.searchParams.getAll('with').filter((b) => b !== '');
	for (const b of chosen)
		if (b.length > 200 || !boardExists(appDb(), b)) error(400, { message: 'Bad with', detail: `with must name boards of this database, not ${JSON.stringify(b.slice(0, 60))}` });
	return orHttpError(() =>
		modelPage(appDb(), params.id, { date, view, scope, with: chosen.length ? chosen : null }, config().RANKDRIFT_STALE_DAYS)
	);
};

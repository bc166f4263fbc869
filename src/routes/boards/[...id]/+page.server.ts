import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-db';
import { dateParam, choiceParam } from '$lib/server/web/params';
import { boardPage, SORT_KEYS } from '$lib/server/services/board-page';

export const load: PageServerLoad = ({ params, url }) => {
	const date = dateParam(url);
	const sort = choiceParam(url, 'sort', SORT_KEYS, 'rank');
	const dir = choiceParam(url, 'dir', ['asc', 'desc'] as const, sort === 'rank' || sort === 'model' || sort === 'organization' ? 'asc' : 'desc');
	const q = (url.searchParams.get('q') ?? '').slice(0, 200);
	const org = (url.searchParams.get('org') ?? '').slice(0, 200);
	const result = boardPage(appDb(), params.id, { date, sort, dir, q, org });
	if (!result) error(404, { message: `No board "${params.id.slice(0, 100)}"` });
	return result;
};

import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-db';
import { dateParam, choiceParam } from '$lib/server/web/params';
import { intParam, textParam } from '$lib/server/services/dashboard-params';
import { boardDashboard, BOARD_SORT_KEYS, DEFAULT_SHOWN_ROWS, OPEN_CHOICES } from '$lib/server/services/dashboard-board';

const ASCENDING_FIRST = ['rank', 'model', 'organization', 'license'];

export const load: PageServerLoad = ({ params, url }) => {
	const date = dateParam(url);
	const sort = choiceParam(url, 'sort', BOARD_SORT_KEYS, 'rank');
	const dir = choiceParam(url, 'dir', ['asc', 'desc'] as const, ASCENDING_FIRST.includes(sort) ? 'asc' : 'desc');
	const open = url.searchParams.get('open') ? choiceParam(url, 'open', OPEN_CHOICES, 'yes') : null;
	const result = boardDashboard(appDb(), params.id, {
		date,
		sort,
		dir,
		q: textParam(url, 'q'),
		org: textParam(url, 'org'),
		license: textParam(url, 'license'),
		open,
		top: intParam(url, 'top', 1, 25, 10),
		show: url.searchParams.get('show') === 'all' ? Number.MAX_SAFE_INTEGER : intParam(url, 'show', 1, 100_000, DEFAULT_SHOWN_ROWS)
	});
	if (!result) error(404, { message: 'Not found', detail: `no board "${params.id.slice(0, 100)}"` });
	return result;
};

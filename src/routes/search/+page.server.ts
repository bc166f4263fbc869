import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-db';
import { dateParam } from '$lib/server/web/params';
import { textParam } from '$lib/server/services/dashboard-params';
import { search } from '$lib/server/services/dashboard-search';
import { links } from '$lib/components/links';

export const load: PageServerLoad = ({ url }) => {
	const date = url.searchParams.get('date') ? dateParam(url) : null;
	const q = textParam(url, 'q');
	if (!q) return { results: null };
	const results = search(appDb(), q);
	// A query that names exactly one model and nothing else goes straight to it.
	if (results.models.length === 1 && !results.unresolved.length && !results.organizations.length && !results.boards.length)
		redirect(303, links.model(results.models[0].family, date));
	return { results };
};

import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { pageLoad } from '$lib/server/web/page-load';
import { search } from '$lib/server/services/dashboard-search';
import { links } from '$lib/components/links';

export const load: PageServerLoad = ({ url }) =>
	pageLoad(url, (p, ctx) => {
		const date = p.date('date');
		const q = p.text('q');
		if (!q) return { results: null };
		const results = search(ctx.db, q);
		// A query that names exactly one model and nothing else goes straight to it.
		if (results.models.length === 1 && !results.unresolved.length && !results.organizations.length && !results.boards.length)
			redirect(303, links.model(results.models[0].family, date));
		return { results };
	});

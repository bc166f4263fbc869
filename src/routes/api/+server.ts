import type { RequestHandler } from './$types';
import { CORS_HEADERS, preflight } from '$lib/server/export/http';
import { DATASETS } from '$lib/server/export/datasets';

/** What the API offers: each dataset's route, filters and whether it pages; the README has the details. */
export const GET: RequestHandler = () => {
	const body = {
		formats: ['json', 'csv'],
		pagination: { limit: 'rows per page (1–10000, default 1000)', cursor: 'next_cursor of the previous page' },
		feed: { path: '/feed.xml', params: ['board', 'family', 'organization', 'model', 'kind', 'severity', 'since', 'until', 'limit'] },
		datasets: DATASETS.map((d) => ({ name: d.name, path: d.path, summary: d.summary, params: d.params, paginated: d.paginated }))
	};
	return new Response(JSON.stringify(body, null, 2) + '\n', { headers: { ...CORS_HEADERS, 'content-type': 'application/json; charset=utf-8' } });
};

export const OPTIONS: RequestHandler = () => preflight();

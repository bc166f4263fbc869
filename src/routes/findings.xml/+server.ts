import type { RequestHandler } from './$types';
import { CORS_HEADERS, preflight, withApiErrors } from '$lib/server/export/http';
import { appDb } from '$lib/server/app-db';
import { findingFeed } from '$lib/server/export/finding-feed';
import { Params } from '$lib/server/export/params';

export const GET: RequestHandler = (event) =>
	withApiErrors(event, () => {
		const xml = findingFeed(appDb(), new Params(event.url.searchParams), event.url.origin, new Date());
		return new Response(xml, {
			headers: { ...CORS_HEADERS, 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' }
		});
	});

export const OPTIONS: RequestHandler = () => preflight();

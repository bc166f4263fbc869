import type { PageServerLoad } from './$types';
import { pageLoad } from '$lib/server/web/page-load';
import { eventsPage } from '$lib/server/services/dashboard-events';
import { eventFilter, isEventCursor } from '$lib/server/export/filters';
import { EVENT_KINDS } from '$lib/analysis/types';

export const load: PageServerLoad = ({ url }) =>
	pageLoad(url, (p, ctx) => {
		// ?date= is the page's as-of date: events up to it unless ?until= says otherwise.
		const date = p.date('date');
		const filter = eventFilter(ctx.db, p);
		const at = p.cursor(isEventCursor);
		return {
			kinds: EVENT_KINDS,
			...eventsPage(ctx.db, { ...filter, until: filter.until ?? date }, at ? { token: url.searchParams.get('cursor')!, at } : null)
		};
	});

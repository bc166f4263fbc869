import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-db';
import { choiceParam, dateParam } from '$lib/server/web/params';
import { optionalDate, textParam } from '$lib/server/services/dashboard-params';
import { decodeCursor, eventsPage } from '$lib/server/services/dashboard-events';
import { boardExists } from '$lib/server/db/snapshots';
import { EVENT_KINDS, type EventKind } from '$lib/analysis/types';

export const load: PageServerLoad = ({ url }) => {
	const db = appDb();
	// ?date= is the page's as-of date: events up to it unless ?until= says otherwise.
	const date = dateParam(url);
	const board = textParam(url, 'board');
	if (board && !boardExists(db, board)) error(404, { message: 'Not found', detail: `no board "${board.slice(0, 100)}"` });
	const rawAfter = textParam(url, 'after', 100);
	const after = rawAfter ? decodeCursor(rawAfter) : null;
	if (rawAfter && !after) error(400, { message: 'Bad after', detail: 'after must be a cursor from a "next page" link' });
	const kind = url.searchParams.get('kind') ? choiceParam<EventKind>(url, 'kind', EVENT_KINDS, 'jump') : null;
	const severity = url.searchParams.get('severity') ? choiceParam(url, 'severity', ['low', 'medium', 'high'] as const, 'low') : null;
	const since = optionalDate(url, 'since');
	const until = optionalDate(url, 'until') ?? (url.searchParams.get('date') ? date : null);
	if (since && until && since > until) error(400, { message: 'Bad dates', detail: `since (${since}) is after until (${until})` });
	return {
		kinds: EVENT_KINDS,
		...eventsPage(db, {
			board,
			family: textParam(url, 'family'),
			organization: textParam(url, 'organization'),
			kind,
			since,
			until,
			severity,
			after
		})
	};
};

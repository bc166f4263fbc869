import type { Db } from '../db/connection';
import { listEvents, listMismatches, type EventFilter, type EventRow, type MismatchRow } from '../db/analysis';
import { encodeCursor } from '../export/params';
import type { EventCursor } from '../export/filters';
import { boardIds } from '../db/snapshots';
import { familyLabels } from '../db/identity';
import { headlineBoards } from '../analysis/analyze';

export const EVENTS_PAGE_SIZE = 50;

/** The page's filters as the events dataset reads them (export/filters.ts), and where this page starts. */
export interface EventsQuery {
	board: string | null;
	family: string | null;
	organization: string | null;
	kind: string | null;
	since: string | null;
	until: string | null;
	severity: string | null;
	/** The `cursor` this page starts after (the API's cursor format), or null for the newest. */
	cursor: string | null;
}

export interface EventsPageData {
	query: EventsQuery;
	events: EventRow[];
	/** Cursor of the next page, when there is one. */
	next: string | null;
	mismatches: MismatchRow[];
	boards: string[];
	headline: string[];
	labels: Record<string, string>;
}

/** Events newest first under the filters, one page at a time, and the variant mismatches under the same filters. */
export function eventsPage(db: Db, filter: EventFilter, after: { token: string; at: EventCursor } | null): EventsPageData {
	const query: EventsQuery = {
		board: filter.board ?? null,
		family: filter.family ?? null,
		organization: filter.organization ?? null,
		kind: filter.kind ?? null,
		since: filter.since ?? null,
		until: filter.until ?? null,
		severity: filter.minSeverity ?? null,
		cursor: after?.token ?? null
	};
	const rows = listEvents(db, { ...filter, after: after ? { date: after.at.d, id: after.at.i } : null, limit: EVENTS_PAGE_SIZE + 1 });
	const events = rows.slice(0, EVENTS_PAGE_SIZE);
	const mismatches = listMismatches(db, {
		board: query.board,
		family: query.family,
		organization: query.organization,
		since: query.since,
		until: query.until,
		limit: 100
	});
	const last = events[events.length - 1];
	return {
		query,
		events,
		next: rows.length > EVENTS_PAGE_SIZE && last ? encodeCursor({ d: last.date, i: last.id } satisfies EventCursor) : null,
		mismatches,
		boards: boardIds(db),
		headline: headlineBoards(db),
		labels: Object.fromEntries(familyLabels(db))
	};
}

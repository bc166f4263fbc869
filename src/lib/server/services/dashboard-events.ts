import type { Db } from '../db/connection';
import { listEvents, listMismatches, type EventRow, type MismatchRow } from '../db/analysis';
import { boardIds } from '../db/snapshots';
import { familyLabels } from '../db/identity';
import { headlineBoards } from '../analysis/analyze';

export const EVENTS_PAGE_SIZE = 50;

export interface EventsQuery {
	board: string | null;
	family: string | null;
	organization: string | null;
	kind: string | null;
	since: string | null;
	until: string | null;
	severity: 'low' | 'medium' | 'high' | null;
	/** Keyset cursor `date~id`: the page after this event. */
	after: { date: string; id: string } | null;
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

export function encodeCursor(e: { date: string; id: string }): string {
	return `${e.date}~${e.id}`;
}

/** `date~id` back into a cursor; null when malformed. */
export function decodeCursor(raw: string): { date: string; id: string } | null {
	const m = /^(\d{4}-\d{2}-\d{2})~([0-9a-f]{1,64})$/.exec(raw);
	return m ? { date: m[1], id: m[2] } : null;
}

/** Events newest first under the filters, one page at a time, and the variant mismatches under the same filters. */
export function eventsPage(db: Db, query: EventsQuery): EventsPageData {
	const rows = listEvents(db, {
		board: query.board,
		family: query.family,
		organization: query.organization,
		kind: query.kind,
		since: query.since,
		until: query.until,
		minSeverity: query.severity,
		after: query.after,
		limit: EVENTS_PAGE_SIZE + 1
	});
	const events = rows.slice(0, EVENTS_PAGE_SIZE);
	const mismatches = listMismatches(db, {
		board: query.board,
		family: query.family,
		organization: query.organization,
		since: query.since,
		until: query.until,
		limit: 100
	});
	return {
		query,
		events,
		next: rows.length > EVENTS_PAGE_SIZE ? encodeCursor(events[events.length - 1]) : null,
		mismatches,
		boards: boardIds(db),
		headline: headlineBoards(db),
		labels: Object.fromEntries(familyLabels(db))
	};
}

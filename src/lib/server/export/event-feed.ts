import type { Db } from '../db/connection';
import { listEvents, type EventFilter, type EventRow } from '../db/analysis';
import { getSource } from '../../catalogue';
import { atomXml, type AtomEntry, type AtomFeed } from './atom';
import { eventFilter } from './filters';
import { sourceIdOfBoard, sourcesOfBoards } from './licences';
import type { Params } from './params';

export const FEED_DEFAULT_ENTRIES = 50;
export const FEED_MAX_ENTRIES = 500;

export const pathOf = (id: string) => id.split('/').map(encodeURIComponent).join('/');

export function rightsOf(sourceIds: string[]): string {
	return sourceIds
		.map((id) => getSource(id))
		.filter((s) => s !== undefined)
		.map((s) => `${s.attribution} (licence: ${s.license.name}${s.license.url ? `, ${s.license.url}` : ''})`)
		.join(' | ');
}

function rankText(e: EventRow): string {
	if (e.from_rank !== null && e.to_rank !== null) return `rank ${e.from_rank} → ${e.to_rank}`;
	if (e.to_rank !== null) return `rank ${e.to_rank}`;
	if (e.from_rank !== null) return `was rank ${e.from_rank}`;
	return '';
}

function entryOf(e: EventRow, origin: string): AtomEntry {
	const source = sourceIdOfBoard(e.board_id);
	const links: AtomEntry['links'] = [{ href: `${origin}/boards/${pathOf(e.board_id)}?date=${e.date}`, rel: 'alternate', type: 'text/html' }];
	if (e.family) links.push({ href: `${origin}/models/${encodeURIComponent(e.family)}`, rel: 'related', type: 'text/html' });
	const facts = [
		rankText(e),
		e.score_change !== null ? `score ${e.score_change > 0 ? '+' : ''}${e.score_change}` : '',
		`severity ${e.severity}`,
		`${e.board_id}, ${e.previous_date} → ${e.date}`
	].filter(Boolean);
	return {
		id: `urn:rankdrift:event:${e.id}`,
		title: e.detail,
		updated: e.detected_at,
		published: `${e.date}T00:00:00Z`,
		links,
		categories: [e.kind, e.board_id, `severity:${e.severity}`],
		summary: `${e.detail}. ${facts.join('; ')}.`,
		rights: rightsOf([source])
	};
}

function describeFilter(f: EventFilter): string {
	const parts = [
		f.board && `board ${f.board}`,
		f.family && `family ${f.family}`,
		f.organization && `organization ${f.organization}`,
		f.model && `model ${f.model}`,
		f.kind && `kind ${f.kind}`,
		f.minSeverity && `severity ≥ ${f.minSeverity}`,
		f.since && `since ${f.since}`,
		f.until && `until ${f.until}`
	].filter(Boolean);
	return parts.length ? ` — ${parts.join(', ')}` : '';
}

/** The filter as a canonical query string (fixed order), so a feed's id does not depend on how its URL was spelled. */
function filterQuery(f: EventFilter): string {
	const q = new URLSearchParams();
	const pairs: [string, string | null | undefined][] = [
		['board', f.board],
		['family', f.family],
		['organization', f.organization],
		['model', f.model],
		['kind', f.kind],
		['severity', f.minSeverity],
		['since', f.since],
		['until', f.until],
		['include_blips', f.blips ? '1' : null]
	];
	for (const [k, v] of pairs) if (v) q.set(k, v);
	const s = q.toString();
	return s ? `?${s}` : '';
}

/**
 * The Atom feed of events, newest first, with the same filters as /api/events (board, family,
 * organization, kind…). Each entry links to the board as of the event's date (and the model's page),
 * and carries its source's attribution and licence.
 */
export function eventFeed(db: Db, params: Params, origin: string, now: Date): string {
	const f = eventFilter(db, params);
	const limit = params.int('limit', 1, FEED_MAX_ENTRIES) ?? FEED_DEFAULT_ENTRIES;
	const events = listEvents(db, { ...f, limit });
	const query = filterQuery(f);
	const sources = sourcesOfBoards([f.board, ...events.map((e) => e.board_id)]);
	const feed: AtomFeed = {
		id: `${origin}/feed.xml${query}`,
		title: `rankdrift events${describeFilter(f)}`,
		subtitle: 'Jumps, new leaders, entrants, delistings, renames and method changes on the leaderboards rankdrift watches.',
		updated: events.reduce((max, e) => (e.detected_at > max ? e.detected_at : max), '') || now.toISOString(),
		links: [
			{ href: `${origin}/feed.xml${query}`, rel: 'self', type: 'application/atom+xml' },
			{ href: `${origin}/events${query}`, rel: 'alternate', type: 'text/html' }
		],
		rights: rightsOf(sources) || undefined,
		author: 'rankdrift',
		generator: 'rankdrift',
		entries: events.map((e) => entryOf(e, origin))
	};
	return atomXml(feed);
}

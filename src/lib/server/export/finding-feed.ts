import type { Db } from '../db/connection';
import { listFindings } from '../analysis/findings';
import type { Finding } from '../../analysis/findings';
import { atomXml, type AtomEntry } from './atom';
import { findingFilter } from './datasets/analysis';
import { FEED_DEFAULT_ENTRIES, FEED_MAX_ENTRIES, pathOf, rightsOf } from './event-feed';
import { sourcesOfBoards } from './licences';
import type { Params } from './params';

function entryOf(f: Finding, origin: string, updated: string): AtomEntry {
	const links: AtomEntry['links'] = [{ href: `${origin}/boards/${pathOf(f.boards[0])}?date=${f.date}`, rel: 'alternate', type: 'text/html' }];
	if (f.family) links.push({ href: `${origin}/models/${encodeURIComponent(f.family)}?date=${f.date}`, rel: 'related', type: 'text/html' });
	return {
		id: `urn:rankdrift:finding:${f.id}`,
		title: f.summary,
		updated,
		published: `${f.date}T00:00:00Z`,
		links,
		categories: [f.kind, f.source, `severity:${f.severity}`, ...f.categories.map((c) => `category:${c}`)],
		summary: `${f.summary}. Severity ${f.severity}${f.significant ? ', beyond the board’s uncertainty' : ''}; ${f.boards.length} board(s): ${f.boards.join(', ')}.`,
		rights: rightsOf(sourcesOfBoards(f.boards))
	};
}

/**
 * The Atom feed of findings, newest first, with the filters of /api/findings: each story once, as an
 * analyst would subscribe to it (the per-board events keep their own feed at /feed.xml).
 */
export function findingFeed(db: Db, params: Params, origin: string, now: Date): string {
	const f = findingFilter(db, params);
	const limit = params.int('limit', 1, FEED_MAX_ENTRIES) ?? FEED_DEFAULT_ENTRIES;
	const findings = listFindings(db, f).slice(0, limit);
	const q = new URLSearchParams(Object.entries({ board: f.board, family: f.family, kind: f.kind, severity: f.minSeverity, since: f.since, until: f.until }).filter((e): e is [string, string] => !!e[1]));
	const query = q.toString() ? `?${q}` : '';
	// A finding changes only with the data: the newest finding's date stands for the feed's.
	const updated = findings[0] ? `${findings[0].date}T00:00:00Z` : now.toISOString();
	return atomXml({
		id: `${origin}/findings.xml${query}`,
		title: `rankdrift findings${query ? ` (${q.toString().replaceAll('&', ', ').replaceAll('=', ' ')})` : ''}`,
		subtitle: 'What the leaderboards rankdrift watches did, each story once: new leaders and entrants, moves beyond the noise, board-wide shifts, boards far apart on a model, variant mismatches.',
		updated,
		links: [
			{ href: `${origin}/findings.xml${query}`, rel: 'self', type: 'application/atom+xml' },
			{ href: `${origin}/events${query}`, rel: 'alternate', type: 'text/html' }
		],
		rights: rightsOf(sourcesOfBoards(findings.flatMap((x) => x.boards))) || undefined,
		author: 'rankdrift',
		generator: 'rankdrift',
		entries: findings.map((x) => entryOf(x, origin, updated))
	});
}

/**
 * "Download CSV" links for the dashboard's tables. Every table is backed by one route of the JSON API
 * (served by the exports module), asked for CSV with `format=csv`; these builders are the one place that
 * knows those routes and their query parameters, so a page never spells a URL by hand.
 */

type Param = string | number | null | undefined | readonly (string | number)[];

function apiUrl(path: string, params: Record<string, Param> = {}): string {
	const q = new URLSearchParams();
	for (const [key, value] of Object.entries(params)) {
		if (value === null || value === undefined || value === '') continue;
		if (Array.isArray(value)) for (const v of value) q.append(key, String(v));
		else q.append(key, String(value));
	}
	q.set('format', 'csv');
	return `${path}?${q}`;
}

/** Board ids contain '/' (`lmarena-text/coding`): each segment is escaped, the slashes stay. */
export function boardPath(board: string): string {
	return board.split('/').map(encodeURIComponent).join('/');
}

export interface EventCsvFilter {
	board?: string | null;
	family?: string | null;
	organization?: string | null;
	kind?: string | null;
	since?: string | null;
	until?: string | null;
	severity?: string | null;
}

export interface MismatchCsvFilter {
	since?: string | null;
	until?: string | null;
	board?: string | null;
	family?: string | null;
	organization?: string | null;
	kind?: string | null;
}

/** The board page's search, organization filter and sort, as far as the board dataset takes them. */
export interface BoardCsvQuery {
	q?: string | null;
	org?: string | null;
	license?: string | null;
	open?: 'yes' | 'no' | null;
	sort?: string | null;
	dir?: 'asc' | 'desc' | null;
}

export const csvLinks = {
	/** Every board with the snapshot in force at a date (default today). */
	boards: (date: string | null = null) => apiUrl('/api/boards', { date }),
	/** One board's ranking in force at a date, searched, filtered and sorted as the page is (the dataset takes the page's own parameters). */
	board: (board: string, date: string | null, f: BoardCsvQuery = {}) =>
		apiUrl(`/api/boards/${boardPath(board)}`, { date, q: f.q, org: f.org, license: f.license, open: f.open, sort: f.sort === 'rank' ? null : f.sort, dir: f.dir }),
	/** A board's history in long format (one row per model and date), optionally only ranks up to `top`. */
	boardHistory: (board: string, f: { from?: string | null; to?: string | null; top?: number | null } = {}) =>
		apiUrl(`/api/boards/${boardPath(board)}/history`, { from: f.from, to: f.to, top: f.top }),
	/** The model index as filtered and ordered on /models. */
	models: (f: { q?: string | null; lab?: string | null; minBoards?: number | null; sort?: string | null; date?: string | null } = {}) =>
		apiUrl('/api/models', { q: f.q, lab: f.lab, min_boards: f.minBoards, sort: f.sort, date: f.date }),
	/** A model family's rows on every board over time, up to `to` when given. */
	model: (family: string, to: string | null = null) => apiUrl(`/api/models/${encodeURIComponent(family)}`, { to }),
	/** An organization's models (by its dashboard id, the slug), as known on `date` when given. */
	org: (orgId: string, date: string | null = null) => apiUrl(`/api/orgs/${encodeURIComponent(orgId)}`, { date }),
	/** Divergence at a date: every headline pair, or the named boards' common set. */
	divergence: (date: string | null, boards: readonly string[] = [], f: { includeStale?: boolean } = {}) =>
		apiUrl('/api/divergence', { date, board: boards, include_stale: f.includeStale ? 1 : null }),
	/** Agreement (τ-b, Spearman ρ) per pair and date. */
	agreement: (f: { from?: string | null; to?: string | null; boards?: readonly string[] } = {}) =>
		apiUrl('/api/agreement', { from: f.from, to: f.to, board: f.boards ?? [] }),
	/** The latest agreement of every pair on or before a date. */
	agreementMatrix: (date: string | null) => apiUrl('/api/agreement/matrix', { date }),
	events: (f: EventCsvFilter = {}) =>
		apiUrl('/api/events', { board: f.board, family: f.family, organization: f.organization, kind: f.kind, since: f.since, until: f.until, severity: f.severity }),
	/** Findings (each story once) in a date range, as the overview and events pages list them. */
	findings: (f: { since?: string | null; until?: string | null; severity?: string | null; family?: string | null; board?: string | null; kind?: string | null } = {}) =>
		apiUrl('/api/findings', { since: f.since, until: f.until, severity: f.severity, family: f.family, board: f.board, kind: f.kind }),
	mismatches: (f: MismatchCsvFilter = {}) =>
		apiUrl('/api/mismatches', { since: f.since, until: f.until, board: f.board, family: f.family, organization: f.organization, kind: f.kind }),
	/** The identity review queue. */
	unresolvedIdentities: () => apiUrl('/api/identities', { unresolved: 1 }),
	/** The review queue, or with `all` every name of the crosswalk (the identities page's "include resolved names"). */
	identities: (f: { all?: boolean } = {}) => apiUrl('/api/identities', { unresolved: f.all ? 0 : 1 }),
	sourceRuns: (source: string) => apiUrl(`/api/sources/${encodeURIComponent(source)}/runs`)
};

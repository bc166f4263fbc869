/**
 * Links between dashboard pages. State lives in the URL, so every link is built here from the values
 * it carries; `date` is passed on only when the reader chose one (null keeps "today").
 */
import { boardPath } from '../csv-links';

type Param = string | number | null | undefined | readonly string[];

export function href(path: string, params: Record<string, Param> = {}): string {
	const q = new URLSearchParams();
	for (const [key, value] of Object.entries(params)) {
		if (value === null || value === undefined || value === '') continue;
		if (Array.isArray(value)) for (const v of value) q.append(key, v);
		else q.append(key, String(value));
	}
	const s = q.toString();
	return s ? `${path}?${s}` : path;
}

/**
 * An organization's id in URLs: lower case, spaces as '-', other unsafe characters escaped
 * ("Moonshot AI" → `moonshot-ai`). Pages find the organization whose id matches, ignoring case.
 */
export function orgKey(organization: string): string {
	return organization.trim().toLowerCase().replace(/\s+/g, '-');
}

/** `orgKey` escaped for a URL path segment. */
export function orgSlug(organization: string): string {
	return encodeURIComponent(orgKey(organization));
}

export const links = {
	overview: (date?: string | null) => href('/', { date }),
	model: (family: string, date?: string | null) => href(`/models/${encodeURIComponent(family)}`, { date }),
	org: (organization: string, date?: string | null) => href(`/orgs/${orgSlug(organization)}`, { date }),
	board: (board: string, date?: string | null) => href(`/boards/${boardPath(board)}`, { date }),
	compare: (a: string, b: string, date?: string | null) => href('/compare', { a, b, date }),
	events: (f: Record<string, string | null | undefined> = {}) => href('/events', f),
	/** The identity review queue showing one raw name (resolved or not). */
	review: (rawName: string, source?: string | null) => href('/identities', { q: rawName, source, all: 1 }),
	search: (q: string) => href('/search', { q })
};

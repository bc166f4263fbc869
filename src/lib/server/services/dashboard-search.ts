import type { Db } from '../db/connection';
import { organizationSummaries, searchNames } from '../db/history';
import { boardSummaries } from '../db/snapshots';
import { familyExists } from '../db/dashboard-queries';
import { familyLabels } from '../db/identity';
import { crosswalkInfo } from '../identity/service';

export const SEARCH_LIMIT = 60;

export interface SearchResults {
	q: string;
	/** Families whose id, name, label, an alias or a raw name seen on a board contains the query. */
	models: { family: string; label: string; organization: string | null; via: string[] }[];
	/** Raw names that resolve to no family (they lead to the review queue). */
	unresolved: { raw_name: string; source_id: string }[];
	organizations: string[];
	boards: string[];
}

/** The global search: any raw name a board has shown, any crosswalk name or alias, organizations and boards. */
export function search(db: Db, q: string): SearchResults {
	const needle = q.toLowerCase();
	const labels = familyLabels(db);
	const models = new Map<string, { family: string; label: string; organization: string | null; via: Set<string> }>();
	const add = (family: string, via: string) => {
		let m = models.get(family);
		if (!m) {
			const info = crosswalkInfo().families.find((f) => f.id === family);
			m = { family, label: labels.get(family) ?? info?.name ?? family, organization: info?.organization ?? null, via: new Set() };
			models.set(family, m);
		}
		m.via.add(via);
	};
	for (const f of crosswalkInfo().crosswalk.families) {
		const names = [f.id, f.name, ...f.aliases, ...f.releases.flatMap((r) => [r.id, ...r.aliases])];
		const hit = names.find((n) => n.toLowerCase().includes(needle));
		if (hit && familyExists(db, f.id)) add(f.id, hit);
	}
	for (const [family, label] of labels) if (label.toLowerCase().includes(needle)) add(family, label);
	const unresolved: SearchResults['unresolved'] = [];
	for (const hit of searchNames(db, q, SEARCH_LIMIT * 4)) {
		if (hit.family) add(hit.family, hit.raw_name);
		else if (unresolved.length < SEARCH_LIMIT) unresolved.push({ raw_name: hit.raw_name, source_id: hit.source_id });
	}
	return {
		q,
		models: [...models.values()]
			.map((m) => ({ ...m, via: [...m.via].slice(0, 5) }))
			// Exact family or name matches first, then the shortest ids (the model most likely meant).
			.sort((a, b) => Number(b.family === needle || b.label.toLowerCase() === needle) - Number(a.family === needle || a.label.toLowerCase() === needle) || a.family.length - b.family.length || a.family.localeCompare(b.family))
			.slice(0, SEARCH_LIMIT),
		unresolved,
		organizations: organizationSummaries(db)
			.map((o) => o.organization)
			.filter((o) => o.toLowerCase().includes(needle))
			.slice(0, SEARCH_LIMIT),
		boards: boardSummaries(db)
			.map((b) => b.id)
			.filter((b) => b.includes(needle))
			.slice(0, SEARCH_LIMIT)
	};
}

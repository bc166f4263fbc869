import type { Db } from '../db/connection';
import { familySummaries, type FamilySummary } from '../db/history';
import { familyLabels } from '../db/identity';
import { crosswalkInfo } from '../identity/service';

/** Every family listed by `date` (optionally those whose id or name contains `q`), most recently listed first. */
export function modelIndex(db: Db, q: string | null, date: string): { q: string | null; families: (FamilySummary & { label: string })[] } {
	const labels = familyLabels(db);
	const names = new Map(crosswalkInfo().families.map((f) => [f.id, f.name]));
	const needle = q?.toLowerCase() ?? null;
	const families = familySummaries(db, { until: date })
		.map((f) => ({ ...f, label: labels.get(f.family) ?? names.get(f.family) ?? f.family }))
		.filter((f) => !needle || f.family.includes(needle) || f.label.toLowerCase().includes(needle))
		.sort((a, b) => b.last_as_of.localeCompare(a.last_as_of) || a.family.localeCompare(b.family));
	return { q, families };
}

import type { Db } from '../db/connection';
import { listEvents, listMismatches, type EventRow, type MismatchRow } from '../db/analysis';
import { familySummaries, organizationSummaries, type FamilySummary, type OrganizationSummary } from '../db/history';
import { familyLabels } from '../db/identity';
import { headlineBoards } from '../analysis/analyze';
import { divergenceReport } from '../analysis/reports';
import { ViewCache } from '../analysis/views';
import { mostDivergent, type DivergenceRow } from '../../analysis/divergence';
import { boardOrder } from '../../analysis/identity-keys';
import { orgKey } from '../../components/links';
import { crosswalkInfo } from '../identity/service';
import { NotFoundError } from '../errors';
import { isStale } from '../../analysis/freshness';
import { staleDaysOf, type AppContext } from '../context';

export interface OrgBoardCell {
	rank: number;
	rows: number;
	name: string;
}

export interface OrgPageData {
	organization: string;
	date: string;
	/** Headline boards with a snapshot in force at the date, and whether it is fresh. */
	boards: { board: string; asOf: string; stale: boolean }[];
	families: (FamilySummary & { label: string; positions: Record<string, OrgBoardCell>; divergence: DivergenceRow | null })[];
	mismatches: MismatchRow[];
	events: EventRow[];
	labels: Record<string, string>;
}

/** The organization an URL id names (`moonshot-ai` → "Moonshot AI"), matched case-insensitively; null when none. */
export function findOrganization(db: Db, id: string): OrganizationSummary | null {
	const key = id.trim().toLowerCase();
	return organizationSummaries(db).find((o) => orgKey(o.organization) === key) ?? null;
}

/** Organizations with at least one identified model family, for the index page. */
export function organizationsWithModels(db: Db): OrganizationSummary[] {
	return organizationSummaries(db).filter((o) => o.families > 0);
}

/**
 * A lab's models across the headline boards at a date (each family's best rank on each), its largest
 * divergence, and its variant mismatches and events. Throws NotFoundError for an unknown organization.
 */
export function orgPage(ctx: AppContext, id: string, date: string): OrgPageData {
	const { db } = ctx;
	const staleDays = staleDaysOf(ctx);
	const org = findOrganization(db, id);
	if (!org) throw new NotFoundError(`no organization "${id.slice(0, 100)}" in this database`);
	const organization = org.organization;
	const labels = familyLabels(db);
	const names = new Map(crosswalkInfo().families.map((f) => [f.id, f.name]));
	const families = familySummaries(db, { organization, until: date });
	const mine = new Set(families.map((f) => f.family));
	const cache = new ViewCache(db);
	const boards: OrgPageData['boards'] = [];
	const positions = new Map<string, Record<string, OrgBoardCell>>();
	for (const board of headlineBoards(db)) {
		const view = cache.inForce(board, date);
		if (!view) continue;
		boards.push({ board, asOf: view.asOf, stale: isStale(view.asOf, date, staleDays) });
		for (const e of [...view.entries].sort(boardOrder)) {
			if (!e.family || !mine.has(e.family)) continue;
			const cells = positions.get(e.family) ?? {};
			if (!cells[board]) cells[board] = { rank: e.rank, rows: view.entries.length, name: e.name };
			positions.set(e.family, cells);
		}
	}
	const divergent = mostDivergent(
		divergenceReport(db, { date, staleDays }).rows.filter((r) => mine.has(r.family)),
		families.length || 1
	);
	return {
		organization,
		date,
		boards,
		families: families
			.map((f) => ({
				...f,
				label: labels.get(f.family) ?? names.get(f.family) ?? f.family,
				positions: positions.get(f.family) ?? {},
				divergence: divergent.find((r) => r.family === f.family) ?? null
			}))
			// Models on the boards now first, most boards first.
			.sort((x, y) => Object.keys(y.positions).length - Object.keys(x.positions).length || y.last_as_of.localeCompare(x.last_as_of) || x.family.localeCompare(y.family)),
		mismatches: listMismatches(db, { organization, until: date }),
		events: listEvents(db, { organization, until: date, limit: 50 }),
		labels: Object.fromEntries(labels)
	};
}

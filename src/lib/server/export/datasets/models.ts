import { familyHistoryUpTo } from '../../services/family-history';
import { familyNames, familySummaries, organizationSummaries } from '../../db/history';
import { boardsOfFamilies } from '../../db/exports';
import { crosswalkInfo } from '../../identity/service';
import { NotFoundError } from '../../errors';
import { todayUtc } from '../../../dates';
import type { DatasetDefinition, ExportRow } from '../dataset';
import { filePart, offsetPage } from '../dataset';
import { historyJson, HISTORY_COLUMNS } from '../history-rows';
import { sourceIdOfBoard, sourcesOfBoards } from '../licences';
import { boardFilter } from '../filters';
import { organizationKey } from '../organizations';
import { modelIndex, modelIndexQuery } from '../../services/dashboard-model-index';

/** The model index (`/models`): every family seen by a date, its spread across the fresh headline boards and its latest finding. */
export const modelsDataset: DatasetDefinition = {
	name: 'models',
	path: '/api/models',
	summary: 'every model family seen by a date, with its rank spread across the fresh headline boards and its latest finding',
	params: ['q', 'lab', 'min_boards', 'sort', 'date'],
	paginated: false,
	open(ctx, _id, p) {
		const query = modelIndexQuery(p, ctx.clock());
		const { families } = modelIndex(ctx, query);
		const rows = families.map(
			(f): ExportRow => ({
				json: {
					family: f.family,
					label: f.label,
					organization: f.organization,
					boards: f.boards,
					names: f.names,
					first_as_of: f.first_as_of,
					last_as_of: f.last_as_of,
					best_board: f.best?.board ?? null,
					best_rank: f.best?.rank ?? null,
					worst_board: f.worst?.board ?? null,
					worst_rank: f.worst?.rank ?? null,
					spread: f.spread,
					latest_finding_date: f.latestFinding?.date ?? null,
					latest_finding_kind: f.latestFinding?.kind ?? null,
					latest_finding_severity: f.latestFinding?.severity ?? null
				},
				sources: sourcesOfBoards([f.best?.board, f.worst?.board].filter((b): b is string => !!b))
			})
		);
		return {
			dataset: 'models',
			filename: `models_${query.date}`,
			query: { q: query.q, lab: query.lab, min_boards: query.minBoards, sort: query.sort, date: query.date },
			columns: ['family', 'label', 'organization', 'boards', 'names', 'first_as_of', 'last_as_of', 'best_board', 'best_rank', 'worst_board', 'worst_rank', 'spread', 'latest_finding_date', 'latest_finding_kind', 'latest_finding_severity'],
			sources: [],
			rows: () => rows
		};
	}
};

/** A family's rows on every board over time (its model page), optionally one release, one board, a date range. */
export const modelDataset: DatasetDefinition = {
	name: 'model',
	path: '/api/models/{family}',
	summary: "a model family's history across boards (one row per board, date and name)",
	id: 'family',
	params: ['release', 'board', 'from', 'to'],
	paginated: true,
	open(ctx, family, p) {
		const release = p.text('release');
		const board = boardFilter(ctx.db, p);
		const { from, to } = p.dateRange('from', 'to');
		const rows = familyHistoryUpTo(ctx.db, { family: family!, release, from, to }).filter((r) => !board || r.board_id === board);
		if (rows.length === 0 && !crosswalkInfo().families.some((f) => f.id === family) && familyNames(ctx.db, family!).length === 0)
			throw new NotFoundError(`no model family "${family!.slice(0, 100)}" in the crosswalk or the data`);
		const all = rows.map((r): ExportRow => ({ json: { family: r.family, ...historyJson(r) }, sources: [sourceIdOfBoard(r.board_id)] }));
		return {
			dataset: 'model',
			filename: `${filePart(release ?? family!)}${board ? `_${filePart(board)}` : ''}_history_${from ?? 'start'}_${to ?? todayUtc(ctx.clock())}`,
			query: { family, release, board, from, to },
			columns: ['family', ...HISTORY_COLUMNS.filter((c) => c !== 'family')],
			sources: [],
			rows: () => all,
			page: (params, limit) => offsetPage(all, params, limit)
		};
	}
};

/** An organization's model families (its organization page): where and when each was seen, up to `date` when given. */
export const organizationDataset: DatasetDefinition = {
	name: 'org',
	path: '/api/orgs/{organization}',
	summary: "an organization's model families, with the boards and dates each was seen on",
	id: 'organization',
	params: ['date'],
	paginated: false,
	open(ctx, id, p) {
		const key = organizationKey(id!);
		const org = organizationSummaries(ctx.db).find((o) => organizationKey(o.organization) === key);
		if (!org) throw new NotFoundError(`no organization "${id!.slice(0, 100)}" in the data`);
		const date = p.date('date');
		const families = familySummaries(ctx.db, { organization: org.organization, until: date });
		const boardsOf = boardsOfFamilies(ctx.db, families.map((f) => f.family), date);
		const rows = families.map((f): ExportRow => {
			const boards = boardsOf.get(f.family) ?? [];
			return {
				json: { family: f.family, organization: f.organization, boards: f.boards, names: f.names, first_as_of: f.first_as_of, last_as_of: f.last_as_of, board_ids: boards },
				sources: sourcesOfBoards(boards)
			};
		});
		return {
			dataset: 'org',
			filename: `${filePart(key)}_families_${date ?? todayUtc(ctx.clock())}`,
			query: { organization: key, date },
			meta: { organization: org.organization },
			columns: ['family', 'organization', 'boards', 'names', 'first_as_of', 'last_as_of', 'board_ids'],
			sources: [],
			rows: () => rows
		};
	}
};

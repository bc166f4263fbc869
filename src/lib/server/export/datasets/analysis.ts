import { agreementAt, listAgreement, listEvents, listMismatches } from '../../db/analysis';
import { divergenceContractRow, divergenceReport, eventContractRow, mismatchContractRow } from '../../analysis/reports';
import { MISMATCH_KINDS, SEVERITIES } from '../../../analysis/types';
import { FINDING_KINDS } from '../../../analysis/findings';
import { listFindings, type FindingFilter } from '../../analysis/findings';
import { todayUtc } from '../../../dates';
import type { DatasetDefinition, ExportRow, Page } from '../dataset';
import { filePart, offsetPage } from '../dataset';
import { sourcesOfBoards } from '../licences';
import { BadParameter, encodeCursor, MAX_LIMIT, type Params } from '../params';
import { organizationName } from '../organizations';
import { boardFilter, boardList, eventFilter, isEventCursor, type EventCursor } from '../filters';
import type { Db } from '../../db/connection';
import { staleDaysOf } from '../../context';

function nameParts(...parts: (string | null | undefined | false)[]): string {
	return parts.filter((p): p is string => !!p).map(filePart).join('_');
}

/** Divergence at a date: common-set ranks of two or more named boards, or every pair of fresh headline boards. */
export const divergenceDataset: DatasetDefinition = {
	name: 'divergence',
	path: '/api/divergence',
	summary: 'rank divergence at a date (two or more boards, or every pair of fresh headline boards)',
	params: ['date', 'board', 'include_stale'],
	paginated: true,
	open(ctx, _id, p) {
		const date = p.date('date') ?? todayUtc(ctx.clock());
		const boards = boardList(ctx.db, p, 20);
		if (boards.length === 1) throw new BadParameter('board', 'name at least two boards to compare, or none for every pair of headline boards');
		const includeStale = p.flag('include_stale');
		const report = divergenceReport(ctx.db, { date, boards, includeStale, staleDays: staleDaysOf(ctx) });
		const compared = report.boards.map((b) => b.board);
		const all = report.rows.map((r): ExportRow => ({
			json: { ...divergenceContractRow(r), organization: r.organization, as_of: r.asOf },
			sources: sourcesOfBoards(r.boards)
		}));
		return {
			dataset: 'divergence',
			filename: nameParts('divergence', boards.join('_vs_'), date),
			query: { date, boards, include_stale: includeStale },
			meta: { compared: report.boards.map((b) => ({ board: b.board, as_of: b.asOf })), excluded: report.excluded },
			columns: [
				'family',
				'release',
				'organization',
				'match_level',
				'divergence',
				'spread',
				'sd',
				'top_gap',
				'significant',
				'uncertainty_known',
				'common_set_size',
				'boards',
				...compared.flatMap((b) => [`names.${b}`, `other_names.${b}`, `ranks.${b}`, `pct.${b}`, `as_of.${b}`, `uncertainty.${b}`])
			],
			sources: sourcesOfBoards(compared),
			rows: () => all,
			page: (params, limit) => offsetPage(all, params, limit)
		};
	}
};

const AGREEMENT_COLUMNS = ['board_a', 'board_b', 'date', 'n', 'kendall_tau_b', 'spearman'];

/** Kendall τ-b and Spearman ρ per pair of headline boards over time, optionally for one or two boards. */
export const agreementDataset: DatasetDefinition = {
	name: 'agreement',
	path: '/api/agreement',
	summary: 'rank agreement (Kendall τ-b, Spearman ρ) per pair of headline boards over time',
	params: ['from', 'to', 'board'],
	paginated: true,
	open(ctx, _id, p) {
		const { from, to } = p.dateRange('from', 'to');
		const boards = boardList(ctx.db, p, 2);
		const all = listAgreement(ctx.db, { from, to, boardA: boards[0] ?? null, boardB: boards[1] ?? null }).map(
			(r): ExportRow => ({ json: { ...r }, sources: sourcesOfBoards([r.board_a, r.board_b]) })
		);
		return {
			dataset: 'agreement',
			filename: nameParts('agreement', ...boards, from ?? 'start', to ?? todayUtc(ctx.clock())),
			query: { from, to, boards },
			columns: AGREEMENT_COLUMNS,
			sources: sourcesOfBoards(boards),
			rows: () => all,
			page: (params, limit) => offsetPage(all, params, limit)
		};
	}
};

/** The agreement matrix at a date: each pair's latest agreement on or before it (one row per pair). */
export const agreementMatrixDataset: DatasetDefinition = {
	name: 'agreement-matrix',
	path: '/api/agreement/matrix',
	summary: "the agreement matrix at a date (each pair's latest agreement on or before it)",
	params: ['date'],
	paginated: false,
	open(ctx, _id, p) {
		const date = p.date('date') ?? todayUtc(ctx.clock());
		const rows = agreementAt(ctx.db, date).map((r): ExportRow => ({ json: { ...r }, sources: sourcesOfBoards([r.board_a, r.board_b]) }));
		return {
			dataset: 'agreement-matrix',
			filename: `agreement-matrix_${date}`,
			query: { date },
			columns: AGREEMENT_COLUMNS,
			sources: [],
			rows: () => rows
		};
	}
};

const EVENT_COLUMNS = [
	'id',
	'kind',
	'board',
	'date',
	'model',
	'family',
	'release',
	'from_rank',
	'to_rank',
	'score_change',
	'z',
	'severity',
	'previous_date',
	'previous_model',
	'organization',
	'detail',
	'blip'
];

function eventRow(e: Parameters<typeof eventContractRow>[0]): ExportRow {
	return { json: eventContractRow(e), sources: sourcesOfBoards([e.board_id]) };
}

/** Events newest first; pages follow each other by (date, id), so new events never shift a page. */
export const eventsDataset: DatasetDefinition = {
	name: 'events',
	path: '/api/events',
	summary: 'per-board events (jumps, new leaders, entrants, delistings, renames, method changes, shifts) behind the findings, newest first; blips only with include_blips',
	params: ['board', 'family', 'organization', 'model', 'kind', 'since', 'until', 'severity', 'include_blips'],
	paginated: true,
	open(ctx, _id, p) {
		const f = eventFilter(ctx.db, p);
		const readPage = (after: EventCursor | null, limit: number): Page => {
			const rows = listEvents(ctx.db, { ...f, after: after ? { date: after.d, id: after.i } : null, limit: limit + 1 });
			const more = rows.length > limit;
			const kept = rows.slice(0, limit);
			const last = kept[kept.length - 1];
			return { rows: kept.map(eventRow), next: more && last ? encodeCursor({ d: last.date, i: last.id }) : null };
		};
		return {
			dataset: 'events',
			filename: nameParts('events', f.board, f.family, f.organization, f.kind, f.minSeverity, f.since && `since-${f.since}`, f.until && `until-${f.until}`, todayUtc(ctx.clock())),
			query: { board: f.board, family: f.family, organization: f.organization, model: f.model, kind: f.kind, since: f.since, until: f.until, severity: f.minSeverity, include_blips: f.blips },
			columns: EVENT_COLUMNS,
			sources: sourcesOfBoards([f.board]),
			*rows() {
				let after: EventCursor | null = null;
				for (;;) {
					const rows = listEvents(ctx.db, { ...f, after: after ? { date: after.d, id: after.i } : null, limit: MAX_LIMIT });
					yield* rows.map(eventRow);
					if (rows.length < MAX_LIMIT) return;
					const last = rows[rows.length - 1];
					after = { d: last.date, i: last.id };
				}
			},
			page: (params, limit) => readPage(params.cursor(isEventCursor), limit)
		};
	}
};

/** Suspected variant mismatches still seen on or after `since`, strongest evidence first. */
export const mismatchesDataset: DatasetDefinition = {
	name: 'mismatches',
	path: '/api/mismatches',
	summary: 'suspected variant mismatches (a checkpoint ranked apart from its public release)',
	params: ['since', 'until', 'family', 'organization', 'kind', 'board'],
	paginated: true,
	open(ctx, _id, p) {
		const { from: since, to: until } = p.dateRange('since', 'until');
		const organization = p.text('organization');
		const f = {
			since,
			until,
			family: p.text('family'),
			organization: organization === null ? null : organizationName(ctx.db, organization),
			kind: p.choice('kind', MISMATCH_KINDS),
			board: boardFilter(ctx.db, p)
		};
		const all = listMismatches(ctx.db, f).map((m): ExportRow => ({ json: mismatchContractRow(m), sources: sourcesOfBoards([m.checkpoint_board, m.release_board]) }));
		const side = (s: string) => ['name', 'board', 'date', 'rank', 'score', 'pct'].map((k) => `${s}.${k}`);
		return {
			dataset: 'mismatches',
			filename: nameParts('mismatches', f.board, f.family, f.organization, f.kind, since && `since-${since}`, until && `until-${until}`, todayUtc(ctx.clock())),
			query: f,
			columns: ['id', 'kind', 'family', ...side('checkpoint'), ...side('release'), 'gap', 'significant', 'severity', 'first_seen', 'last_seen', 'common_set_size', 'organization', 'detail'],
			sources: sourcesOfBoards([f.board]),
			rows: () => all,
			page: (params, limit) => offsetPage(all, params, limit)
		};
	}
};

/** The findings filter from `date`, or `since`/`until`, and the other filters: one reading for the API, CSV and CLI. */
export function findingFilter(db: Db, p: Params): FindingFilter {
	const date = p.date('date');
	const { from: since, to: until } = p.dateRange('since', 'until');
	if (date && (since || until)) throw new BadParameter('date', 'give date, or since and until, not both');
	return {
		since: date ?? since,
		until: date ?? until,
		board: boardFilter(db, p),
		family: p.text('family'),
		kind: p.choice('kind', FINDING_KINDS),
		minSeverity: p.choice('severity', SEVERITIES)
	};
}

/** Findings newest first: each story once, across the boards of its source, with the per-board events behind it. */
export const findingsDataset: DatasetDefinition = {
	name: 'findings',
	path: '/api/findings',
	summary: 'findings (each story once across a source\'s boards: jumps, leaders, entrants, shifts, divergences, mismatches), newest first',
	params: ['date', 'since', 'until', 'board', 'family', 'kind', 'severity'],
	paginated: true,
	open(ctx, _id, p) {
		const f = findingFilter(ctx.db, p);
		// A divergence or mismatch finding carries the data of every source it compares.
		const all = listFindings(ctx.db, f).map((x): ExportRow => ({ json: { ...x }, sources: sourcesOfBoards(x.boards) }));
		return {
			dataset: 'findings',
			filename: nameParts('findings', f.board, f.family, f.kind, f.minSeverity, f.since && `since-${f.since}`, f.until && `until-${f.until}`, todayUtc(ctx.clock())),
			query: { since: f.since, until: f.until, board: f.board, family: f.family, kind: f.kind, severity: f.minSeverity },
			columns: ['id', 'kind', 'date', 'family', 'release', 'model', 'source', 'boards', 'categories', 'from_rank', 'to_rank', 'severity', 'significant', 'summary', 'event_ids'],
			sources: sourcesOfBoards([f.board]),
			rows: () => all,
			page: (params, limit) => offsetPage(all, params, limit)
		};
	}
};

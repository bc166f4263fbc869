import { publicOrigin } from '../../services/public-origin';
import { identityList, type IdentityListRow } from '../../db/identity';
import { listRuns, runResults, type RunRow } from '../../db/runs';
import { NotFoundError } from '../../errors';
import { getSource } from '../../../catalogue';
import { todayUtc } from '../../../dates';
import type { CsvCell } from '../csv';
import type { DatasetDefinition, ExportRow, Page } from '../dataset';
import { filePart } from '../dataset';
import { flattenRecord, LIST_SEPARATOR } from '../flatten';
import { encodeCursor, isOffsetCursor, MAX_LIMIT } from '../params';

/** One crosswalk row as `rankdrift identities --format json` gives it. */
export function identityJson(r: IdentityListRow): Record<string, unknown> {
	return {
		source: r.source_id,
		name: r.raw_name,
		hint: r.hint || null,
		family: r.family,
		release: r.release,
		release_kind: r.release_kind,
		variants: JSON.parse(r.variants) as string[],
		organization: r.organization,
		confidence: r.confidence,
		method: r.method,
		suggestions: (JSON.parse(r.suggestions) as { family: string; release: string | null; score: number }[]).map((s) => `${s.release ?? s.family} (${s.score})`),
		boards: r.boards ? r.boards.split(',') : [],
		first_as_of: r.first_as_of,
		last_as_of: r.last_as_of,
		entries: r.entries
	};
}

/** The identity crosswalk as stored (every raw name and what it resolves to), or the review queue. */
export const identitiesDataset: DatasetDefinition = {
	name: 'identities',
	path: '/api/identities',
	summary: 'the identity crosswalk: every raw name, what it resolves to and where it occurs (or the review queue)',
	params: ['unresolved'],
	paginated: true,
	open(ctx, _id, p) {
		const unresolved = p.flag('unresolved');
		const readPage = (offset: number, limit: number): Page => {
			const rows = identityList(ctx.db, { unresolved, limit: limit + 1, offset });
			return {
				rows: rows.slice(0, limit).map((r): ExportRow => ({ json: identityJson(r), sources: [r.source_id] })),
				next: rows.length > limit ? encodeCursor({ o: offset + limit }) : null
			};
		};
		return {
			dataset: 'identities',
			filename: `${unresolved ? 'identities-unresolved' : 'identities'}_${todayUtc(ctx.clock())}`,
			query: { unresolved },
			columns: ['source', 'name', 'hint', 'family', 'release', 'release_kind', 'variants', 'organization', 'confidence', 'method', 'suggestions', 'boards', 'first_as_of', 'last_as_of', 'entries'],
			sources: [],
			*rows() {
				for (let offset = 0; ; offset += MAX_LIMIT) {
					const page = readPage(offset, MAX_LIMIT);
					yield* page.rows;
					if (!page.next) return;
				}
			},
			page: (params, limit) => readPage(params.cursor(isOffsetCursor)?.o ?? 0, limit)
		};
	}
};

interface RunCursor {
	b: number;
}
const isRunCursor = (v: unknown): v is RunCursor => typeof v === 'object' && v !== null && Number.isInteger((v as RunCursor).b) && (v as RunCursor).b > 0;

const RUN_COLUMNS = ['id', 'source', 'kind', 'origin', 'feed', 'started_at', 'finished_at', 'outcome', 'reason', 'http_status', 'bytes', 'attempts', 'results'];

/** A source's run log, newest first: every fetch or imported file, its outcome and what it did to each board. */
export const runsDataset: DatasetDefinition = {
	name: 'runs',
	path: '/api/sources/{source}/runs',
	summary: "a source's run log (every fetch or imported file, newest first, with what it did to each board)",
	id: 'source',
	params: [],
	paginated: true,
	open(ctx, sourceId) {
		const source = getSource(sourceId!);
		if (!source) throw new NotFoundError(`no source "${sourceId!.slice(0, 100)}"`);
		const readPage = (beforeId: number | null, limit: number): Page => {
			const runs = listRuns(ctx.db, source.id, { limit: limit + 1, beforeId });
			const kept = runs.slice(0, limit);
			const results = runResults(ctx.db, kept.map((r) => r.id));
			const rows = kept.map((r: RunRow): ExportRow => ({
				json: {
					id: r.id,
					source: r.source_id,
					kind: r.kind,
					origin: publicOrigin(r.origin),
					feed: r.feed,
					started_at: r.started_at,
					finished_at: r.finished_at,
					outcome: r.outcome,
					reason: r.reason,
					http_status: r.http_status,
					bytes: r.bytes,
					attempts: r.attempts,
					results: results.filter((x) => x.run_id === r.id).map((x) => ({ board: x.board_id, as_of: x.as_of, outcome: x.outcome, reason: x.reason }))
				},
				sources: [source.id]
			}));
			return { rows, next: runs.length > limit ? encodeCursor({ b: kept[kept.length - 1].id }) : null };
		};
		return {
			dataset: 'runs',
			filename: `${filePart(source.id)}_runs_${todayUtc(ctx.clock())}`,
			query: { source: source.id },
			columns: RUN_COLUMNS,
			sources: [source.id],
			*rows() {
				let before: number | null = null;
				for (;;) {
					const page = readPage(before, MAX_LIMIT);
					yield* page.rows;
					if (!page.next) return;
					before = (page.rows[page.rows.length - 1].json.id as number) ?? null;
				}
			},
			page: (params, limit) => readPage(params.cursor(isRunCursor)?.b ?? null, limit),
			// One cell per run: each board's result as "board as_of: outcome (reason)", joined.
			flat(json): Record<string, CsvCell> {
				const results = json.results as { board: string | null; as_of: string | null; outcome: string; reason: string | null }[];
				return {
					...flattenRecord({ ...json, results: null }),
					results: results
						.map((x) => `${[x.board, x.as_of].filter(Boolean).join(' ')}: ${x.outcome}${x.reason ? ` (${x.reason})` : ''}`)
						.join(LIST_SEPARATOR)
				};
			}
		};
	}
};

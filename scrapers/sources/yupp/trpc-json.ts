import * as z from 'zod';
import type { ExtraValue, ParsedRow } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { rankIntervalsFromCi } from '../../parse-helpers';
import { boardOfPath, rankRows } from './shared';

const optionalNumber = z.number().nullish();

const modelSchema = z.object({
	model_rating: z.object({
		taxonomy_id: z.union([z.string(), z.number()]).nullish(),
		taxonomy_label: z.string().trim().min(1, 'the model name is empty'),
		rating: z.number(),
		rating_lower: z.number().nullish(),
		rating_upper: z.number().nullish(),
		rank: z.number().int().positive().nullish(),
		global_rank: optionalNumber,
		active_rank: optionalNumber,
		wins: optionalNumber,
		losses: optionalNumber,
		ties: optionalNumber,
		downvotes: optionalNumber
	}),
	model_info: z
		.object({
			model_publisher: z.string().nullish(),
			model_family: z.string().nullish()
		})
		.nullish()
});

const payloadSchema = z.object({
	models: z.array(z.unknown()),
	total_count: z.number().int().nonnegative().nullish()
});

const errorSchema = z.object({
	error: z.object({
		json: z
			.object({ message: z.string().nullish(), data: z.object({ code: z.string().nullish() }).nullish() })
			.nullish(),
		message: z.string().nullish()
	})
});

// tRPC envelope: `[{"result":{"data":{"json":…}}}]` with `batch=1`, the bare object without.
const ENVELOPE = /^\s*\[?\s*\{\s*"(result|error)"\s*:\s*\{/;

/** Unwraps the tRPC envelope (batched or not, superjson `json` wrapper or not) to the procedure's output. */
function unwrap(text: string): unknown {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (e) {
		throw new ParseError(`not valid JSON (truncated?): ${(e as Error).message}`);
	}
	const first = Array.isArray(data) ? data[0] : data;
	if (first === undefined) throw new ParseError('empty: the tRPC batch holds no response');
	const failed = errorSchema.safeParse(first);
	if (failed.success) {
		const err = failed.data.error;
		const code = err.json?.data?.code;
		const message = err.json?.message ?? err.message ?? 'no message';
		throw new ParseError(`the API answered with an error${code ? ` (${code})` : ''}: ${message}`);
	}
	const result = (first as { result?: { data?: unknown } } | null)?.result?.data;
	if (result === undefined) throw new ParseError('layout changed: no result.data in the tRPC response');
	return (result as { json?: unknown })?.json ?? result;
}

function describeIssue(issue: z.core.$ZodIssue, label: string | null, index: number): string {
	const field = issue.path.filter((p) => p !== 'model_rating' && p !== 'model_info').join('.');
	const who = label ? `model ${index + 1} (${JSON.stringify(label)})` : `model ${index + 1}`;
	const message = issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
	return `${who}: ${field || 'entry'}: ${message}`;
}

/**
 * Yupp's own leaderboard API (`leaderboard.getLeaderboard`, tRPC over GET): per model the rating
 * with its interval, a rank, win/loss/tie counts, and the publisher. The coding view is the same
 * procedure with `codingModels: true` in its input, so the board comes from the request URL.
 */
export function trpcJsonFormat(): SnapshotFormat {
	return {
		name: 'yupp-trpc-json',
		description: 'yupp.ai tRPC leaderboard.getLeaderboard response (models with model_rating and model_info; codingModels flag → yupp/coding)',
		detect: (doc) => ENVELOPE.test(doc.text.slice(0, 200)),
		parse(doc) {
			const board = boardOfPath(doc.path);
			const payload = payloadSchema.safeParse(unwrap(doc.text));
			if (!payload.success) throw new ParseError('layout changed: the response has no "models" list');
			const { models, total_count: total } = payload.data;
			if (models.length === 0) throw new ParseError('empty: the response lists no models');

			const items = models.map((raw, i) => {
				const parsed = modelSchema.safeParse(raw);
				if (!parsed.success) {
					const label = (raw as { model_rating?: { taxonomy_label?: unknown } } | null)?.model_rating?.taxonomy_label;
					throw new ParseError(describeIssue(parsed.error.issues[0], typeof label === 'string' ? label : null, i));
				}
				return parsed.data;
			});
			const ranking = rankRows(items.map((m) => ({ score: m.model_rating.rating, boardRank: m.model_rating.rank ?? null })));
			const intervals = rankIntervalsFromCi(items.map((m) => ({ ciLower: m.model_rating.rating_lower ?? null, ciUpper: m.model_rating.rating_upper ?? null })));

			const rows = items.map(({ model_rating: r, model_info: info }, i): ParsedRow => {
				const rank = ranking.ranks[i];
				const span = intervals[i];
				const extras: Record<string, ExtraValue> = {};
				const keep = { taxonomy_id: r.taxonomy_id, model_family: info?.model_family, global_rank: r.global_rank, active_rank: r.active_rank, wins: r.wins, losses: r.losses, ties: r.ties, downvotes: r.downvotes };
				for (const [k, v] of Object.entries(keep)) if (v !== undefined && v !== null) extras[k] = v;
				if (ranking.semantics === 'computed' && r.rank != null) extras.board_rank = r.rank;
				const model = r.taxonomy_label.trim();
				return {
					rowKey: model,
					rank,
					rankLower: span ? Math.min(rank, span.best) : null,
					rankUpper: span ? Math.max(rank, span.worst) : null,
					model,
					organization: info?.model_publisher?.trim() || null,
					score: r.rating,
					ciLower: r.rating_lower ?? null,
					ciUpper: r.rating_upper ?? null,
					extras
				};
			});
			const warnings = [...ranking.warnings];
			// The request asks for one page (numResults); a board larger than that arrives cut short.
			if (total != null && total > rows.length) warnings.push(`partial: ${rows.length} of ${total} models in this response`);
			return [
				{
					board,
					publishedAsOf: null,
					feed: 'live-page',
					rankSemantics: ranking.semantics,
					adjustment: null,
					methodVersion: null,
					rows,
					warnings
				}
			];
		}
	};
}

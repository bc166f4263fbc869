import type { ParsedRow, ParsedSnapshot } from '../../../src/lib/snapshots/snapshot';
import { NotASnapshotError, ParseError } from '../../../src/lib/catalogue/errors';
import { parseJsonOnce, rankByScore, rankIntervalsFromCi } from '../../parse-helpers';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { canonicalCategory } from './categories';
import { namesStyleControl, seriesBoard } from './shared';
import type { CatalogArena } from '../../../src/lib/catalogue/sources/lmarena';

type Catalog = Record<string, Record<string, { rating: number; rating_q975?: number; rating_q025?: number }>>;

/** The arena a catalog file belongs to, told by category keys only the vision and image arenas publish. */
const ARENA_KEYS: [CatalogArena, Set<string>][] = [
	['vision', new Set(['captioning', 'ocr', 'diagram', 'homework', 'entity_recognition', 'creative_writing_vision', 'humor'])],
	['image', new Set(['is_preset_generation', 'not_preset_generation'])]
];

function arenaOf(keys: string[]): CatalogArena | null {
	return ARENA_KEYS.find(([, known]) => keys.some((k) => known.has(k)))?.[0] ?? null;
}

function parseCatalog(text: string): Catalog | null {
	const start = text.trimStart()[0];
	if (start !== '{') return null;
	let data: unknown;
	try {
		data = parseJsonOnce(text);
	} catch {
		return null;
	}
	if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
	const values = Object.values(data as object);
	if (values.length === 0) return null;
	const looksRight = values.every((cat) => {
		if (!cat || typeof cat !== 'object' || Array.isArray(cat)) return false;
		const first = Object.values(cat as object)[0] as { rating?: unknown } | undefined;
		return first === undefined || typeof first?.rating === 'number';
	});
	return looksRight ? (data as Catalog) : null;
}

/**
 * LMArena's arena-catalog JSON: `{category: {model_key: {rating, rating_q975, rating_q025}}}` with no
 * rank. Rank is computed by rating; the rating intervals give each model's rank interval. `full` is
 * the overall board; the style-controlled file (named so) becomes `<board>/style-control…`.
 */
export function catalogJsonFormat(board: string, arena: CatalogArena): SnapshotFormat {
	return {
		name: 'catalog-json',
		description: 'arena-catalog leaderboard JSON (categories × model keys × rating with 95% interval; rank computed)',
		detect(doc) {
			const c = parseCatalog(doc.text);
			return !!c && ('full' in c || arenaOf(Object.keys(c)) !== null);
		},
		parse(doc) {
			const catalog = parseCatalog(doc.text);
			if (!catalog) throw new ParseError('not an arena-catalog JSON object of categories');
			const keys = Object.keys(catalog);
			// Early vision files hold only generic keys (full, english…): their folder names the arena.
			const fileArena = arenaOf(keys);
			if (fileArena !== null && fileArena !== arena) throw new NotASnapshotError(`a ${fileArena} arena file (categories ${keys.slice(0, 3).join(', ')}…), not a ${board} board`);
			if (!('full' in catalog)) throw new ParseError('layout changed: no "full" (overall) category');
			const adjustment = namesStyleControl(doc.path) ? 'style-control' : 'none';
			return keys.map((category): ParsedSnapshot => {
				const models = Object.entries(catalog[category]);
				const scored = models.map(([key, v], i) => {
					if (typeof v?.rating !== 'number' || !Number.isFinite(v.rating))
						throw new ParseError(`${category}: rating of ${JSON.stringify(key)} is not a number`);
					return { key, i, score: v.rating, ciLower: v.rating_q025 ?? null, ciUpper: v.rating_q975 ?? null };
				});
				const ranked = rankByScore(scored);
				const intervals = rankIntervalsFromCi(ranked);
				const rows = ranked.map((r, i): ParsedRow => ({
					rowKey: r.key,
					rank: r.rank,
					rankLower: intervals[i] ? Math.min(r.rank, intervals[i]!.best) : null,
					rankUpper: intervals[i] ? Math.max(r.rank, intervals[i]!.worst) : null,
					model: r.key,
					score: r.score,
					ciLower: r.ciLower,
					ciUpper: r.ciUpper
				}));
				return {
					board: seriesBoard(board, canonicalCategory(category), adjustment),
					publishedAsOf: null,
					feed: 'catalog-json',
					rankSemantics: 'computed',
					adjustment,
					methodVersion: null,
					rows,
					warnings: []
				};
			});
		}
	};
}

import { NotASnapshotError } from '../../../src/lib/catalogue/errors';
import { isSequentialRanking, rankByScore, slug } from '../../parse-helpers';

export const SOURCE_ID = 'yupp';

/** `text` is Yupp's default (overall) text board; every other category is `yupp/<category>`. */
export function boardOf(category: string): string {
	const c = slug(category);
	return c === '' || c === 'text' ? SOURCE_ID : `${SOURCE_ID}/${c}`;
}

function decoded(path: string): string {
	try {
		return decodeURIComponent(path);
	} catch {
		return path;
	}
}

// The same tRPC procedure and page serve Yupp's image and SVG boards, selected by a flag or a path segment.
const OTHER_FLAG = /"?(imageGenerationModels|newImageGenerations|imageEditModels|svgModels)"?\s*[:=]\s*"?true/i;
const OTHER_PAGE = /leaderboard\/(image[a-z-]*|svg[a-z-]*)/i;
const CODING_FLAG = /"?codingModels"?\s*[:=]\s*"?true/i;
const CODING_WORD = /(^|[^a-z])coding([^a-z]|$)/i;

/**
 * The board a fetched or recorded document belongs to, read from its URL or file path: the coding
 * query carries `codingModels:true` (tRPC) or `category_names=coding` / `/leaderboard/coding` (page);
 * a folder or file named for coding counts too. Throws NotASnapshotError for the image and SVG boards.
 */
export function boardOfPath(path: string): string {
	const tail = decoded(path).split(/[\\/]/).slice(-2).join('/');
	const other = tail.match(OTHER_FLAG) ?? tail.match(OTHER_PAGE);
	if (other) throw new NotASnapshotError(`Yupp's ${other[1]} leaderboard, not a board rankdrift tracks`);
	return CODING_FLAG.test(tail) || CODING_WORD.test(tail) ? boardOf('coding') : boardOf('text');
}

export interface Ranking {
	ranks: number[];
	semantics: 'ordinal' | 'computed';
	warnings: string[];
}

/**
 * Yupp's `rank` (and the page's row number) is read as a row position, not an upper-bound rank: the
 * site lists models by rating with one number per row, and the API's separate `global_rank` and
 * `active_rank` only make sense as positions in differently filtered lists. So numbers that are 1..N
 * for this list are the board's own ordinal ranks. Otherwise (no rank, or numbers that are not 1..N
 * here, e.g. an overall rank on a filtered list) rank is computed from the score. Scores are shown
 * rounded, so when the rows are already in score order that order is the board's own finer ordering
 * and breaks ties; rows in any other order give equal scores a shared (competition) rank.
 */
export function rankRows(rows: { score: number; boardRank: number | null }[]): Ranking {
	const given = rows.map((r) => r.boardRank);
	if (given.every((r): r is number => r !== null) && isSequentialRanking([...given].sort((a, b) => a - b)))
		return { ranks: given, semantics: 'ordinal', warnings: [] };
	const inBoardOrder = rows.every((r, i) => i === 0 || r.score <= rows[i - 1].score);
	const ranked = rankByScore(rows.map((r, i) => ({ score: r.score, i })), { tiesByOrder: inBoardOrder });
	const ranks: number[] = new Array(rows.length);
	for (const r of ranked) ranks[r.i] = r.rank;
	const warnings = given.some((r) => r !== null)
		? ['the board\'s own rank numbers are not 1..N for this list; rank computed from the score (board rank kept as board_rank)']
		: [];
	return { ranks, semantics: 'computed', warnings };
}

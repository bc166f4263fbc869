import type { Db } from '../db/connection';
import { listEvents } from '../db/analysis';
import { sourceOfBoard } from '../../catalogue';
import type { Annotation } from '../../components/charts/types';

/** "how X ranks changed: feed a → b; method version c → d; no moves are computed across it" → "feed a → b; method version c → d". */
function whatChanged(detail: string): string {
	return detail
		.replace(/^how \S+ ranks changed:\s*/, '')
		.replace(/;?\s*no moves are computed across it\.?$/, '')
		.trim();
}

/**
 * The method changes and retirements a chart of these boards should mark, known by `until`. One line per
 * date and kind: the same change on several boards of one chart (an arena's category boards) is one
 * annotation naming them all.
 */
export function chartAnnotations(db: Db, boards: string[], until: string): Annotation[] {
	const byKey = new Map<string, Annotation>();
	const add = (date: string, kind: Annotation['kind'], board: string, text: string) => {
		const key = `${date}|${kind}|${text}`;
		const a = byKey.get(key);
		if (a) {
			if (!a.boards.includes(board)) a.boards.push(board);
		} else byKey.set(key, { date, kind, boards: [board], text });
	};
	// One read for all the chart's boards: a model chart names a dozen or more.
	const charted = new Set(boards);
	for (const e of listEvents(db, { kind: 'methodology', until })) if (charted.has(e.board_id)) add(e.date, 'method-change', e.board_id, whatChanged(e.detail));
	for (const board of boards) {
		const retired = sourceOfBoard(board)?.retired;
		if (retired && retired.since <= until) add(retired.since, 'retired', board, retired.note);
	}
	return [...byKey.values()].sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
}

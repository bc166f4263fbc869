import type { Db } from './connection';
import { stmt } from './statements';

/** The boards each of the given families appears on in active snapshots (dated up to `until`, when given), in one pass (an organization's families at once). */
export function boardsOfFamilies(db: Db, families: string[], until: string | null = null): Map<string, string[]> {
	const rows = stmt(
		db,
		`SELECT r.family, group_concat(DISTINCT p.board_id) AS boards
		 FROM name_resolutions r JOIN name_presence p ON p.name_id = r.name_id
		 WHERE r.family IN (SELECT value FROM json_each(@families)) AND (@until IS NULL OR p.first_as_of <= @until)
		 GROUP BY r.family`
	).all({ families: JSON.stringify(families), until }) as { family: string; boards: string | null }[];
	return new Map(rows.map((r) => [r.family, r.boards ? r.boards.split(',').sort() : []]));
}

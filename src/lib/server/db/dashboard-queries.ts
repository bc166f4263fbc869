// Read queries the dashboard needs beyond the shared modules: family lookups and the filtered,
// paged identity review queue.
import type { Db } from './connection';
import { stmt } from './statements';
import { NAME_LIST_COLUMNS, type IdentityListRow } from './identity';

/** Whether any stored name resolves to this family (crosswalk families and analysts' split families alike). */
export function familyExists(db: Db, family: string): boolean {
	return !!stmt(db, 'SELECT 1 FROM name_resolutions WHERE family = ? LIMIT 1').get(family);
}

/** The first date any board listed the family. */
export function familyFirstSeen(db: Db, family: string): string | null {
	const row = stmt(db, 'SELECT MIN(p.first_as_of) AS d FROM name_resolutions r JOIN name_presence p ON p.name_id = r.name_id WHERE r.family = ?').get(family) as
		| { d: string | null }
		| undefined;
	return row?.d ?? null;
}

/** The organization the crosswalk gives a family (the most common one among its names). */
export function familyOrganization(db: Db, family: string): string | null {
	const row = stmt(
		db,
		`SELECT organization FROM name_resolutions WHERE family = ? AND organization IS NOT NULL
		 GROUP BY organization ORDER BY COUNT(*) DESC, organization LIMIT 1`
	).get(family) as { organization: string } | undefined;
	return row?.organization ?? null;
}

export interface IdentityQueueFilter {
	/** Only the review queue: no family, or confidence below `minConfidence`, and not settled by a decision. */
	unresolved: boolean;
	minConfidence: number;
	/** Raw name (or its family) containing this text, any case. */
	q: string | null;
	source: string | null;
	limit: number;
	offset: number;
}

const QUEUE_WHERE = `WHERE (@unresolved = 0 OR ((r.family IS NULL OR r.confidence < @minConfidence) AND r.method IS NOT 'decision'))
	AND (@like IS NULL OR n.raw_name LIKE @like ESCAPE '\\' OR r.family LIKE @like ESCAPE '\\')
	AND (@source IS NULL OR n.source_id = @source)`;

function queueParams(f: IdentityQueueFilter) {
	return {
		unresolved: f.unresolved ? 1 : 0,
		minConfidence: f.minConfidence,
		like: f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
		source: f.source
	};
}

/** One page of names with their resolution and where they occur (boards, first and last date). */
export function identityQueue(db: Db, f: IdentityQueueFilter): IdentityListRow[] {
	return stmt(
		db,
		`SELECT ${NAME_LIST_COLUMNS}
		 FROM names n LEFT JOIN name_resolutions r ON r.name_id = n.id
		 ${QUEUE_WHERE}
		 ORDER BY n.source_id, n.raw_name, n.id LIMIT @limit OFFSET @offset`
	).all({ ...queueParams(f), limit: f.limit, offset: f.offset }) as IdentityListRow[];
}

export function identityQueueCount(db: Db, f: IdentityQueueFilter): number {
	return (
		stmt(db, `SELECT COUNT(*) AS n FROM names n LEFT JOIN name_resolutions r ON r.name_id = n.id ${QUEUE_WHERE}`).get(queueParams(f)) as { n: number }
	).n;
}

/** Sources that have names, for the queue's filter. */
export function nameSources(db: Db): string[] {
	return (stmt(db, 'SELECT DISTINCT source_id FROM names ORDER BY source_id').all() as { source_id: string }[]).map((r) => r.source_id);
}

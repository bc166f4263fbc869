import type { Db } from './connection';
import { stmt } from './statements';

/**
 * Takes the source's lease when it is free or expired; returns false when another process holds it.
 * A lease (not a lock held open) so a crashed runner never blocks the source for longer than `ttlMs`.
 */
export function acquireSourceLease(db: Db, sourceId: string, holder: string, now: Date, ttlMs: number): boolean {
	return db.transaction(() => {
		const row = stmt(db, 'SELECT holder, expires_at FROM source_locks WHERE source_id = ?').get(sourceId) as
			| { holder: string; expires_at: string }
			| undefined;
		if (row && row.holder !== holder && row.expires_at > now.toISOString()) return false;
		stmt(db, 'INSERT OR REPLACE INTO source_locks (source_id, holder, expires_at) VALUES (?, ?, ?)').run(
			sourceId,
			holder,
			new Date(now.getTime() + ttlMs).toISOString()
		);
		return true;
	}).immediate();
}

export function releaseSourceLease(db: Db, sourceId: string, holder: string): void {
	stmt(db, 'DELETE FROM source_locks WHERE source_id = ? AND holder = ?').run(sourceId, holder);
}

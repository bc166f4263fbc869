import type { Db } from './connection';
import { stmt } from './statements';
import { bumpHealthVersion } from './versions';

/** Analyst switches per source (enabled or not); sources without a row are enabled. */
export function sourceEnabledMap(db: Db): Map<string, boolean> {
	const rows = stmt(db, 'SELECT source_id, enabled FROM source_state').all() as { source_id: string; enabled: number }[];
	return new Map(rows.map((r) => [r.source_id, r.enabled === 1]));
}

export function setSourceEnabled(db: Db, sourceId: string, enabled: boolean, now: Date): void {
	stmt(
		db,
		`INSERT INTO source_state (source_id, enabled, updated_at) VALUES (?, ?, ?)
		 ON CONFLICT(source_id) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`
	).run(sourceId, enabled ? 1 : 0, now.toISOString());
	bumpHealthVersion(db);
}

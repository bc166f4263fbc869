import type { Db } from './connection';
import { stmt } from './statements';
import { bumpHealthVersion } from './versions';

export interface EndpointCheck {
	endpoint: string;
	ok: boolean;
	outcome: string;
	reason: string | null;
	/** Boards it would store (0 when it cannot). */
	boards: number;
}

/** A source's last `rankdrift doctor` result, for the sources page. */
export interface SourceCheck {
	checked_at: string;
	endpoints: EndpointCheck[];
}

// One settings row per source: checking some sources leaves the others' last check in place.
const PREFIX = 'last_check:';

export function saveSourceCheck(db: Db, sourceId: string, check: SourceCheck): void {
	stmt(db, 'INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
		PREFIX + sourceId,
		JSON.stringify(check)
	);
	bumpHealthVersion(db);
}

export function sourceChecks(db: Db): Map<string, SourceCheck> {
	const rows = stmt(db, `SELECT key, value FROM app_settings WHERE key LIKE '${PREFIX}%'`).all() as { key: string; value: string }[];
	return new Map(rows.map((r) => [r.key.slice(PREFIX.length), JSON.parse(r.value) as SourceCheck]));
}

import type { Db } from './connection';
import { stmt } from './statements';

// Counters in app_settings that caches key on. They live in the database, not in memory, so a change
// written by another process (an import from the CLI while the server runs) invalidates the server's caches too.

function bump(db: Db, key: string): void {
	stmt(db, `INSERT INTO app_settings (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`).run(key);
}

function read(db: Db, key: string): string {
	return (stmt(db, 'SELECT value FROM app_settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? '0';
}

/** Any change of what names resolve to, or of how families are labelled. */
export const bumpResolutionsVersion = (db: Db) => bump(db, 'resolutions_version');

/**
 * A change of what an already-resolved name resolves to (a re-resolution, an identity decision), not
 * the first resolution of new names: what results computed from old snapshots alone key on.
 */
export const bumpIdentityEpoch = (db: Db) => bump(db, 'identity_epoch');

/** The database and its identity epoch: the scope of caches of old snapshots' results that new names leave valid. */
export function identityScope(db: Db): string {
	return `${db.name}|${read(db, 'identity_epoch')}`;
}

/** Any snapshot stored or put in force or aside, and any analysis result written or cleared. */
export const bumpDataVersion = (db: Db) => bump(db, 'data_version');

/**
 * What process-wide caches of resolved rows are keyed on: the database file (tests and the benchmark
 * open several in one process) and its resolutions version. Per-snapshot results key on this and the
 * snapshot ids: a stored snapshot never changes. (Snapshot views key on the identity epoch instead,
 * kept only once all their names are resolved: analysis/views.ts.)
 */
export function cacheScope(db: Db): string {
	return `${db.name}|${read(db, 'resolutions_version')}`;
}

/** A scrape or import run started or finished, a source switched on or off, or its endpoints checked. */
export const bumpHealthVersion = (db: Db) => bump(db, 'health_version');

/** What whole-page caches key on: everything a page shows may change with any new data or analysis. */
export function dataVersion(db: Db): string {
	return `${cacheScope(db)}|${read(db, 'data_version')}`;
}

/** What rendered pages key on: their data, and the sources' health the overview and board pages show beside it. */
export function pageVersion(db: Db): string {
	return `${dataVersion(db)}|${read(db, 'health_version')}`;
}

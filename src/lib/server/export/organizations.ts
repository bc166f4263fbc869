import type { Db } from '../db/connection';
import { organizationSummaries } from '../db/history';

/**
 * An organization's URL id: its name lower-cased with spaces as '-' ("Google DeepMind" →
 * "google-deepmind"). Runs of spaces and dashes count as one, so "google-deepmind", "Google DeepMind"
 * and "google--deepmind" all name the same organization.
 */
export function organizationKey(name: string): string {
	return name.trim().toLowerCase().replace(/[\s-]+/g, '-');
}

/** The organization's name as stored, from its name or URL id (any case); the value itself when unknown. */
export function organizationName(db: Db, idOrName: string): string {
	const key = organizationKey(idOrName);
	return organizationSummaries(db).find((o) => organizationKey(o.organization) === key)?.organization ?? idOrName;
}

import type { Db } from '../db/connection';
import { acceptHeldSnapshot } from '../db/snapshots';
import { afterSnapshotsAdded } from '../pipeline';

/**
 * Puts a held snapshot in force and brings names and stored analysis up to date with it. Returns the
 * accepted snapshot's date, or null when that board has no held snapshot for that date.
 */
export function acceptHeld(db: Db, board: string, asOf: string, now: Date, staleDays: number): { id: number; as_of: string } | null {
	const accepted = acceptHeldSnapshot(db, board, asOf, now);
	if (!accepted) return null;
	afterSnapshotsAdded(db, [accepted.id], { now, staleDays });
	return { id: accepted.id, as_of: accepted.as_of };
}

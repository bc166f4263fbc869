import type { AppContext } from '../context';
import { acceptHeldSnapshot } from '../db/snapshots';
import { afterSnapshotsAdded } from '../pipeline';

/**
 * Puts a held snapshot in force and brings names and stored analysis up to date with it. Returns the
 * accepted snapshot's date, or null when that board has no held snapshot for that date.
 */
export function acceptHeld(ctx: AppContext, board: string, asOf: string): { id: number; as_of: string } | null {
	const accepted = acceptHeldSnapshot(ctx.db, board, asOf, ctx.clock());
	if (!accepted) return null;
	afterSnapshotsAdded(ctx, [accepted.id]);
	return { id: accepted.id, as_of: accepted.as_of };
}

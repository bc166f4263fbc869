import type { Db } from '../lib/server/db/connection';
import { resolveStoredNames } from '../lib/server/identity/service';

/**
 * Name resolution brought forward into an import's waits for its parse worker (`ParseAhead`'s
 * `whileIdle`): the first reads the crosswalk, each resolves the names of the batches committed since
 * the one before, and the pass after the import is left only the rest. A wait with nothing committed
 * since does nothing: finding the unresolved names reads every name.
 */
export function namesWhileIdle(db: Db, now: () => Date): { committed(): void; whileIdle(): void } {
	let fresh = false;
	return {
		committed: () => {
			fresh = true;
		},
		whileIdle: () => {
			if (!fresh) return;
			fresh = false;
			resolveStoredNames(db, now());
		}
	};
}

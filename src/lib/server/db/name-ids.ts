import type { Db } from './connection';
import { stmt } from './statements';

interface SeenName {
	id: number;
	firstSeen: string;
}

/**
 * The ids of raw names (one source's spelling plus its identity hint), found or created as entries are
 * stored. An import keeps one across all its write transactions, so a name is read from the database
 * once per import instead of once per snapshot (reading the previous snapshot's names back was a tenth
 * of the ingest time).
 *
 * What it holds is only as good as the transaction that wrote it: whoever rolls a transaction back
 * calls `forget()`, since ids created in it are gone and SQLite hands them out again. Names are never
 * deleted and their ids never change, so another connection's writes cannot make a held id wrong; its
 * earlier `first_seen` is kept by updating only ever downwards.
 */
export class NameIds {
	// Source, then hint, then raw name: most rows have no hint, and no key string is built per row.
	readonly #bySource = new Map<string, Map<string, Map<string, SeenName>>>();

	/** The id of `rawName` as `sourceId` shows it with `hint`, created if new; its first sighting moved back to `asOf` if earlier. */
	idOf(db: Db, sourceId: string, rawName: string, hint: string, asOf: string): number {
		let byHint = this.#bySource.get(sourceId);
		if (!byHint) this.#bySource.set(sourceId, (byHint = new Map()));
		let byName = byHint.get(hint);
		if (!byName) byHint.set(hint, (byName = new Map()));
		let seen = byName.get(rawName);
		if (seen && seen.firstSeen <= asOf) return seen.id;
		if (!seen) {
			const stored = stmt(db, 'SELECT id, first_seen AS firstSeen FROM names WHERE source_id = ? AND raw_name = ? AND hint = ?').get(sourceId, rawName, hint) as
				| SeenName
				| undefined;
			seen = stored ?? {
				id: Number(stmt(db, 'INSERT INTO names (source_id, raw_name, hint, first_seen) VALUES (?, ?, ?, ?)').run(sourceId, rawName, hint, asOf).lastInsertRowid),
				firstSeen: asOf
			};
			byName.set(rawName, seen);
		}
		if (asOf < seen.firstSeen) {
			stmt(db, 'UPDATE names SET first_seen = ? WHERE id = ? AND first_seen > ?').run(asOf, seen.id, asOf);
			seen.firstSeen = asOf;
		}
		return seen.id;
	}

	/** Drops everything held: after a rollback some of it may name rows that no longer exist. */
	forget(): void {
		this.#bySource.clear();
	}
}

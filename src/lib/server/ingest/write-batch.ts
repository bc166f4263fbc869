import type { Db } from '../db/connection';
import { NameIds } from '../db/name-ids';

/**
 * Rows an import writes per transaction, unless RANKDRIFT_IMPORT_BATCH_ROWS says otherwise. A model's
 * rows sit together in the (name, snapshot) index, so each committed 2,000-row snapshot dirtied some
 * 2,000 scattered index pages, and the next snapshot of the board dirtied the same pages again: one
 * commit per file wrote most of the index to the WAL over and over. A commit per ~100,000 rows writes
 * those pages once per batch (measured: 1.6× the rows per second at 4.4 M rows) while the write lock is
 * held for about two seconds at most, well inside other writers' busy timeout.
 */
export const DEFAULT_BATCH_ROWS = 100_000;

/** Raw payloads waiting for their commit are held in memory: a batch also ends past this many bytes. */
const MAX_BATCH_BYTES = 32 * 1024 * 1024;

export interface WriteBatch<T> {
	/** Queues one unit of work (a file, a day's snapshots); commits the batch once it is full. */
	add(size: { rows: number; bytes: number }, write: () => T): void;
	/** Commits whatever is queued. */
	flush(): void;
	/** Rows queued for the next commit. */
	readonly queuedRows: number;
	/** Name ids for the snapshots its units store, kept from batch to batch while they commit. */
	readonly names: NameIds;
}

/**
 * Groups units of work into write transactions of about `maxRows` rows. Each unit is whole in one
 * transaction, so a crash leaves every unit written or not at all, and a re-run completes the rest;
 * `onCommit` hears each committed batch's results in the order they were added.
 */
export function writeBatch<T>(db: Db, onCommit: (results: T[]) => void, maxRows = DEFAULT_BATCH_ROWS): WriteBatch<T> {
	const names = new NameIds();
	let writes: (() => T)[] = [];
	let rows = 0;
	let bytes = 0;
	const flush = () => {
		if (writes.length === 0) return;
		const batch = writes;
		writes = [];
		rows = 0;
		bytes = 0;
		let results: T[];
		try {
			results = db.transaction(() => batch.map((write) => write())).immediate();
		} catch (e) {
			names.forget();
			throw e;
		}
		onCommit(results);
	};
	return {
		add(size, write) {
			writes.push(write);
			rows += size.rows;
			bytes += size.bytes;
			if (rows >= maxRows || bytes >= MAX_BATCH_BYTES) flush();
		},
		flush,
		get queuedRows() {
			return rows;
		},
		names
	};
}

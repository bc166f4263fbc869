import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';
import { afterSnapshotsAdded } from '../../src/lib/server/pipeline';
import { recordedDbCopy } from '../helpers/recorded-db';
import { testContext } from '../helpers/context';

// A database written before the style-control series existed held the arena.ai page and its captures
// under the unadjusted board ids. Rebuilt here from the recorded history by moving them back, then
// upgraded by reopening: it must end up as a fresh import of the same files would be.

const DERIVED = {
	snapshots: 'SELECT id, board_id, as_of, feed, status FROM snapshots ORDER BY id',
	events: 'SELECT id, kind, board_id, date, from_rank, to_rank, severity, blip FROM events ORDER BY id',
	mismatches: 'SELECT id, kind, date, last_seen, gap, severity FROM mismatches ORDER BY id',
	agreement: 'SELECT * FROM agreement ORDER BY board_a, board_b, date',
	presence: 'SELECT * FROM name_presence ORDER BY name_id, board_id, organization',
	runs: 'SELECT id, board_id, snapshot_id FROM run_results ORDER BY id'
};

function state(db: Db) {
	return Object.fromEntries(Object.entries(DERIVED).map(([k, sql]) => [k, db.prepare(sql).all()]));
}

/** Undoes the split as the code before it stored things: page captures under `lmarena-text[/<category>]`. */
function asBeforeTheSplit(db: Db): number[] {
	const moved = db
		.prepare(
			`SELECT id FROM snapshots WHERE board_id LIKE 'lmarena-text/style-control%' AND feed IN ('live-page', 'third-party')`
		)
		.pluck()
		.all() as number[];
	db.prepare(
		`UPDATE snapshots SET board_id = replace(board_id, 'lmarena-text/style-control', 'lmarena-text')
		 WHERE id IN (SELECT value FROM json_each(?))`
	).run(JSON.stringify(moved));
	db.prepare(
		`UPDATE run_results SET board_id = replace(board_id, 'lmarena-text/style-control', 'lmarena-text')
		 WHERE snapshot_id IN (SELECT value FROM json_each(?))`
	).run(JSON.stringify(moved));
	db.prepare('DELETE FROM schema_migrations WHERE version = 8').run();
	return moved;
}

// The first test of a run may be the one that builds the recorded database.
const BUILD_TIMEOUT = 200_000;

let cleanup: (() => void) | null = null;
afterEach(() => cleanup?.());

describe('migration 8: the style-control series', () => {
	it('moves style-controlled LMArena Text snapshots to their own series and leaves what a fresh import leaves', async () => {
		const t = await recordedDbCopy();
		cleanup = t.cleanup;
		const fresh = state(t.db);
		const moved = asBeforeTheSplit(t.db);
		expect(moved.length).toBeGreaterThanOrEqual(10);
		t.db.close();

		const db = openDatabase(t.path);
		const pending = db.prepare('SELECT COUNT(*) FROM snapshots WHERE analyzed = 0').pluck().get() as number;
		expect(pending).toBeGreaterThan(0);
		afterSnapshotsAdded(testContext(db, { now: new Date('2026-12-03T00:00:00Z') }), []);
		expect(state(db)).toEqual(fresh);
		db.close();
	}, BUILD_TIMEOUT);

	it('puts an unadjusted snapshot a moved capture had pushed aside back in force', async () => {
		const t = await recordedDbCopy();
		cleanup = t.cleanup;
		const db = t.db;
		const capture = db
			.prepare(`SELECT id, as_of FROM snapshots WHERE board_id = 'lmarena-text/style-control' AND feed = 'live-page' AND status = 'active'`)
			.get() as { id: number; as_of: string };
		const unadjusted = db
			.prepare(`SELECT id, as_of FROM snapshots WHERE board_id = 'lmarena-text' AND feed = 'hf-space' AND status = 'active' AND as_of < ? ORDER BY as_of DESC LIMIT 1`)
			.get(capture.as_of) as { id: number; as_of: string };
		// Before the split, a live-page capture on the same date outranked the HF-space table.
		asBeforeTheSplit(db);
		db.prepare('UPDATE snapshots SET as_of = ? WHERE id = ?').run(unadjusted.as_of, capture.id);
		db.prepare(`UPDATE snapshots SET status = 'superseded', status_reason = 'replaced by a live-page snapshot of the same date' WHERE id = ?`).run(unadjusted.id);
		db.close();

		const after = openDatabase(t.path);
		const row = (id: number) => after.prepare('SELECT board_id, status, status_reason FROM snapshots WHERE id = ?').get(id);
		expect(row(unadjusted.id)).toEqual({ board_id: 'lmarena-text', status: 'active', status_reason: null });
		expect(row(capture.id)).toEqual({ board_id: 'lmarena-text/style-control', status: 'active', status_reason: null });
		after.close();
	}, BUILD_TIMEOUT);
});

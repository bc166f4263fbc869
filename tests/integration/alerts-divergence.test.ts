import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedDbCopy } from '../helpers/recorded-db';
import type { Db } from '../../src/lib/server/db/connection';
import { confirmByToken, linkToken, requestSubscription } from '../../src/lib/server/alerts/subscriptions';
import { decideAlerts } from '../../src/lib/server/alerts/decide';
import { divergenceReport } from '../../src/lib/server/analysis/reports';
import { listSubscriptions } from '../../src/lib/server/db/alerts';
import { previousActiveSnapshot, snapshotInForce } from '../../src/lib/server/db/snapshots';
import { config } from '../../src/lib/server/config';

// Divergence alerts on the recorded history: what is queued for a new LMArena snapshot is exactly the
// set of pairs (with lmarena-text) whose divergence crossed the subscriber's level since the board's
// previous snapshot, as the divergence report computes it.

const env = { PUBLIC_URL: 'https://rankdrift.example' };
const LEVEL = 0.3;
let r: Awaited<ReturnType<typeof recordedDbCopy>>;
let db: Db;

beforeAll(async () => {
	r = await recordedDbCopy();
	db = r.db;
	await requestSubscription(db, config(env), { email: 'div@example.com', kinds: ['divergence'], divergence_level: LEVEL }, 'c', new Date());
	const sub = listSubscriptions(db)[0];
	expect(confirmByToken(db, config(env), linkToken(db, config(env), 'confirm', sub, new Date()), new Date()).ok).toBe(true);
});
afterAll(() => r?.cleanup());

const key = (x: { boards: string[]; release: string | null; family: string }) => `${[...x.boards].sort().join('|')}:${x.release ?? `family:${x.family}`}`;

describe('divergence alerts', () => {
	it('queues the crossings of the level at the new snapshot, once', () => {
		const latest = snapshotInForce(db, 'lmarena-text', '2099-01-01')!;
		const prev = previousActiveSnapshot(db, 'lmarena-text', latest.as_of)!;
		const now = divergenceReport(db, { date: latest.as_of, staleDays: 45 }).rows.filter((x) => x.boards.includes('lmarena-text'));
		const before = new Map(divergenceReport(db, { date: prev.as_of, staleDays: 45 }).rows.filter((x) => x.boards.includes('lmarena-text')).map((x) => [key(x), Math.abs(x.divergence)]));
		const expected = now.filter((x) => Math.abs(x.divergence) >= LEVEL && !((before.get(key(x)) ?? -1) >= LEVEL)).map((x) => `divergence:${key(x)}:${latest.as_of}`);
		expect(expected.length).toBeGreaterThan(0);

		const queued = decideAlerts(db, [latest.id], { now: new Date(), staleDays: 45 });
		const items = db.prepare("SELECT key, magnitude, previous_magnitude FROM alert_items WHERE kind = 'divergence'").all() as { key: string; magnitude: number; previous_magnitude: number | null }[];
		expect(items.map((i) => i.key).sort()).toEqual([...expected].sort());
		expect(items.every((i) => i.magnitude >= LEVEL && (i.previous_magnitude === null || i.previous_magnitude < LEVEL))).toBe(true);
		// Old events of that snapshot were detected before the subscription: only divergence is queued.
		expect(queued).toBe(expected.length);
		expect(decideAlerts(db, [latest.id], { now: new Date(), staleDays: 45 })).toBe(0);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/server/ingest/import-files';
import { lmarenaText } from '../helpers/sources';
import { sharedData } from '../helpers/paths';
import { tempDb, type TempDb } from '../helpers/temp-db';
import { afterSnapshotsAdded } from '../../src/lib/server/pipeline';
import { confirmByToken, linkToken, requestSubscription } from '../../src/lib/server/alerts/subscriptions';
import { describeItem } from '../../src/lib/server/alerts/describe';
import { itemFromRow, type AlertItemRow } from '../../src/lib/server/db/alert-outbox';
import { listSubscriptions } from '../../src/lib/server/db/alerts';
import { listEvents } from '../../src/lib/server/db/analysis';
import { testContext } from '../helpers/context';
import { config } from '../../src/lib/server/config';

// Alerts tell findings: LMArena's catalog of 2025-11-06 shows Claude Sonnet 4.5 as the new #1 of its
// main board and of many category boards; a subscriber gets that story once, listing the boards.

const env = { PUBLIC_URL: 'https://rankdrift.example' };
const catalog = (date: string) => sharedData(`lmarena_arena_catalog/leaderboard-text/${date}.json`);
let t: TempDb;

function load(date: string) {
	const added: number[] = [];
	importFiles(t.db, lmarenaText, [catalog(date)], { onAdded: (ids) => added.push(...ids) });
	afterSnapshotsAdded(testContext(t.db, { now: new Date() }), added);
}

async function subscribe(email: string, body: Record<string, unknown>) {
	await requestSubscription(t.db, config(env), { email, ...body }, email, new Date());
	const sub = listSubscriptions(t.db).find((s) => s.target === email)!;
	expect(confirmByToken(t.db, config(env), linkToken(t.db, config(env), 'confirm', sub, new Date()), new Date()).ok).toBe(true);
	return sub.id;
}

const queuedFor = (id: number) =>
	(t.db.prepare('SELECT i.* FROM alert_outbox o JOIN alert_items i ON i.key = o.item_key WHERE o.subscription_id = ? ORDER BY i.key').all(id) as AlertItemRow[]).map(itemFromRow);

beforeAll(() => {
	t = tempDb();
	load('2025-11-05');
});
afterAll(() => t?.cleanup());

describe('alerts on findings', () => {
	it('a new #1 on many category boards is one alert item listing its boards, for a subscriber watching one of them', async () => {
		const onCoding = await subscribe('coding@example.com', { kinds: ['new-leader'], watch: { board: 'lmarena-text/coding' } });
		const anyBoard = await subscribe('all@example.com', { kinds: ['new-leader', 'new-entrant'] });
		const entrants = await subscribe('entrants@example.com', { kinds: ['new-entrant'] });
		load('2025-11-06');
		// Per board: its entry on 16 of the arena's boards, and its lead on 4 of them — 20 events, one story.
		const events = listEvents(t.db, { since: '2025-11-06', until: '2025-11-06' }).filter((e) => e.family === 'claude-sonnet-4.5');
		expect(events.filter((e) => e.kind === 'new-leader').map((e) => e.board_id)).toContain('lmarena-text/coding');
		expect(events.length).toBeGreaterThan(15);

		const items = queuedFor(onCoding);
		expect(items).toHaveLength(1);
		const [item] = items;
		expect(item).toMatchObject({ kind: 'new-leader', date: '2025-11-06', families: ['claude-sonnet-4.5'] });
		expect(item.key).toMatch(/^finding:/);
		expect(item.boards).toEqual(expect.arrayContaining(['lmarena-text', 'lmarena-text/coding']));
		expect(item.boards.length).toBe(new Set(events.map((e) => e.board_id)).size);
		expect((item.facts.events as { event_id: string }[]).map((e) => e.event_id).sort()).toEqual(events.map((e) => e.id).sort());
		const told = describeItem(item, env.PUBLIC_URL);
		expect(told.heading).toMatch(new RegExp(`^New #1 · lmarena-text \\(${item.boards.length} boards\\) · 2025-11-06`));
		expect(told.lines).toContain(`Told on ${item.boards.length} lmarena-text boards: ${(item.facts.categories as string[]).join(', ')}`);
		expect(told.lines.some((l) => l.startsWith('Rank: '))).toBe(true);
		// A subscriber of every board and of entrants too gets the same one item, not twenty.
		// A debut at #1 is a new leader and an entry: a subscriber of entrants alone hears of it too.
		expect(queuedFor(entrants).map((i) => i.key)).toContain(item.key);
		const all = queuedFor(anyBoard);
		// An entry at #2 that leads one category board is one story, told as an entry: the lead is named in
		// it, and it reaches a subscriber of new leaders on that board only (not the one watching coding).
		const mixed = all.find((i) => i.kind === 'new-entrant' && (i.facts.events as { kind: string }[]).some((e) => e.kind === 'new-leader'))!;
		const ledOn = (mixed.facts.events as { kind: string; board: string }[]).filter((e) => e.kind === 'new-leader').map((e) => e.board);
		expect(ledOn).not.toContain('lmarena-text/coding');
		expect(describeItem(mixed, env.PUBLIC_URL).lines).toContain(`Also New #1 on ${ledOn.join(', ')}`);
		expect(all.filter((i) => i.families.includes('claude-sonnet-4.5')).map((i) => i.key)).toEqual([item.key]);
		// And the day's other arrivals likewise: one item per story, far fewer than the per-board events.
		const perBoard = listEvents(t.db, { since: '2025-11-06', until: '2025-11-06' }).filter((e) => e.kind === 'new-leader' || e.kind === 'new-entrant');
		expect(all.length * 3).toBeLessThan(perBoard.length);
	});
});

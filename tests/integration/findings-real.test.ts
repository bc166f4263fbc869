import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents } from '../../src/lib/server/db/analysis';
import { listFindings } from '../../src/lib/server/analysis/findings';
import { findingsDataset } from '../../src/lib/server/export/datasets';
import { Params } from '../../src/lib/server/export/params';
import { recordedDbCopy } from '../helpers/recorded-db';
import { cli } from '../helpers/cli';

let t: ReturnType<typeof recordedDbCopy>;
beforeAll(() => {
	t = recordedDbCopy();
});
afterAll(() => t.cleanup());

describe('findings on the recorded history', () => {
	it('tells the return of LMArena after 165 days as one catch-up, not thousands of events (2025-11-05)', () => {
		const day = listFindings(t.db, { since: '2025-11-05', until: '2025-11-05' });
		expect(day.length).toBeLessThanOrEqual(10);
		const back = day.find((f) => f.kind === 'recalibration' && f.source === 'lmarena-text')!;
		expect(back.summary).toMatch(/back after 165 days without a snapshot/);
		expect(back.boards.length).toBeGreaterThan(20);
		// The per-board events behind it stay available.
		expect(listEvents(t.db, { since: '2025-11-05', until: '2025-11-05' }).length).toBeGreaterThan(100);
	});

	it('fires no high jump on an LMArena text board in June 2024 but for models new to LMArena text that month', () => {
		const highs = listEvents(t.db, { kind: 'jump', since: '2024-06-01', until: '2024-06-30', minSeverity: 'high' }).filter((e) => e.board_id.startsWith('lmarena-text'));
		for (const e of highs) {
			const first = t.db
				.prepare(`SELECT MIN(p.first_as_of) AS d FROM name_presence p JOIN name_resolutions r ON r.name_id = p.name_id WHERE r.family = ? AND p.board_id LIKE 'lmarena-text%'`)
				.get(e.family) as { d: string };
			expect(first.d >= '2024-06-01', `${e.model}: ${e.detail}`).toBe(true);
		}
	});

	it('finds Gemini 2.5 Pro Exp as the new #1 of LMArena text when first shown, once, though two feeds show it', () => {
		const leads = listFindings(t.db, { family: 'gemini-2.5-pro', kind: 'new-leader' }).filter((f) => f.source === 'lmarena-text' && f.release === 'gemini-2.5-pro@exp-03-25');
		expect(leads.map((f) => f.date)).toEqual(['2025-03-28']);
		expect(leads[0]).toMatchObject({ model: 'Gemini-2.5-Pro-Exp-03-25', severity: 'high', to_rank: 1 });
	});

	it("finds Grok 4's debut near the top of LMArena in July 2025, told once across the arena's boards", () => {
		const debut = listFindings(t.db, { family: 'grok-4' }).filter((f) => f.source === 'lmarena-text' && (f.kind === 'new-entrant' || f.kind === 'new-leader'));
		// First shown by the arena.ai page (style control) on 07-24; the unadjusted table of 07-27 is not told again.
		expect(debut).toHaveLength(1);
		expect(debut[0].date).toBe('2025-07-24');
		expect(debut[0].boards[0]).toBe('lmarena-text/style-control');
		expect(debut[0].to_rank).toBeLessThanOrEqual(3);
		// Aider and LiveBench had it first, each on its own board.
		const elsewhere = listFindings(t.db, { family: 'grok-4', kind: 'new-entrant' }).map((f) => [f.source, f.date]);
		expect(elsewhere).toEqual(expect.arrayContaining([['aider-polyglot', '2025-07-11'], ['livebench', '2025-07-22']]));
	});

	it('one finding lists every LMArena category board that tells the same story', () => {
		const arrival = listFindings(t.db, { since: '2025-11-06', until: '2025-11-06', family: 'claude-sonnet-4.5' }).find((f) => f.source === 'lmarena-text')!;
		expect(arrival.kind).toBe('new-leader');
		expect(arrival.categories).toEqual(expect.arrayContaining(['overall', 'coding', 'style-control/coding']));
		expect(arrival.event_ids.length).toBeGreaterThan(arrival.boards.length);
	});

	it('tells the Llama 4 Maverick checkpoint story once when first shown: against its public release on LMArena, LiveBench and Aider', () => {
		const m = listFindings(t.db, { family: 'llama-4-maverick', kind: 'mismatch' });
		// The checkpoint first appears in the recorded LMArena data on 2025-05-06 (the April captures do not list it).
		const first = m.find((f) => f.date === '2025-05-06')!;
		expect(first).toMatchObject({ model: 'llama-4-maverick-03-26-experimental', severity: 'high', significant: true });
		expect(first.boards).toEqual(expect.arrayContaining(['lmarena-text', 'aider-polyglot', 'livebench']));
		expect(first.summary).toMatch(/comparisons/);
		expect(m.filter((f) => f.date === '2025-05-06')).toHaveLength(1);
	});

	it('rolls a day of renames up into one finding (LMArena capitalised sizes on 2024-11-05)', () => {
		const day = listFindings(t.db, { since: '2024-11-05', until: '2024-11-05', kind: 'renamed' });
		expect(day).toHaveLength(1);
		expect(day[0].summary).toMatch(/^\d+ models are shown under new names on lmarena-text \(/);
		expect(day[0].event_ids.length).toBeGreaterThan(20);
	});

	it('answers the same from the CLI and the dataset the API serves, in the documented shape', async () => {
		const r = await cli(['report', 'findings', '--since', '2025-07-01', '--until', '2025-07-31', '--severity', 'medium', '--format', 'json', '--db', t.path]);
		expect(r.code).toBe(0);
		const rows = JSON.parse(r.stdout);
		expect(rows.length).toBeGreaterThan(3);
		expect(Object.keys(rows[0])).toEqual(['id', 'kind', 'date', 'family', 'release', 'model', 'source', 'boards', 'categories', 'from_rank', 'to_rank', 'severity', 'significant', 'summary', 'event_ids']);
		expect(rows.map((x: { date: string }) => x.date)).toEqual([...rows.map((x: { date: string }) => x.date)].sort().reverse());
		expect(rows.every((x: { severity: string }) => x.severity !== 'low')).toBe(true);
		const q = findingsDataset.open({ db: t.db, now: new Date(), env: {}, staleDays: 45 }, null, new Params(new URLSearchParams('since=2025-07-01&until=2025-07-31&severity=medium')));
		expect([...q.rows()].map((x) => x.json)).toEqual(rows);
		const bad = await cli(['report', 'findings', '--kind', 'rumour', '--db', t.path]);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/--kind: kind must be one of jump, new-leader/);
	});
});

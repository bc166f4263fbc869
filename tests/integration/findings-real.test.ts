import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents } from '../../src/lib/server/db/analysis';
import { listFindings } from '../../src/lib/server/analysis/findings';
import { divergenceReport } from '../../src/lib/server/analysis/reports';
import { afterSnapshotsAdded } from '../../src/lib/server/pipeline';
import { findingsDataset } from '../../src/lib/server/export/datasets';
import { Params } from '../../src/lib/server/export/params';
import { recordedDbCopy } from '../helpers/recorded-db';
import { cli } from '../helpers/cli';
import { testContext } from '../helpers/context';

let t: Awaited<ReturnType<typeof recordedDbCopy>>;
beforeAll(async () => {
	t = await recordedDbCopy();
});
afterAll(() => t.cleanup());

describe('findings on the recorded history', () => {
	it('tells the return of LMArena after months as one catch-up across its arenas, not thousands of events (2025-11-05)', () => {
		const day = listFindings(t.db, { since: '2025-11-05', until: '2025-11-05' });
		expect(day.length).toBeLessThanOrEqual(10);
		const back = day.find((f) => f.kind === 'recalibration' && f.source === 'lmarena-text')!;
		// LMArena's catalog regenerated every arena's file that day: one catch-up across them all.
		expect(back.summary).toMatch(/^lmarena is back after \d{3} days without a snapshot on \d+ board/);
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
		const q = findingsDataset.open(testContext(t.db, { now: new Date() }), null, new Params(new URLSearchParams('since=2025-07-01&until=2025-07-31&severity=medium')));
		expect([...q.rows()].map((x) => x.json)).toEqual(rows);
		const bad = await cli(['report', 'findings', '--kind', 'rumour', '--db', t.path]);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/--kind: kind must be one of jump, new-leader/);
	});
});

describe('divergence findings on the recorded history', () => {
	const stored = () => t.db.prepare('SELECT id, board_a, board_b, subject, date, ended, detail FROM divergence_findings ORDER BY id').all() as {
		id: string;
		board_a: string;
		board_b: string;
		subject: string;
		date: string;
		ended: string | null;
		detail: string;
	}[];

	it('are few and strong: tens over three years, a story told again only after it fell back', () => {
		const all = listFindings(t.db, { kind: 'divergence' });
		expect(all.length).toBeGreaterThanOrEqual(20);
		expect(all.length).toBeLessThanOrEqual(100);
		const perPairMonth = new Map<string, number>();
		for (const f of all) {
			const key = `${[...f.boards].sort().join('|')}|${f.date.slice(0, 7)}`;
			perPairMonth.set(key, (perPairMonth.get(key) ?? 0) + 1);
		}
		// The most in one pair and month: WebDev's return after four months without a snapshot (August 2025).
		expect(Math.max(...perPairMonth.values())).toBeLessThanOrEqual(10);
		const bySubject = new Map<string, ReturnType<typeof stored>>();
		for (const r of stored()) bySubject.set(`${r.board_a}|${r.board_b}|${r.subject}`, [...(bySubject.get(`${r.board_a}|${r.board_b}|${r.subject}`) ?? []), r]);
		for (const told of bySubject.values()) {
			told.sort((a, b) => a.date.localeCompare(b.date));
			for (let i = 1; i < told.length; i++) expect(told[i - 1].ended !== null && told[i - 1].ended! <= told[i].date, told[i].detail).toBe(true);
		}
	});

	it('finds Claude Sonnet 4 far apart on WebDev and LMArena text when WebDev first lists it, among the pair\'s top divergences', () => {
		const firstOnWebdev = (
			t.db
				.prepare(
					`SELECT MIN(s.as_of) AS d FROM snapshots s JOIN entries e ON e.snapshot_id = s.id JOIN name_resolutions r ON r.name_id = e.name_id
					 WHERE s.board_id = 'lmarena-webdev' AND s.status = 'active' AND r.family = 'claude-sonnet-4'`
				)
				.get() as { d: string }
		).d;
		const found = listFindings(t.db, { kind: 'divergence', family: 'claude-sonnet-4', board: 'lmarena-webdev' }).filter((f) => f.boards.includes('lmarena-text'));
		expect(found).toHaveLength(1);
		// June 2025 where the WebDev capture of that month is present; else its next capture (2025-08-12).
		expect(found[0]).toMatchObject({ date: firstOnWebdev, boards: ['lmarena-webdev', 'lmarena-text'], severity: 'high', significant: true });
		expect(found[0].from_rank).toBeLessThanOrEqual(10);
		expect(found[0].to_rank).toBeGreaterThan(20);
		const rows = divergenceReport(t.db, { date: firstOnWebdev, boards: ['lmarena-webdev', 'lmarena-text'], staleDays: 45 }).rows;
		expect(rows.slice(0, 5).map((r) => r.family)).toContain('claude-sonnet-4');
	});

	it('counts the top of the boards: GPT-5.4 #2 on Yupp and #14 on LMArena text (2026-03-15), though its percentile gap is small', () => {
		// LMArena in March 2026 is recorded from captures of arena.ai's default view, the style-control series.
		const [f] = listFindings(t.db, { since: '2026-03-15', until: '2026-03-15', kind: 'divergence', family: 'gpt-5.4' }).filter((x) => x.boards.includes('lmarena-text/style-control'));
		expect(f).toMatchObject({ date: '2026-03-15', boards: ['yupp', 'lmarena-text/style-control'], from_rank: 2, to_rank: 14, severity: 'high' });
		expect(f.summary).toMatch(/percentile gap 0\.0\d, top gap 2\.\d/);
		// The API (and CSV, and so the feed) carry the same finding.
		const q = findingsDataset.open(testContext(t.db, { now: new Date() }), null, new Params(new URLSearchParams('date=2026-03-15&kind=divergence&board=yupp')));
		expect([...q.rows()].map((x) => x.json)).toContainEqual({ ...f });
	});

	it('stores the same stories when passes come step by step as when everything is rebuilt', () => {
		const before = stored();
		// WebDev's August capture arriving last: its pairs are walked again from that date.
		t.db.exec(`DELETE FROM divergence_findings WHERE 'lmarena-webdev' IN (board_a, board_b) AND date >= '2025-08-12';
			UPDATE divergence_findings SET ended = NULL WHERE 'lmarena-webdev' IN (board_a, board_b) AND ended >= '2025-08-12';
			UPDATE snapshots SET analyzed = 0 WHERE board_id = 'lmarena-webdev' AND as_of = '2025-08-12' AND status = 'active'`);
		afterSnapshotsAdded(testContext(t.db, { now: new Date('2026-04-01T00:00:00Z') }), []);
		expect(stored()).toEqual(before);
		// What the migration does: every board's first snapshot queued, every pair walked from its start.
		t.db.exec(`DELETE FROM divergence_findings;
			UPDATE snapshots SET analyzed = 0 WHERE status = 'active' AND id IN (SELECT id FROM snapshots s WHERE status = 'active'
			  AND as_of = (SELECT MIN(as_of) FROM snapshots x WHERE x.board_id = s.board_id AND x.status = 'active'))`);
		afterSnapshotsAdded(testContext(t.db, { now: new Date('2026-04-01T00:00:00Z') }), []);
		expect(stored()).toEqual(before);
	});
});

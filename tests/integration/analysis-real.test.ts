import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents, listMismatches, listAgreement } from '../../src/lib/server/db/analysis';
import { divergenceReport } from '../../src/lib/server/analysis/reports';
import { comparePage } from '../../src/lib/server/services/dashboard-compare';
import { rebuildAnalysis } from '../../src/lib/server/analysis/analyze';
import { recordedDbCopy } from '../helpers/recorded-db';
import { tempDb } from '../helpers/temp-db';
import { sharedData } from '../helpers/paths';
import { importFiles, listImportFiles } from '../../src/lib/server/ingest/import-files';
import { aiderPolyglot } from '../helpers/sources';
import { livebench } from '../helpers/sources';
import { lmarenaText } from '../helpers/sources';
import { afterSnapshotsAdded } from '../../src/lib/server/pipeline';
import { testContext } from '../helpers/context';

let t: Awaited<ReturnType<typeof recordedDbCopy>>;
beforeAll(async () => {
	t = await recordedDbCopy();
});
afterAll(() => t.cleanup());

describe('analysis on the recorded history', () => {
	it('flags Llama 4 Maverick: the experimental checkpoint far above the public release on LMArena, naming both', () => {
		const found = listMismatches(t.db, { family: 'llama-4-maverick', kind: 'same-board', board: 'lmarena-text' });
		const m = found.find((x) => x.checkpoint_board === 'lmarena-text')!;
		expect(m).toBeDefined();
		expect(m.checkpoint_name).toMatch(/maverick-03-26-experimental/i);
		expect(m.release_name).toMatch(/maverick-17b-128e-instruct/i);
		expect(m.release_rank - m.checkpoint_rank).toBeGreaterThan(30);
		expect(m.significant).toBe(1);
	});

	it('calls Gemini 2.5 Pro Exp the new leader of LMArena text on 2025-03-28, and Gemini 3 Pro on 2025-12-11', () => {
		const leaders = listEvents(t.db, { kind: 'new-leader', board: 'lmarena-text' });
		expect(leaders.find((e) => e.date === '2025-03-28')).toMatchObject({ family: 'gemini-2.5-pro', previous_model: 'Grok-3-Preview-02-24' });
		expect(leaders.find((e) => e.date === '2025-12-11')).toMatchObject({ family: 'gemini-3-pro' });
	});

	it('sees Aider swap "Gemini 2.5 Pro exp-03-25" for "Preview 03-25" as a rename, not a new model or a jump', () => {
		const onDay = listEvents(t.db, { board: 'aider-polyglot', since: '2025-04-12', until: '2025-04-12' });
		expect(onDay.filter((e) => e.kind === 'renamed').map((e) => [e.previous_model, e.model])).toContainEqual(['Gemini 2.5 Pro exp-03-25', 'Gemini 2.5 Pro Preview 03-25']);
		expect(onDay.filter((e) => e.family === 'gemini-2.5-pro' && e.kind !== 'renamed')).toEqual([]);
	});

	it('never reports a jump on LMArena text without a significant score change where the board gives CIs', () => {
		const jumps = listEvents(t.db, { kind: 'jump', board: 'lmarena-text' });
		expect(jumps.length).toBeGreaterThan(0);
		for (const j of jumps) if (j.z !== null) expect(j.z).toBeGreaterThanOrEqual(3);
	});

	// LMArena in 2026 is recorded from captures of arena.ai's default (style-controlled) view.
	const SC = 'lmarena-text/style-control';

	it('on 2026-03-15 compares GPT-5.4 as LMArena\'s 14th and Yupp\'s 2nd within their common set', () => {
		const report = divergenceReport(t.db, { date: '2026-03-15', boards: [SC, 'yupp'], staleDays: 45 });
		const row = report.rows.find((r) => r.names['yupp'] === 'GPT-5.4')!;
		expect(row.names[SC]).toBe('gpt-5.4');
		expect(row.ranks).toEqual({ [SC]: 14, yupp: 2 });
		expect(row.commonSetSize).toBeGreaterThan(50);
		expect(row.pct[SC]).toBeGreaterThan(row.pct['yupp']);
	});

	it('shows each release once per compared pair: DeepSeek V3.2 on LMArena text vs LiveBench (2026-03-15), every headline pair in March 2026', () => {
		const report = divergenceReport(t.db, { date: '2026-03-15', boards: [SC, 'livebench'], staleDays: 45 });
		const v32 = report.rows.filter((r) => r.family === 'deepseek-v3.2');
		// Two releases (V3.2 and V3.2-Exp), each listed with and without thinking on both boards: once each, not four times.
		expect(v32.map((r) => r.release).sort()).toEqual(['deepseek-v3.2@2025-12-01', 'deepseek-v3.2@exp']);
		const final = v32.find((r) => r.release === 'deepseek-v3.2@2025-12-01')!;
		// Both boards list it with and without thinking: the plain rows stand for it, the thinking rows are its other names.
		expect(final.names).toEqual({ [SC]: 'deepseek-v3.2', livebench: 'DeepSeek V3.2' });
		expect(final.ranks).toEqual({ [SC]: 47, livebench: 31 });
		expect(final.otherNames).toEqual({ [SC]: ['deepseek-v3.2-thinking'], livebench: ['DeepSeek V3.2 Thinking'] });

		const page = comparePage(testContext(t.db), SC, 'livebench', '2026-03-15');
		expect(page.rows.filter((r) => r.family === 'deepseek-v3.2').length).toBeLessThanOrEqual(2);
		expect(page.commonSetSize).toBe(report.rows.length);

		for (const date of ['2026-03-15', '2026-03-21']) {
			const pairs = divergenceReport(t.db, { date, staleDays: 45 });
			expect(pairs.rows.length).toBeGreaterThan(100);
			const seen = new Map<string, number>();
			for (const r of pairs.rows) {
				const key = `${r.boards.join('|')} ${r.release ?? `family:${r.family}`}`;
				seen.set(key, (seen.get(key) ?? 0) + 1);
			}
			expect([date, [...seen].filter(([, n]) => n > 1)]).toEqual([date, []]);
		}
	});

	it('leaves stale boards out of a date\'s divergence and says so', () => {
		const report = divergenceReport(t.db, { date: '2026-03-15', staleDays: 45 });
		// The unadjusted LMArena series was last recorded on 2025-12-11.
		expect(report.excluded.map((x) => x.board)).toEqual(expect.arrayContaining(['lmarena-webdev', 'lmarena-text']));
		expect(report.excluded.find((x) => x.board === 'lmarena-webdev')!.reason).toMatch(/^stale/);
		expect(report.boards.map((b) => b.board)).toEqual(expect.arrayContaining(['yupp', 'livebench', 'artificial-analysis']));
	});

	it('keeps board agreement as a time series with τ-b in [-1, 1] and n ≥ 10 whenever it is given', () => {
		const series = listAgreement(t.db, { boardA: 'lmarena-text', boardB: 'livebench' });
		expect(series.length).toBeGreaterThan(10);
		for (const p of series) {
			if (p.kendall_tau_b === null) expect(p.n).toBeLessThan(10);
			else {
				expect(p.n).toBeGreaterThanOrEqual(10);
				expect(Math.abs(p.kendall_tau_b)).toBeLessThanOrEqual(1);
			}
		}
		const dates = series.map((p) => p.date);
		expect(dates).toEqual([...dates].sort());
	});

	// One file per commit, several files per commit (each batch analysed as it commits), and the files
	// arriving newest first (each older snapshot changes the series noise and blips of those after it,
	// and the divergence stories of its pairs from its date on).
	it.each([
		[1, 'oldest first'],
		[20_000, 'oldest first'],
		[1, 'newest first']
	])('rebuilds to the same events, severities, blips, divergence findings, agreement and mismatches it computed step by step as snapshots arrived (%i rows per batch, %s)', (batchRows, order) => {
		const step = tempDb();
		try {
			const arena = listImportFiles([sharedData('lmarena_fboulnois/hfspace_text')]).filter((f) => /2025-0[67]-\d\d\.csv$/.test(f));
			const all = [...listImportFiles([sharedData('aider/polyglot'), sharedData('livebench/table_2025_05_30')]), ...arena];
			const files = order === 'newest first' ? [...all].reverse() : all;
			const analyse = (ids: number[]) => afterSnapshotsAdded(testContext(step.db, { now: new Date('2026-04-01T00:00:00Z') }), ids);
			importFiles(step.db, aiderPolyglot, files.filter((f) => f.includes('/aider/')), { batchRows, onAdded: analyse });
			importFiles(step.db, livebench, files.filter((f) => f.includes('/livebench/')), { batchRows, onAdded: analyse });
			importFiles(step.db, lmarenaText, files.filter((f) => f.includes('/lmarena_')), { batchRows, onAdded: analyse });
			const facts = () => listEvents(step.db, { blips: true }).map((e) => `${e.id} ${e.kind} ${e.severity} ${e.blip}`).sort();
			const incremental = facts();
			expect(incremental.length).toBeGreaterThan(20);
			// Divergence findings too: an older snapshot arriving late re-walks its pairs from its date.
			const stories = () => step.db.prepare('SELECT id, ended, detail FROM divergence_findings ORDER BY id').all();
			const walked = stories();
			expect(walked.length).toBeGreaterThan(2);
			const agreement = () => step.db.prepare('SELECT * FROM agreement ORDER BY board_a, board_b, date').all();
			const agreed = agreement();
			expect(agreed.length).toBeGreaterThan(10);
			// Mismatches too: a snapshot arriving after other boards' later ones is compared with each of them.
			const mismatches = () => step.db.prepare('SELECT id, kind, date, last_seen, significant, severity, gap FROM mismatches ORDER BY id').all();
			const found = mismatches();
			expect(found.length).toBeGreaterThan(2);
			rebuildAnalysis(step.db, { now: new Date('2026-04-02T00:00:00Z'), staleDays: 45 });
			expect(mismatches()).toEqual(found);
			expect(facts()).toEqual(incremental);
			expect(stories()).toEqual(walked);
			expect(agreement()).toEqual(agreed);
		} finally {
			step.cleanup();
		}
	});
});

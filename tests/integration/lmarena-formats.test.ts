import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lmarenaText, lmarenaWebdev } from '../helpers/sources';
import { parseDocument } from '../../src/lib/server/ingest/ingest';
import { decodeText } from '../../src/lib/catalogue/documents';
import type { SourceDefinition } from '../../src/lib/catalogue/contract';
import { fixture, sharedData } from '../helpers/paths';

function parseFile(source: SourceDefinition, path: string, formatName?: string) {
	const doc = { name: basename(path), path, text: decodeText(readFileSync(path)).text, companions: {} };
	const format = formatName ? source.formats.find((f) => f.name === formatName) : source.formats.find((f) => f.detect(doc));
	if (!format) throw new Error(`no format detected for ${path}`);
	return { format: format.name, snapshots: parseDocument(source, format, doc) };
}

const row = <T extends { model: string }>(snapshot: { rows: T[] }, model: string) => snapshot.rows.find((r) => r.model === model);

describe('LMArena text: recorded formats', () => {
	it('reads the HF-space table with upper-bound ranks and ties (2025-03-01)', () => {
		const { format, snapshots } = parseFile(lmarenaText, sharedData('lmarena_fboulnois/hfspace_text/2025-03-01.csv'));
		expect(format).toBe('hfspace-csv');
		const [s] = snapshots;
		expect(s.board).toBe('lmarena-text');
		expect(s.rankSemantics).toBe('ub');
		expect(s.feed).toBe('hf-space');
		const top = row(s, 'chocolate (Early Grok-3)')!;
		expect(top).toMatchObject({ rank: 1, score: 1403, ciLower: 1397, ciUpper: 1408, votes: 13065, organization: 'xAI' });
		expect(top.extras?.rank_style_control).toBe(1);
		const ranks = s.rows.map((r) => r.rank);
		expect(new Set(ranks).size).toBeLessThan(ranks.length); // UB ranks tie
	});

	it('reads the first header generation (arena_elo, no rank_stylectrl) of 2024-06-19', () => {
		const { snapshots } = parseFile(lmarenaText, sharedData('lmarena_fboulnois/hfspace_text/2024-06-19.csv'));
		expect(row(snapshots[0], 'GPT-4o-2024-05-13')).toMatchObject({ rank: 1, score: 1287, votes: 42046 });
		expect(row(snapshots[0], 'GPT-4o-2024-05-13')!.extras?.rank_style_control).toBeUndefined();
	});

	it('reads pkl CSVs with rank = row number and the upper-bound rank from rank_stylectrl (Grok 4, 2025-07-27)', () => {
		const { format, snapshots } = parseFile(lmarenaText, sharedData('lmarena_fboulnois/pkl_text/2025-07-27.csv'));
		expect(format).toBe('pkl-csv');
		const grok = row(snapshots[0], 'Grok-4-0709')!;
		expect(grok.rank).toBe(2);
		expect(grok.extras?.row_number).toBe(3);
		expect(grok.score).toBe(1438);
		expect(snapshots[0].rows).toHaveLength(260);
	});

	it('turns the arena-catalog JSON into one board per category, ranked by rating', () => {
		const { snapshots } = parseFile(lmarenaText, sharedData('lmarena_arena_catalog/leaderboard-text/2025-04-04.json'));
		const boards = snapshots.map((s) => s.board);
		expect(boards).toContain('lmarena-text');
		expect(boards).toContain('lmarena-text/coding');
		expect(boards).toHaveLength(20);
		const full = snapshots.find((s) => s.board === 'lmarena-text')!;
		expect(full.rows).toHaveLength(214);
		expect(full.rankSemantics).toBe('computed');
		expect(full.adjustment).toBe('none');
		const sorted = [...full.rows].sort((a, b) => a.rank - b.rank);
		expect(sorted[0].score).toBeGreaterThanOrEqual(sorted[1].score!);
		expect(sorted[0].rankLower).toBe(1);
	});

	it('files the style-controlled catalog under lmarena-text/style-control', () => {
		const { snapshots } = parseFile(lmarenaText, sharedData('lmarena_arena_catalog/leaderboard-text-style-control/2025-04-04.json'));
		const full = snapshots.find((s) => s.board === 'lmarena-text/style-control')!;
		expect(full.adjustment).toBe('style-control');
		expect(snapshots.map((s) => s.board)).toContain('lmarena-text/style-control/coding');
	});

	it('expands the wide pkl rating history into one snapshot per publish date, 0.0 meaning absent', () => {
		const { snapshots } = parseFile(lmarenaText, sharedData('lmarena_text_pkl_history_nakasyou/2025-03-02.csv'));
		expect(snapshots).toHaveLength(98);
		const last = snapshots.find((s) => s.publishedAsOf === '2025-02-27')!;
		expect(row(last, 'early-grok-3')!.score).toBeCloseTo(1403.455, 2);
		const feb03 = snapshots.find((s) => s.publishedAsOf === '2025-02-03')!;
		expect(row(feb03, 'gemini-2.0-pro-exp-02-05')).toBeUndefined();
	});

	it('reads the 2025 Arena Overview HTML: per-category ranks, Grok 4 third overall and first in math', () => {
		const { format, snapshots } = parseFile(lmarenaText, sharedData('html_fixtures/lmarena_leaderboard_overview_table_2025-07-24.html'));
		expect(format).toBe('overview-html');
		// The page shows arena.ai's default view, style control: its own series, never the unadjusted board.
		const overall = snapshots.find((s) => s.board === 'lmarena-text/style-control')!;
		const math = snapshots.find((s) => s.board === 'lmarena-text/style-control/math')!;
		expect(overall.rows).toHaveLength(217);
		expect(row(overall, 'grok-4-0709')!.rank).toBe(3);
		expect(row(math, 'grok-4-0709')!.rank).toBe(1);
		expect(snapshots.map((s) => s.board)).toContain('lmarena-text/style-control/coding');
		expect(snapshots.every((s) => s.adjustment === 'style-control' && s.board.startsWith('lmarena-text/style-control'))).toBe(true);
	});

	it('reads all three 2026 capture header generations, including glued organization and licence', () => {
		const feb03 = parseFile(lmarenaText, sharedData('franri3008_scraped_2026/lmarena_text_leaderboard/2026-02-03.csv')).snapshots[0];
		expect(row(feb03, 'gemini-3-pro')).toMatchObject({ rank: 1, rankLower: 1, rankUpper: 1, score: 1487, ciLower: 1482, votes: 32205, organization: 'Google' });
		const feb10 = parseFile(lmarenaText, sharedData('franri3008_scraped_2026/lmarena_text_leaderboard/2026-02-10.csv')).snapshots[0];
		expect(row(feb10, 'claude-opus-4-6')).toMatchObject({ rank: 2, score: 1501, organization: 'Anthropic', license: 'Proprietary', ciUpper: 1511 });
		// Settings in parentheses belong to the key; what follows them is the organization.
		expect(row(feb10, 'gemini-3-flash (thinking-minimal)')).toMatchObject({ rank: 9, organization: 'Google', license: 'Proprietary' });
		expect(row(feb10, 'gemini-3-flash')).toMatchObject({ rank: 5, organization: 'Google' });
		expect(row(feb10, 'llama-4-maverick-17b-128e-instruct')).toMatchObject({ rank: 140, organization: 'Meta', license: 'Llama 4' });
		expect(row(feb10, 'yi-lightning')).toMatchObject({ organization: '01 AI' });
		expect(feb10.rows.filter((r) => /\s[·•]\s/.test(r.model))).toEqual([]);
		expect(new Set(feb10.rows.map((r) => r.rowKey)).size).toBe(feb10.rows.length);
		const mar11 = parseFile(lmarenaText, sharedData('franri3008_scraped_2026/lmarena_text_leaderboard/2026-03-11.csv')).snapshots[0];
		expect(mar11.rankSemantics).toBe('ordinal');
		expect(mar11.adjustment).toBe('style-control');
		expect(mar11.rows.every((r) => r.rankLower !== null && r.rankUpper! >= r.rankLower!)).toBe(true);
	});

	it('reads the latin-1 capture of 2026-03-15 (± as byte 0xB1): gpt-5.4 ranks 14th', () => {
		const { snapshots } = parseFile(lmarenaText, sharedData('soothsayer_crossboard_2026-03-15/lmarena/2026-03-15.csv'));
		expect(snapshots[0].rows).toHaveLength(324);
		expect(row(snapshots[0], 'gpt-5.4')).toMatchObject({ rank: 14, score: 1463, ciLower: 1454, ciUpper: 1472, votes: 4055 });
		expect(row(snapshots[0], 'gemini-3.1-pro-preview')).toMatchObject({ rank: 4, rankLower: 1, rankUpper: 7 });
	});

	it('rejects the Cloudflare challenge page as blocked, never as an empty board', () => {
		const page = sharedData('html_fixtures/lmarena_leaderboard_cloudflare_challenge_2026-01-03.html');
		expect(() => parseFile(lmarenaText, page, 'arena-page-html')).toThrow(/blocked: Cloudflare/);
	});

	it('reads the live arena.ai page table, taking model keys from title attributes', () => {
		const { format, snapshots } = parseFile(lmarenaText, fixture('lmarena/arena-page-text.html'));
		expect(format).toBe('arena-page-html');
		const [s] = snapshots;
		expect(s.feed).toBe('live-page');
		expect(s.rows).toHaveLength(5);
		expect(row(s, 'llama-4-maverick-17b-128e-instruct')).toMatchObject({ rank: 5, rankLower: 3, rankUpper: 7, votes: 40218, license: 'Llama 4' });
		expect(row(s, 'grok-4.20-beta1')!.extras?.preliminary).toBe(true);
	});

	it('reads the official dataset rows: board per category, publish date as the as-of date', () => {
		const { snapshots } = parseFile(lmarenaText, fixture('lmarena/dataset-rows-text.json'));
		expect(snapshots.map((s) => s.board).sort()).toEqual(['lmarena-text', 'lmarena-text/coding', 'lmarena-text/math']);
		const overall = snapshots.find((s) => s.board === 'lmarena-text')!;
		expect(overall.publishedAsOf).toBe('2026-03-12');
		expect(overall.feed).toBe('official-dataset');
		expect(row(overall, 'gpt-5.4')).toMatchObject({ rank: 3, votes: 4055, score: 1463 });
	});
});

describe('LMArena WebDev: recorded formats', () => {
	it('reads transcribed tables: sequential ranks are ordinal (early-grok-3 4th on 2025-03-13)', () => {
		const { format, snapshots } = parseFile(lmarenaWebdev, sharedData('webdev_arena/2025-03-13.csv'));
		expect(format).toBe('webdev-csv');
		expect(snapshots[0].rankSemantics).toBe('ordinal');
		expect(snapshots[0].rows).toHaveLength(21);
		expect(snapshots[0].rows.find((r) => /grok/i.test(r.model))).toMatchObject({ rank: 4 });
	});

	it('keeps upper-bound ranks with ties as ub (2025-08-12, GPT-5 (high) first)', () => {
		const { snapshots } = parseFile(lmarenaWebdev, sharedData('webdev_arena/2025-08-12.csv'));
		expect(snapshots[0].rankSemantics).toBe('ub');
		expect(row(snapshots[0], 'GPT-5 (high)')).toMatchObject({ rank: 1, score: 1481.98, ciLower: 1481.98 - 10.06, votes: 3651 });
	});

	it('reads the launch blog table from CSV and from HTML to the same rows', () => {
		const csv = parseFile(lmarenaWebdev, sharedData('webdev_arena/2025-03-06.csv')).snapshots[0];
		const html = parseFile(lmarenaWebdev, sharedData('webdev_arena/2025-03-06.lmarena_blog_table.html')).snapshots[0];
		expect(csv.rows).toHaveLength(25);
		expect(html.rows).toEqual(csv.rows);
		expect(row(csv, 'early-grok-3-so-false')).toMatchObject({ rank: 4, score: 1146.99 });
	});
});

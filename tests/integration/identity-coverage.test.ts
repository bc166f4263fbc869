import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { loadCrosswalk, resolveName } from '../../src/lib/identity';
import { sharedData } from '../helpers/paths';

/**
 * Top-50 names of recorded boards (read in place from ../shared/leaderboards) must resolve to a
 * family. The only exceptions are names that are ambiguous by nature and must stay unresolved.
 */
const cw = loadCrosswalk();
const AMBIGUOUS = new Set([
	'Mistral Large', // Large 1 / 2 / 3
	'Mistral Small',
	'Qwen3.5122B A17B', // Yupp label matches no Qwen3.5 model (122B is A10B)
	'o3 (high) + gpt-4.1', // architect + editor: two models
	'DeepSeek R1 + claude-3-5-sonnet-20241022',
	'QwQ-32B + Qwen 2.5 Coder Instruct',
	'deepseek-chat', // rolling API aliases: suggested by date only
	'deepseek-reasoner',
	'deepseek/deepseek-chat',
	'deepseek/deepseek-reasoner'
]);

const csvRows = (path: string, encoding: BufferEncoding = 'utf8') =>
	parse(readFileSync(path, encoding), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];

const top50: Record<string, { names: string[]; date: string }> = {
	'lmarena-text 2025-08-04 (pkl)': {
		names: csvRows(sharedData('lmarena_fboulnois', 'pkl_text', '2025-08-04.csv')).filter((r) => Number(r.rank) <= 50).map((r) => r.model),
		date: '2025-08-04'
	},
	'lmarena-text 2025-03-17 (hf space)': {
		names: csvRows(sharedData('lmarena_fboulnois', 'hfspace_text', '2025-03-17.csv')).filter((r) => Number(r.rank) <= 50).map((r) => r.model),
		date: '2025-03-17'
	},
	'lmarena-text 2026-03-15 (latin-1)': {
		names: csvRows(sharedData('soothsayer_crossboard_2026-03-15', 'lmarena', '2026-03-15.csv'), 'latin1').filter((r) => Number(r.Rank) <= 50).map((r) => r.Model),
		date: '2026-03-15'
	},
	'lmarena-text 2026-02-10 (scraped, glued org)': {
		names: csvRows(sharedData('franri3008_scraped_2026', 'lmarena_text_leaderboard', '2026-02-10.csv')).filter((r) => Number(r.Rank) <= 50).map((r) => r.Model),
		date: '2026-02-10'
	},
	'webdev 2025-08-12': { names: csvRows(sharedData('webdev_arena', '2025-08-12.csv')).slice(0, 50).map((r) => r.model), date: '2025-08-12' },
	'yupp 2026-03-15 text': {
		names: csvRows(sharedData('yupp', '2026-03-15.csv'))
			.filter((r) => r.text_score)
			.sort((a, b) => Number(b.text_score) - Number(a.text_score))
			.slice(0, 50)
			.map((r) => r.model),
		date: '2026-03-15'
	},
	'artificial-analysis 2026-03-24': {
		names: csvRows(sharedData('franri3008_scraped_2026', 'aa_models_leaderboard', '2026-03-24.csv'))
			.filter((r) => r['Artificial Analysis Intelligence Index'])
			.sort((a, b) => Number(b['Artificial Analysis Intelligence Index']) - Number(a['Artificial Analysis Intelligence Index']))
			.slice(0, 50)
			.map((r) => r.Model),
		date: '2026-03-24'
	},
	'livebench 2026-03-24 (footnotes)': {
		names: csvRows(sharedData('franri3008_scraped_2026', 'livebench_leaderboard', '2026-03-24.csv')).slice(0, 50).map((r) => r.Model),
		date: '2026-03-24'
	},
	'aider polyglot 2025-10-04': {
		names: (load(readFileSync(sharedData('aider', 'polyglot', '2025-10-04.yml'), 'utf8'), { schema: CORE_SCHEMA }) as { model: string; pass_rate_2: number }[])
			.sort((a, b) => b.pass_rate_2 - a.pass_rate_2)
			.slice(0, 50)
			.map((e) => e.model),
		date: '2025-10-04'
	}
};

describe('top-50 coverage on recorded boards', () => {
	it.each(Object.entries(top50))('%s', (_board, { names, date }) => {
		expect(names.length).toBeGreaterThanOrEqual(10);
		const missing = names.filter((n) => !AMBIGUOUS.has(n.trim()) && resolveName(n, { date }, cw).family === null);
		expect(missing).toEqual([]);
	});

	it('SWE-bench model tags of the bash-only board resolve', () => {
		const json = JSON.parse(readFileSync(sharedData('swebench_leaderboards', '2025-08-11.json'), 'utf8')) as {
			leaderboards: { name: string; results: { name: string; tags: string[] }[] }[];
		};
		const board = json.leaderboards.find((b) => b.name === 'bash-only')!;
		for (const e of board.results) {
			const tag = e.tags.find((t) => t.startsWith('Model: '))!.slice('Model: '.length);
			const byName = resolveName(e.name, { date: '2025-08-11', extras: { tag_model: tag } }, cw);
			const byTag = resolveName(tag, { date: '2025-08-11' }, cw);
			expect([e.name, byName.family]).toEqual([e.name, byTag.family]);
			expect(byName.family).not.toBeNull();
		}
	});
});

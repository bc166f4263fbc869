import { describe, expect, it } from 'vitest';
import { decisionKey, loadCrosswalk, needsReview, resolveName, type ResolveContext } from '../../src/lib/identity';

const cw = loadCrosswalk();
const r = (raw: string, ctx: ResolveContext = {}) => resolveName(raw, ctx, cw);
const at = (date: string, source?: string) => ({ date, source: source ?? null });
const family = (raw: string, ctx?: ResolveContext) => r(raw, ctx).family;
const release = (raw: string, ctx?: ResolveContext) => r(raw, ctx).release;

describe('SCENARIOS.md cases', () => {
	it('1. Grok 4 across LMArena, Aider and LiveBench (July 2025) is one release', () => {
		const names: [string, ResolveContext][] = [
			['Grok-4-0709', at('2025-07-27', 'lmarena-text')],
			['grok-4-0709', at('2025-07-24', 'lmarena-text')],
			['grok-4 (high)', { ...at('2025-07-11', 'aider-polyglot'), extras: { command: 'aider --model xai/grok-4', reasoning_effort: 'high' } }],
			['grok-4-0709', at('2025-07-22', 'livebench')],
			['Grok 4', at('2025-07-24', 'livebench')]
		];
		for (const [name, ctx] of names) {
			const res = r(name, ctx);
			expect([name, res.family, res.release]).toEqual([name, 'grok-4', 'grok-4@2025-07-09']);
		}
		expect(r('grok-4 (high)').variants).toEqual(['effort:high']);
	});

	it('2. GPT-5.4, Gemini 3 Pro and Gemini 3.1 Pro on Yupp vs LMArena (2026-03-15)', () => {
		const y = at('2026-03-15', 'yupp');
		const l = at('2026-03-15', 'lmarena-text');
		expect(family('GPT-5.4', y)).toBe('gpt-5.4');
		expect(family('gpt-5.4', l)).toBe('gpt-5.4');
		expect(family('GPT-5.4(High)', y)).toBe('gpt-5.4');
		expect(r('GPT-5.4(High)', y).variants).toEqual(['effort:high']);
		expect(family('Gemini3 Pro', y)).toBe('gemini-3-pro');
		expect(family('gemini-3-pro', l)).toBe('gemini-3-pro');
		expect(release('Gemini3 Pro', y)).toBe(release('gemini-3-pro', l));
		expect(family('Gemini3.1 Pro', y)).toBe('gemini-3.1-pro');
		expect(family('gemini-3.1-pro-preview', l)).toBe('gemini-3.1-pro');
		expect(family('Gemini 3.1 Pro Preview High**5th rank in unseen questions across all categories', at('2026-03-13'))).toBe('gemini-3.1-pro');
		expect(family('Gemini 3.1 Pro Preview', at('2026-03-17', 'artificial-analysis'))).toBe('gemini-3.1-pro');
		// 3 and 3.1 are different families
		expect(family('Gemini3 Pro', y)).not.toBe(family('Gemini3.1 Pro', y));
	});

	it('3. Claude 4 Opus on SWE-bench = Claude Opus 4 (20250514) on LMArena', () => {
		const swe = r('Claude 4 Opus (20250514)', { ...at('2025-08-11', 'swebench'), extras: { tag_model: 'claude-4-opus-20250514' } });
		const arena = r('Claude Opus 4 (20250514)', at('2025-08-04', 'lmarena-text'));
		expect(swe.family).toBe('claude-opus-4');
		expect(swe.release).toBe('claude-opus-4@2025-05-14');
		expect(arena.release).toBe(swe.release);
		expect(r('Gemini 2.5 Pro (2025-05-06)', { ...at('2025-08-11'), extras: { tag_model: 'gemini-2.5-pro' } }).release).toBe('gemini-2.5-pro@preview-05-06');
		expect(release('Gemini-2.5-Pro', at('2025-08-04'))).toBe('gemini-2.5-pro@2025-06-17');
	});

	it('4. chocolate (Early Grok-3) = early-grok-3 = early-grok-3-so-false, not Grok-3-Preview-02-24', () => {
		const ids = ['chocolate (Early Grok-3)', 'early-grok-3', 'early-grok-3-so-false'].map((n) => r(n, at('2025-03-13')));
		for (const x of ids) expect([x.family, x.release]).toEqual(['grok-3', 'grok-3@early-grok-3']);
		const preview = r('Grok-3-Preview-02-24', at('2025-03-17'));
		expect(preview.family).toBe('grok-3');
		expect(preview.release).toBe('grok-3@preview-02-24');
		expect(preview.release).not.toBe(ids[0].release);
	});

	it('5. Aider "Gemini 2.5 Pro exp-03-25" and "Gemini 2.5 Pro Preview 03-25": one release, two tags', () => {
		const exp = r('Gemini 2.5 Pro exp-03-25', at('2025-04-11', 'aider-polyglot'));
		const pre = r('Gemini 2.5 Pro Preview 03-25', at('2025-04-12', 'aider-polyglot'));
		expect(exp.release).toBe('gemini-2.5-pro@exp-03-25');
		expect(pre.release).toBe(exp.release);
		expect(exp.variants).toEqual(['experimental']);
		expect(pre.variants).toEqual(['preview']);
		expect(release('Gemini-2.5-Pro-Exp-03-25', at('2025-03-28'))).toBe(exp.release);
		expect(release('gemini-2.5-pro-preview-03-25')).toBe(exp.release);
	});

	it('6. five spellings of the public Llama 4 Maverick, and the experimental checkpoint apart', () => {
		const spellings: [string, string][] = [
			['Llama-4-Maverick-17B-128E-Instruct', '2025-05-06'],
			['llama-4-maverick-17b-128e-instruct', '2025-04-10'],
			['llama4-maverick-instruct-basic', '2025-06-11'],
			['Llama 4 Maverick', '2025-04-11'],
			['Llama4 Maverick', '2026-03-15']
		];
		for (const [name, date] of spellings) {
			const x = r(name, at(date));
			expect([name, x.family, x.release]).toEqual([name, 'llama-4-maverick', 'llama-4-maverick@2025-04-05']);
		}
		const exp = r('Llama-4-Maverick-03-26-Experimental', at('2025-07-27'));
		expect(exp.family).toBe('llama-4-maverick');
		expect(exp.release).toBe('llama-4-maverick@03-26-experimental');
		expect(exp.variants).toEqual(['experimental']);
	});

	it('7. scrape artefacts: organisation and licence glued on, LiveBench footnotes', () => {
		const x = r('llama-4-maverick-17b-128e-instruct Meta · Llama 4', at('2026-02-10'));
		expect([x.family, x.release]).toEqual(['llama-4-maverick', 'llama-4-maverick@2025-04-05']);
		expect(family('MoonshotAI  kimi-k2-0711-preview')).toBe('kimi-k2');
		expect(release('MoonshotAI  kimi-k2-0711-preview')).toBe('kimi-k2@2025-07-11');
		expect(r('gemini-3-flash (thinking-minimal) Google · Proprietary').variants).toEqual(['thinking', 'thinking:minimal']);
	});
});

describe('brand glued to the model, display names, provider prefixes', () => {
	it.each([
		['GPT-4omini', 'gpt-4o-mini'],
		['Qwen332B', 'qwen3-32b'],
		['Qwen3235B A22B Instruct 2507', 'qwen3-235b-a22b'],
		['Qwen330B A3B Instruct 2507', 'qwen3-30b-a3b'],
		['ClaudeOpus 4.6', 'claude-opus-4.6'],
		['OpenAIo3-pro', 'o3-pro'],
		['Gemini3.1 Pro', 'gemini-3.1-pro'],
		['KimiK2.5 Instant', 'kimi-k2.5'],
		['DeepSeekV3.2', 'deepseek-v3.2'],
		['MiniMaxM2.1', 'minimax-m2.1'],
		['Grok4.1 Fast Reasoning', 'grok-4.1-fast'],
		['GPT-5.2Instant', 'gpt-5.2'],
		['DeepSeek-R10528', 'deepseek-r1'],
		['NVIDIALlama 3.3 Nemotron Super 49B v1.5', 'llama-3.3-nemotron-super-49b-v1.5'],
		['Claude 4.6 Opus Thinking High Effort', 'claude-opus-4.6'],
		['anthropic/claude-3-5-sonnet-20241022', 'claude-3.5-sonnet'],
		['openrouter/openai/gpt-oss-120b', 'gpt-oss-120b'],
		['nvidia_nim/meta/llama-4-maverick-17b-128e-instruct', 'llama-4-maverick'],
		['Meta-Llama-3.1-405B-Instruct-fp8', 'llama-3.1-405b']
	])('%s → %s', (raw, fam) => {
		expect(family(raw)).toBe(fam);
	});

	it('reads display-name settings as variants', () => {
		expect(r('Claude 4.6 Opus Thinking High Effort').variants).toEqual(['effort:high', 'thinking']);
		expect(r('Claude Opus 4.6 (Non-reasoning, High Effort)').variants).toEqual(['effort:high', 'no-thinking']);
		expect(r('claude-opus-4-5-20251101-thinking-64k-high-effort').variants).toEqual(['effort:high', 'thinking', 'thinking:64k']);
		expect(r('gemini-2.5-pro-preview-06-05 (32k think)').variants).toEqual(['preview', 'thinking', 'thinking:32k']);
		expect(r('GPT-5.2(Extra High)').variants).toEqual(['effort:xhigh']);
		expect(r('o3-mini-2025-01-31-high-so-false').variants).toEqual(['effort:high']);
		expect(r('chatgpt-4o-latest-20250326').variants).toEqual(['latest']);
	});
});

describe('dated releases and date spellings', () => {
	it.each([
		['claude-3-5-sonnet-20240620', 'claude-3.5-sonnet@2024-06-20'],
		['Claude 3.5 Sonnet (20241022)', 'claude-3.5-sonnet@2024-10-22'],
		['claude-3.5-sonnet-20241022', 'claude-3.5-sonnet@2024-10-22'],
		['ClaudeSonnet 3.5 v2', 'claude-3.5-sonnet@2024-10-22'],
		["Claude 3.5 Sonnet (June '24)", 'claude-3.5-sonnet@2024-06-20'],
		['gpt-4o-2024-05-13', 'gpt-4o@2024-05-13'],
		['GPT-4o-2024-08-06', 'gpt-4o@2024-08-06'],
		['gpt-4o-20241120', 'gpt-4o@2024-11-20'],
		["GPT-4o (Aug '24)", 'gpt-4o@2024-08-06'],
		['chatgpt-4o-latest-20250326', 'gpt-4o@chatgpt-2025-03-26'],
		['o3-mini (20250131)', 'o3-mini@2025-01-31'],
		['Gemini-2.5-Pro-Preview-05-06', 'gemini-2.5-pro@preview-05-06'],
		["Gemini 2.5 Pro Preview (May' 25)", 'gemini-2.5-pro@preview-05-06'],
		['gemini-2.5-flash-preview-09-2025', 'gemini-2.5-flash@preview-09-2025'],
		['Gemini2.5 Flash Preview 0925', 'gemini-2.5-flash@preview-09-2025'],
		['gemini-1.5-pro-002', 'gemini-1.5-pro@002'],
		['Deepseek-v2.5-1210', 'deepseek-v2.5@2024-12-10'],
		['DeepSeek V3 (0324)', 'deepseek-v3@2025-03-24'],
		['qwen3-235b-a22b-thinking-2507', 'qwen3-235b-a22b@thinking-2507'],
		['Qwen 3 235B A22B Instruct 2507', 'qwen3-235b-a22b@instruct-2507'],
		['mistral-large-2402', 'mistral-large-1@2024-02-26'],
		['Mistral Large 2 (Nov \'24)', 'mistral-large-2@2024-11-18'],
		['command-r-plus-08-2024', 'command-r-plus@2024-08-30'],
		['amazon-nova-experimental-chat-26-02-10', 'amazon-nova-experimental-chat@2026-02-10'],
		['hunyuan-turbos-20250416', 'hunyuan-turbos@2025-04-16']
	])('%s → %s', (raw, rel) => {
		expect(release(raw)).toBe(rel);
	});

	it('a date that matches no known release leaves the release unknown, the family known', () => {
		const x = r('claude-4-opus-20250522');
		expect(x.family).toBe('claude-opus-4');
		expect(x.release).toBeNull();
		expect(release('chatgpt-4o-latest-2025-03-27')).toBeNull();
	});
});

describe('the board date decides an undated name only when one public release existed', () => {
	it('undated o3 after 2025-04-16 is the 2025-04-16 release', () => {
		expect(release('o3', at('2025-07-01'))).toBe('o3@2025-04-16');
		expect(r('o3', at('2025-07-01')).method).toBe('context');
	});

	it('several public releases by then: unknown', () => {
		expect(release('gpt-4o', at('2025-06-01'))).toBeNull();
		expect(release('Claude 3.5 Sonnet', at('2025-01-01'))).toBeNull();
		expect(release('Claude 3.5 Sonnet', at('2024-08-01'))).toBe('claude-3.5-sonnet@2024-06-20');
		expect(release('Kimi K2', at('2025-08-01'))).toBe('kimi-k2@2025-07-11');
		expect(release('Kimi K2', at('2026-03-15'))).toBeNull();
	});

	it('an undated name before the public release is not the public release', () => {
		expect(release('Gemini 2.5 Pro', at('2025-04-20'))).toBeNull();
		expect(release('Gemini 2.5 Pro', at('2025-07-20'))).toBe('gemini-2.5-pro@2025-06-17');
	});

	it('rolling aliases and tagged names are never guessed', () => {
		expect(release('chatgpt-4o-latest', at('2025-06-01'))).toBeNull();
		expect(release('gpt-5-chat', at('2025-10-01'))).toBeNull();
		expect(release('GPT-5.2Instant', at('2026-03-15'))).toBeNull();
		expect(release('gpt-5-old', at('2025-11-05'))).toBeNull();
		expect(release('imagen-4.0-generate-preview-06-06-old')).toBeNull();
		expect(release('reka-flash-21b-20240226-online')).toBeNull();
	});

	it('a word some release reserves steers the choice (Qwen 2507 Instruct/Thinking, ChatGPT builds)', () => {
		expect(release('qwen3-235b-a22b-thinking', at('2025-05-15'))).toBe('qwen3-235b-a22b@2025-04-29');
		expect(release('qwen3-235b-a22b-thinking', at('2025-09-01'))).toBeNull();
		expect(release('Qwen3 Max Thinking', at('2026-03-15'))).not.toBe('qwen3-max@2025-09-23');
		expect(release('GPT-4o (Aug \'24)')).toBe('gpt-4o@2024-08-06');
		expect(release('ChatGPT-4o-latest (2024-11-20)')).toBe('gpt-4o@chatgpt-2024-11-20');
		expect(release('GPT-4o-2024-11-20')).toBe('gpt-4o@2024-11-20');
	});

	it('a name several families share needs a date (Mistral Large/Small/Medium, Qwen Max)', () => {
		expect(family('Mistral Large', at('2025-07-24'))).toBeNull();
		expect(r('Mistral Large', at('2025-07-24')).suggestions.map((s) => s.family)).toContain('mistral-large-2');
		expect(family('Mistral Large (2411)')).toBe('mistral-large-2');
		expect(family('mistral-small-2501')).toBe('mistral-small-3');
		expect(family('mistral-medium', at('2024-06-01'))).toBe('mistral-medium-1');
		expect(family('qwen-max-0428')).toBe('qwen-max-0428');
		expect(family('Qwen-Max-2025-01-25')).toBe('qwen2.5-max');
		expect(family('qwen-max-2025-08-15')).toBeNull();
	});
});

describe('board context beyond the date', () => {
	it('an Aider command names the API model and fills the release the display name leaves open', () => {
		const x = r('Gemini 2.5 Pro', { date: '2025-05-08', extras: { command: 'aider --model gemini/gemini-2.5-pro-preview-05-06' } });
		expect(x.release).toBe('gemini-2.5-pro@preview-05-06');
		expect(x.method).toBe('context');
	});

	it('architect runs and combinations are never one model', () => {
		const x = r('o3 (high) + gpt-4.1', { extras: { command: 'aider --model o3 --architect --editor-model gpt-4.1' } });
		expect(x.family).toBeNull();
		expect(x.method).toBe('combination');
		expect(x.suggestions[0].family).toBe('o3');
		expect(needsReview(x)).toBe(true);
	});

	it('a model id alone never puts an unreadable name into a family; it is only suggested', () => {
		const x = r('Some Agent v2', { extras: { tag_model: 'claude-4-sonnet-20250514' } });
		expect(x.family).toBeNull();
		expect(x.suggestions[0]).toEqual({ family: 'claude-sonnet-4', release: 'claude-sonnet-4@2025-05-14', score: 0.9 });
	});

	it('a display name and a model id that disagree lower the confidence into the review queue', () => {
		const x = r('gpt-4.1', { extras: { command: 'aider --model gpt-4o' } });
		expect(x.family).toBe('gpt-4.1');
		expect(needsReview(x)).toBe(true);
	});

	it('an undated name with its own date keeps a missing release missing', () => {
		expect(release('GLM-4.5 (2025-08-22)', { date: '2025-09-29', extras: { tag_model: 'GLM-4.5' } })).toBeNull();
	});

	it('rolling API aliases are suggested by date, never merged', () => {
		const x = r('deepseek/deepseek-chat', { date: '2025-01-10', extras: { command: 'aider --model deepseek/deepseek-chat' } });
		expect(x.family).toBeNull();
		expect(x.method).toBe('rolling-alias');
		expect(x.suggestions[0]).toEqual({ family: 'deepseek-v3', release: 'deepseek-v3@2024-12-26', score: 0.8 });
	});
});

describe('analyst decisions win over every rule', () => {
	it('a decision keyed by source and raw name, by raw name, or by normalized name', () => {
		const raw = 'Grok 3 Reasoning Beta';
		expect(family(raw)).toBe('grok-3');
		const bySource = new Map([[decisionKey(raw, 'artificial-analysis'), { family: 'grok-3-mini', release: null }]]);
		expect(resolveName(raw, { source: 'artificial-analysis' }, cw, bySource)).toMatchObject({ family: 'grok-3-mini', method: 'decision', confidence: 1 });
		expect(resolveName(raw, { source: 'yupp' }, cw, bySource).family).toBe('grok-3');
		const anywhere = { [raw]: { family: null } };
		expect(resolveName(raw, {}, cw, anywhere)).toMatchObject({ family: null, release: null, method: 'decision' });
		const byNormal = new Map([['qwen3.5-122b-a17b', { family: 'qwen3.5-122b-a10b', release: null }]]);
		expect(resolveName('Qwen3.5 122B A17B', {}, cw, byNormal).family).toBe('qwen3.5-122b-a10b');
	});

	it('keeps the rule-read variants unless the decision names them', () => {
		const d = { 'gpt-5-chat': { family: 'gpt-5', release: null } };
		expect(resolveName('gpt-5-chat', {}, cw, d).variants).toEqual(['chat']);
	});
});

describe('unknown names', () => {
	it('stay unresolved with look-alikes for the review queue', () => {
		const x = r('gpt-4o-mini-search-preview');
		expect(x.family).toBeNull();
		expect(x.method).toBe('unresolved');
		expect(x.suggestions[0].family).toBe('gpt-4o-mini');
		expect(x.suggestions.every((s) => s.score < 1)).toBe(true);
		expect(needsReview(x)).toBe(true);
		expect(family('DeepSeek-R1-Distill-Qwen-7B')).toBeNull();
		expect(family('grok-4-heavy')).toBeNull();
		expect(family('')).toBeNull();
	});

	it('reports organisation and normalized spelling', () => {
		const x = r('Claude Opus 4 (20250514)');
		expect(x.organization).toBe('Anthropic');
		expect(x.normalized).toBe('claude-opus-4-20250514');
		expect(x.suggestions).toEqual([]);
	});
});

describe('speed', () => {
	it('resolves thousands of names well under 1 ms each', () => {
		const names = [
			'Llama-4-Maverick-17B-128E-Instruct', 'Gemini 2.5 Pro Preview 03-25', 'Qwen3235B A22B Instruct 2507',
			'claude-opus-4-5-20251101-thinking-64k-high-effort', 'GPT-5.2(Extra High)', 'unknown-model-xyz-9000'
		];
		r(names[0]);
		const t0 = performance.now();
		const n = 3000;
		for (let i = 0; i < n; i++) r(names[i % names.length], at('2025-08-01'));
		expect((performance.now() - t0) / n).toBeLessThan(0.5);
	});
});

describe('family separation: sizes, tiers and point versions never merge', () => {
	it.each([
		['GPT-4o-2024-08-06', 'GPT-4o-mini-2024-07-18'],
		['gpt-4o', 'GPT-4omini'],
		['o3-2025-04-16', 'o3-mini-2025-01-31'],
		['o3-2025-04-16', 'o3-pro'],
		['o3-mini-high', 'OpenAIo3-pro'],
		['gemini-2.5-pro', 'gemini-2.5-flash'],
		['Gemini 2.5 Flash', 'Gemini 2.5 Flash-Lite'],
		['qwen3-235b-a22b', 'qwen3-32b'],
		['Qwen3235B A22B', 'Qwen332B'],
		['Claude Opus 4 (20250514)', 'Claude Opus 4.1 (20250805)'],
		['claude-opus-4-5-20251101', 'claude-opus-4-6'],
		['deepseek-v3', 'deepseek-v3.2'],
		['deepseek-v3.2', 'deepseek-v3.2-speciale'],
		['Llama-4-Maverick-17B-128E-Instruct', 'Llama-4-Scout-17B-16E-Instruct'],
		['Llama 4 Maverick', 'Llama 4 Scout Instruct'],
		['gpt-5', 'gpt-5-mini'],
		['gpt-5-mini', 'gpt-5-nano'],
		['gpt-5.1-codex', 'gpt-5.1-codex-max'],
		['gpt-5.1-codex', 'gpt-5.1-codex-mini'],
		['gpt-5', 'GPT-5 Codex (high)'],
		['gpt-5', 'GPT-5 Pro'],
		['GPT-5.1', 'GPT-5.2'],
		['Grok 4', 'Grok 4 Fast'],
		['grok-4.1', 'grok-4-1-fast-reasoning'],
		['grok-3-beta', 'grok-3-mini-beta'],
		['glm-4.5', 'glm-4.5-air'],
		['GLM-4.7', 'GLM-4.7-Flash'],
		['kimi-k2-0905-preview', 'kimi-k2.5'],
		['minimax-m2', 'MiniMax-M2.1'],
		['gemini-1.5-flash-002', 'gemini-1.5-flash-8b-001'],
		['gemini-2.0-flash-001', 'gemini-2.0-flash-lite-001'],
		['gemma-3-27b-it', 'gemma-3-12b-it'],
		['gemma-2-9b-it', 'Gemma-2-9B-it-SimPO'],
		['mistral-small-2506', 'mistral-small-2503'],
		['mistral-large-2411', 'mistral-large-3'],
		['llama-3.1-405b-instruct', 'llama-3.1-70b-instruct'],
		['llama-3.1-nemotron-70b-instruct', 'llama-3.1-70b-instruct'],
		['Llama-3.3-Nemotron-Super-49B-v1', 'Nvidia-Llama-3.3-Nemotron-Super-49B-v1.5'],
		['command-r', 'command-r-plus'],
		['phi-4', 'phi-4-reasoning-plus'],
		['deepseek-r1', 'deepseek-r1-distill-llama-70b'],
		['DeepSeek R1 0528 Qwen3 8B', 'deepseek-r1-0528'],
		['qwen3-vl-235b-a22b-instruct', 'qwen3-235b-a22b-instruct-2507'],
		['Qwen3-Coder-480B-A35B-Instruct', 'Qwen3-Coder-30B-A3B-Instruct'],
		['Qwen2.5-Max', 'qwen-max-0919'],
		['GPT-4-0613', 'gpt-4-turbo-2024-04-09'],
		['gpt-oss-120b', 'gpt-oss-20b'],
		['imagen-4.0-generate-preview-06-06', 'imagen-4.0-ultra-generate-preview-06-06'],
		['gemini-2.5-flash-image-preview (nano-banana)', 'gemini-2.5-flash'],
		['Ministral3B 2512', 'Ministral3B'],
		['magistral-medium-2506', 'Magistral Medium 1.2']
	])('%s ≠ %s', (a, b) => {
		const ra = r(a, at('2026-03-15'));
		const rb = r(b, at('2026-03-15'));
		expect(ra.family, a).not.toBeNull();
		expect(rb.family, b).not.toBeNull();
		expect(ra.family).not.toBe(rb.family);
	});

	it('checkpoints are never the public release', () => {
		const pairs: [string, string][] = [
			['Gemini-2.5-Pro-Exp-03-25', 'Gemini-2.5-Pro'],
			['Gemini-2.5-Pro-Preview-06-05', 'gemini-2.5-pro'],
			['llama-4-maverick-03-26-experimental', 'llama-4-maverick-17b-128e-instruct'],
			['chocolate (Early Grok-3)', 'grok-3-beta'],
			['o1-preview', 'o1-2024-12-17'],
			['qwq-32b-preview', 'QwQ-32B'],
			['gemini-2.0-flash-exp', 'gemini-2.0-flash-001'],
			['Quasar Alpha', 'gpt-4.1'],
			['deepseek-v3.2-exp', 'deepseek-v3.2']
		];
		for (const [a, b] of pairs) {
			const ra = r(a, at('2025-09-01'));
			const rb = r(b, at('2026-03-15'));
			expect(ra.family, a).toBe(rb.family);
			expect(ra.release, a).not.toBeNull();
			expect(ra.release, a).not.toBe(rb.release);
		}
	});
});

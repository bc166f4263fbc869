import { describe, expect, it } from 'vitest';
import { cleanArtefacts, compactKey, normalizeName } from '../../src/lib/identity/normalize';
import { parseDateAt } from '../../src/lib/identity/dates';
import { parseRemainder, variantsFromExtras } from '../../src/lib/identity/variants';

const words = (raw: string) => normalizeName(raw).tokens.map((t) => t.text);
const remainder = (raw: string) =>
	parseRemainder(normalizeName(raw).tokens, { labels: new Set(), providers: new Set(['fal', 'openrouter']), orgs: new Set(['alibaba']) });

describe('cleaning scrape artefacts (real cells from the recorded boards)', () => {
	it('drops organisation and licence glued onto an LMArena key', () => {
		expect(cleanArtefacts('llama-4-maverick-17b-128e-instruct Meta · Llama 4')).toBe('llama-4-maverick-17b-128e-instruct');
		expect(cleanArtefacts('claude-opus-4-6 Anthropic · Proprietary')).toBe('claude-opus-4-6');
		expect(cleanArtefacts('grok-4-0709 xAI · Proprietary')).toBe('grok-4-0709');
		expect(cleanArtefacts('gemini-3-flash (thinking-minimal) Google · Proprietary')).toBe('gemini-3-flash (thinking-minimal)');
		// a middle dot inside a name is not the artefact
		expect(cleanArtefacts('DALL·E 3')).toBe('DALL·E 3');
	});

	it('drops an organisation column glued in front with two spaces', () => {
		expect(cleanArtefacts('MoonshotAI  kimi-k2-0711-preview')).toBe('kimi-k2-0711-preview');
		expect(cleanArtefacts('Cohere  command-a-03-2025')).toBe('command-a-03-2025');
	});

	it('cuts LiveBench footnotes leaking into the name', () => {
		expect(cleanArtefacts('Gemini 3.1 Pro Preview High**5th rank in unseen questions across all categories')).toBe('Gemini 3.1 Pro Preview High');
	});

	it('drops provider paths, links, Bedrock revisions and the LMArena -so-false suffix', () => {
		expect(cleanArtefacts('openrouter/moonshotai/kimi-k2')).toBe('kimi-k2');
		expect(cleanArtefacts('meta-llama/Llama-3.3-70B-Instruct')).toBe('Llama-3.3-70B-Instruct');
		expect(cleanArtefacts('https://huggingface.co/Qwen/Qwen3-Coder-480B-A35B-Instruct')).toBe('Qwen3-Coder-480B-A35B-Instruct');
		expect(cleanArtefacts('amazon.nova-pro-v1:0')).toBe('amazon.nova-pro-v1');
		expect(cleanArtefacts('early-grok-3-so-false')).toBe('early-grok-3');
		expect(cleanArtefacts('o3-mini-2025-01-31-high-so-false')).toBe('o3-mini-2025-01-31-high');
		// a slash between two words of a name is not a provider path
		expect(cleanArtefacts('Qwen3-Coder 480B/A35B Instruct')).toBe('Qwen3-Coder 480B/A35B Instruct');
	});
});

describe('tokens', () => {
	it('reads single digit-digit as a point version but keeps dates and quantisation tags apart', () => {
		expect(words('claude-3-5-sonnet-20241022')).toEqual(['claude', '3.5', 'sonnet', '20241022']);
		expect(words('claude-opus-4-1-20250805')).toEqual(['claude', 'opus', '4.1', '20250805']);
		expect(words('grok-4-1-fast-reasoning')).toEqual(['grok', '4.1', 'fast', 'reasoning']);
		expect(words('o3-mini-2025-01-31')).toEqual(['o3', 'mini', '2025', '01', '31']);
		expect(words('gemma-2-9b-it')).toEqual(['gemma', '2', '9b', 'it']);
		expect(words('qwen2.5:32b-instruct-q8_0')).toEqual(['qwen2.5', '32b', 'instruct', 'q8', '0']);
	});

	it('keeps dots inside numbers and splits them elsewhere', () => {
		expect(words('amazon.nova-lite-v1.0')).toEqual(['amazon', 'nova', 'lite', 'v1.0']);
		expect(words('FLUX.1 [dev] (fp8)')).toEqual(['flux', '1', 'dev', 'fp8']);
	});

	it('moves parenthesised settings and comma notes after the name', () => {
		const n = normalizeName('Qwen3 235B A22B diff, no think, Alibaba API');
		expect(n.tokens.filter((t) => !t.paren).map((t) => t.text)).toEqual(['qwen3', '235b', 'a22b', 'diff']);
		expect(n.tokens.filter((t) => t.paren).map((t) => t.text)).toEqual(['no', 'think', 'alibaba', 'api']);
		expect(normalizeName('Claude Opus 4 (20250514)').normalized).toBe('claude-opus-4-20250514');
	});

	it('flags two models in one Aider row', () => {
		expect(normalizeName('o3 (high) + gpt-4.1').combination).toBe(true);
		expect(normalizeName('Command R+ (08-2024)').combination).toBe(false);
		expect(words('CommandR+')).toEqual(['commandr', 'plus']);
	});

	it('glued Yupp brands meet the spaced spelling in the compact key', () => {
		const key = (s: string) => compactKey(normalizeName(s).tokens);
		expect(key('Gemini3.1 Pro')).toBe(key('gemini-3.1-pro'));
		expect(key('ClaudeOpus 4.6')).toBe(key('Claude Opus 4.6'));
		expect(key('Qwen332B')).toBe(key('qwen3-32b'));
		expect(key('Llama4 Maverick')).toBe(key('llama-4-maverick'));
	});
});

describe('date spellings', () => {
	const read = (s: string) => {
		const w = words(s);
		return parseDateAt(w, 0);
	};
	it('reads the spellings boards use', () => {
		expect(read('20250219')?.readings).toEqual([{ y: 2025, m: 2, d: 19 }]);
		expect(read('2025-02-19')?.readings).toEqual([{ y: 2025, m: 2, d: 19 }]);
		expect(read('(20250514)')?.readings).toEqual([{ y: 2025, m: 5, d: 14 }]);
		expect(read('02-19')?.readings).toEqual([{ m: 2, d: 19 }]);
		expect(read('0219')?.readings).toEqual([{ m: 2, d: 19 }]);
		expect(read('2507')?.readings).toEqual([{ y: 2025, m: 7 }]);
		expect(read('251228')?.readings).toEqual([{ y: 2025, m: 12, d: 28 }]);
		expect(read('202506')?.readings).toEqual([{ y: 2025, m: 6 }]);
		expect(read('09-2025')?.readings).toEqual([{ y: 2025, m: 9 }]);
		expect(read('26-02-10')?.readings).toEqual([{ y: 2026, m: 2, d: 10 }]);
		expect(read("Mar '25")?.readings).toEqual([{ y: 2025, m: 3 }]);
		expect(read('Feb 2026')?.readings).toEqual([{ y: 2026, m: 2 }]);
		expect(read('May')?.readings).toEqual([{ m: 5 }]);
	});

	it('keeps both readings of an ambiguous spelling and rejects non-dates', () => {
		expect(read('08-24')?.readings).toEqual([
			{ m: 8, d: 24 },
			{ y: 2024, m: 8 }
		]);
		expect(read('8192')).toBeNull(); // Groq context length in llama3-70b-8192
		expect(read('32b')).toBeNull();
		expect(read('2.5')).toBeNull();
	});
});

describe('variant tags', () => {
	it('reads thinking budgets, efforts and labels', () => {
		expect(remainder('thinking-32k').variants).toEqual(['thinking', 'thinking:32k']);
		expect(remainder('(32k think)').variants).toEqual(['thinking', 'thinking:32k']);
		expect(remainder('(32k thinking tokens)').variants).toEqual(['thinking', 'thinking:32k']);
		expect(remainder('(thinking-minimal)').variants).toEqual(['thinking', 'thinking:minimal']);
		expect(remainder('Thinking High Effort').variants).toEqual(['thinking', 'effort:high']);
		expect(remainder('(Adaptive Reasoning, Max Effort)').variants).toEqual(['thinking', 'thinking:adaptive', 'effort:max']);
		expect(remainder('(Non-reasoning, Low Effort)').variants).toEqual(['no-thinking', 'effort:low']);
		expect(remainder('xHigh').variants).toEqual(['effort:xhigh']);
		expect(remainder('(Extra High)').variants).toEqual(['effort:xhigh']);
		expect(remainder('(no think)').variants).toEqual(['no-thinking']);
		expect(remainder('highthinking').variants).toEqual(['thinking', 'thinking:high']);
		expect(remainder('Exp').variants).toEqual(['experimental']);
		expect(remainder('preview').variants).toEqual(['preview']);
		expect(remainder('latest').variants).toEqual(['latest']);
		expect(remainder('(diff)').variants).toEqual(['edit:diff']);
		expect(remainder('bf16').variants).toEqual(['precision:bf16']);
		expect(remainder('fal').ok).toBe(true);
		expect(remainder('(Alibaba API)').ok).toBe(true);
	});

	it('reads a word by the first rule that takes it, with the words that follow it', () => {
		// A level before a thinking word is the thinking level; `extended` is no level of its own.
		expect(remainder('max thinking').variants).toEqual(['thinking', 'thinking:max']);
		expect(remainder('extended thinking').variants).toEqual(['thinking']);
		// `high` is a resolution before `res` and an effort elsewhere.
		expect(remainder('high res').variants).toEqual(['resolution:high']);
		expect(remainder('high reasoning').variants).toEqual(['effort:high']);
		expect(remainder('extra high effort').variants).toEqual(['effort:xhigh']);
		expect(remainder('diff fenced').variants).toEqual(['edit:diff-fenced']);
		expect(remainder('q4_K_M gguf')).toMatchObject({ ok: true, variants: ['precision:q4'] });
		expect(remainder('thinking 2025-03-25')).toMatchObject({ ok: true, variants: ['thinking'], dates: [expect.any(Array)] });
		expect(remainder('thinking preview (prev)').variants).toEqual(['thinking', 'preview', 'old']);
		expect(remainder('thinking wibble')).toMatchObject({ ok: false, variants: ['thinking'], unknown: ['wibble'] });
	});

	it('refuses words that name another model, not a setting', () => {
		for (const w of ['mini', 'pro', 'lite', 'flash', 'fast', 'turbo', 'codex', 'vision', 'plus', 'max', 'speciale', 'v2']) {
			expect(remainder(w).ok, w).toBe(false);
		}
		// `max` is a setting only in parentheses or before "effort"
		expect(remainder('(max)').variants).toEqual(['effort:max']);
	});

	it('reads Aider run settings from board extras', () => {
		expect(variantsFromExtras({ reasoning_effort: 'high', thinking_tokens: 32768 })).toEqual(['effort:high', 'thinking', 'thinking:32k']);
		expect(variantsFromExtras({ thinking_tokens: 0 })).toEqual(['no-thinking']);
		expect(variantsFromExtras(null)).toEqual([]);
	});
});

import { describe, expect, it } from 'vitest';
import { readJsLiteral } from '../../scrapers/sources/livebench/js-literal';
import { hiddenByDefault, siteModelList } from '../../scrapers/sources/livebench/site-models';

// A bundle in the shape livebench.ai's minified code has (hand-written): the model list beside other code.
const BUNDLE = `(()=>{var a=["2025-11-25","2026-01-08"],Ke={x:1},je={"gpt-5":{url:"https://openai.com",organization:"OpenAI",displayName:"GPT-5",reasoner:!0,variants:[{rawName:"gpt-5-high",displayName:"GPT-5 High"},{rawName:"gpt-5-low"}]},
"o3":{organization:"OpenAI",displayName:'o3 \\u2014 "high"'},"smaug":{organization:"Abacus.AI",openweight:!0,finetune:{organization:"Abacus.AI",baseModel:"Kimi K3"}},
"grok-4-0709":{organization:"xAI",version:"2025-07-09",reasoner:!1},"glm-5":{organization:"Z.AI",note:void 0,score:-1.5e2,},"qwen3":{displayName:"Qwen3",organization:\`Alibaba\`}};
const Te=e=>je[e]?{...je[e]}:void 0;})();`;

describe('reading a JavaScript literal out of site code', () => {
	it('reads objects, arrays, strings with escapes, numbers and minified booleans as data', () => {
		const code = `x={"a":[1,-2.5e1,!0,!1,null,void 0],b:'it\\'s',c:{"d":"\\u00e9\\n"},}`;
		expect(readJsLiteral(code, 2)).toEqual({ a: [1, -25, true, false, null, undefined], b: "it's", c: { d: 'é\n' } });
	});

	it('gives up on anything that is not plain data: calls, variables, templates with expressions, unterminated text', () => {
		for (const code of ['{a:f()}', '{a:b}', '{a:`x${y}`}', '{"a":"open', '{a:1 b:2}']) expect(readJsLiteral(code, 0), code).toBeNull();
	});

	it('keeps a key named __proto__ as data, not as the object’s prototype', () => {
		const v = readJsLiteral('{"__proto__":{"polluted":1}}', 0) as Record<string, unknown>;
		expect(Object.keys(v)).toEqual(['__proto__']);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});

describe('the model list of livebench.ai’s page', () => {
	it('is found in the code and names every key and variant with its listed model', () => {
		const list = siteModelList(BUNDLE)!;
		expect(Object.keys(list).sort()).toEqual(['glm-5', 'gpt-5', 'gpt-5-high', 'gpt-5-low', 'grok-4-0709', 'o3', 'qwen3', 'smaug']);
		expect(list['gpt-5-low']).toEqual({ base: 'gpt-5', finetune: false });
		expect(list.smaug).toEqual({ base: 'smaug', finetune: true });
	});

	it('is absent from code that lists fewer models than a real list would', () => {
		expect(siteModelList('var Ce={"a":{organization:"A"},"b":{organization:"B"}};')).toBeNull();
		expect(siteModelList('no list here')).toBeNull();
	});

	it('marks the rows the page hides by default, each with its reason, and keeps every row', () => {
		const list = siteModelList(BUNDLE)!;
		const rows = [
			{ model: 'gpt-5-high', score: 70 },
			{ model: 'smaug', score: 69 },
			{ model: 'unlisted-model', score: 68 },
			{ model: 'gpt-5', score: 65 },
			{ model: 'o3', score: 60 },
			{ model: 'gpt-5-low', score: 60 },
			{ model: 'grok-4-0709', score: null }
		];
		const marks = hiddenByDefault(rows, list);
		expect(marks).toHaveLength(rows.length);
		expect(marks.map((m) => m.hidden_by_default)).toEqual([false, true, true, true, false, true, false]);
		expect(marks[1].hidden_reason).toMatch(/fine-tune/);
		expect(marks[2].hidden_reason).toMatch(/not in the site’s model list/);
		expect(marks[3].hidden_reason).toBe('the site shows a better-scoring variant of gpt-5: gpt-5-high');
		expect(marks[5].hidden_reason).toBe('the site shows a better-scoring variant of gpt-5: gpt-5-high');
	});

	it('lets a variant stand when the better one is a fine-tune the page hides anyway', () => {
		const list = { a: { base: 'a', finetune: true }, 'a-low': { base: 'a', finetune: false } };
		expect(hiddenByDefault([{ model: 'a', score: 9 }, { model: 'a-low', score: 5 }], list).map((m) => m.hidden_by_default)).toEqual([true, false]);
	});
});

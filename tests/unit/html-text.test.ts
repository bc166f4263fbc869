import { describe, expect, it } from 'vitest';
import { load } from 'cheerio';
import { loadHtml, spacedText } from '../../scrapers/parse-helpers';

// What spacedText gave when it went through cheerio's selections: stored model names (and so snapshot
// content hashes) depend on it, so the direct walk must give the same text, odd order included.
function throughSelections(html: string, selector: string): string {
	const $ = load(html);
	const parts: string[] = [];
	$(selector)
		.find('*')
		.addBack()
		.contents()
		.each((_, node) => {
			if (node.type === 'text') parts.push(node.data);
		});
	return parts.join(' ').replace(/\s+/g, ' ').trim();
}

const CELLS = [
	'<table><tr><td id="c"><span class="brand">Google</span>Gemini-2.5-Pro</td></tr></table>',
	// Text on both sides of an element: the cell's own texts first, then the element's.
	'<table><tr><td id="c">a<b>b</b>c<i>d<u>e</u>f</i>g</td></tr></table>',
	'<table><tr><td id="c"><a title="x">  GPT-4o\n (2024-11-20)</a><!-- a note --><script>var s=1</script><style>.x{}</style></td></tr></table>',
	'<table><tr><td id="c"></td></tr></table>',
	'<div><p class="c">one <em>two</em></p><p class="c">three</p></div>'
];

describe('spacedText', () => {
	it.each(CELLS)('gives what cheerio\'s selections gave for %s', (html) => {
		const selector = html.includes('id="c"') ? '#c' : '.c';
		const $ = loadHtml(html);
		expect(spacedText($(selector) as never)).toBe(throughSelections(html, selector));
	});

	it('keeps a text node\'s spacing apart from its neighbours', () => {
		const $ = loadHtml('<table><tr><td>Claude<span>Opus</span><span>4.1</span></td></tr></table>');
		expect(spacedText($('td') as never)).toBe('Claude Opus 4.1');
	});
});

describe('loadHtml', () => {
	it('parses as a browser does (parse5): a table row without tbody is put in one', () => {
		const $ = loadHtml('<table><tr><td>1</td></tr></table>');
		expect($('table > tbody > tr > td').text()).toBe('1');
	});
});

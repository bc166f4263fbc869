/**
 * LMArena names one category differently in each of its feeds: the catalog JSON (`hard_6`,
 * `multiturn`, `if`, `full`), the official dataset (`hard_prompts`, `multi_turn`,
 * `instruction_following`, `overall`) and the page's column titles ("Hard Prompts", "Multi-Turn").
 * Each category is one board whatever feed brought it, under the catalog's key (the first feed
 * recorded, so existing board ids keep working). Keys not listed here are used as they come.
 */
const SYNONYMS: Record<string, string> = {
	overall: 'full',
	default: 'full',
	hard_prompts: 'hard_6',
	hard_prompts_english: 'hard_english_6',
	hard_english: 'hard_english_6',
	multi_turn: 'multiturn',
	instruction_following: 'if',
	longer_query: 'long_user',
	longer_queries: 'long_user'
};

/** The board key of a category as any feed spells it: lower case, words joined by `_`; `full` is the overall board. */
export function canonicalCategory(raw: string): string {
	const key = raw
		.trim()
		.toLowerCase()
		.replace(/\(([^)]*)\)/g, '_$1')
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
	return SYNONYMS[key] ?? key;
}


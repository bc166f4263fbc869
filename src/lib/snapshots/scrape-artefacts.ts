/**
 * Text that page scrapers glue onto a model name. Parsers split it off so stored names are clean;
 * identity resolution applies the same rules to names that reach it any other way (older stored
 * names, names typed into `rankdrift resolve`).
 */

/**
 * A footnote the page prints after the name, flattened into the cell by the scrape:
 * `Gemini 3.1 Pro Preview High**5th rank in unseen questions across all categories` (LiveBench 2026).
 * No board spells a model with an asterisk, so the first one starts the footnote.
 */
export function splitFootnote(cell: string): { name: string; footnote: string | null } {
	const m = /^([^*]*?)\s*\*+\s*(.*)$/s.exec(cell);
	if (!m || !m[1]) return { name: cell, footnote: null };
	return { name: m[1].trim(), footnote: m[2].trim() || null };
}

/**
 * Organization and licence glued after the name, `<name> <organization> · <licence>`
 * (`gemini-3-flash (thinking-minimal) Google · Proprietary`, LMArena 2026 captures). The name is one
 * space-free key with its parenthesised settings; a middle dot inside a name (`DALL·E 3`) has no spaces around it.
 */
export function splitGluedOrganization(cell: string): { name: string; organization: string | null; license: string | null } {
	if (!/\s[·•]\s/.test(cell)) return { name: cell, organization: null, license: null };
	const text = cell.replace(/\s+/g, ' ').trim();
	const dot = text.search(/ [·•] /);
	const left = text.slice(0, dot);
	const key = /^\S+(?: ?\([^)]*\))*/.exec(left)![0];
	return { name: key, organization: left.slice(key.length).trim() || null, license: text.slice(dot + 3).trim() || null };
}

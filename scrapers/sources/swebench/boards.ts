import { ParseError } from '../../../src/lib/catalogue/errors';
import { slug } from '../../parse-helpers';

export const SOURCE_ID = 'swebench';

/**
 * Published board names that are another board under an earlier name. The bash-only board (every
 * model in the same minimal mini-SWE-agent loop on Verified) was published as `verified-mini` in the
 * 2025-07-28 file, after the site's "Rename micro -> mini swe agent" commit; its page was
 * `verified-micro` before that.
 */
const ALIASES: Record<string, string> = {
	'verified-mini': 'bash-only',
	'verified-micro': 'bash-only'
};

export interface BoardName {
	id: string;
	/** Set when the published name is an alias: the name as the file spells it. */
	publishedAs: string | null;
}

/** `Verified` → `swebench/verified`; names never seen before still become `swebench/<slug>`. */
export function boardIdFor(name: string, position: number): BoardName {
	const key = slug(name);
	if (!key) throw new ParseError(`board ${position}: name ${JSON.stringify(name)} has no letters or digits to make a board id from`);
	const canonical = ALIASES[key];
	return canonical ? { id: `${SOURCE_ID}/${canonical}`, publishedAs: name } : { id: `${SOURCE_ID}/${key}`, publishedAs: null };
}

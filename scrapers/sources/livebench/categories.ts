import * as z from 'zod';
import { NotASnapshotError, ParseError } from '../../../src/lib/catalogue/errors';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';

/** Category → its task columns, in the file's order (the site averages in that order). */
export type Categories = [category: string, tasks: string[]][];

const categoriesSchema = z.record(z.string().min(1), z.array(z.string().min(1)).min(1, 'a category lists no tasks'));

const CATEGORIES_NAME = /^categories_(\d{4}_\d{2}_\d{2})\.json$/i;

/** Reads `categories_<RELEASE>.json`; the reason names the file, since it is a companion and not the file being imported. */
export function parseCategories(text: string, fileName: string): Categories {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		throw new ParseError(`${fileName} is not valid JSON`);
	}
	const result = categoriesSchema.safeParse(data);
	if (!result.success || Object.keys(result.data).length === 0)
		throw new ParseError(`${fileName} is not a map of category → task names (${result.success ? 'no categories' : result.error.issues[0].message})`);
	return Object.entries(data as Record<string, string[]>);
}

function looksLikeCategories(text: string): boolean {
	const t = text.trimStart();
	if (!t.startsWith('{')) return false;
	try {
		return categoriesSchema.safeParse(JSON.parse(t)).success;
	} catch {
		return false;
	}
}

/** Why an import-folder file is a categories companion, or null. */
export function companionReason(path: string): string | null {
	const m = path.split(/[\\/]/).pop()?.match(CATEGORIES_NAME);
	return m ? `companion of table_${m[1]}, read with it` : null;
}

/**
 * A categories file met on its own (renamed, or imported with an explicit format): it holds no
 * scores, so it is skipped rather than rejected.
 */
export const categoriesJsonFormat: SnapshotFormat = {
	name: 'livebench-categories-json',
	description: 'categories_<RELEASE>.json (category → task names): a companion of the release table, skipped',
	detect: (doc) => looksLikeCategories(doc.text),
	parse(doc) {
		throw new NotASnapshotError(companionReason(doc.name) ?? 'a LiveBench category → task map, read with its release table');
	}
};

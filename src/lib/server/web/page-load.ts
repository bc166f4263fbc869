import { error } from '@sveltejs/kit';
import { appContext } from '../app-context';
import type { AppContext } from '../context';
import { BadParameter, Params } from '../export/params';
import { NotFoundError } from '../errors';
import { DecisionError } from '../identity/service';

/**
 * A page's load with its URL read by the same parameter parser as the API and `rankdrift export`
 * (export/params.ts), so a page and its CSV link mean the same thing by the same URL. What services and
 * datasets throw becomes a page: a bad parameter or decision a 400, an unknown id a 404. (The API turns
 * the same errors into JSON answers in export/http.ts.)
 */
export function pageLoad<T>(url: URL, load: (p: Params, ctx: AppContext) => T): T {
	try {
		return load(new Params(url.searchParams), appContext());
	} catch (e) {
		pageError(e);
	}
}

/** What a service or dataset threw, as the page Kit shows: 400 for a bad parameter or decision, 404 for an unknown id; anything else as it is. */
export function pageError(e: unknown): never {
	if (e instanceof BadParameter) error(400, { message: `Bad ${e.param}`, detail: e.message });
	if (e instanceof DecisionError) error(400, { message: 'Bad request', detail: e.message });
	if (e instanceof NotFoundError) error(404, { message: 'Not found', detail: e.message });
	throw e;
}
